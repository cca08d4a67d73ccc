// The `rasid` command line. Each command is a small function; they share the pipeline and the database client.
import { parseArgs } from 'node:util';
import { closeDatabase, type Db, openDatabase } from '@rasid/db/client';
import {
  forgetStoryIndex,
  listAlertRules,
  listAlerts,
  listPendingFailureLocations,
  settleInterruptedRuns,
  upsertAlertRule,
} from '@rasid/db/queries';
import { type ParseRequest, parseRequest, readManifest } from './commands/parse.ts';
import { printStatus } from './commands/status.ts';
import { readEnv } from './env.ts';
import { applyWatchTopicsTimed, describeWatchTopics } from './jobs/apply-watch-topics.ts';
import { ingestFiles } from './jobs/ingest-files.ts';
import { describeAlerts, raiseAlerts } from './jobs/raise-alerts.ts';
import { describeSubjects, refreshSubjectsTimed } from './jobs/refresh-subjects.ts';
import { ProgressBar } from './progress.ts';

const USAGE = `rasid — collect news and measure coverage

Usage:
  rasid ingest PATH... [--reference-date ISO] [--batch-size N] [--threads N|auto]
      Store the articles in files and folders (.txt, .html, .json, .jsonl, .xml and the same .gz).
      Idempotent: ingesting the same input again stores nothing twice. --threads: parse threads beside
      the one that stores, which parses too when they are full (auto: one per spare core for inputs
      over 2 MB; 0: parse inline). Runs with a 256 MB heap unless NODE_OPTIONS sets one.
  rasid parse FILE... [--url URL] [--format text|html|feed|record] [--reference-date ISO]
  rasid parse --manifest FILE
      Print what the parser makes of each file, one JSON object a line, without storing it.
  rasid run [--once]
      Collect from the sources in rasid.sources.json (RASID_SOURCES) on their schedules.
  rasid subjects
      Retrain the subject classifier on the articles whose desk names a subject, and re-score the rest
      (ingest and run do this on their own when the labelled articles grew by a tenth).
  rasid alerts [add NAME --scope all|outlet:ID|topic:SLUG|query:TEXT [--webhook URL] [--k N] [--min-count N]]
      Spike alert rules and the alerts raised (a day's count against the 14 days before); ingest and run
      evaluate the rules after storing and POST new alerts to a rule's webhook until it accepts them.
  rasid status
      Articles, sources and recent runs.
  rasid migrate
      Create or upgrade the database.

The database is ./data/rasid.db in the repository; RASID_DB=PATH chooses another.`;

class UsageError extends Error {}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

const reportRefill = ({ articles, seconds }: { articles: number; seconds: number }): void => {
  process.stderr.write(
    `rasid: search index refilled from ${articles.toLocaleString('en-US')} articles in ${seconds.toFixed(1)} s (once, after an upgrade)\n`,
  );
};

function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const env = readEnv();
  const db = openDatabase(env.dbPath, { onSearchIndexRefilled: reportRefill });
  // Runs whose process was killed would read "running" for ever (in `rasid status` too): closed first.
  settleInterruptedRuns(db);
  return fn(db).finally(() => closeDatabase(db));
}

function checkIsoDate(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new UsageError(`${flag}: not an ISO 8601 date: ${value}`);
  return new Date(value).toISOString();
}

async function runIngest(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'reference-date': { type: 'string' },
      'batch-size': { type: 'string' },
      threads: { type: 'string', default: 'auto' },
    },
  });
  if (positionals.length === 0) throw new UsageError('ingest: give at least one file or folder');
  const referenceDate = checkIsoDate(values['reference-date'], '--reference-date');
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new UsageError(`--batch-size: not a positive whole number: ${values['batch-size']}`);
  }
  const threads = values.threads === 'auto' ? 'auto' : Number(values.threads);
  if (threads !== 'auto' && !(Number.isInteger(threads) && threads >= 0 && threads <= 64)) {
    throw new UsageError(`--threads: expected auto or a whole number from 0 to 64, got ${values.threads}`);
  }
  return withDb(async (db) => {
    let bar: ProgressBar | null = null;
    const summary = await ingestFiles(db, positionals, {
      referenceDate,
      batchSize,
      threads,
      pending: listPendingFailureLocations(db, null),
      onProgress: (done, total, stats) => {
        bar ??= new ProgressBar(total);
        bar.update(done, `${formatCount(stats.read)} read, ${formatCount(stats.new)} new`);
      },
      onFailure: ({ location, reason }) => {
        bar?.finish();
        process.stderr.write(`failed: ${location}: ${reason}\n`);
      },
      onCheckpointError: (error) => {
        bar?.finish();
        process.stderr.write(`warning: ${error.message}; the ingest goes on\n`);
      },
    });
    (bar as ProgressBar | null)?.finish();
    const rate = summary.seconds > 0 ? Math.round(summary.read / summary.seconds) : summary.read;
    process.stdout.write(
      `read ${formatCount(summary.read)}, new ${formatCount(summary.new)}, updated ${formatCount(summary.updated)}, ` +
        `duplicate ${formatCount(summary.duplicate)}, failed ${formatCount(summary.failed)} ` +
        `in ${summary.seconds.toFixed(1)} s (${formatCount(rate)}/s)\n`,
    );
    if (summary.new > 0 || summary.updated > 0) {
      // The ingest's story index (tens of MB after a large one) is of no use to what follows.
      forgetStoryIndex(db);
      process.stdout.write(`${describeSubjects(await refreshSubjectsTimed(db))}\n`);
      const watched = describeWatchTopics(applyWatchTopicsTimed(db));
      if (watched) process.stdout.write(`${watched}\n`);
      if (listAlertRules(db).some((r) => r.enabled))
        process.stdout.write(`${describeAlerts(await raiseAlerts(db))}\n`);
    }
    return summary.failed > 0 ? 1 : 0;
  });
}

async function runParse(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      manifest: { type: 'string' },
      url: { type: 'string' },
      format: { type: 'string' },
      'reference-date': { type: 'string' },
    },
  });
  let requests: ParseRequest[];
  if (values.manifest) {
    if (positionals.length > 0) throw new UsageError('parse: give files or --manifest, not both');
    requests = await readManifest(values.manifest);
  } else {
    if (positionals.length === 0) throw new UsageError('parse: give at least one file, or --manifest FILE');
    const format = values.format;
    if (format !== undefined && !['text', 'html', 'feed', 'record'].includes(format)) {
      throw new UsageError(`--format: expected text, html, feed or record, got ${format}`);
    }
    const referenceDate = checkIsoDate(values['reference-date'], '--reference-date');
    requests = positionals.map((file) => ({
      file,
      url: values.url,
      format: format as ParseRequest['format'],
      referenceDate,
    }));
  }
  let failed = 0;
  for (const request of requests) {
    for (const output of await parseRequest(request)) {
      if ('error' in output) {
        failed++;
        process.stderr.write(`failed: ${output.file}: ${output.error}\n`);
      }
      process.stdout.write(`${JSON.stringify(output)}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

function parseScope(value: string | undefined): Parameters<typeof upsertAlertRule>[1]['scope'] {
  if (!value || value === 'all') return { kind: 'all' };
  const [kind, ...rest] = value.split(':');
  const arg = rest.join(':');
  if (kind === 'outlet' && /^\d+$/.test(arg)) return { kind: 'outlet', outletId: Number(arg) };
  if (kind === 'topic' && arg) return { kind: 'topic', slug: arg };
  if (kind === 'query' && arg) return { kind: 'query', q: arg };
  throw new UsageError(`--scope: expected all, outlet:ID, topic:SLUG or query:TEXT, got ${value}`);
}

async function runAlerts(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      scope: { type: 'string' },
      webhook: { type: 'string' },
      k: { type: 'string' },
      'min-count': { type: 'string' },
    },
  });
  const [action, name, ...extra] = positionals;
  if (action !== undefined && action !== 'add') throw new UsageError(`alerts: unknown action ${action}`);
  if (action === 'add' && (!name || extra.length > 0)) throw new UsageError('alerts add: give one NAME');
  return withDb(async (db) => {
    if (action === 'add') {
      const number = (flag: string, v: string | undefined) => {
        if (v === undefined) return undefined;
        const n = Number(v);
        if (!Number.isFinite(n)) throw new UsageError(`--${flag}: not a number: ${v}`);
        return n;
      };
      const rule = upsertAlertRule(db, {
        name: name ?? '',
        scope: parseScope(values.scope),
        webhookUrl: values.webhook ?? null,
        k: number('k', values.k),
        minCount: number('min-count', values['min-count']),
      });
      process.stdout.write(
        `rule ${rule.id} "${rule.name}" saved\n${describeAlerts(await raiseAlerts(db))}\n`,
      );
      return 0;
    }
    for (const rule of listAlertRules(db))
      process.stdout.write(
        `rule ${rule.id} "${rule.name}" ${JSON.stringify(rule.scope)} k=${rule.k} min=${rule.minCount}` +
          `${rule.webhookUrl ? ` → ${rule.webhookUrl}` : ''}${rule.enabled ? '' : ' (disabled)'}\n`,
      );
    for (const alert of listAlerts(db, { limit: 50 }))
      process.stdout.write(
        `${alert.day} "${alert.ruleName}": ${alert.count} articles (threshold ${alert.threshold.toFixed(1)})` +
          `${alert.webhookUrl ? (alert.deliveredAt ? ', delivered' : ', not delivered yet') : ''}\n`,
      );
    return 0;
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'ingest':
      return runIngest(args);
    case 'parse':
      return runParse(args);
    case 'status':
      return withDb(async (db) => printStatus(db));
    case 'alerts':
      return runAlerts(args);
    case 'subjects':
      if (args.length > 0) throw new UsageError(`subjects: takes no arguments, got ${args.join(' ')}`);
      return withDb(async (db) => {
        const summary = await refreshSubjectsTimed(db, { force: true });
        process.stdout.write(`${describeSubjects(summary)}\n`);
        return summary.examples === 0 ? 1 : 0;
      });
    case 'run': {
      const { runWorker } = await import('./commands/run.ts');
      const { values } = parseArgs({ args, options: { once: { type: 'boolean', default: false } } });
      const env = readEnv();
      return runWorker({
        dbPath: env.dbPath,
        sourcesPath: env.sourcesPath,
        once: values.once ?? false,
        logLevel: env.logLevel,
      });
    }
    case 'migrate':
      return withDb(async (db) => {
        process.stdout.write(`database ready: ${db.$client.name}\n`);
        return 0;
      });
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`rasid: ${(error as Error).message}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`rasid: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
