#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so `npx rasid` works straight from a checkout with no build step.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// `rasid ingest` caps its heap: V8 sizes the heap by the machine's memory (4 GB here) and let an ingest's
// garbage pile up to over 1 GB before collecting it, while what it keeps is far smaller. A heap limit can
// only be set when the process starts, so the command starts itself again with one (the flag in
// NODE_OPTIONS or on node's command line wins). The parse threads have their own caps (parse-pool.ts).
// What an ingest keeps is mostly the story index (packages/db stories.ts, at most 12,000 members): with it,
// ../shared/corpus runs in a 192 MB heap at full speed; 256 leaves room.
const INGEST_HEAP_MB = 256;
const HEAP_FLAG = '--max-old-space-size';
// The young generation too: V8 grows each semi-space to 16 MB under an ingest's allocation rate, and
// most of what is allocated there dies young anyway. At 4 MB ../shared/corpus peaked at 434 MB instead
// of 543 (a 192 MB old generation alone left it at 543). At 8 MB (with 24 MB young generations for the
// parse threads, parse-pool.ts) ../shared/corpus is scavenged half as often (main thread 1,516 → 813
// times), for about 2 s less time in collections in all; the wall clock gain is within this machine's
// noise. Peak RSS stays at 403–427 MB with two malloc arenas (below).
const INGEST_SEMI_SPACE_MB = 8;
const SEMI_SPACE_FLAG = '--max-semi-space-size';
// glibc gives each thread that allocates its own malloc arena and keeps what was freed in it: the parse
// threads' arenas (zlib, SQLite and V8's off-heap buffers) stayed resident after the threads ended, when
// the subject stage peaks. Two arenas take ~20 MB off the peak on ../shared/corpus (418–433 MB against
// 444–463 in paired runs; 431–451 through `npm run bench -- ingest` without them) at the same speed. A
// MALLOC_ARENA_MAX the caller sets wins.
const MALLOC_ARENAS = '2';
// Marks the process started below, so that a process started with a channel by anyone else keeps it.
const CHILD_MARK = 'RASID_CAPPED_CHILD';

const given = (flag) =>
  process.execArgv.some((arg) => arg.startsWith(flag)) || (process.env.NODE_OPTIONS ?? '').includes(flag);
// A caller who sets either flag takes charge of the process's memory: no second process.
const capped = given(HEAP_FLAG) || given(SEMI_SPACE_FLAG);

if (process.argv[2] === 'ingest' && !capped) {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      `${HEAP_FLAG}=${INGEST_HEAP_MB}`,
      `${SEMI_SPACE_FLAG}=${INGEST_SEMI_SPACE_MB}`,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    // The channel only tells the child when this process is gone (see below).
    {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { MALLOC_ARENA_MAX: MALLOC_ARENAS, ...process.env, [CHILD_MARK]: '1' },
    },
  );
  // This process only waits: signals go on to the child, whose exit is this one's.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (!signal) {
      process.exitCode = code ?? 1;
      return;
    }
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
  child.on('error', (error) => {
    process.stderr.write(`rasid: cannot start ${process.execPath}: ${error.message}\n`);
    process.exitCode = 1;
  });
} else {
  if (process.env[CHILD_MARK] && process.channel) {
    delete process.env[CHILD_MARK];
    // Started by the branch above. If that process is killed (SIGKILL leaves it no time to pass anything
    // on), this one dies the same way at once instead of working on unseen: a crash, which the store
    // survives by design (each batch is one transaction).
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
