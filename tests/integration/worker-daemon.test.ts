// `rasid run` as a long-running worker: one JSON log line per event (pino), the start-up pass collects
// every source, and SIGTERM stops it cleanly with the database closed and the state written.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { listSources } from '@rasid/db/queries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/cli.ts';
import { hasShared, sharedPath } from '../support/paths.ts';
import { spawnRasid } from '../support/worker.ts';

type LogLine = { level: number; time: number; app: string; msg: string; source?: string; signal?: string };

describe.skipIf(!hasShared())('rasid run (long-running)', () => {
  const FEED = readFileSync(sharedPath('feeds', 'rss-parser', 'input', 'guardian.rss'));
  const dir = makeTempDir('rasid-daemon-');
  const db = path.join(dir, 'daemon.db');
  const sourcesFile = path.join(dir, 'sources.json');
  let server: Server;
  let lines: LogLine[] = [];
  let exitCode: number | null = null;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/rss')
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(FEED);
      else res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss`;
    // The feed's item links point at the real site: their article pages are not fetched.
    const sources = [
      {
        name: 'guardian',
        kind: 'feed',
        url,
        allowPrivateNetwork: true,
        fetchArticlePages: false,
        schedule: '0 0 1 1 *',
      },
      { name: 'gone', kind: 'feed', url: `${url}-gone`, allowPrivateNetwork: true, retries: 0 },
    ];
    writeFileSync(sourcesFile, JSON.stringify({ sources }));

    const child = spawnRasid(['run'], { RASID_DB: db, RASID_SOURCES: sourcesFile, RASID_LOG_LEVEL: 'info' });
    let stdout = '';
    let signalled = false;
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      // Both sources done with their start-up run: ask it to stop.
      const done = stdout.split('\n').filter((l) => /"msg":"(feed collected|source failed)"/.test(l));
      if (done.length === 2 && !signalled) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    clearTimeout(timer);
    lines = stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
  });

  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('logs one JSON object per line, in order, and exits 0 on SIGTERM', () => {
    expect(exitCode).toBe(0);
    expect(lines.every((l) => l.app === 'rasid-worker' && typeof l.time === 'number')).toBe(true);
    const messages = lines.map((l) => l.msg);
    expect(messages[0]).toBe('worker started');
    expect(messages.slice(-2)).toEqual(['worker stopping', 'worker stopped']);
    expect(lines.find((l) => l.msg === 'worker stopping')?.signal).toBe('SIGTERM');
    const failed = lines.find((l) => l.msg === 'source failed');
    expect(failed).toMatchObject({ source: 'gone', level: 50, err: expect.stringMatching(/HTTP 404/) });
    expect(lines.find((l) => l.msg === 'feed collected')).toMatchObject({
      source: 'guardian',
      level: 30,
      new: 55,
    });
  });

  it('leaves each source state written and the database usable', () => {
    const h = openDatabase(db);
    try {
      const byName = new Map(listSources(h).map((s) => [s.name, s]));
      expect(byName.get('guardian')).toMatchObject({ itemsNew: 55, lastError: null });
      expect(byName.get('gone')?.lastError).toMatch(/-gone: HTTP 404/);
    } finally {
      closeDatabase(h);
    }
  });
});
