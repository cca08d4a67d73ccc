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
