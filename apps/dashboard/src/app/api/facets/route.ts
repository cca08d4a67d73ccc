import { getDateRange, getTotals, listLanguages, listOutlets, listTopics } from '@rasid/db/queries';
import { SUBJECTS } from '@rasid/parser';
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
      // The standard subjects' Arabic names, for the Arabic interface (outlets' own section labels are
      // shown as the outlet wrote them).
      subjectNamesAr: Object.fromEntries(SUBJECTS.map((subject) => [subject.slug, subject.ar])),
    };
  });
}
