import { deleteAlertRule, setAlertRuleEnabled } from '@rasid/db/queries';
import { NextResponse } from 'next/server';
import { requireAdmin } from '@/server/admin';
import { alertRuleUpdateSchema, parseBody, parseId, readJsonBody } from '@/server/body';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

const notFound = (id: number) =>
  NextResponse.json({ error: `id: there is no alert rule ${id}` }, { status: 404 });

/** Enables or disables a rule. */
export function PATCH(request: Request, context: Context) {
  return respondJson(async () => {
    const refused = requireAdmin(request);
    if (refused) return refused;
    const id = parseId((await context.params).id);
    const { enabled } = parseBody(alertRuleUpdateSchema, await readJsonBody(request));
    return setAlertRuleEnabled(getDb(), id, enabled) ?? notFound(id);
  });
}

/** Deletes a rule and the alerts it raised. */
export function DELETE(request: Request, context: Context) {
  return respondJson(async () => {
    const refused = requireAdmin(request);
    if (refused) return refused;
    const id = parseId((await context.params).id);
    return deleteAlertRule(getDb(), id) ? { deleted: id } : notFound(id);
  });
}
