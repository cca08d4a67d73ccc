// `rasid status`: what is stored, each source's health and the latest runs.
import type { Db } from '@rasid/db/client';
import { getTotals, listFailures, listGivenUpFailures, listRuns, listSources } from '@rasid/db/queries';

export async function printStatus(db: Db, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const totals = getTotals(db);
  out.write(`articles ${totals.articles}, outlets ${totals.outlets}, raw documents ${totals.rawDocuments}\n`);
  const sources = listSources(db);
  out.write(`\nsources (${sources.length})\n`);
  for (const s of sources) {
    const health = s.lastError
      ? `error${s.lastErrorAt ? ` ${s.lastErrorAt}` : ''}: ${s.lastError}`
      : s.lastSuccessAt
        ? `ok ${s.lastSuccessAt}`
        : 'never run';
    out.write(`  ${s.enabled ? ' ' : '-'} ${s.name} [${s.kind}] ${s.location} — ${health}\n`);
    if (s.lastRunAt) {
      const lastOk = s.lastError && s.lastSuccessAt ? `, last ok ${s.lastSuccessAt}` : '';
      // Pages over a run's cap are fetched by later runs: a backlog that does not shrink needs more runs.
      const waiting = s.pagesWaiting > 0 ? `, ${s.pagesWaiting} page(s) waiting for the next runs` : '';
      out.write(
        `      seen ${s.itemsSeen} new ${s.itemsNew} duplicate ${s.itemsDuplicate} failed ${s.itemsFailed}` +
          `${waiting}${lastOk}\n`,
      );
    }
  }
  const runs = listRuns(db, 10);
  out.write(`\nlatest runs\n`);
  for (const r of runs) {
    out.write(
      `  #${r.id} ${r.kind} ${r.status} ${r.startedAt} read ${r.read} new ${r.new} updated ${r.updated} ` +
        `duplicate ${r.duplicate} failed ${r.failed}${r.error ? ` — ${r.error}` : ''}\n`,
    );
  }
  const failures = listFailures(db, { unresolvedOnly: true, limit: 10 });
  if (failures.length > 0) {
    out.write(`\nunresolved failures (latest ${failures.length})\n`);
    for (const f of failures) out.write(`  ${f.location}: ${f.reason}\n`);
  }
  // Never retried again, never stored: shown so that nothing a source listed disappears without a word.
  const givenUp = listGivenUpFailures(db, 10);
  if (givenUp.length > 0) {
    out.write(`\ngiven up (latest ${givenUp.length})\n`);
    for (const f of givenUp) out.write(`  ${f.location} (${f.resolvedAt}): ${f.reason}\n`);
  }
  return 0;
}
