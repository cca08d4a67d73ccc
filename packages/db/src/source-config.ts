// What a source is, validated once for both places a user defines one: the sources file the worker
// reads and the dashboard's Sources page. Both go through this schema, so a source the dashboard
// accepts is one the worker can run, and every problem names its field.
import { Cron } from 'croner';
import { z } from 'zod';

/** Article pages fetched per run at most; the rest wait for the next run (a 50,000-URL sitemap is not read in one go). */
export const DEFAULT_MAX_PAGES_PER_RUN = 100;
/** Child sitemaps of a sitemap index read per run at most, newest first. */
export const DEFAULT_MAX_SITEMAPS_PER_RUN = 20;
export const DEFAULT_SCHEDULE = '*/30 * * * *';

/** Null when `pattern` is a cron expression croner (the worker's scheduler) can run, else why not. */
export function cronProblem(pattern: string): string | null {
  try {
    new Cron(pattern, { paused: true, timezone: 'UTC' }).stop();
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^CronPattern: /, '');
  }
}

const schedule = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    const problem = cronProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: `not a cron expression: ${problem}` });
  });

const base = {
  name: z.string().trim().min(1).max(100),
  outlet: z.string().min(1).optional(),
  language: z.string().length(2).optional(),
  /** A cron expression, UTC. */
  schedule: schedule.default(DEFAULT_SCHEDULE),
  enabled: z.boolean().default(true),
};

// Fetch settings for sources read over HTTP; the defaults are in the worker's collect/http.ts.
const fetched = {
  /** Lets the source reach loopback and private addresses (an intranet feed, a test server). */
  allowPrivateNetwork: z.boolean().default(false),
  timeoutMs: z.number().int().positive().optional(),
  maxBytes: z.number().int().positive().optional(),
  retries: z.number().int().min(0).max(10).optional(),
  retryBaseMs: z.number().int().min(0).optional(),
  /** Pause between two requests to one host (the worker's collect/polite.ts: 1 s); a site's longer Crawl-delay wins. */
  hostDelayMs: z.number().int().min(0).max(60_000).optional(),
};

const paged = {
  maxPagesPerRun: z.number().int().positive().default(DEFAULT_MAX_PAGES_PER_RUN),
};

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

const shapes = {
  feed: {
    ...base,
    ...fetched,
    ...paged,
    kind: z.literal('feed'),
    url: httpUrl,
    /** For an item that carries only a summary, fetch its article page and store the page's text. */
    fetchArticlePages: z.boolean().default(true),
  },
  sitemap: {
    ...base,
    ...fetched,
    ...paged,
    kind: z.literal('sitemap'),
    url: httpUrl,
    maxSitemaps: z.number().int().positive().default(DEFAULT_MAX_SITEMAPS_PER_RUN),
  },
  page: { ...base, ...fetched, kind: z.literal('page'), url: httpUrl },
  folder: {
    ...base,
    kind: z.literal('folder'),
    /** A folder (read recursively) or one file. */
    path: z.string().min(1),
    /**
     * Create the folder when it is missing, as the default file does for its inbox. Default false: a
     * mistyped path is the source's error, not a new empty folder collected without a word.
     */
    create: z.boolean().default(false),
  },
};

/** One source as the sources file writes it (unknown keys are ignored, as they always were). */
export const sourceSchema = z.discriminatedUnion('kind', [
  z.object(shapes.feed),
  z.object(shapes.sitemap),
  z.object(shapes.page),
  z.object(shapes.folder),
]);

/**
 * One source as the dashboard receives it: the same fields and checks, but an unknown key is refused
 * (a typo such as "shedule" would otherwise be dropped without a word).
 */
export const sourceStrictSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject(shapes.feed),
    z.strictObject(shapes.sitemap),
    z.strictObject(shapes.page),
    z.strictObject(shapes.folder),
  ],
  'expected feed, sitemap, page or folder',
);

export const sourcesFileSchema = z.object({ sources: z.array(sourceSchema) });

export type SourceConfig = z.infer<typeof sourceSchema>;

export function sourceLocation(source: SourceConfig): string {
  return source.kind === 'folder' ? source.path : source.url;
}

/** Where a source's row came from; kept in its `config` JSON as `origin`. */
export type SourceOrigin = 'file' | 'dashboard';

/** The settings a row keeps in its config JSON beyond its columns (fetch limits and the like). */
export function extraSettingsOf(source: SourceConfig): Record<string, unknown> {
  const {
    name: _name,
    kind: _kind,
    outlet: _outlet,
    language: _language,
    schedule: _schedule,
    enabled: _enabled,
    ...rest
  } = source;
  const extra: Record<string, unknown> = { ...rest };
  delete extra.url;
  delete extra.path;
  return extra;
}

/** A source row's columns and config, as stored (the shape `listSources` returns). */
export type SourceRowLike = {
  name: string;
  kind: string;
  location: string;
  outletHint: string | null;
  languageHint: string | null;
  schedule: string | null;
  enabled: boolean;
  config: Record<string, unknown>;
};

/**
 * The runnable configuration of a stored row (one the dashboard added), validated again: a row edited
 * by hand in the database gets the same error the file or the dashboard would have given.
 */
export function sourceConfigOfRow(
  row: SourceRowLike,
): { ok: true; source: SourceConfig } | { ok: false; error: string } {
  const settings =
    row.config.settings && typeof row.config.settings === 'object' && !Array.isArray(row.config.settings)
      ? (row.config.settings as Record<string, unknown>)
      : {};
  const parsed = sourceSchema.safeParse({
    ...settings,
    name: row.name,
    kind: row.kind,
    ...(row.kind === 'folder' ? { path: row.location } : { url: row.location }),
    outlet: row.outletHint ?? undefined,
    language: row.languageHint ?? undefined,
    schedule: row.schedule ?? undefined,
    enabled: row.enabled,
  });
  if (parsed.success) return { ok: true, source: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || 'source'}: ${issue?.message ?? 'invalid'}` };
}
