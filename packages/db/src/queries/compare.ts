// Several queries, topics or outlets side by side on one time axis. Each series is the page's filters
// with one dimension replaced by the series' own (its search, its topic or its outlet), so a series'
// count is exactly what the overview shows when that one filter is chosen.
import type { Db } from '../client.ts';
import { countArticles, countCoverage } from './coverage.ts';
import { prepare } from './statements.ts';
import type { CoverageFilters, TimeBucket } from './types.ts';

export type CompareKind = 'q' | 'topic' | 'outlet';

/** One compared series as the URL names it: `q:gaza`, `topic:economy`, `outlet:3`. */
export type CompareSpec = { kind: CompareKind; value: string };

export type CompareSeries = CompareSpec & {
  /** `kind:value`, stable across requests (the legend's toggle and the URL use it). */
  key: string;
  /** The query as typed, the topic's name or the outlet's name. */
  label: string;
  /** Matching articles over the whole range. */
  total: number;
  /** Articles per bucket (only buckets with some), ascending. */
  points: { key: string; count: number }[];
  /**
   * With `withBase`: every article of the series' outlets (all outlets when it names none) per bucket,
   * the denominator of "share of the outlets' own output".
   */
  base?: { key: string; count: number }[];
};

export function compareKey(spec: CompareSpec): string {
  return `${spec.kind}:${spec.value}`;
}

/** The filters one series counts: the base with the series' dimension replaced. */
export function compareFilters(base: CoverageFilters, spec: CompareSpec): CoverageFilters {
  if (spec.kind === 'q') return { ...base, q: spec.value };
  if (spec.kind === 'topic') return { ...base, topics: [spec.value] };
  const id = Number(spec.value);
  if (!Number.isInteger(id) || id <= 0)
    throw new RangeError(`outlet: expected an outlet id, got ${spec.value}`);
  return { ...base, outlets: [id] };
}

/**
 * What a series' share is a share of: the same outlets and days, nothing else narrowed. Unique counts
 * stay unique on both sides, so a share is of the texts the outlets wrote, each counted once.
 */
export function outputFilters(filters: CoverageFilters): CoverageFilters {
  const out: CoverageFilters = {};
  if (filters.from) out.from = filters.from;
  if (filters.to) out.to = filters.to;
  if (filters.outlets && filters.outlets.length > 0) out.outlets = filters.outlets;
  if (filters.unique) out.unique = true;
  return out;
}

function labelOf(db: Db, spec: CompareSpec): string {
  if (spec.kind === 'q') return spec.value;
  if (spec.kind === 'topic') {
    const name = prepare(db, 'SELECT name FROM topics WHERE slug = ?').pluck().get(spec.value) as
      | string
      | undefined;
    return name ?? spec.value;
  }
  const name = prepare(db, 'SELECT name FROM outlets WHERE id = ?').pluck().get(Number(spec.value)) as
    | string
    | undefined;
  return name ?? `#${spec.value}`;
}

/**
 * Counts per time bucket for each series, in the order given. A search that cannot be parsed throws
 * the SearchSyntaxError of its series (the message names the search).
 */
export function compareCoverage(
  db: Db,
  base: CoverageFilters,
  specs: CompareSpec[],
  bucket: TimeBucket,
  opts: { withBase?: boolean } = {},
): CompareSeries[] {
  return specs.map((spec) => {
    const filters = compareFilters(base, spec);
    const points = countCoverage(db, filters, bucket).map(({ key, count }) => ({ key, count }));
    const series: CompareSeries = {
      ...spec,
      key: compareKey(spec),
      label: labelOf(db, spec),
      total: countArticles(db, filters),
      points,
    };
    if (opts.withBase) {
      series.base = countCoverage(db, outputFilters(filters), bucket).map(({ key, count }) => ({
        key,
        count,
      }));
    }
    return series;
  });
}
