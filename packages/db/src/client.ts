import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ensureSearchIndex } from './queries/search-index.ts';
import * as schema from './schema/index.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export type OpenOptions = {
  /** Open without writing: no migrations, no WAL switch. The file must exist. */
  readonly?: boolean;
  /** Apply pending migrations (default true; ignored when readonly). */
  migrate?: boolean;
  /**
   * Told when opening refilled the full-text index (see ensureSearchIndex): on a large database that takes
   * a while, once, and a command line or a log should say why it waited.
   */
  onSearchIndexRefilled?: (refill: { articles: number; seconds: number }) => void;
};

/**
 * Resolved from this file, not from the working directory: the CLI and the dashboard run from other
 * folders, and both must find the same migrations. Not `new URL('../drizzle', import.meta.url)`:
 * bundlers read that pattern as an asset import and fail on a directory.
 */
export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle');

/** WAL pages between automatic checkpoints on a writable connection (SQLite's default: 1,000). */
export const WAL_CHECKPOINT_PAGES = 4000;

const isMemory = (path: string) => path === ':memory:' || path === '' || path.startsWith('file::memory:');

/**
 * Opens (creating it and its folder when needed) the SQLite database at `path` and brings its schema
 * up to date, refilling a full-text index that a migration re-created (see ensureSearchIndex).
 * `':memory:'` gives a private in-memory database (tests). Throws an error naming the path when it cannot
 * be opened or is not a SQLite database.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  const readonly = opts.readonly ?? false;
  const shown = isMemory(path) ? path || ':memory:' : resolve(path);
  const fail = (problem: string, cause?: unknown): never => {
    throw new Error(`Cannot open database ${shown}: ${problem}`, cause === undefined ? undefined : { cause });
  };

  if (!isMemory(path)) {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) fail('it is a directory, not a database file');
    if (!stat && readonly) fail('the file does not exist');
    if (!stat) {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (error) {
        fail(`cannot create its folder (${(error as Error).message})`, error);
      }
    }
  }

  let client: Database.Database;
  try {
    client = new Database(path, { readonly, fileMustExist: readonly });
  } catch (error) {
    return fail((error as Error).message, error);
  }

  try {
    // Reading the schema is the first access to the file: this is where "file is not a database" shows.
    client.prepare('SELECT count(*) FROM sqlite_master').get();
    if (!readonly) {
      // WAL: the dashboard reads while the worker writes. NORMAL is durable enough under WAL.
      client.pragma('journal_mode = WAL');
      client.pragma('synchronous = NORMAL');
      // A checkpoint every 4,000 pages (16 MB of WAL) instead of SQLite's 1,000: an ingest batch writes a
      // few MB, and the same index pages were copied back into the database at nearly every commit. Storing
      // ANT's 28,018 records, batches interleaved between two databases (bench/ab-pragmas.ts): 23.3 → 22.2 s.
      client.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    }
    client.pragma('busy_timeout = 5000');
    client.pragma('foreign_keys = ON');
  } catch (error) {
    client.close();
    return fail((error as Error).message, error);
  }

  const db = drizzle({ client, schema }) as Db;
  if (!readonly && (opts.migrate ?? true)) {
    try {
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } catch (error) {
      client.close();
      return fail(`migrations failed: ${(error as Error).message}`, error);
    }
    try {
      const started = performance.now();
      const articles = ensureSearchIndex(db);
      if (articles > 0)
        opts.onSearchIndexRefilled?.({ articles, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      client.close();
      return fail(`cannot refill the search index: ${(error as Error).message}`, error);
    }
  }
  return db;
}

/** Closes the connection, first letting SQLite refresh its planner statistics when writable. */
export function closeDatabase(db: Db): void {
  const client = db.$client;
  if (!client.open) return;
  if (!client.readonly) {
    try {
      client.pragma('optimize');
    } catch {
      // Best effort: never let housekeeping hide the caller's own error path.
    }
  }
  client.close();
}
