import type { Db } from '@rasid/db/client';
import {
  type CoverageFilters,
  computeSpikesOf,
  DEFAULT_SPIKE_RULE,
  getDateRange,
  keepAnswer,
  SPIKE_HISTORY_DAYS,
} from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { parseFilters, toCoverageFilters } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

/** The days the spike rule flags under the overview's filters, for marking them on its time chart. */
export function GET(request: NextRequest) {
  return respondJson(() => {
    const filters = toCoverageFilters(parseFilters(request.nextUrl.searchParams));
    const db = getDb();
    return keepAnswer(db, JSON.stringify(['spikes', filters]), () => findSpikes(db, filters));
  });
}

function findSpikes(db: Db, filters: CoverageFilters) {
  // Without dates, the days that hold matching articles: the chart draws no others.
  const range = getDateRange(db, filters);
  const from = filters.from ?? range.from;
  const to = filters.to ?? range.to;
  const rule = { ...DEFAULT_SPIKE_RULE, historyDays: SPIKE_HISTORY_DAYS };
  if (!from || !to || from > to) return { rule, spikes: [] };
  const { from: _from, to: _to, ...scope } = filters;
  const spikes = computeSpikesOf(db, scope, { from, to }).filter((point) => point.spike);
  return { rule, spikes };
}
