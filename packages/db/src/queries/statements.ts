import type Database from 'better-sqlite3';
import type { Db } from '../client.ts';

// Preparing a statement costs more than running a small one: keep one per SQL text per connection.
// Dynamic queries build their SQL only from which filters are present (values are bound, lists go
// through json_each), so the number of distinct texts stays small.
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepare(db: Db, sql: string): Database.Statement {
  let statements = cache.get(db.$client);
  if (!statements) {
    statements = new Map();
    cache.set(db.$client, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.$client.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/** Current time as stored everywhere: ISO 8601 UTC with milliseconds. */
export const nowIso = (): string => new Date().toISOString();

/**
 * `fn` as a write transaction, begun IMMEDIATE as every write here is: a deferred one reads first and takes
 * the write lock later, and when another connection (the dashboard, the worker) committed in between,
 * SQLite answers SQLITE_BUSY at once, busy timeout or not. Called inside another transaction, a savepoint.
 */
export function writeTransaction<A extends unknown[], R>(db: Db, fn: (...args: A) => R): (...args: A) => R {
  const transaction = db.$client.transaction(fn);
  return (...args) => transaction.immediate(...args);
}
