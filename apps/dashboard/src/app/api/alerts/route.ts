import { listAlertRules, listAlerts, listOutlets } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { parseAlertParams, parseFilters } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

/** Stored alerts (newest day first) within the dates, and every rule, enabled or not. */
export function GET(request: NextRequest) {
  return respondJson(() => {
    const search = request.nextUrl.searchParams;
    const { from, to } = parseFilters(search);
    const { limit } = parseAlertParams(search);
    const db = getDb();
    return {
      alerts: listAlerts(db, { ...(from ? { from } : {}), ...(to ? { to } : {}), limit }),
      rules: listAlertRules(db),
      // Rules name an outlet by id; the page shows its name.
      outletNames: Object.fromEntries(listOutlets(db).map((outlet) => [outlet.id, outlet.name])),
    };
  });
}
