import {
  evaluateAlertRules,
  findTopicBySlug,
  getDateRange,
  listAlertRules,
  upsertAlertRule,
} from '@rasid/db/queries';
import { NextResponse } from 'next/server';
import { BadParamError } from '@/lib/filters';
import { requireAdmin } from '@/server/admin';
import { alertRuleCreateSchema, parseBody, readJsonBody } from '@/server/body';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

/**
 * Creates a spike alert rule. A name already in use is refused (the CLI's `alerts add` replaces it; from
 * a form, a replaced rule would be a surprise). The rules are evaluated at once over every stored day, so
 * the page lists the new rule's spikes; a running worker delivers their webhooks within its 30 s poll.
 */
export function POST(request: Request) {
  return respondJson(async () => {
    const refused = requireAdmin(request);
    if (refused) return refused;
    const input = parseBody(alertRuleCreateSchema, await readJsonBody(request));
    const db = getDb();
    if (listAlertRules(db).some((rule) => rule.name === input.name))
      throw new BadParamError(`name: a rule named "${input.name}" already exists`);
    if (input.scope.kind === 'topic' && !findTopicBySlug(db, input.scope.slug))
      throw new BadParamError(`scope.slug: there is no topic ${input.scope.slug}`);
    try {
      const rule = upsertAlertRule(db, input);
      const range = getDateRange(db, {});
      if (range.from && range.to) evaluateAlertRules(db, { from: range.from, to: range.to });
      return NextResponse.json(rule, { status: 201 });
    } catch (error) {
      // upsertAlertRule names the field it refuses ("alert rule "x": k must be ...", "spike scope: ...").
      if (error instanceof Error && /^(alert rule|spike scope)/.test(error.message))
        throw new BadParamError(error.message);
      throw error;
    }
  });
}
