// What the overview's first requests answer, shared by their route handlers and the page's server render
// (which sends the first chart with the HTML instead of waiting for the browser to ask).
import type { Db } from '@rasid/db/client';
import {
  countArticles,
  countCoverage,
  getDateRange,
  getTotals,
  keepAnswer,
  listLanguages,
  listOutlets,
  listTopics,
} from '@rasid/db/queries';
import { SUBJECTS } from '@rasid/parser';
import { type CoverageGroup, type Filters, type StackDimension, toCoverageFilters } from '@/lib/filters';

/** Outlets, topics, languages, dates and totals of the whole database (the filter bar's choices). */
export function readFacets(db: Db) {
  return keepAnswer(db, 'facets', () => computeFacets(db));
}

function computeFacets(db: Db) {
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

/** Articles over time (or by outlet, topic, language) for the filters, as /api/coverage answers. */
export function readCoverage(
  db: Db,
  filters: Filters,
  groupBy: CoverageGroup,
  stackBy: StackDimension | null,
) {
  const coverageFilters = toCoverageFilters(filters);
  return keepAnswer(db, JSON.stringify(['coverage', coverageFilters, groupBy, stackBy]), () => ({
    groupBy,
    stackBy,
    // The number of matching articles, which sums of a topic chart cannot give (an article has 0..n topics).
    total: countArticles(db, coverageFilters),
    dateRange: getDateRange(db, coverageFilters),
    points: countCoverage(db, coverageFilters, groupBy, stackBy),
  }));
}
