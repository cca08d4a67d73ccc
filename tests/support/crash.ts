// What the crash tests compare and watch: a database's articles as a digest, its totals and unresolved
// failures; how far a running worker got, read without writing; and a pause.
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { digestArticles, getTotals, listFailures, listRuns } from '@rasid/db/queries';

export type Snapshot = { digest: string; totals: ReturnType<typeof getTotals>; failures: string[] };

/** The database's content; `base` (a test server's origin) is cut from failures so two servers compare. */
export function snapshot(file: string, base?: string): Snapshot {
  const strip = (s: string) => (base ? s.replaceAll(base, '') : s);
  const db = openDatabase(file);
  try {
    return {
      digest: digestArticles(db),
      totals: getTotals(db),
      failures: listFailures(db, { unresolvedOnly: true, limit: 100_000 })
        .map((f) => `${strip(f.location)}: ${strip(f.reason)}`)
        .sort(),
    };
  } finally {
    closeDatabase(db);
  }
}

/** Raw documents stored so far and whether a run is going, read without writing (the worker may hold the write lock). */
export function progressOf(file: string): { stored: number; running: boolean } {
  try {
    const db = openDatabase(file, { readonly: true });
    try {
      return {
        stored: getTotals(db).rawDocuments,
        running: listRuns(db, 100).some((r) => r.status === 'running'),
      };
    } finally {
      closeDatabase(db);
    }
  } catch {
    return { stored: 0, running: false }; // not created or not migrated yet
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
