import type { TimeBucket } from '@/lib/filters';
import { bucketOfDay } from './time-axis';

const dayMs = 86_400_000;

/** A day on which at least one source was failing (as /api/source-failures answers). */
export type FailingDay = { day: string; sources: { name: string }[] };

/** One time-chart bucket holding failing days. */
export type FailureShade = {
  /** Its failing days, ascending. */
  days: string[];
  /** How many of the bucket's days lie within the chart's dates: "2 of 7 days" (a week cut by a filter: fewer). */
  ofDays: number;
  /** Where each failing day lies across the column, as fractions [start, end) of the bucket's width. */
  spans: [number, number][];
  /** The failing sources' names, in order of first failure. */
  sources: string[];
};

export type FailureShading = {
  shades: Map<string, FailureShade>;
  /** Failing days outside the chart's dates (before its first or after its last day): said in words. */
  outside: FailingDay[];
};

function dayTime(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The first day of a bucket and its length in days (weeks start on Monday, months on the 1st). */
function bucketDays(key: string, bucket: TimeBucket): { start: number; length: number } {
  if (bucket === 'month') {
    const [year, month] = key.split('-').map(Number) as [number, number];
    return { start: Date.UTC(year, month - 1, 1), length: new Date(Date.UTC(year, month, 0)).getUTCDate() };
  }
  return { start: dayTime(key), length: bucket === 'week' ? 7 : 1 };
}

/**
 * Which time-chart buckets to shade for the days a source was failing, within the chart's dates
 * (`from`..`to`, inclusive, either open). A week or month is not shaded as if it failed throughout: each
 * failing day is drawn at its place across the column and counted against the bucket's days within the
 * chart's dates, so one failing day of 31 reads as that.
 */
export function shadeFailures(
  days: readonly FailingDay[],
  bucket: TimeBucket,
  from: string | null,
  to: string | null,
): FailureShading {
  const shades = new Map<string, FailureShade>();
  const outside: FailingDay[] = [];
  const first = from === null ? Number.NEGATIVE_INFINITY : dayTime(from);
  const last = to === null ? Number.POSITIVE_INFINITY : dayTime(to);
  for (const entry of [...days].sort((a, b) => a.day.localeCompare(b.day))) {
    const time = dayTime(entry.day);
    if (Number.isNaN(time)) continue;
    if (time < first || time > last) {
      outside.push(entry);
      continue;
    }
    const key = bucketOfDay(entry.day, bucket);
    let shade = shades.get(key);
    if (!shade) {
      const { start, length } = bucketDays(key, bucket);
      const end = start + (length - 1) * dayMs;
      const ofDays = Math.round((Math.min(end, last) - Math.max(start, first)) / dayMs) + 1;
      shade = { days: [], ofDays, spans: [], sources: [] };
      shades.set(key, shade);
    }
    const { start, length } = bucketDays(key, bucket);
    const offset = Math.round((time - start) / dayMs);
    shade.days.push(entry.day);
    shade.spans.push([offset / length, (offset + 1) / length]);
    for (const source of entry.sources)
      if (!shade.sources.includes(source.name)) shade.sources.push(source.name);
  }
  return { shades, outside };
}

/** What a chart is given for a shaded bucket: the text it says, and where its failing days lie. */
export type ShadedBucket = { text: string; spans: readonly (readonly [number, number])[] };
