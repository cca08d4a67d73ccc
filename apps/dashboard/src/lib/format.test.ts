import { describe, expect, it } from 'vitest';
import { createFormat } from './format';

describe('dateAsKnown', () => {
  const en = createFormat('en');
  const ar = createFormat('ar');

  it.each([
    // A day-precision date is stored as that day's midnight: no time is printed for it.
    { value: '2024-05-01T00:00:00.000Z', precision: 'day' as const, shown: '1 May 2024' },
    // A crawl time kept at day precision: its time of day is not a publication time either.
    { value: '2015-07-21T02:51:32.000Z', precision: 'day' as const, shown: '21 Jul 2015' },
    { value: '2024-05-01T00:00:00.000Z', precision: 'month' as const, shown: 'May 2024' },
    { value: '2024-01-01T00:00:00.000Z', precision: 'year' as const, shown: '2024' },
    { value: '2024-05-01T09:05:00.000Z', precision: 'minute' as const, shown: '1 May 2024, 09:05 UTC' },
    { value: '2024-05-01T09:05:30.000Z', precision: 'second' as const, shown: '1 May 2024, 09:05 UTC' },
    { value: '2024-05-01T09:00:00.000Z', precision: 'hour' as const, shown: '1 May 2024, 09:00 UTC' },
    // Null: an instant such as when an undated article was first seen, shown with its time.
    { value: '2024-05-01T09:05:00Z', precision: null, shown: '1 May 2024, 09:05 UTC' },
  ])('shows a $precision date $value as $shown', ({ value, precision, shown }) => {
    expect(en.dateAsKnown(value, precision)).toBe(shown);
  });

  it('prints the day alone in Arabic too, and a time only when one is known', () => {
    expect(ar.dateAsKnown('2024-05-01T00:00:00.000Z', 'day')).toBe(ar.day('2024-05-01'));
    expect(ar.dateAsKnown('2024-05-01T00:00:00.000Z', 'month')).toBe(ar.bucket('2024-05', 'month'));
    expect(ar.dateAsKnown('2024-05-01T09:05:00.000Z', 'minute')).toBe(
      ar.dateTime('2024-05-01T09:05:00.000Z'),
    );
  });

  it('leaves a value that is not a date as it is', () => {
    expect(en.dateAsKnown('soon', 'day')).toBe('soon');
  });
});
