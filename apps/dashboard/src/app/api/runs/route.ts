import { listFailures, listRuns, listSources } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { BadParamError } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

const limitSchema = z.coerce.number().int().min(1).max(500).default(50);

export function GET(request: NextRequest) {
  return respondJson(() => {
    const parsed = limitSchema.safeParse(request.nextUrl.searchParams.get('limit') || undefined);
    if (!parsed.success) throw new BadParamError('limit: expected a whole number from 1 to 500');
    const db = getDb();
    return {
      runs: listRuns(db, parsed.data),
      sources: listSources(db),
      failures: listFailures(db, { unresolvedOnly: true, limit: parsed.data }),
    };
  });
}
