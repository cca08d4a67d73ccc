import { getArticle, getStory, getStoryIdOfArticle } from '@rasid/db/queries';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { BadParamError } from '@/lib/filters';
import { getDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

const idSchema = z.coerce.number().int().positive();

export function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return respondJson(async () => {
    const parsed = idSchema.safeParse((await context.params).id);
    if (!parsed.success) throw new BadParamError('id: expected a positive whole number');
    const db = getDb();
    const article = getArticle(db, parsed.data);
    if (!article)
      return NextResponse.json({ error: `id: no article with id ${parsed.data}` }, { status: 404 });
    const storyId = getStoryIdOfArticle(db, article.id);
    const story = storyId === null ? null : getStory(db, storyId);
    return {
      ...article,
      // Just enough for "told by N outlets": the story page has the rest.
      story: story ? { id: story.id, size: story.size, outletCount: story.outletCount } : null,
    };
  });
}
