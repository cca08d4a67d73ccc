// The checkpointing thread (see checkpointer.ts). Plain JavaScript: it needs only the SQLite driver, and a
// thread does not inherit the TypeScript loader of the thread that starts it.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

if (!parentPort) throw new Error('checkpoint-thread.js must run in a worker thread');
const port = parentPort;
const { path, intervalMs } = workerData;

const db = new Database(path, { fileMustExist: true });
// PASSIVE: copies what no reader still needs, and never waits for (or blocks) the writer or the readers.
// With nothing new in the WAL it only reads the WAL's index: polling costs next to nothing.
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => checkpoint.get(), intervalMs);

port.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  port.close();
});
