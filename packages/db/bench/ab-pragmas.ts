// Connection settings compared on the store, in one process: ANT's 28,018 records are parsed once, then
// stored batch by batch into one fresh database per setting, the order of the databases alternating from
// batch to batch, so that a machine whose speed drifts by tens of percent within minutes slows every
// setting alike. Prints each database's total store time.
//
//   SETS='|wal_autocheckpoint=1000|cache_size=-32000;wal_autocheckpoint=4000' npx tsx bench/ab-pragmas.ts
//
// SETS: settings separated by `|`, each a `;`-separated list of PRAGMA assignments run after
// openDatabase (empty: openDatabase's own settings only). Default: '|cache_size=-32000'.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../src/client.ts';
import { storeArticles } from '../src/queries/index.ts';
import { hasAnt, loadAnt } from '../test/helpers.ts';

if (!hasAnt) {
  console.error('ANT corpus not found beside the project (../shared/corpus/ant)');
  process.exit(1);
}
const BATCH = 500;
const sets = (process.env.SETS ?? '|cache_size=-32000').split('|');
const items = await loadAnt();
const dir = mkdtempSync(join(tmpdir(), 'rasid-ab-'));
const dbs = sets.map((set, i) => {
  const db = openDatabase(join(dir, `${i}.db`));
  for (const pragma of set.split(';').filter(Boolean)) db.$client.pragma(pragma);
  return db;
});
const ms = sets.map(() => 0);
for (let i = 0; i < items.length; i += BATCH) {
  const batch = items.slice(i, i + BATCH);
  const forward = (i / BATCH) % 2 === 0;
  for (let k = 0; k < dbs.length; k++) {
    const at = forward ? k : dbs.length - 1 - k;
    const t = performance.now();
    storeArticles(dbs[at] as (typeof dbs)[number], batch);
    ms[at] = (ms[at] as number) + performance.now() - t;
  }
}
for (const [k, set] of sets.entries()) console.log(`${((ms[k] as number) / 1000).toFixed(2)} s  [${set}]`);
for (const db of dbs) closeDatabase(db);
rmSync(dir, { recursive: true, force: true });
