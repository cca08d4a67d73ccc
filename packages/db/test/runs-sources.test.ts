import { spawn } from 'node:child_process';
import os from 'node:os';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  finishRun,
  getSourceByName,
  isProcessAlive,
  listFailures,
  listRuns,
  listSources,
  recordFailure,
  resolveFailures,
  settleInterruptedRuns,
  startRun,
  startSourceRun,
  updateSourceState,
  upsertSource,
} from '../src/queries/index.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => closeDatabase(db);
});

describe('runs', () => {
  it('records a run from start to finish, with its failures', () => {
    const runId = startRun(db, { kind: 'ingest', args: 'data/inbox' });
    expect(listRuns(db)[0]).toMatchObject({ id: runId, status: 'running', finishedAt: null });
    recordFailure(db, { runId, location: 'a.json#3', reason: 'no text' });
    recordFailure(db, { runId, location: 'b.html', reason: 'binary' });
    finishRun(db, runId, { read: 10, new: 7, updated: 1, duplicate: 1, failed: 2, status: 'partial' });
    const [run] = listRuns(db, 5);
    expect(run).toMatchObject({
      status: 'partial',
      read: 10,
      new: 7,
      updated: 1,
      duplicate: 1,
      failed: 2,
      error: null,
    });
    expect(run?.finishedAt).not.toBeNull();

    expect(listFailures(db, { unresolvedOnly: true }).map((f) => f.location)).toEqual(['b.html', 'a.json#3']);
    expect(resolveFailures(db, { location: 'b.html' })).toBe(1);
    expect(listFailures(db, { unresolvedOnly: true }).map((f) => f.location)).toEqual(['a.json#3']);
    expect(listFailures(db, { limit: 1 })).toHaveLength(1);
  });
});

describe('runs whose process is gone', () => {
  const HOST = os.hostname();
  // A run as another process left it: its pid and machine, and when it started.
  const runOf = (
    pid: number | null,
    host: string | null,
    startedAt = new Date().toISOString(),
    sourceId?: number,
  ) => {
    const id = startRun(db, { kind: 'feed', sourceId });
    db.$client
      .prepare('UPDATE ingest_runs SET pid = ?, host = ?, started_at = ? WHERE id = ?')
      .run(pid, host, startedAt, id);
    return id;
  };
  const statusOf = (id: number) => listRuns(db, 100).find((r) => r.id === id)?.status;
  const dead = new Set([4001]);
  const alive = (pid: number) => !dead.has(pid);

  it('records which process of which machine runs it', () => {
    const id = startRun(db, { kind: 'ingest' });
    expect(listRuns(db, 1)[0]).toMatchObject({ id, pid: process.pid, host: HOST });
  });

  it.each([
    { owner: 'a process of this machine that is gone', pid: 4001, host: HOST, settled: true },
    { owner: 'a live process of this machine', pid: 4002, host: HOST, settled: false },
    { owner: 'this process', pid: process.pid, host: HOST, settled: false },
    { owner: 'a process of another machine', pid: 4001, host: `${HOST}-other`, settled: false },
    { owner: 'an unknown process (a run from before pids were kept)', pid: null, host: null, settled: true },
  ])('closes a run of $owner as interrupted: $settled', ({ pid, host, settled }) => {
    const id = runOf(pid, host);
    expect(settleInterruptedRuns(db, { alive })).toBe(settled ? 1 : 0);
    expect(statusOf(id)).toBe(settled ? 'interrupted' : 'running');
    if (settled) expect(listRuns(db, 1)[0]?.error).toMatch(/^interrupted: .* ended before the run finished/);
  });

  it('closes a run started before the machine booted, whatever its pid names now', () => {
    const bootedAt = Date.now() - os.uptime() * 1000;
    const id = runOf(4002, HOST, new Date(bootedAt - 60_000).toISOString());
    expect(settleInterruptedRuns(db, { alive })).toBe(1);
    expect(statusOf(id)).toBe('interrupted');
  });

  it('leaves an interrupted run as it is when its process finishes it after all', () => {
    const id = runOf(4001, HOST);
    settleInterruptedRuns(db, { alive });
    finishRun(db, id, { read: 1, new: 1, updated: 0, duplicate: 0, failed: 0, status: 'ok' });
    expect(statusOf(id)).toBe('interrupted');
  });

  it('starts no second run of a source while a live process runs one, and one once that process is gone', () => {
    const source = upsertSource(db, { name: 'feed', kind: 'feed', location: 'https://example.com/rss' });
    const other = upsertSource(db, { name: 'other', kind: 'feed', location: 'https://example.com/b' });
    const held = runOf(4002, HOST, undefined, source.id);
    const claim = startSourceRun(db, { kind: 'feed', sourceId: source.id }, { alive });
    expect(claim).toEqual({ busy: expect.objectContaining({ id: held, pid: 4002 }) });
    // Another source is not held up by it.
    expect(startSourceRun(db, { kind: 'feed', sourceId: other.id }, { alive })).toHaveProperty('runId');
    dead.add(4002);
    const next = startSourceRun(db, { kind: 'feed', sourceId: source.id }, { alive });
    expect(next).toHaveProperty('runId');
    expect(statusOf(held)).toBe('interrupted');
    dead.delete(4002);
  });

  it('tells a live process from one that was killed', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const pid = child.pid as number;
    expect(isProcessAlive(pid)).toBe(true);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(isProcessAlive(pid)).toBe(false);
  });
});

describe('sources', () => {
  it('upserts configuration by name without touching run state', () => {
    const created = upsertSource(db, {
      name: 'bbc',
      kind: 'feed',
      location: 'https://feeds.bbci.co.uk/arabic/rss.xml',
      schedule: '*/15 * * * *',
      config: { maxItems: 50 },
    });
    expect(created).toMatchObject({
      enabled: true,
      itemsSeen: 0,
      config: { maxItems: 50 },
      outletHint: null,
    });
    updateSourceState(db, created.id, { lastRunAt: '2024-01-01T00:00:00Z', itemsSeen: 12, etag: '"abc"' });
    const updated = upsertSource(db, {
      name: 'bbc',
      kind: 'feed',
      location: 'https://example.com/rss',
      enabled: false,
    });
    expect(updated).toMatchObject({
      id: created.id,
      location: 'https://example.com/rss',
      enabled: false,
      itemsSeen: 12,
      etag: '"abc"',
      config: {},
    });
    expect(getSourceByName(db, 'bbc')?.lastRunAt).toBe('2024-01-01T00:00:00Z');
    expect(getSourceByName(db, 'nope')).toBeNull();
    upsertSource(db, { name: 'archive', kind: 'folder', location: './data/inbox' });
    expect(listSources(db).map((s) => s.name)).toEqual(['archive', 'bbc']);
  });
});
