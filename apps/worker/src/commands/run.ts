// `rasid run`: collect from every enabled source, once (`--once`, for cron or systemd timers) or on each
// source's own schedule. One source never runs twice at once; a failing source never stops the others.
import { promises as fs } from 'node:fs';
import { closeDatabase, type Db, openDatabase } from '@rasid/db/client';
import {
  addSourceItemCounts,
  emptyRunStats,
  finishRun,
  getSourceByName,
  giveUpFailures,
  listAlertRules,
  listDashboardSources,
  listPendingFailureLocations,
  settleInterruptedRuns,
  startSourceRun,
  syncFileSources,
  updateSourceState,
} from '@rasid/db/queries';
import { sourceConfigOfRow, sourceLocation } from '@rasid/db/source-config';
import { Cron } from 'croner';
import pino from 'pino';
import { PoliteFetcher, type PoliteOptions } from '../collect/polite.ts';
import { applyWatchTopicsTimed, describeWatchTopics } from '../jobs/apply-watch-topics.ts';
import type { CollectContext, CollectResult } from '../jobs/collect-context.ts';
import { collectFeed } from '../jobs/collect-feed.ts';
import { collectPage } from '../jobs/collect-page.ts';
import { collectSitemap } from '../jobs/collect-sitemap.ts';
import { ingestFiles } from '../jobs/ingest-files.ts';
import { deliverAlerts, describeAlerts, raiseAlerts } from '../jobs/raise-alerts.ts';
import { describeSubjects, refreshSubjectsTimed } from '../jobs/refresh-subjects.ts';
import { type Failure, IngestPipeline } from '../pipeline.ts';
import { readSourcesConfig, type SourceConfig } from '../sources/config.ts';

export type RunWorkerOptions = {
  dbPath: string;
  sourcesPath: string;
  once: boolean;
  logLevel: string;
  /**
   * How often a long-running worker looks for sources added, changed or removed in the dashboard, and
   * for a change to the sources file.
   */
  dashboardPollMs?: number;
};

/** Sources added from the dashboard (and the sources file) are read at start and then this often. */
export const DASHBOARD_POLL_MS = 30_000;

type Logger = pino.Logger;
type Validators = { etag: string | null; lastModified: string | null };

/** Fetch settings a source's configuration may override (see collect/http.ts and polite.ts for the defaults). */
function fetchOptionsOf(source: SourceConfig, log: Logger): PoliteOptions {
  if (source.kind === 'folder') return {};
  return {
    allowPrivateNetwork: source.allowPrivateNetwork,
    timeoutMs: source.timeoutMs,
    maxBytes: source.maxBytes,
    retries: source.retries,
    retryBaseMs: source.retryBaseMs,
    hostDelayMs: source.hostDelayMs,
    onRetry: (info) => log.warn({ source: source.name, ...info }, 'fetch retry'),
  };
}

/** One collecting pass of a source read over HTTP. */
function collect(ctx: CollectContext, source: Exclude<SourceConfig, { kind: 'folder' }>, state: Validators) {
  const where = { url: source.url, outlet: source.outlet, language: source.language };
  switch (source.kind) {
    case 'feed':
      return collectFeed(ctx, { ...where, fetchArticlePages: source.fetchArticlePages }, state);
    case 'sitemap':
      return collectSitemap(
        ctx,
        { ...where, maxSitemaps: source.maxSitemaps, maxBytes: source.maxBytes },
        state,
      );
    case 'page':
      return collectPage(ctx, where, state);
  }
}

/**
 * Pending failures at locations the source no longer lists can never be retried: they are given up, with
 * the reason, rather than left pending for ever (or dropped without a word).
 */
function giveUpUnlisted(
  db: Db,
  sourceId: number,
  kind: string,
  pending: string[],
  result: CollectResult,
): number {
  const listed = result.listed;
  if (!listed) return 0;
  const gone = pending.filter((location) => !listed.has(location));
  const why = kind === 'sitemap' ? 'no longer listed in the sitemap' : 'the item left the feed';
  return giveUpFailures(db, sourceId, gone, `${why}, so it cannot be retried`);
}

/** Brings subjects up to date after a pass stored articles; a failure here must not fail the source. */
/** Evaluates spike rules and delivers waiting alerts; a failure here must not fail the source either. */
async function logAlerts(db: Db, log: Logger): Promise<void> {
  try {
    if (!listAlertRules(db).some((r) => r.enabled)) return;
    const result = await raiseAlerts(db);
    for (const failure of result.failed) log.warn(failure, 'alert not delivered');
    log.info({ raised: result.raised, delivered: result.delivered }, describeAlerts(result));
  } catch (error) {
    log.error({ err: (error as Error).message }, 'alerts: evaluation failed');
  }
}

async function logSubjects(db: Db, log: Logger): Promise<void> {
  try {
    const summary = await refreshSubjectsTimed(db);
    log.info(summary, describeSubjects(summary));
  } catch (error) {
    log.error({ err: (error as Error).message }, 'subjects: refresh failed');
  }
}

/** Links the pass's new articles to the watch topics they match; a failure must not fail the source. */
function logWatchTopics(db: Db, log: Logger): void {
  try {
    const summary = applyWatchTopicsTimed(db);
    const line = describeWatchTopics(summary);
    if (line) log.info(summary, line);
  } catch (error) {
    log.error({ err: (error as Error).message }, 'watch topics: application failed');
  }
}

/** Why a folder source's path cannot be read, or null; creates a missing folder when the source says so. */
async function folderProblem(folder: string, create: boolean): Promise<string | null> {
  const stat = await fs.stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new Error(`${folder}: cannot be read: ${error.message}`);
  });
  if (!stat) {
    if (!create) return `no such folder or file: ${folder} (set "create": true to have the worker create it)`;
    await fs.mkdir(folder, { recursive: true });
    return null;
  }
  return stat.isDirectory() || stat.isFile() ? null : `not a folder or a file: ${folder}`;
}

/** What tells that a file changed (its time and size), or 'missing'. */
function stampOf(file: string): Promise<string> {
  return fs.stat(file).then(
    (stat) => `${stat.mtimeMs} ${stat.size}`,
    () => 'missing',
  );
}

/**
 * Runs one source now and records its state; returns whether it succeeded. A source another process is
 * running (a cron `rasid run --once` beside `rasid run`) is left to it: not a failure, nothing recorded.
 */
export async function runSource(db: Db, source: SourceConfig, log: Logger): Promise<boolean> {
  const row = getSourceByName(db, source.name);
  if (!row) throw new Error(`source "${source.name}" is not in the database`);
  const claim = startSourceRun(db, {
    kind: source.kind === 'folder' ? 'ingest' : source.kind,
    sourceId: row.id,
    args: sourceLocation(source),
  });
  if ('busy' in claim) {
    const { id, pid, startedAt } = claim.busy;
    log.info({ source: source.name, run: id, pid, startedAt }, 'already running in another process; skipped');
    return true;
  }
  const { runId } = claim;
  const now = () => new Date().toISOString();
  const started = now();
  const pending = listPendingFailureLocations(db, row.id);
  const onFailure = (f: Failure) => log.warn({ source: source.name, ...f }, 'item failed');
  try {
    if (source.kind === 'folder') {
      const problem = await folderProblem(source.path, source.create);
      // The run, failed and read nothing, says when and why, as for a feed that failed (closed below).
      if (problem) throw new Error(problem);
      const summary = await ingestFiles(db, [source.path], {
        runId,
        sourceId: row.id,
        pending,
        onFailure,
        onCheckpointError: (error) =>
          log.warn({ source: source.name, err: error.message }, 'checkpoint thread'),
      });
      addSourceItemCounts(db, row.id, { seen: summary.read, ...summary });
      updateSourceState(db, row.id, {
        lastRunAt: started,
        lastSuccessAt: now(),
        lastError: summary.failed > 0 ? `${summary.failed} item(s) failed; see rasid status` : null,
      });
      log.info({ source: source.name, ...summary }, 'folder collected');
      if (summary.new > 0 || summary.updated > 0) {
        await logSubjects(db, log);
        logWatchTopics(db, log);
        await logAlerts(db, log);
      }
      return true;
    }
    const pipeline = new IngestPipeline(db, {
      runId,
      sourceId: row.id,
      fetchedAt: started,
      onFailure,
      pending,
    });
    try {
      // Items that failed before are only retried if the document is fetched again: while any are
      // pending, the validators are not sent, so an unchanged feed still comes back in full.
      const state =
        pending.length > 0
          ? { etag: null, lastModified: null }
          : { etag: row.etag ?? null, lastModified: row.lastModified ?? null };
      const ctx: CollectContext = {
        db,
        pipeline,
        fetcher: new PoliteFetcher(fetchOptionsOf(source, log)),
        runId,
        sourceId: row.id,
        pending: new Set(pending),
        maxPagesPerRun: source.kind === 'page' ? 1 : source.maxPagesPerRun,
      };
      const result = await collect(ctx, source, state);
      pipeline.flush();
      const givenUp = giveUpUnlisted(db, row.id, source.kind, pending, result);
      for (const warning of result.warnings ?? [])
        log.warn({ source: source.name, warning }, 'entry skipped');
      const stats = pipeline.stats;
      finishRun(db, runId, { ...stats, status: stats.failed > 0 ? 'partial' : 'ok', error: null });
      addSourceItemCounts(db, row.id, { seen: stats.read, ...stats });
      updateSourceState(db, row.id, {
        lastRunAt: started,
        lastSuccessAt: now(),
        lastError: stats.failed > 0 ? `${stats.failed} item(s) failed; see rasid status` : null,
        // A 304 keeps the validators it was asked with.
        etag: result.notModified ? row.etag : result.etag,
        lastModified: result.notModified ? row.lastModified : result.lastModified,
        // A 304 lists nothing new, so what the last full read left waiting still waits.
        pagesWaiting: result.notModified ? row.pagesWaiting : result.pagesLeft,
      });
      log.info(
        {
          source: source.name,
          notModified: result.notModified,
          ...stats,
          pagesFetched: result.pagesFetched,
          pagesLeft: result.pagesLeft,
          givenUp,
        },
        `${source.kind} collected`,
      );
      if (stats.new > 0 || stats.updated > 0) {
        await logSubjects(db, log);
        logWatchTopics(db, log);
        await logAlerts(db, log);
      }
      return true;
    } catch (error) {
      pipeline.flush();
      const stats = pipeline.stats;
      finishRun(db, runId, { ...stats, status: 'failed', error: (error as Error).message });
      addSourceItemCounts(db, row.id, { seen: stats.read, ...stats });
      throw error;
    }
  } catch (error) {
    const message = (error as Error).message;
    // A run its branch did not close (it failed before it read anything) closes here; one it closed stays.
    finishRun(db, runId, { ...emptyRunStats(), status: 'failed', error: message });
    updateSourceState(db, row.id, { lastRunAt: started, lastError: message, lastErrorAt: now() });
    log.error({ source: source.name, err: message }, 'source failed');
    return false;
  }
}

/**
 * Mirrors the sources file into the database (dashboard rows are left alone) and returns what to collect:
 * the file's enabled sources. Logs what the sync changed.
 */
function syncFile(db: Db, fileSources: SourceConfig[], log: Logger): SourceConfig[] {
  const sync = syncFileSources(db, fileSources);
  for (const name of sync.tookOver)
    log.warn({ source: name }, 'the sources file now defines a source added in the dashboard; the file wins');
  for (const name of sync.disabled)
    log.info({ source: name }, 'source no longer in the sources file: disabled, its history kept');
  return fileSources.filter((s) => s.enabled);
}

/**
 * Enabled sources added from the dashboard, validated as the file's are: a row that no longer validates
 * (edited by hand in the database) is not run, and its error is recorded on it.
 */
function dashboardSources(db: Db, log: Logger): SourceConfig[] {
  const runnable: SourceConfig[] = [];
  for (const row of listDashboardSources(db)) {
    if (!row.enabled) continue;
    const checked = sourceConfigOfRow(row);
    if (checked.ok) {
      runnable.push(checked.source);
      continue;
    }
    const message = `invalid configuration: ${checked.error}`;
    if (row.lastError !== message)
      updateSourceState(db, row.id, { lastError: message, lastErrorAt: new Date().toISOString() });
    log.error({ source: row.name, err: message }, 'source skipped');
  }
  return runnable;
}

export async function runWorker(options: RunWorkerOptions): Promise<number> {
  const log = pino({ level: options.logLevel, base: { app: 'rasid-worker' } });
  const fileSources = await readSourcesConfig(options.sourcesPath);
  const db = openDatabase(options.dbPath, {
    onSearchIndexRefilled: (refill) => log.info(refill, 'search index refilled after an upgrade'),
  });
  const interrupted = settleInterruptedRuns(db);
  if (interrupted > 0) log.warn({ runs: interrupted }, 'runs whose process had ended closed as interrupted');
  let fromFile = syncFile(db, fileSources, log);
  const enabled = [...fromFile, ...dashboardSources(db, log)];
  log.info(
    {
      sources: enabled.length,
      fromDashboard: enabled.length - fromFile.length,
      db: options.dbPath,
      config: options.sourcesPath,
    },
    'worker started',
  );

  if (options.once) {
    let ok = 0;
    for (const source of enabled) if (await runSource(db, source, log)) ok++;
    closeDatabase(db);
    log.info({ ok, failed: enabled.length - ok }, 'run finished');
    return ok === enabled.length ? 0 : 1;
  }

  // One run per source at a time, whoever starts it (the start-up pass or a tick); stopping waits for them.
  const running = new Map<string, Promise<boolean>>();
  let stopping = false;
  const runTracked = (source: SourceConfig): Promise<boolean> => {
    const busy = running.get(source.name);
    if (busy || stopping) {
      if (busy) log.info({ source: source.name }, 'still running; tick skipped');
      return busy ?? Promise.resolve(false);
    }
    const run = runSource(db, source, log).finally(() => running.delete(source.name));
    running.set(source.name, run);
    return run;
  };

  // Each source's cron job, keyed by name; the key of its settings tells when the dashboard changed it.
  const jobs = new Map<string, { settings: string; cron: Cron }>();
  const schedule = (source: SourceConfig) =>
    new Cron(source.schedule, { timezone: 'UTC', protect: true }, async () => {
      // Jitter spreads sources that share a schedule, so hosts are not all hit on the same second.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 15_000).unref());
      await runTracked(source);
    });
  /** Starts jobs for sources not scheduled yet (or changed), stops those gone; returns the new ones. */
  const reschedule = (wanted: SourceConfig[]): SourceConfig[] => {
    const fresh: SourceConfig[] = [];
    const names = new Set(wanted.map((s) => s.name));
    for (const [name, job] of jobs) {
      if (names.has(name)) continue;
      job.cron.stop();
      jobs.delete(name);
      log.info({ source: name }, 'source unscheduled');
    }
    for (const source of wanted) {
      const settings = JSON.stringify(source);
      const job = jobs.get(source.name);
      if (job?.settings === settings) continue;
      job?.cron.stop();
      jobs.set(source.name, { settings, cron: schedule(source) });
      if (!job) fresh.push(source);
    }
    return fresh;
  };

  // Every source runs once at start, then on its schedule; a source added in the dashboard later runs
  // as soon as the worker sees it.
  reschedule(enabled);
  // Alerts raised by the dashboard (a rule evaluated when it is created) wait for a webhook too.
  let delivering: Promise<void> | null = null;
  const deliverWaiting = (): void => {
    if (delivering) return;
    delivering = deliverAlerts(db)
      .then((result) => {
        // A webhook that is down is tried every poll: its failures are logged at warn by the passes only.
        for (const failure of result.failed) log.debug(failure, 'alert not delivered');
        if (result.delivered > 0) log.info(result, `alerts: ${result.delivered} delivered`);
      })
      .catch((error: Error) => log.error({ err: error.message }, 'alerts: delivery failed'))
      .finally(() => {
        delivering = null;
      });
  };
  // An edited sources file is read again without a restart (systemd's reload, or none, need not know). A
  // file that no longer validates changes nothing: the sources read before keep running, and it is logged.
  let fileStamp = await stampOf(options.sourcesPath);
  const reloadFile = async (): Promise<string[]> => {
    const stamp = await stampOf(options.sourcesPath);
    if (stamp === fileStamp) return [];
    fileStamp = stamp;
    try {
      const before = new Set(fromFile.map((s) => s.name));
      fromFile = syncFile(db, await readSourcesConfig(options.sourcesPath), log);
      log.info({ sources: fromFile.length, config: options.sourcesPath }, 'sources file changed: read again');
      return fromFile.filter((s) => !before.has(s.name)).map((s) => s.name);
    } catch (error) {
      log.error(
        { err: (error as Error).message },
        'sources file changed but cannot be used; its previous sources go on',
      );
      return [];
    }
  };
  let polling = false;
  const poll = setInterval(() => {
    if (stopping || polling) return;
    polling = true;
    deliverWaiting();
    void (async () => {
      const fileAdded = new Set(await reloadFile());
      const added = reschedule([...fromFile, ...dashboardSources(db, log)]);
      for (const source of added) {
        const from = fileAdded.has(source.name) ? 'the sources file' : 'the dashboard';
        log.info({ source: source.name }, `source added in ${from}`);
        void runTracked(source);
      }
    })()
      .catch((error: Error) => log.error({ err: error.message }, 'sources: reading failed'))
      .finally(() => {
        polling = false;
      });
  }, options.dashboardPollMs ?? DASHBOARD_POLL_MS);
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  void (async () => {
    for (const source of enabled) {
      if (stopping) break;
      await runTracked(source);
    }
  })();

  const signal = await stopped;
  stopping = true;
  clearInterval(poll);
  for (const job of jobs.values()) job.cron.stop();
  log.info({ signal, running: [...running.keys()] }, 'worker stopping');
  // A run in progress finishes (its batch commits, its state is written) before the database closes.
  await Promise.allSettled([...running.values(), delivering]);
  log.info('worker stopped');
  closeDatabase(db);
  return 0;
}
