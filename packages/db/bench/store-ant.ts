// Store throughput on the real ANT corpus (28,018 records): `npx tsx bench/store-ant.ts [DB_PATH] [BATCH]`.
// Parses every record first (timed apart) so the figure is the store's own; DB_PATH defaults to a
// fresh file in the temp folder (a file, not :memory:, to include WAL and fsync costs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../src/client.ts';
import { getTotals, storeArticles } from '../src/queries/index.ts';
import { hasAnt, loadAnt, usesRealParser } from '../test/helpers.ts';

if (!hasAnt) {
  console.error('ANT corpus not found beside the project (../shared/corpus/ant)');
  process.exit(1);
}
const dir = process.argv[2] ? null : mkdtempSync(join(tmpdir(), 'rasid-bench-'));
const path = process.argv[2] ?? join(dir ?? '.', 'bench.db');
const batch = Number(process.argv[3] ?? 500);

let t = performance.now();
const items = await loadAnt();
const parseMs = performance.now() - t;
console.log(
  `read + parse ${items.length} records: ${(parseMs / 1000).toFixed(2)} s (${usesRealParser ? 'real parser' : 'hand mapping'})`,
);

const db = openDatabase(path);
for (const pragma of process.env.PRAGMAS?.split(';').filter(Boolean) ?? []) db.$client.pragma(pragma);
t = performance.now();
const cpu = process.cpuUsage();
let stats = { new: 0, updated: 0, duplicate: 0 };
for (let i = 0; i < items.length; i += batch) {
  const r = storeArticles(db, items.slice(i, i + batch));
  stats = {
    new: stats.new + r.new,
    updated: stats.updated + r.updated,
    duplicate: stats.duplicate + r.duplicate,
  };
}
const storeMs = performance.now() - t;
const { user, system } = process.cpuUsage(cpu);
console.log(
  `store (batches of ${batch}): ${(storeMs / 1000).toFixed(2)} s wall = ${Math.round(items.length / (storeMs / 1000))} records/s;` +
    ` CPU ${((user + system) / 1e6).toFixed(2)} s (user ${(user / 1e6).toFixed(2)}, system ${(system / 1e6).toFixed(2)})`,
  stats,
  getTotals(db),
);
t = performance.now();
for (let i = 0; i < items.length; i += batch) storeArticles(db, items.slice(i, i + batch));
const againMs = performance.now() - t;
console.log(`again (all duplicates): ${(againMs / 1000).toFixed(2)} s`);
closeDatabase(db);
if (dir) rmSync(dir, { recursive: true, force: true });
