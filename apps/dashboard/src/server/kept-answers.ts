import type { Db } from '@rasid/db/client';

// The overview's answers change only when the data does, and every load of the overview asks them again
// (its server render, then the browser's requests for the slower panels): so each connection keeps its
// last answers until another connection commits (PRAGMA data_version moves; the worker's ingest does) or
// this one writes (total_changes() moves: sources and topics edited in the dashboard). At 1M articles the
// first chart's answers cost 40 ms on a quiet core and 100–300 ms on the shared machine, all of it before
// the page's first byte; the spikes another 0.1–0.6 s on the server's one thread after each load.
const KEPT_ANSWERS = 48;
const kept = new WeakMap<
  object,
  { changes: { get(): unknown }; version: string; answers: Map<string, unknown> }
>();

/** The answer kept under `key` if the data has not changed since, else `compute()` (kept for next time). */
export function keepAnswer<T>(db: Db, key: string, compute: () => T): T {
  const client = db.$client;
  let entry = kept.get(client);
  if (!entry) {
    entry = {
      changes: client.prepare('SELECT total_changes() AS n').pluck(),
      version: '',
      answers: new Map(),
    };
    kept.set(client, entry);
  }
  const version = `${client.pragma('data_version', { simple: true })}:${entry.changes.get()}`;
  if (entry.version !== version) {
    entry.version = version;
    entry.answers.clear();
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
