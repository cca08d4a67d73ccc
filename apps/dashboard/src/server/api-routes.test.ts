import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The route handlers themselves, against a throwaway database, under each way the dashboard can be
// started: env.ts reads the environment once, so each case loads the modules afresh.
const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-dashboard-api-'));
const TOKEN = 'token-for-tests-0123456789abcdef';

afterAll(() => {
  (globalThis as { rasidDb?: { $client: { close(): void } } }).rasidDb?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function routesUnder(env: { host?: string; token?: string }) {
  vi.resetModules();
  process.env.RASID_DB = path.join(dir, 'rasid.db');
  process.env.RASID_HOST = env.host ?? '';
  process.env.RASID_ADMIN_TOKEN = env.token ?? '';
  return {
    topics: await import('../app/api/watch-topics/route'),
    topic: await import('../app/api/watch-topics/[id]/route'),
    rules: await import('../app/api/alert-rules/route'),
    rule: await import('../app/api/alert-rules/[id]/route'),
    admin: await import('../app/api/admin/route'),
  };
}

function send(method: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request('http://127.0.0.1:3000/api/x', {
    method,
    headers: { host: '127.0.0.1:3000', 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const ctx = (id: string | number) => ({ params: Promise.resolve({ id: String(id) }) });

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('dashboard API: watch topics and alert rules', () => {
  it('on loopback without a token: creates, renames, deletes; every bad input is a 400 naming it', async () => {
    const r = await routesUnder({});
    expect(await json(await r.admin.GET())).toMatchObject({ status: 200, body: { mode: 'open' } });
    const created = await json(await r.topics.POST(send('POST', { name: 'Gaza', query: 'غزة OR gaza' })));
    expect(created).toMatchObject({
      status: 201,
      body: { topic: { name: 'Gaza', query: 'غزة OR gaza' }, linked: 0 },
    });
    const id = (created.body.topic as { id: number }).id;
    expect((await json(await r.topics.GET())).body.topics).toHaveLength(1);

    expect(await json(await r.topics.POST(send('POST', { name: 'Bad', query: '(غزة OR' })))).toEqual({
      status: 400,
      body: {
        error: 'watch topic query: search: OR needs a term on both sides at 5',
        field: 'query',
        position: 5,
      },
    });
    expect(await json(await r.topics.POST(send('POST', { name: '', query: 'x' })))).toEqual({
      status: 400,
      body: { error: 'name: is empty' },
    });
    expect(await json(await r.topics.POST(send('POST', { name: 'x', query: 'y', extra: 1 })))).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^body: /) },
    });
    expect(await json(await r.topics.POST(send('POST', '{"name":')))).toEqual({
      status: 400,
      body: { error: 'body: not valid JSON' },
    });
    expect(
      await json(
        await r.topics.POST(send('POST', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' })),
      ),
    ).toEqual({
      status: 400,
      body: {
        error:
          'body: expected JSON with Content-Type: application/json, got application/x-www-form-urlencoded',
      },
    });
    expect(await json(await r.topics.POST(send('POST', { name: 'gaza', query: 'rafah' })))).toMatchObject({
      status: 400,
      body: { field: 'name' },
    });

    expect(await json(await r.topic.PATCH(send('PATCH', { name: 'Gaza Strip' }), ctx(id)))).toMatchObject({
      status: 200,
      body: { topic: { name: 'Gaza Strip' } },
    });
    expect(await json(await r.topic.PATCH(send('PATCH', {}), ctx(id)))).toEqual({
      status: 400,
      body: { error: 'body: give a name, a query or both' },
    });
    expect(await json(await r.topic.PATCH(send('PATCH', { name: 'x' }), ctx('abc')))).toEqual({
      status: 400,
      body: { error: 'id: expected a positive whole number, got abc' },
    });
    expect((await r.topic.PATCH(send('PATCH', { name: 'x' }), ctx(999))).status).toBe(404);

    const rule = await json(
      await r.rules.POST(send('POST', { name: 'gaza spike', scope: { kind: 'topic', slug: `watch:${id}` } })),
    );
    expect(rule).toMatchObject({ status: 201, body: { name: 'gaza spike', enabled: true } });
    expect(
      await json(await r.rules.POST(send('POST', { name: 'gaza spike', scope: { kind: 'all' } }))),
    ).toEqual({
      status: 400,
      body: { error: 'name: a rule named "gaza spike" already exists' },
    });
    expect(
      await json(await r.rules.POST(send('POST', { name: 'n', scope: { kind: 'topic', slug: 'nope' } }))),
    ).toEqual({
      status: 400,
      body: { error: 'scope.slug: there is no topic nope' },
    });
    expect(
      await json(await r.rules.POST(send('POST', { name: 'n', scope: { kind: 'all' }, k: -1 }))),
    ).toEqual({
      status: 400,
      body: { error: 'k: must be 0 or more' },
    });
    expect(
      await json(
        await r.rules.POST(send('POST', { name: 'n', scope: { kind: 'all' }, webhookUrl: 'ftp://x' })),
      ),
    ).toEqual({ status: 400, body: { error: 'webhookUrl: expected an http(s) URL' } });
    const ruleId = (rule.body as { id: number }).id;
    expect(await json(await r.rule.PATCH(send('PATCH', { enabled: false }), ctx(ruleId)))).toMatchObject({
      status: 200,
      body: { enabled: false },
    });
    expect(await json(await r.rule.PATCH(send('PATCH', { enabled: 'no' }), ctx(ruleId)))).toEqual({
      status: 400,
      body: { error: 'enabled: expected true or false' },
    });

    // Deleting the topic takes the rule scoped to it along.
    expect(await json(await r.topic.DELETE(send('DELETE', ''), ctx(id)))).toEqual({
      status: 200,
      body: { deletedAlertRules: 1 },
    });
    expect((await r.rule.DELETE(send('DELETE', ''), ctx(ruleId))).status).toBe(404);
    expect((await r.topic.DELETE(send('DELETE', ''), ctx(id))).status).toBe(404);
  });

  it('bound to 0.0.0.0 without a token: every change is a 403 saying how to set one, reads still work', async () => {
    const r = await routesUnder({ host: '0.0.0.0' });
    expect(await json(await r.admin.GET())).toMatchObject({ body: { mode: 'locked' } });
    for (const response of [
      await r.topics.POST(send('POST', { name: 'x', query: 'y' })),
      await r.topic.PATCH(send('PATCH', { name: 'x' }), ctx(1)),
      await r.topic.DELETE(send('DELETE', ''), ctx(1)),
      await r.rules.POST(send('POST', { name: 'x', scope: { kind: 'all' } })),
      await r.rule.PATCH(send('PATCH', { enabled: true }), ctx(1)),
      await r.rule.DELETE(send('DELETE', ''), ctx(1)),
    ]) {
      const { status, body } = await json(response);
      expect(status).toBe(403);
      expect(body.error).toMatch(/no admin token is set\. Restart it with RASID_ADMIN_TOKEN=/);
    }
    expect((await r.topics.GET()).status).toBe(200);
  });

  it('with RASID_ADMIN_TOKEN: a change needs the token, whatever the host', async () => {
    const r = await routesUnder({ host: '0.0.0.0', token: TOKEN });
    expect(await json(await r.admin.GET())).toMatchObject({ body: { mode: 'token' } });
    const body = { name: 'Rafah', query: 'rafah OR رفح' };
    const remote = { host: 'rasid.example.org' };
    expect((await r.topics.POST(send('POST', body, remote))).status).toBe(401);
    expect(
      (await r.topics.POST(send('POST', body, { ...remote, authorization: 'Bearer nope' }))).status,
    ).toBe(401);
    expect(
      (await r.topics.POST(send('POST', body, { ...remote, authorization: `Bearer ${TOKEN}` }))).status,
    ).toBe(201);
  });

  it('refuses a token too short to be a secret when the dashboard starts', async () => {
    await expect(routesUnder({ token: 'short' })).rejects.toThrow(
      /RASID_ADMIN_TOKEN: use at least 16 characters/,
    );
  });
});
