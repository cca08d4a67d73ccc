import { SearchSyntaxError, WatchTopicError } from '@rasid/db/queries';
import { NextResponse } from 'next/server';
import { BadParamError } from '@/lib/filters';

/**
 * Runs a route's work and turns the outcome into JSON: a bad parameter is the caller's mistake (400 with
 * "<param>: <problem>"), anything else is ours (500, logged, with a message the page can show). Work that
 * needs another status returns its own Response.
 */
export async function respondJson(work: () => unknown): Promise<Response> {
  try {
    const result = await work();
    if (result instanceof Response) return result;
    return NextResponse.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (error instanceof BadParamError) {
      return NextResponse.json({ error: error.message }, { status: 400 });
    }
    // The search box's query, read only when the queries run: "search: <problem> at <offset>".
    if (error instanceof SearchSyntaxError) {
      return NextResponse.json({ error: error.message, position: error.position }, { status: 400 });
    }
    // A watch topic's name or query: "watch topic query: search: <problem> at <offset>".
    if (error instanceof WatchTopicError) {
      return NextResponse.json(
        { error: error.message, field: error.field, position: error.position },
        { status: 400 },
      );
    }
    console.error('[rasid dashboard]', error);
    const message = error instanceof Error ? error.message : String(error);
    return NextResponse.json({ error: `Server error: ${message}` }, { status: 500 });
  }
}
