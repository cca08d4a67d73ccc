import { describe, expect, it } from 'vitest';
import { bucketOfDay, fillBuckets, isPartialBucket, spanEdges, tickLabel } from './time-axis';

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

  it('widens the axis to the date filter, so days before the first article show as empty', () => {
    const edges = spanEdges({ from: '2018-01-01', to: '2018-01-31' }, 'week', now);
    // 1 Jan 2018 was a Monday; 31 Jan a Wednesday in the week of the 29th.
    expect(edges).toEqual(['2018-01-01', '2018-01-29']);
    expect(fillBuckets(['2018-01-15'], 'week', edges)).toEqual([
      '2018-01-01',
      '2018-01-08',
      '2018-01-15',
      '2018-01-22',
      '2018-01-29',
    ]);
    expect(fillBuckets(['2018-03'], 'month', spanEdges({ from: '2018-01-20' }, 'month', now))).toEqual([
      '2018-01',
      '2018-02',
      '2018-03',
    ]);
  });

  it('stops the axis at today when the filter ends in the future, and ignores a filter that starts after today', () => {
    expect(spanEdges({ to: '2030-01-01' }, 'day', now)).toEqual(['2026-11-24']);
    expect(spanEdges({ from: '2027-01-01' }, 'day', now)).toEqual([]);
    expect(spanEdges(undefined, 'day', now)).toEqual([]);
  });

  it('drops the filter edges rather than draw an axis longer than it can', () => {
    // A day axis from 1900 would be tens of thousands of columns: the data's own span is kept.
    const edges = spanEdges({ from: '1900-01-01' }, 'day', now);
    expect(fillBuckets(['2018-01-01', '2018-01-03'], 'day', edges)).toEqual([
      '2018-01-01',
      '2018-01-02',
      '2018-01-03',
    ]);
  });
});
