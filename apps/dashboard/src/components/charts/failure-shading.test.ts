import { describe, expect, it } from 'vitest';
import { shadeFailures } from './failure-shading';

const failing = (day: string, ...names: string[]) => ({ day, sources: names.map((name) => ({ name })) });

describe('shadeFailures', () => {
  it('shades a day bucket whole, one bucket per failing day', () => {
    const { shades, outside } = shadeFailures(
      [failing('2018-03-05', 'feed-a'), failing('2018-03-02', 'feed-a', 'feed-b')],
      'day',
      '2018-03-01',
      '2018-03-31',
    );
    expect([...shades.keys()]).toEqual(['2018-03-02', '2018-03-05']);
    expect(shades.get('2018-03-02')).toEqual({
      days: ['2018-03-02'],
      ofDays: 1,
      spans: [[0, 1]],
      sources: ['feed-a', 'feed-b'],
    });
    expect(outside).toEqual([]);
  });

  it('counts a week’s failing days against its seven, each drawn at its weekday', () => {
    // 2018-03-05 is a Monday; the 7th a Wednesday, the 11th a Sunday.
    const { shades } = shadeFailures(
      [failing('2018-03-07', 'feed-a'), failing('2018-03-11', 'feed-b')],
      'week',
      null,
      null,
    );
    expect(shades.get('2018-03-05')).toEqual({
      days: ['2018-03-07', '2018-03-11'],
      ofDays: 7,
      spans: [
        [2 / 7, 3 / 7],
        [6 / 7, 1],
      ],
      sources: ['feed-a', 'feed-b'],
    });
  });

  it('counts a month by its own length, and a bucket cut by the dates by its days within them', () => {
    const february = shadeFailures([failing('2018-02-28', 'feed-a')], 'month', null, null);
    expect(february.shades.get('2018-02')?.ofDays).toBe(28);
    expect(february.shades.get('2018-02')?.spans).toEqual([[27 / 28, 1]]);
    // From the 20th: March has 12 days on the chart, and its failing day is one of them.
    const cut = shadeFailures([failing('2018-03-25', 'feed-a')], 'month', '2018-03-20', '2018-05-10');
    expect(cut.shades.get('2018-03')?.ofDays).toBe(12);
    // A week cut at both ends: Monday 5th to Sunday 11th, charted from the 6th to the 8th.
    const week = shadeFailures([failing('2018-03-07', 'feed-a')], 'week', '2018-03-06', '2018-03-08');
    expect(week.shades.get('2018-03-05')?.ofDays).toBe(3);
  });

  it('leaves days outside the chart’s dates unshaded and returns them, so they can be said in words', () => {
    const { shades, outside } = shadeFailures(
      [failing('2018-02-27', 'feed-a'), failing('2018-03-03', 'feed-a'), failing('2026-11-30', 'feed-b')],
      'day',
      '2018-03-01',
      '2018-03-31',
    );
    expect([...shades.keys()]).toEqual(['2018-03-03']);
    expect(outside.map((entry) => entry.day)).toEqual(['2018-02-27', '2026-11-30']);
  });
});
