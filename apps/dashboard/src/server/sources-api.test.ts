import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The Sources page's routes against a throwaway database: the worker's own validation, errors naming
// the field as 400s, the file's names refused, and the admin guard on every change.
const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-dashboard-sources-'));
const TOKEN = 'token-for-tests-0123456789abcdef';
const SEEDS = path.resolve(import.meta.dirname, '../../../../../shared/seeds');

type Holder = { rasidDb?: { $client: { close(): void } } };

afterAll(() => {
  (globalThis as Holder).rasidDb?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function routesUnder(env: { host?: string; token?: string }) {
  vi.resetModules();
  process.env.RASID_DB = path.join(dir, 'rasid.db');
  process.env.RASID_HOST = env.host ?? '';
  process.env.RASID_ADMIN_TOKEN = env.token ?? '';
  return {
    list: await import('../app/api/sources/route'),
    one: await import('../app/api/sources/[id]/route'),
    db: await import('./db'),
    queries: await import('@rasid/db/queries'),
  };
}

function send(method: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request('http://127.0.0.1:3000/api/sources', {
    method,
    headers: { host: '127.0.0.1:3000', 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const get = (query = '') => new NextRequest(`http://127.0.0.1:3000/api/sources${query}`);
const ctx = (id: string | number) => ({ params: Promise.resolve({ id: String(id) }) });

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('dashboard API: sources', () => {
  it('adds, edits and deletes a folder source; every bad input is a 400 naming its field', async () => {
    const r = await routesUnder({});
    const db = r.db.getDb();
    // A source the worker synced from the sources file.
    r.queries.syncFileSources(db, [
      {
        name: 'BBC Arabic',
        kind: 'feed',
        url: 'https://feeds.bbci.co.uk/arabic/rss.xml',
        schedule: '*/30 * * * *',
        enabled: true,
        allowPrivateNetwork: false,
        maxPagesPerRun: 100,
        fetchArticlePages: true,
      },
    ]);

    const created = await json(
      await r.list.POST(
        send('POST', { name: 'Seeds', kind: 'folder', path: SEEDS, outlet: 'Erem News', language: 'ar' }),
      ),
    );
    expect(created).toMatchObject({
      status: 201,
      body: {
        name: 'Seeds',
        kind: 'folder',
        location: SEEDS,
        outletHint: 'Erem News',
        languageHint: 'ar',
        schedule: '*/30 * * * *',
        enabled: true,
        config: { origin: 'dashboard' },
      },
    });
    const id = created.body.id as number;

    const bad: [unknown, string | RegExp][] = [
      [
        { name: 'BBC Arabic', kind: 'folder', path: SEEDS },
        'name: "BBC Arabic" is already a source in the sources file; choose another name',
      ],
      [
        { name: 'Seeds', kind: 'folder', path: SEEDS },
        'name: "Seeds" is already a source added here; choose another name',
      ],
      [{ name: 'x', kind: 'ftp', url: 'ftp://a.example/' }, 'kind: expected feed, sitemap, page or folder'],
      [{ name: 'x', kind: 'feed' }, /^url: /],
      [{ name: 'x', kind: 'feed', url: 'file:///etc/passwd' }, 'url: expected an http(s) URL'],
      [
        { name: 'x', kind: 'feed', url: 'https://a.example/rss', schedule: 'every hour' },
        /^schedule: not a cron expression: /,
      ],
      [{ name: 'x', kind: 'feed', url: 'https://a.example/rss', language: 'arabic' }, /^language: /],
      [{ name: 'x', kind: 'feed', url: 'https://a.example/rss', shedule: '0 * * * *' }, /^body: .*shedule/i],
      [{ name: '', kind: 'folder', path: SEEDS }, /^name: /],
      [
        { name: 'x', kind: 'folder', path: 'seeds' },
        'path: must be absolute (e.g. /home/me/news), got seeds',
      ],
      [
        { name: 'x', kind: 'folder', path: '/nonexistent/rasid' },
        'path: no such folder or file on this machine: /nonexistent/rasid',
      ],
    ];
    for (const [body, message] of bad) {
      const answer = await json(await r.list.POST(send('POST', body)));
      expect({ input: body, ...answer }).toMatchObject({
        input: body,
        status: 400,
        body: { error: message },
      });
    }

    const edited = await json(
      await r.one.PATCH(send('PATCH', { enabled: false, schedule: '0 6 * * *', outlet: null }), ctx(id)),
    );
    expect(edited).toMatchObject({
      status: 200,
      body: { enabled: false, schedule: '0 6 * * *', outletHint: null, languageHint: 'ar' },
    });
    expect(await json(await r.one.PATCH(send('PATCH', { schedule: '99 * * * *' }), ctx(id)))).toEqual({
      status: 400,
      body: { error: 'schedule: not a cron expression: Invalid value for minute: 99' },
    });
    expect(await json(await r.one.PATCH(send('PATCH', {}), ctx(id)))).toEqual({
      status: 400,
      body: { error: 'body: give enabled, schedule, outlet or language' },
    });
    expect(await json(await r.one.PATCH(send('PATCH', { enabled: 'yes' }), ctx(id)))).toEqual({
      status: 400,
      body: { error: 'enabled: expected true or false' },
    });
    const fileRow = r.queries.getSourceByName(db, 'BBC Arabic');
    expect(
      (await json(await r.one.PATCH(send('PATCH', { enabled: false }), ctx(fileRow?.id ?? 0)))).body.error,
    ).toMatch(/^id: source \d+ \("BBC Arabic"\) comes from the sources file; edit it there/);
    expect((await r.one.PATCH(send('PATCH', { enabled: true }), ctx(9999))).status).toBe(404);

    const listed = await json(await r.list.GET(get('?days=7')));
    expect(listed.status).toBe(200);
    expect(
      (listed.body.sources as { name: string; origin: string }[]).map((s) => [s.name, s.origin]),
    ).toEqual([
      ['BBC Arabic', 'file'],
      ['Seeds', 'dashboard'],
    ]);
    expect(await json(await r.list.GET(get('?days=0')))).toEqual({
      status: 400,
      body: { error: 'days: expected a whole number from 1 to 366' },
    });

    expect((await r.one.DELETE(send('DELETE', ''), ctx(fileRow?.id ?? 0))).status).toBe(400);
    expect(await json(await r.one.DELETE(send('DELETE', ''), ctx(id)))).toMatchObject({
      status: 200,
      body: { deleted: { id, name: 'Seeds' } },
    });
    expect((await r.one.DELETE(send('DELETE', ''), ctx(id))).status).toBe(404);
    expect(r.queries.listSources(db).map((s) => s.name)).toEqual(['BBC Arabic']);
  });

  it('every change is refused without the admin guard’s consent; reading stays open', async () => {
    const body = { name: 'Guarded', kind: 'folder', path: SEEDS };
    const locked = await routesUnder({ host: '0.0.0.0' });
    for (const response of [
      await locked.list.POST(send('POST', body)),
      await locked.one.PATCH(send('PATCH', { enabled: true }), ctx(1)),
      await locked.one.DELETE(send('DELETE', ''), ctx(1)),
    ]) {
      const { status, body: answer } = await json(response);
      expect(status).toBe(403);
      expect(answer.error).toMatch(/no admin token is set\. Restart it with RASID_ADMIN_TOKEN=/);
    }
    expect((await locked.list.GET(get())).status).toBe(200);

    // Another site's page, even on loopback.
    const open = await routesUnder({});
    expect((await open.list.POST(send('POST', body, { origin: 'https://evil.example' }))).status).toBe(403);

    const withToken = await routesUnder({ host: '0.0.0.0', token: TOKEN });
    const remote = { host: 'rasid.example.org' };
    expect((await withToken.list.POST(send('POST', body, remote))).status).toBe(401);
    expect(
      (await withToken.list.POST(send('POST', body, { ...remote, authorization: 'Bearer nope' }))).status,
    ).toBe(401);
    expect(
      (await withToken.list.POST(send('POST', body, { ...remote, authorization: `Bearer ${TOKEN}` }))).status,
    ).toBe(201);
    expect(withToken.queries.listSources(withToken.db.getDb()).map((s) => s.name)).toContain('Guarded');
  });
});
