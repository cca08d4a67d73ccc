import { addDashboardSource, listSourceHealth } from '@rasid/db/queries';
import { type NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import { BadParamError } from '@/lib/filters';
import { requireAdmin } from '@/server/admin';
import { readJsonBody } from '@/server/body';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';
import { asBadParam, parseNewSource } from '@/server/source-body';

export const dynamic = 'force-dynamic';

const daysSchema = z.coerce.number().int().min(1).max(366).default(30);

/** Every source (from the file and from this page) with its health and its runs' volume per day. */
export function GET(request: NextRequest) {
  return respondJson(() => {
    const parsed = daysSchema.safeParse(request.nextUrl.searchParams.get('days') || undefined);
    if (!parsed.success) throw new BadParamError('days: expected a whole number from 1 to 366');
    return listSourceHealth(getDb(), { days: parsed.data });
  });
}

/** Adds a source for the worker to collect (it reads the database at start and every 30 s). */
export function POST(request: Request) {
  return respondJson(async () => {
    const refused = requireAdmin(request);
    if (refused) return refused;
    const source = parseNewSource(await readJsonBody(request));
    const row = asBadParam(() => addDashboardSource(getDb(), source));
    return NextResponse.json(row, { status: 201 });
  });
}
