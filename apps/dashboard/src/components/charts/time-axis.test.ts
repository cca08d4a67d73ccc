import { describe, expect, it } from 'vitest';
import { bucketOfDay, fillBuckets, isPartialBucket, tickLabel } from './time-axis';

describe('time axis', () => {
  const now = new Date('2026-11-24T23:59:00Z');

  it('puts a day in the bucket the coverage query keys it by (weeks on their ISO Monday)', () => {
    expect(bucketOfDay('2026-11-24', 'day')).toBe('2026-11-24');
    expect(bucketOfDay('2026-11-24', 'month')).toBe('2026-11');
    expect(bucketOfDay('2026-11-23', 'week')).toBe('2026-11-23'); // a Monday
    expect(bucketOfDay('2026-11-29', 'week')).toBe('2026-11-23'); // the Sunday after it
    expect(bucketOfDay('2027-01-01', 'week')).toBe('2026-12-28'); // across a year
  });

  it('marks the bucket holding today (UTC) as partial, and no other', () => {
    expect(isPartialBucket('2026-11-24', 'day', now)).toBe(true);
    expect(isPartialBucket('2026-11-23', 'day', now)).toBe(false);
    expect(isPartialBucket('2026-11', 'month', now)).toBe(true);
    expect(isPartialBucket('2026-10', 'month', now)).toBe(false);
    // Weeks are keyed by their Monday: 23 Nov 2026 is a Monday.
    expect(isPartialBucket('2026-11-23', 'week', now)).toBe(true);
    expect(isPartialBucket('2026-11-16', 'week', now)).toBe(false);
    // Just after midnight UTC, yesterday is complete even where local time is still yesterday.
    expect(isPartialBucket('2026-11-24', 'day', new Date('2026-11-25T00:00:01Z'))).toBe(false);
  });

  it('labels ticks with the given formatter, the year when it changes', () => {
    const format = (date: Date) => ({
      text: date.toISOString().slice(5, 7),
      year: date.toISOString().slice(0, 4),
    });
    expect(tickLabel('2018-12', 'month', null, format)).toEqual(['12', '2018']);
    expect(tickLabel('2019-01', 'month', '2018-12', format)).toEqual(['01', '2019']);
    expect(tickLabel('2019-02', 'month', '2019-01', format)).toEqual(['02', null]);
  });

  it('fills gaps between buckets', () => {
    expect(fillBuckets(['2018-01', '2018-03'], 'month')).toEqual(['2018-01', '2018-02', '2018-03']);
  });
});
