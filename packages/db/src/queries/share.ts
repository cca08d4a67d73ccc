// "Share of each outlet's own output": how much of what an outlet published on a day matches the filters.
// Counts alone favour prolific outlets; a share says that 12 of BBC's 40 articles were about the topic.
import type { Db } from '../client.ts';
import { outputFilters } from './compare.ts';
import { countCoverage } from './coverage.ts';
import type { CoverageFilters, TimeBucket } from './types.ts';

export type SharePoint = {
  /** The bucket: a day, a week's Monday or YYYY-MM. */
  key: string;
  /** The outlet id when split by outlet, else null. */
  stack: string | null;
  stackLabel: string | null;
  /** Articles matching the filters. */
  count: number;
  /** Every article of that outlet (or of the filtered outlets, unsplit) in the bucket: the denominator. */
  base: number;
};

/**
 * Matching articles and the output they are a share of, per bucket and (with `byOutlet`) per outlet.
 * The denominator keeps only the dates and outlets of the filters: a search, topic or language narrows
 * the numerator alone. Buckets where the outlet published nothing are left out (a share of nothing).
 * Both sides come from the same rollups as the time chart, so `count` equals the chart's bar.
 */
export function countShare(
  db: Db,
  filters: CoverageFilters,
  bucket: TimeBucket,
  byOutlet: boolean,
): SharePoint[] {
  const stack = byOutlet ? 'outlet' : null;
  const matched = countCoverage(db, filters, bucket, stack);
  const output = countCoverage(db, outputFilters(filters), bucket, stack);
  const counts = new Map(matched.map((point) => [`${point.key}\u0000${point.stack ?? ''}`, point.count]));
  return output.map((point) => ({
    key: point.key,
    stack: point.stack,
    stackLabel: point.stackLabel,
    count: counts.get(`${point.key}\u0000${point.stack ?? ''}`) ?? 0,
    base: point.count,
  }));
}
