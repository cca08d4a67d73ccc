import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeDatabase,
  type Db,
  MIGRATIONS_FOLDER,
  openDatabase,
  WAL_CHECKPOINT_PAGES,
} from '../src/client.ts';
import { ensureSearchIndex, listArticles, listRawDocuments, storeArticles } from '../src/queries/index.ts';
import { toSearchText } from '../src/queries/text.ts';
import type { IngestItem } from '../src/queries/types.ts';
import * as schema from '../src/schema/index.ts';
import { hasAnt, loadAnt } from './helpers.ts';

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

/** A database with the migrations up to and including `lastTag` only, as an older release left it. */
function openAtMigration(path: string, lastTag: string): Db {
  const folder = mkdtempSync(join(dir, 'migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  expect(last, `migration ${lastTag} in the journal`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  const client = new Database(path);
  const db = drizzle({ client, schema }) as Db;
  migrate(db, { migrationsFolder: folder });
  return db;
}

/**
 * Stores `items` into a database at an older migration as that release's store did: outlets and articles
 * as this release stores them (their tables have not changed since), each article's search text indexed.
 * This release's store itself also writes columns the older schema lacks (raw_documents.codec).
 */
function storeAsOlderRelease(old: Db, items: IngestItem[]): void {
  const fresh = openDatabase(':memory:');
  storeArticles(fresh, items);
  old.$client.transaction(() => {
    for (const table of ['outlets', 'articles']) {
      for (const row of fresh.$client.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<
        string,
        unknown
      >[]) {
        const columns = Object.keys(row);
        old.$client
          .prepare(
            `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          )
          .run(...Object.values(row));
      }
    }
    const index = old.$client.prepare('INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)');
    const rows = fresh.$client.prepare('SELECT id, title, body FROM articles ORDER BY id').all() as {
      id: number;
      title: string;
      body: string;
    }[];
    for (const { id, title, body } of rows) index.run(id, toSearchText(title), toSearchText(body));
  })();
  closeDatabase(fresh);
}

const ftsSql = (db: Db) =>
  db.$client.prepare("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").pluck().get() as string;

/** Every token the full-text index holds, with its article, column and position. */
function ftsInstances(db: Db): string[] {
  db.$client.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_rows USING fts5vocab(main, articles_fts, 'instance')",
  );
  return (
    db.$client.prepare('SELECT term, doc, col, offset FROM temp.fts_rows').all() as {
      term: string;
      doc: number;
      col: string;
      offset: number;
    }[]
  ).map((r) => `${r.doc} ${r.col} ${r.offset} ${r.term}`);
}

describe.skipIf(!hasAnt)('the full-text index re-created by migration 0007 (ascii tokenizer)', () => {
  it('is refilled from the stored articles on the next open, as storing them now would index them', async () => {
    const items = await loadAnt({ perFile: 60 });
    const path = join(dir, 'before-0007.db');
    const old = openAtMigration(path, '0006_source_pages_waiting');
    expect(ftsSql(old)).toContain('unicode61');
    storeAsOlderRelease(old, items);
    const stored = old.$client.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    expect(stored).toBeGreaterThan(200);
    const sample = listArticles(old, { q: 'السعودية' }, { limit: 500 });
    old.$client.close();

    const refills: { articles: number; seconds: number }[] = [];
    const upgraded = openDatabase(path, { onSearchIndexRefilled: (refill) => refills.push(refill) });
    expect(refills).toEqual([{ articles: stored, seconds: expect.any(Number) }]);
    expect(ftsSql(upgraded)).toContain("tokenize='ascii'");
    expect(upgraded.$client.prepare('SELECT count(*) FROM articles_fts_docsize').pluck().get()).toBe(stored);
    // The same search finds the same articles as before the upgrade.
    expect(sample.total).toBeGreaterThan(0);
    expect(listArticles(upgraded, { q: 'السعودية' }, { limit: 500 }).items.map((a) => a.id)).toEqual(
      sample.items.map((a) => a.id),
    );
    // Token for token what a database created at this release holds after storing the same items.
    const fresh = openDatabase(':memory:');
    storeArticles(fresh, items);
    expect(ftsInstances(upgraded)).toEqual(ftsInstances(fresh));
    closeDatabase(fresh);
    // Filled: opening again (or asking again) indexes nothing.
    expect(ensureSearchIndex(upgraded)).toBe(0);
    closeDatabase(upgraded);
    const again = openDatabase(path, { onSearchIndexRefilled: (refill) => refills.push(refill) });
    expect(refills).toHaveLength(1);
    expect(again.$client.prepare('SELECT count(*) FROM articles_fts_docsize').pluck().get()).toBe(stored);
    closeDatabase(again);
  });

  it('leaves an empty database alone', () => {
    const db = openDatabase(':memory:');
    expect(ensureSearchIndex(db)).toBe(0);
    closeDatabase(db);
  });
});

describe.skipIf(!hasAnt)('raw archives across migration 0008 (codec column)', () => {
  it('reads rows archived before it as raw deflate and archives new ones with brotli, all intact', async () => {
    const [first, second] = await loadAnt({ perFile: 1 });
    if (!first || !second) throw new Error('ANT: expected records');
    const path = join(dir, 'before-0008.db');
    const old = openAtMigration(path, '0007_fts_ascii');
    const line = first.raw.content as string;
    // As that release archived a raw input: raw deflate at level 1, no codec column.
    old.$client
      .prepare(
        `INSERT INTO raw_documents (sha256, location, format, fetched_at, content, size)
         VALUES (?, ?, 'record', '2024-01-01T00:00:00Z', ?, ?)`,
      )
      .run(
        createHash('sha256').update(line).digest('hex'),
        first.raw.location,
        deflateRawSync(Buffer.from(line), { level: 1 }),
        Buffer.byteLength(line),
      );
    old.$client.close();

    const db = openDatabase(path);
    storeArticles(db, [second]);
    const codecs = db.$client.prepare('SELECT codec FROM raw_documents ORDER BY id').pluck().all();
    expect(codecs).toEqual(['deflate-raw', 'br']);
    expect(listRawDocuments(db).map((r) => r.content.toString('utf8'))).toEqual([line, second.raw.content]);

    // A codec this release does not know, or bytes that are not what the codec says: an error naming the row.
    db.$client.prepare("UPDATE raw_documents SET codec = 'zstd' WHERE id = 1").run();
    expect(() => listRawDocuments(db)).toThrow(
      `raw document 1 (${first.raw.location}): unknown archive codec "zstd"`,
    );
    db.$client.prepare("UPDATE raw_documents SET codec = 'br' WHERE id = 1").run();
    expect(() => listRawDocuments(db)).toThrow(`raw document 1 (${first.raw.location}): corrupt br archive`);
    closeDatabase(db);
  });
});

describe.skipIf(!hasAnt)('full-text index across migration 0009 (automerge 16)', () => {
  const automerge = (db: Db): unknown =>
    db.$client.prepare("SELECT v FROM articles_fts_config WHERE k = 'automerge'").pluck().get();
  const found = (db: Db): number[][] =>
    ['السعودية', 'كرة القدم', '"الأمم المتحدة"'].map((q) =>
      listArticles(db, { q }, { limit: 500 }).items.map((a) => a.id),
    );

  it('merges 16 segments at a time from then on, and searches find what they found before', async () => {
    const items = await loadAnt({ perFile: 40 });
    const path = join(dir, 'before-0009.db');
    const old = openAtMigration(path, '0008_raw_archive_codec');
    // One batch per transaction, as the worker stores: each writes a segment of its own.
    for (let i = 0; i < 120; i += 20) storeArticles(old, items.slice(i, i + 20));
    expect(automerge(old), 'FTS5 default: no config row').toBeUndefined();
    const before = found(old);
    expect(before.every((ids) => ids.length > 0)).toBe(true);
    old.$client.close();

    const db = openDatabase(path);
    expect(automerge(db)).toBe(16);
    expect(found(db)).toEqual(before);
    storeArticles(db, items.slice(120));
    expect(listArticles(db, { q: 'السعودية' }, { limit: 500 }).items.length).toBeGreaterThanOrEqual(
      before[0]?.length ?? 0,
    );
    closeDatabase(db);
    const fresh = openDatabase(':memory:');
    expect(automerge(fresh)).toBe(16);
    closeDatabase(fresh);
  });
});
