// Reading what a chart drew, for the specs that check its numbers.
import type { Locator } from '@playwright/test';

/** The numbers a chart drew: data-key → data-count of each bar. */
export async function readBars(bars: Locator): Promise<Map<string, number>> {
  const pairs = await bars.evaluateAll((elements) =>
    elements.map((element) => [
      element.getAttribute('data-key') ?? '',
      Number(element.getAttribute('data-count')),
    ]),
  );
  return new Map(pairs as [string, number][]);
}
