import { createWatchTopic, listWatchTopics } from '@rasid/db/queries';
import { NextResponse } from 'next/server';
import { requireAdmin } from '@/server/admin';
import { parseBody, readJsonBody, watchTopicCreateSchema } from '@/server/body';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

/** Every watch topic with the number of articles it matches now. */
export function GET() {
  return respondJson(() => ({ topics: listWatchTopics(getDb()) }));
}

/** Creates a watch topic and links every stored article its query matches before answering. */
export function POST(request: Request) {
  return respondJson(async () => {
    const refused = requireAdmin(request);
    if (refused) return refused;
    const input = parseBody(watchTopicCreateSchema, await readJsonBody(request));
    return NextResponse.json(createWatchTopic(getDb(), input), { status: 201 });
  });
}
