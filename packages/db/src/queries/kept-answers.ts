import type { Db } from '../client.ts';
import { prepare } from './statements.ts';

// Answers that change only when the data does (top terms, the dashboard's overview) are asked again on
// every page load, and better-sqlite3 holds the server's one thread while they are computed: so each
// connection keeps its last answers until the data changes. Another connection's commit (the worker's
// ingest) moves PRAGMA data_version; this connection's own writes (sources and topics edited in the
// dashboard) move total_changes().
const KEPT_ANSWERS = 80;
const kept = new WeakMap<object, { version: string; answers: Map<string, unknown> }>();

function versionOf(db: Db): string {
  const dataVersion = db.$client.pragma('data_version', { simple: true }) as number;
  const changes = prepare(db, 'SELECT total_changes() AS n').get() as { n: number };
  return `${dataVersion}:${changes.n}`;
}

/**
 * The answer kept under `key` on this connection if the data has not changed since, else `compute()`,
 * kept for next time (the oldest of KEPT_ANSWERS is dropped). Keys must name what they answer, since
 * every caller shares the connection's answers: `JSON.stringify(['coverage', filters, ...])`.
 */
export function keepAnswer<T>(db: Db, key: string, compute: () => T): T {
  const version = versionOf(db);
  let entry = kept.get(db.$client);
  if (!entry || entry.version !== version) {
    entry = { version, answers: new Map() };
    kept.set(db.$client, entry);
  }
  if (entry.answers.has(key)) return entry.answers.get(key) as T;
  const answer = compute();
  if (entry.answers.size >= KEPT_ANSWERS) {
    const oldest = entry.answers.keys().next().value;
    if (oldest !== undefined) entry.answers.delete(oldest);
  }
  entry.answers.set(key, answer);
  return answer;
}
