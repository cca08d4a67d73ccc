// What the overview's first requests answer, shared by their route handlers and the page's server render
// (which sends the first chart with the HTML instead of waiting for the browser to ask).
import type { Db } from '@rasid/db/client';
import {
  countArticles,
  countCoverage,
  getDateRange,
  getTotals,
  listLanguages,
  listOutlets,
  listTopics,
} from '@rasid/db/queries';
import { SUBJECTS } from '@rasid/parser';
import { type CoverageGroup, type Filters, type StackDimension, toCoverageFilters } from '@/lib/filters';

export function readFacets(db: Db) {
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
}

export function readCoverage(
  db: Db,
  filters: Filters,
  groupBy: CoverageGroup,
  stackBy: StackDimension | null,
) {
  const coverageFilters = toCoverageFilters(filters);
  return {
    groupBy,
    stackBy,
    // The number of matching articles, which sums of a topic chart cannot give (an article has 0..n topics).
    total: countArticles(db, coverageFilters),
    dateRange: getDateRange(db, coverageFilters),
    points: countCoverage(db, coverageFilters, groupBy, stackBy),
  };
}
