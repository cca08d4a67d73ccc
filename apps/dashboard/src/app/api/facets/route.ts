import { getDb } from '@/server/db';
import { readFacets } from '@/server/overview-data';
import { respondJson } from '@/server/respond';

// Read at request time: the worker adds articles while the dashboard runs.
export const dynamic = 'force-dynamic';

export function GET() {
  return respondJson(() => readFacets(getDb()));
}
