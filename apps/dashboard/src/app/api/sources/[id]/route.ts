import { deleteDashboardSource, updateDashboardSource } from '@rasid/db/queries';
import { NextResponse } from 'next/server';
import { requireAdmin } from '@/server/admin';
import { parseBody, parseId, readJsonBody } from '@/server/body';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';
import { asBadParam, sourcePatchSchema } from '@/server/source-body';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

const notFound = (id: number) =>
  NextResponse.json({ error: `id: there is no source ${id}` }, { status: 404 });

/** Turns a source added here on or off, or changes its schedule or hints. */
export function PATCH(request: Request, context: Context) {
  return respondJson(async () => {
    const refused = requireAdmin(request);
    if (refused) return refused;
    const id = parseId((await context.params).id);
    const patch = parseBody(sourcePatchSchema, await readJsonBody(request));
    return asBadParam(() => updateDashboardSource(getDb(), id, patch)) ?? notFound(id);
  });
}

/** Deletes a source added here; its articles and its runs stay. */
export function DELETE(request: Request, context: Context) {
  return respondJson(async () => {
    const refused = requireAdmin(request);
    if (refused) return refused;
    const id = parseId((await context.params).id);
    const deleted = asBadParam(() => deleteDashboardSource(getDb(), id));
    return deleted ? { deleted } : notFound(id);
  });
}
