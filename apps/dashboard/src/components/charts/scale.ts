// Small, dependency-free helpers for the hand-drawn SVG charts.

/** Tableau 10: distinguishable for most colour-vision types and readable on white. */
export const palette = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

export const otherColor = '#c9ced6';

export function pickColor(index: number): string {
  return palette[index % palette.length] ?? otherColor;
}

/** Round tick values (1, 2, 2.5, 5 × 10ⁿ) from 0 to at least `max`, about `count` of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  // Counts are whole numbers: never draw a tick at 0.5 articles.
  const wholeStep = Math.max(1, Math.ceil(step));
  const ticks: number[] = [];
  for (let value = 0; value < max + wholeStep; value += wholeStep) {
    ticks.push(value);
    if (value >= max) break;
  }
  return ticks;
}

export function truncateLabel(label: string, maxChars: number): string {
  return label.length > maxChars ? `${label.slice(0, maxChars - 1).trimEnd()}…` : label;
}

export type SeriesTotal = { key: string | null; total: number };

/** Largest first; ties by key, so the same data always gets the same colours. */
export function compareSeries(a: SeriesTotal, b: SeriesTotal): number {
  if (b.total !== a.total) return b.total - a.total;
  if (a.key === null || b.key === null) return a.key === null ? 1 : -1;
  return a.key.localeCompare(b.key, 'en', { numeric: true });
}

/**
 * A colour per series key: the `maxSeries - 1` largest get the palette, the rest (pooled as "Other" in a
 * stacked chart) and the null key ("no topic") get grey. Shared by the time chart and the bar charts, so
 * an outlet has the same colour in both.
 */
export function assignColors(totals: SeriesTotal[], maxSeries: number): Map<string | null, string> {
  const ranked = [...totals].sort(compareSeries);
  const named = ranked.length > maxSeries ? maxSeries - 1 : maxSeries;
  return new Map(
    ranked.map((entry, index) => [
      entry.key,
      entry.key === null || index >= named ? otherColor : pickColor(index),
    ]),
  );
}

export const defaultMaxSeries = 8;
