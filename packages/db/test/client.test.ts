import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, WAL_CHECKPOINT_PAGES } from '../src/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'rasid-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: ReturnType<typeof openDatabase>) =>
  db.$client
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ESCAPE '\\' ORDER BY name",
    )
    .pluck()
    .all() as string[];

describe('openDatabase', () => {
  it('creates the folder and applies every migration; a second open is a no-op', () => {
    const path = join(dir, 'nested', 'folder', 'rasid.db');
    const first = openDatabase(path);
    expect(tables(first)).toEqual(
      expect.arrayContaining([
        'articles',
        'articles_fts',
        'article_topics',
        'ingest_failures',
        'ingest_runs',
        'outlets',
        'raw_documents',
        'rollup_daily',
        'rollup_daily_topic',
        'sources',
        'topics',
      ]),
    );
    const migrations = first.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    expect(first.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_CHECKPOINT_PAGES);
    const before = tables(first);
    closeDatabase(first);

    const second = openDatabase(path);
    expect(second.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(
      migrations,
    );
    expect(tables(second)).toEqual(before);
    closeDatabase(second);

    const readonly = openDatabase(path, { readonly: true });
    expect(readonly.$client.readonly).toBe(true);
    expect(readonly.$client.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0);
    closeDatabase(readonly);
  });

  it('opens a private in-memory database', () => {
    const db = openDatabase(':memory:');
    expect(tables(db)).toContain('articles');
    closeDatabase(db);
  });

  it('names the path when it is a directory', () => {
    expect(() => openDatabase(dir)).toThrow(dir);
    expect(() => openDatabase(dir)).toThrow(/directory/);
  });

  it('names the path when the file is not a database', () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(
      path,
      'this is not a SQLite database, just some text that is long enough to be read '.repeat(20),
    );
    expect(() => openDatabase(path)).toThrow(path);
    expect(() => openDatabase(path)).toThrow(/not a database/);
  });

  it('names the path when a read-only database does not exist', () => {
    const path = join(dir, 'missing.db');
    expect(() => openDatabase(path, { readonly: true })).toThrow(path);
  });
});
