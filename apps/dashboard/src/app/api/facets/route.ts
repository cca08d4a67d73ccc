import { getDateRange, getTotals, listLanguages, listOutlets, listTopics } from '@rasid/db/queries';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

// Read at request time: the worker adds articles while the dashboard runs.
export const dynamic = 'force-dynamic';

export function GET() {
  return respondJson(() => {
    const db = getDb();
    return {
      outlets: listOutlets(db),
      topics: listTopics(db),
      languages: listLanguages(db),
      dateRange: getDateRange(db, {}),
      totals: getTotals(db),
    };
  });
}
