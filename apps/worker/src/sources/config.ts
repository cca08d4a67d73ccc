// Sources are data: a JSON file the user edits. Validated here, then mirrored into the database so the
// dashboard and `rasid status` can show each source's health.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const base = {
  name: z.string().min(1),
  outlet: z.string().min(1).optional(),
  language: z.string().length(2).optional(),
  /** A cron expression, UTC. */
  schedule: z.string().min(1).default('*/30 * * * *'),
  enabled: z.boolean().default(true),
};

// Fetch settings for sources read over HTTP; the defaults are in collect/http.ts.
const fetched = {
  /** Lets the source reach loopback and private addresses (an intranet feed, a test server). */
  allowPrivateNetwork: z.boolean().default(false),
  timeoutMs: z.number().int().positive().optional(),
  maxBytes: z.number().int().positive().optional(),
  retries: z.number().int().min(0).max(10).optional(),
  retryBaseMs: z.number().int().min(0).optional(),
  /** Pause between two requests to one host (collect/polite.ts: 1 s); a site's longer Crawl-delay wins. */
  hostDelayMs: z.number().int().min(0).max(60_000).optional(),
};

/** Article pages fetched per run at most; the rest wait for the next run (a 50,000-URL sitemap is not read in one go). */
export const DEFAULT_MAX_PAGES_PER_RUN = 100;
/** Child sitemaps of a sitemap index read per run at most, newest first. */
export const DEFAULT_MAX_SITEMAPS_PER_RUN = 20;

const paged = {
  maxPagesPerRun: z.number().int().positive().default(DEFAULT_MAX_PAGES_PER_RUN),
};

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    ...fetched,
    ...paged,
    kind: z.literal('feed'),
    url: z.string().url(),
    /** For an item that carries only a summary, fetch its article page and store the page's text. */
    fetchArticlePages: z.boolean().default(true),
  }),
  z.object({
    ...base,
    ...fetched,
    ...paged,
    kind: z.literal('sitemap'),
    url: z.string().url(),
    maxSitemaps: z.number().int().positive().default(DEFAULT_MAX_SITEMAPS_PER_RUN),
  }),
  z.object({ ...base, ...fetched, kind: z.literal('page'), url: z.string().url() }),
  z.object({ ...base, kind: z.literal('folder'), path: z.string().min(1) }),
]);

const fileSchema = z.object({ sources: z.array(sourceSchema) });

export type SourceConfig = z.infer<typeof sourceSchema>;

/** Reads and validates the sources file; every problem names the file and the entry. */
export async function readSourcesConfig(file: string): Promise<SourceConfig[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the sources file: ${(error as NodeJS.ErrnoException).code}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || 'file'}: ${issue?.message}`);
  }
  const names = new Set<string>();
  for (const source of parsed.data.sources) {
    if (names.has(source.name)) throw new Error(`${file}: two sources are named "${source.name}"`);
    names.add(source.name);
  }
  // Folder paths are relative to the sources file, wherever the worker is started from.
  return parsed.data.sources.map((s) =>
    s.kind === 'folder' ? { ...s, path: path.resolve(path.dirname(file), s.path) } : s,
  );
}

export function sourceLocation(source: SourceConfig): string {
  return source.kind === 'folder' ? source.path : source.url;
}
