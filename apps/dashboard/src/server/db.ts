import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Db, openDatabase } from '@rasid/db/client';
import { env } from '@/env';

// One connection per server process: SQLite in WAL mode serves concurrent readers from one handle, and
// migrations should run once, not per request. Kept on globalThis so dev-mode module reloads reuse it.
const holder = globalThis as typeof globalThis & { rasidDb?: Db };

export function getDb(): Db {
  if (!holder.rasidDb) {
    // A fresh checkout has no data/ folder yet; an empty database is a valid (empty) dashboard.
    mkdirSync(path.dirname(env.dbPath), { recursive: true });
    holder.rasidDb = openDatabase(env.dbPath, { migrate: true });
  }
  return holder.rasidDb;
}

/**
 * A read-only connection of its own, for a streamed export: its statement stays open between chunks,
 * which on the shared connection would block a second download of the same filters. Under WAL it also
 * reads one snapshot, so a file never mixes rows from before and after an ingest. The caller closes it.
 */
export function openExportDb(): Db {
  getDb(); // creates and migrates the file if this is the first request
  return openDatabase(env.dbPath, { readonly: true });
}
