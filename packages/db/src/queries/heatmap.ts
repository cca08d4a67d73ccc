// Outlet × week: who covered the filters, week by week, in one glance. Counted by the same query as the
// time chart (from the daily rollups unless a search needs the articles), so a cell equals the outlet's
// segment of that week's column.
import type { Db } from '../client.ts';
import { countCoverage } from './coverage.ts';
import { addDays } from './dates.ts';
import type { CoverageFilters } from './types.ts';

export type HeatmapOutlet = { id: number; name: string; total: number };

export type OutletWeeks = {
  /** Mondays (YYYY-MM-DD) from the first week with a matching article to the last, in order. */
  weeks: string[];
  /** Week → how many empty weeks were left out just before it (runs of HEATMAP_GAP_WEEKS or more). */
  gaps: Record<string, number>;
  /** Outlets with a matching article, most articles first. */
  outlets: HeatmapOutlet[];
  /** Non-zero cells only. */
  cells: { outletId: number; week: string; count: number }[];
  /** The largest cell, for the colour scale. */
  max: number;
  /** When the range had more weeks than are shown: the first week shown (earlier ones are left out). */
  clippedBefore: string | null;
};

// About four years of weeks: enough for any range a person reads as a grid, bounded for the page.
export const HEATMAP_MAX_WEEKS = 220;

/** A run of at least this many weeks with no matching article is drawn as one narrow gap column. */
export const HEATMAP_GAP_WEEKS = 4;

/**
 * Matching articles per outlet and ISO week (weeks start on Monday). Long empty stretches (an undated
 * article counted today, years after the rest) collapse into `gaps`; a range still longer than
 * HEATMAP_MAX_WEEKS keeps its latest weeks and says so in `clippedBefore`.
 */
export function countOutletWeeks(db: Db, filters: CoverageFilters): OutletWeeks {
  const points = countCoverage(db, filters, 'week', 'outlet');
  const busy = new Set(points.filter((point) => point.count > 0).map((point) => point.key));
  const first = points[0]?.key;
  const last = points.at(-1)?.key;
  let weeks: string[] = [];
  const gaps: Record<string, number> = {};
  if (first && last) {
    let empty: string[] = [];
    for (let week = first; week <= last; week = addDays(week, 7)) {
      if (!busy.has(week)) {
        empty.push(week);
        continue;
      }
      if (empty.length >= HEATMAP_GAP_WEEKS) gaps[week] = empty.length;
      else weeks.push(...empty);
      empty = [];
      weeks.push(week);
    }
  }
  const clipped = weeks.length > HEATMAP_MAX_WEEKS;
  if (clipped) weeks = weeks.slice(-HEATMAP_MAX_WEEKS);
  const start = weeks[0] ?? '';
  if (clipped) delete gaps[start];

  const outlets = new Map<number, HeatmapOutlet>();
  const cells: OutletWeeks['cells'] = [];
  let max = 0;
  for (const point of points) {
    if (point.stack === null || point.count === 0 || point.key < start) continue;
    const id = Number(point.stack);
    const outlet = outlets.get(id) ?? { id, name: point.stackLabel ?? point.stack, total: 0 };
    outlet.total += point.count;
    outlets.set(id, outlet);
    cells.push({ outletId: id, week: point.key, count: point.count });
    if (point.count > max) max = point.count;
  }
  return {
    weeks,
    gaps,
    outlets: [...outlets.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
    cells,
    max,
    clippedBefore: clipped ? start : null,
  };
}
