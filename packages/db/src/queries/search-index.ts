// The full-text index is contentless (drizzle/0001_fts.sql): it keeps no copy of the text, so when a
// migration re-creates it (drizzle/0007_fts_ascii.sql changed its tokenizer) SQL alone cannot fill it
// again. openDatabase calls ensureSearchIndex after migrating: an index with no row while articles exist is
// refilled here from `articles`, through the same toSearchText the store indexes with.
import type { Db } from '../client.ts';
import { prepare, writeTransaction } from './statements.ts';
import { toSearchText } from './text.ts';

// Articles read per query while refilling: better-sqlite3 cannot write while a read is still being
// iterated on the same connection, so the rows come in pages by id.
const PAGE = 1000;

/** Whether articles exist that the (empty) full-text index does not hold. Two single-row reads. */
export function isSearchIndexMissing(db: Db): boolean {
  const hasArticles = prepare(db, 'SELECT 1 FROM articles LIMIT 1').pluck().get() !== undefined;
  if (!hasArticles) return false;
  // FTS5 keeps one row per indexed document in its %_docsize shadow table (columnsize is on: bm25 needs it).
  return prepare(db, 'SELECT 1 FROM articles_fts_docsize LIMIT 1').pluck().get() === undefined;
}

/**
 * Refills the full-text index from every article when it is empty while articles exist (see above); returns
 * how many articles it indexed (0: nothing was missing). One IMMEDIATE transaction: a crash or a failure
 * leaves the index as it was, and the next open starts again; a second writer opening meanwhile waits, then
 * finds the index filled.
 */
export function ensureSearchIndex(db: Db): number {
  if (!isSearchIndexMissing(db)) return 0;
  const page = prepare(db, 'SELECT id, title, body FROM articles WHERE id > ? ORDER BY id LIMIT ?');
  const insert = prepare(db, 'INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)');
  return writeTransaction(db, (): number => {
    if (!isSearchIndexMissing(db)) return 0;
    let indexed = 0;
    for (let after = 0; ; ) {
      const rows = page.all(after, PAGE) as { id: number; title: string; body: string }[];
      for (const row of rows) insert.run(row.id, toSearchText(row.title), toSearchText(row.body));
      indexed += rows.length;
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return indexed;
      after = last.id;
    }
  })();
}
