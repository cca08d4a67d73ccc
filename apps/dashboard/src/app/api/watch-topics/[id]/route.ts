import { deleteWatchTopic, updateWatchTopic } from '@rasid/db/queries';
import { NextResponse } from 'next/server';
import { requireAdmin } from '@/server/admin';
import { parseBody, parseId, readJsonBody, watchTopicUpdateSchema } from '@/server/body';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

const notFound = (id: number) =>
  NextResponse.json({ error: `id: there is no watch topic ${id}` }, { status: 404 });

/** Renames a watch topic or changes its query (then re-applied to every stored article). */
export function PATCH(request: Request, context: Context) {
  return respondJson(async () => {
    const refused = requireAdmin(request);
    if (refused) return refused;
    const id = parseId((await context.params).id);
    const changes = parseBody(watchTopicUpdateSchema, await readJsonBody(request));
    return updateWatchTopic(getDb(), id, changes) ?? notFound(id);
  });
}

/** Deletes a watch topic with its links and the alert rules scoped to it. */
export function DELETE(request: Request, context: Context) {
  return respondJson(async () => {
    const refused = requireAdmin(request);
    if (refused) return refused;
    const id = parseId((await context.params).id);
    return deleteWatchTopic(getDb(), id) ?? notFound(id);
  });
}
