// Reading what a `rasid` command left in its database file: opened for the call, closed after it.
import { closeDatabase, openDatabase } from '@rasid/db/client';

export type Db = ReturnType<typeof openDatabase>;

export function withDb<T>(file: string, fn: (db: Db) => T): T {
  const db = openDatabase(file);
  try {
    return fn(db);
  } finally {
    closeDatabase(db);
  }
}
