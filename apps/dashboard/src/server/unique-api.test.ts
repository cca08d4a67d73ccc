import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// `unique=` through the route handlers: parsed with the other filters (a bad value is a 400 naming it) and
// handed to every query. The data: Sky News Arabia's first ANT records, which file some stories twice.
const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-dashboard-unique-'));
const SKYNEWS = path.resolve(import.meta.dirname, '../../../../../shared/corpus/ant/skynews.jsonl.gz');
const hasAnt = existsSync(SKYNEWS);
if (!hasAnt && process.env.CI) throw new Error(`ANT corpus missing at ${SKYNEWS} (required in CI)`);

type Holder = { rasidDb?: { $client: { close(): void } } };

afterAll(() => {
  (globalThis as Holder).rasidDb?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function loadRoutes() {
  vi.resetModules();
  process.env.RASID_DB = path.join(dir, 'rasid.db');
  process.env.RASID_HOST = '';
  process.env.RASID_ADMIN_TOKEN = '';
  return {
    coverage: await import('../app/api/coverage/route'),
    articles: await import('../app/api/articles/route'),
    exported: await import('../app/api/export/route'),
    terms: await import('../app/api/terms/route'),
    spikes: await import('../app/api/spikes/route'),
    heatmap: await import('../app/api/heatmap/route'),
    share: await import('../app/api/share/route'),
    compare: await import('../app/api/compare/route'),
    db: await import('./db'),
    queries: await import('@rasid/db/queries'),
    parser: await import('@rasid/parser'),
  };
}

type Routes = Awaited<ReturnType<typeof loadRoutes>>;

const get = (route: string, query: string) => new NextRequest(`http://127.0.0.1:3000/api/${route}?${query}`);

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe.runIf(hasAnt)('dashboard API: unique texts only', () => {
  let r: Routes;
  let copies: number;
  beforeAll(async () => {
    r = await loadRoutes();
    const db = r.db.getDb();
    const lines = gunzipSync(readFileSync(SKYNEWS))
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(0, 240);
    r.queries.storeArticles(
      db,
      lines.map((line, i) => {
        const location = `${SKYNEWS}#${i}`;
        return {
          raw: {
            location,
            url: null,
            format: 'record',
            contentType: 'application/json',
            content: line,
            fetchedAt: '2024-01-01T00:00:00Z',
          },
          article: r.parser.parseDocument({ content: line, location, format: 'record' }),
        };
      }),
    );
    copies = db.$client
      .prepare("SELECT count(*) FROM story_members WHERE kind = 'duplicate'")
      .pluck()
      .get() as number;
  });

  it('has copies to leave out', () => {
    expect(copies).toBeGreaterThanOrEqual(2);
  });

  it('counts each text once in charts, lists, exports, terms, heat map and shares', async () => {
    const total = async (query: string) =>
      (await json(await r.coverage.GET(get('coverage', `groupBy=month&${query}`)))).body.total as number;
    const all = await total('');
    expect(await total('unique=0')).toBe(all);
    expect(await total('unique=1')).toBe(all - copies);
    expect(await total('unique=true')).toBe(all - copies);

    const listed = async (query: string) =>
      (await json(await r.articles.GET(get('articles', query)))).body.total as number;
    expect(await listed('')).toBe(all);
    expect(await listed('unique=1')).toBe(all - copies);

    const exportedRows = async (query: string) =>
      (await (await r.exported.GET(get('export', `format=jsonl&${query}`))).text()).trim().split('\n').length;
    expect(await exportedRows('')).toBe(all);
    expect(await exportedRows('unique=1')).toBe(all - copies);

    const terms = await json(await r.terms.GET(get('terms', 'unique=1')));
    expect(terms.body.total).toBe(all - copies);

    const cellSum = (cells: { count: number }[]) => cells.reduce((sum, cell) => sum + cell.count, 0);
    const heatmap = async (query: string) =>
      cellSum((await json(await r.heatmap.GET(get('heatmap', query)))).body.cells as { count: number }[]);
    expect((await heatmap('')) - (await heatmap('unique=1'))).toBe(copies);

    const share = await json(await r.share.GET(get('share', 'bucket=month&unique=1')));
    const points = share.body.points as { count: number; base: number }[];
    expect(cellSum(points)).toBe(all - copies);
    // The denominator is each outlet's own unique output too: with no other filter, the whole of it.
    expect(points.every((point) => point.count === point.base)).toBe(true);
  });

  it('refuses any other value with a 400 naming the parameter, on every route that takes filters', async () => {
    const error = { error: 'unique: expected 1 (unique texts only) or 0 (every article)' };
    const cases: [string, (request: NextRequest) => Promise<Response>][] = [
      ['coverage', r.coverage.GET],
      ['articles', r.articles.GET],
      ['export', r.exported.GET],
      ['terms', r.terms.GET],
      ['spikes', r.spikes.GET],
      ['heatmap', r.heatmap.GET],
      ['share', r.share.GET],
      ['compare', r.compare.GET],
    ];
    for (const [route, handler] of cases) {
      expect(await json(await handler(get(route, 'unique=yes'))), route).toEqual({
        status: 400,
        body: error,
      });
    }
  });
});
