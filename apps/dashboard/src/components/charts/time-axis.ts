import type { TimeBucket } from '@/lib/filters';

const dayMs = 86_400_000;
const maxFilled = 3000;

function parseDay(key: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return null;
  const time = Date.parse(`${key}T00:00:00Z`);
  return Number.isNaN(time) ? null : time;
}

function parseMonth(key: string): [number, number] | null {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/**
 * Every bucket between the first and last key, so that a quiet week shows as a gap on the time axis
 * instead of silently vanishing. Keys in a shape we do not recognise are returned as they are.
 * `edges` (the buckets of the filter's first and last day) widen the axis to the dates asked for, so
 * silence before an outlet's first article reads as silence; they are dropped when they would make the
 * axis longer than we draw.
 */
export function fillBuckets(keys: string[], bucket: TimeBucket, edges: string[] = []): string[] {
  if (edges.length > 0) {
    const widened = fillRange([...keys, ...edges], bucket);
    if (widened) return widened;
  }
  return fillRange(keys, bucket) ?? [...new Set(keys)].sort();
}

/**
 * The buckets of a date filter's first and last day, the last clamped to today (a future day has no
 * coverage yet, not zero coverage).
 */
export function spanEdges(
  span: { from?: string | null; to?: string | null } | undefined,
  bucket: TimeBucket,
  now: Date,
): string[] {
  const today = now.toISOString().slice(0, 10);
  const edges: string[] = [];
  if (span?.from && parseDay(span.from) !== null && span.from <= today)
    edges.push(bucketOfDay(span.from, bucket));
  if (span?.to && parseDay(span.to) !== null)
    edges.push(bucketOfDay(span.to < today ? span.to : today, bucket));
  return edges;
}

/** Every bucket from the first to the last key, or null when the keys cannot be filled. */
function fillRange(keys: string[], bucket: TimeBucket): string[] | null {
  const sorted = [...new Set(keys)].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || sorted.length < 2) return sorted;

  if (bucket === 'month') {
    const start = parseMonth(first);
    const end = parseMonth(last);
    if (!start || !end) return null;
    const out: string[] = [];
    for (let [year, month] = start; year < end[0] || (year === end[0] && month <= end[1]); ) {
      out.push(`${year}-${String(month).padStart(2, '0')}`);
      if (out.length > maxFilled) return null;
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    return out;
  }

  const start = parseDay(first);
  const end = parseDay(last);
  if (start === null || end === null) return null;
  const step = bucket === 'week' ? 7 * dayMs : dayMs;
  // Weekly keys are the first day of their week; if the data's keys are not a whole number of weeks
  // apart, the format is not what we assume, so do not invent buckets.
  if ((end - start) % step !== 0 || (end - start) / step > maxFilled) return null;
  const out: string[] = [];
  for (let time = start; time <= end; time += step) out.push(new Date(time).toISOString().slice(0, 10));
  const known = new Set(out);
  return sorted.every((key) => known.has(key)) ? out : null;
}

/** A short tick label; the year is added on the first tick and whenever it changes. */
export function tickLabel(
  key: string,
  bucket: TimeBucket,
  previousKey: string | null,
  format: (date: Date, bucket: TimeBucket) => { text: string; year: string },
): [string, string | null] {
  const showYear = previousKey === null || previousKey.slice(0, 4) !== key.slice(0, 4);
  const month = bucket === 'month' ? parseMonth(key) : null;
  const time = month ? Date.UTC(month[0], month[1] - 1, 1) : parseDay(key);
  if (time === null) return [key, null];
  const { text, year } = format(new Date(time), bucket);
  return [text, showYear ? year : null];
}

/**
 * Whether a bucket holds today (UTC, the database's clock): its count is still growing, so the chart
 * marks it rather than let a half-collected day read as a drop in coverage.
 */
export function isPartialBucket(key: string, bucket: TimeBucket, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  if (bucket === 'month') return key === today.slice(0, 7);
  if (bucket === 'day') return key === today;
  const start = parseDay(key);
  const todayTime = parseDay(today);
  return start !== null && todayTime !== null && todayTime >= start && todayTime < start + 7 * dayMs;
}

/** The key of the bucket a day falls in, as the coverage query writes it (weeks start on the ISO Monday). */
export function bucketOfDay(day: string, bucket: TimeBucket): string {
  if (bucket === 'month') return day.slice(0, 7);
  if (bucket === 'day') return day;
  const time = parseDay(day);
  if (time === null) return day;
  const weekday = (new Date(time).getUTCDay() + 6) % 7; // Monday 0
  return new Date(time - weekday * dayMs).toISOString().slice(0, 10);
}
