import { getStory } from '@rasid/db/queries';
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
    const story = getStory(getDb(), parsed.data);
    if (!story) return NextResponse.json({ error: `id: no story with id ${parsed.data}` }, { status: 404 });
    return story;
  });
}
