import type { CoverageFilters } from '@rasid/db/queries';
import { z } from 'zod';

// The one description of what a URL may say about filters. Route handlers parse request URLs with it and
// pages parse their own search params with it, so a shared link means the same thing in both places.

/** Anything with URLSearchParams' read methods (Next's ReadonlyURLSearchParams included). */
export type SearchParamsLike = {
  get(name: string): string | null;
  getAll(name: string): string[];
};

function isRealDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isRealDay, 'not a real calendar date');

export const filtersSchema = z
  .object({
    from: daySchema.optional(),
    to: daySchema.optional(),
    outlet: z
      .array(z.coerce.number().int('expected an outlet id').positive('expected an outlet id'))
      .max(200),
    topic: z.array(z.string().min(1).max(120)).max(200),
    lang: z
      .array(z.string().regex(/^[a-z]{2,3}$/, 'expected an ISO 639-1 code such as ar, en or fr'))
      .max(50),
    q: z.string().trim().max(300, 'at most 300 characters').optional(),
    // Each text once: syndicated copies and near-duplicates of a text already counted are left out.
    unique: z
      .enum(['1', 'true', '0', 'false'], { message: 'expected 1 (unique texts only) or 0 (every article)' })
      .transform((value) => value === '1' || value === 'true')
      .optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'must not be after to', path: ['from'] });

export type Filters = z.infer<typeof filtersSchema>;

export const timeBuckets = ['day', 'week', 'month'] as const;
export const stackDimensions = ['outlet', 'topic', 'language'] as const;
export type TimeBucket = (typeof timeBuckets)[number];
export type StackDimension = (typeof stackDimensions)[number];

export const coverageParamsSchema = z.object({
  groupBy: z.enum(['day', 'week', 'month', 'outlet', 'topic', 'language']).default('day'),
  stackBy: z.enum([...stackDimensions, 'none']).default('none'),
});

export const articleParamsSchema = z.object({
  // A bucket key as /api/coverage returned it (a day, or the key of a week or month).
  day: z
    .string()
    .regex(/^[0-9A-Za-z-]{4,12}$/, 'expected a bucket key such as 2018-02-18')
    .optional(),
  bucket: z.enum(timeBuckets).optional(),
  outletId: z.coerce.number().int('expected an outlet id').positive('expected an outlet id').optional(),
  // A drill-down into one topic, on top of (not instead of) the `topic` filter.
  inTopic: z.string().min(1).max(120).optional(),
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int('expected a whole number').min(1).max(100).default(25),
});

export type ArticleParams = z.infer<typeof articleParamsSchema>;

export const storySorts = ['size', 'recent'] as const;

/** The Stories page's own settings, on top of the shared date and outlet filters. */
export const storyParamsSchema = z.object({
  // 2 by default: a story told by one outlet is just an article (or its copies) to most readers.
  minOutlets: z.coerce.number().int('expected a whole number').min(1).max(500).default(2),
  minSize: z.coerce.number().int('expected a whole number').min(1).max(100_000).optional(),
  sort: z.enum(storySorts).default('size'),
  limit: z.coerce.number().int('expected a whole number').min(1).max(200).default(50),
  offset: z.coerce.number().int('expected a whole number').min(0).max(1_000_000).default(0),
});

export type StoryParams = z.infer<typeof storyParamsSchema>;

export const alertParamsSchema = z.object({
  limit: z.coerce.number().int('expected a whole number').min(1).max(500).default(100),
});

export const compareKinds = ['q', 'topic', 'outlet'] as const;
export type CompareKind = (typeof compareKinds)[number];
export type CompareSpec = { kind: CompareKind; value: string };
export const maxCompare = 8;
export const measures = ['count', 'share'] as const;
export type Measure = (typeof measures)[number];

/** One compared series as the URL writes it: `q:<search>`, `topic:<slug>` or `outlet:<id>`. */
export const compareSpecSchema = z.string().transform((text, ctx): CompareSpec => {
  const colon = text.indexOf(':');
  const kind = text.slice(0, Math.max(0, colon));
  const value = text.slice(colon + 1).trim();
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (colon < 0 || !(compareKinds as readonly string[]).includes(kind)) {
    return fail(`expected q:<search>, topic:<slug> or outlet:<id>, got "${text.slice(0, 40)}"`);
  }
  if (value === '') return fail(`${kind}: is empty`);
  if (kind === 'outlet' && !/^[1-9]\d{0,9}$/.test(value))
    return fail(`expected an outlet id after outlet:, got "${value.slice(0, 40)}"`);
  if (kind === 'topic' && value.length > 120) return fail('a topic slug has at most 120 characters');
  if (kind === 'q' && value.length > 300) return fail('a search has at most 300 characters');
  return { kind: kind as CompareKind, value };
});

export const compareParamsSchema = z.object({
  compare: z
    .array(compareSpecSchema)
    .max(maxCompare, `at most ${maxCompare} series`)
    .refine(
      (specs) => new Set(specs.map((spec) => `${spec.kind}:${spec.value}`)).size === specs.length,
      'the same series is listed twice',
    ),
  bucket: z.enum(timeBuckets).default('month'),
  measure: z.enum(measures).default('count'),
});

export const shareParamsSchema = z.object({
  bucket: z.enum(timeBuckets).default('month'),
  by: z.enum(['outlet', 'none']).default('outlet'),
});

/** Thrown for a URL that does not validate; `message` is "<param>: <problem>". */
export class BadParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadParamError';
  }
}

const multiKeys = new Set(['outlet', 'topic', 'lang', 'compare']);

function readParams(search: SearchParamsLike, keys: readonly string[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of keys) {
    if (multiKeys.has(key)) {
      raw[key] = search.getAll(key).filter((value) => value !== '');
    } else {
      // An empty field (`?from=`) means "not set", as a form submitting a blank input would send it.
      const value = search.get(key);
      if (value !== null && value !== '') raw[key] = value;
    }
  }
  return raw;
}

function parseWith<T extends z.ZodType>(schema: T, raw: Record<string, unknown>): z.infer<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue?.path[0] ?? 'query';
  throw new BadParamError(`${String(param)}: ${issue?.message ?? 'invalid'}`);
}

export function parseFilters(search: SearchParamsLike): Filters {
  return parseWith(
    filtersSchema,
    readParams(search, ['from', 'to', 'outlet', 'topic', 'lang', 'q', 'unique']),
  );
}

export function parseCoverageParams(search: SearchParamsLike) {
  return parseWith(coverageParamsSchema, readParams(search, ['groupBy', 'stackBy']));
}

export function parseArticleParams(search: SearchParamsLike): ArticleParams {
  return parseWith(
    articleParamsSchema,
    readParams(search, ['day', 'bucket', 'outletId', 'inTopic', 'cursor', 'limit']),
  );
}

export function parseStoryParams(search: SearchParamsLike): StoryParams {
  return parseWith(
    storyParamsSchema,
    readParams(search, ['minOutlets', 'minSize', 'sort', 'limit', 'offset']),
  );
}

export function parseAlertParams(search: SearchParamsLike) {
  return parseWith(alertParamsSchema, readParams(search, ['limit']));
}

export function parseCompareParams(search: SearchParamsLike) {
  return parseWith(compareParamsSchema, readParams(search, ['compare', 'bucket', 'measure']));
}

export function parseShareParams(search: SearchParamsLike) {
  return parseWith(shareParamsSchema, readParams(search, ['bucket', 'by']));
}

/** A compared series back to its URL form. */
export const compareParam = (spec: CompareSpec): string => `${spec.kind}:${spec.value}`;

/** The shape the queries take: empty lists and blank search left out. */
export function toCoverageFilters(filters: Filters): CoverageFilters {
  const out: CoverageFilters = {};
  if (filters.from) out.from = filters.from;
  if (filters.to) out.to = filters.to;
  if (filters.outlet.length > 0) out.outlets = filters.outlet;
  if (filters.topic.length > 0) out.topics = filters.topic;
  if (filters.lang.length > 0) out.languages = filters.lang;
  if (filters.q) out.q = filters.q;
  if (filters.unique) out.unique = true;
  return out;
}

/** Filters back to URL form, in a stable order so equal filters give equal URLs (and cache keys). */
export function toSearchParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  for (const id of [...filters.outlet].sort((a, b) => a - b)) params.append('outlet', String(id));
  for (const slug of [...filters.topic].sort()) params.append('topic', slug);
  for (const code of [...filters.lang].sort()) params.append('lang', code);
  if (filters.q) params.set('q', filters.q);
  // Only when set: every article is the default, and `unique=0` would give equal filters a second URL.
  if (filters.unique) params.set('unique', '1');
  return params;
}

export const emptyFilters: Filters = { outlet: [], topic: [], lang: [] };

export function hasAnyFilter(filters: Filters): boolean {
  return Boolean(
    filters.from ||
      filters.to ||
      filters.q ||
      filters.unique ||
      filters.outlet.length > 0 ||
      filters.topic.length > 0 ||
      filters.lang.length > 0,
  );
}

/** The overview's time bucket from its URL: an unknown value falls back to month, as the page shows it. */
export function readTimeBucket(value: string | null): TimeBucket {
  return (timeBuckets as readonly string[]).includes(value ?? '') ? (value as TimeBucket) : 'month';
}

/** The overview's stacking from its URL (`none` for none): an unknown value falls back to outlet. */
export function readStackBy(value: string | null): StackDimension | null {
  if (value === 'none') return null;
  return (stackDimensions as readonly string[]).includes(value ?? '') ? (value as StackDimension) : 'outlet';
}

export type CoverageGroup = TimeBucket | 'outlet' | 'topic' | 'language';

/** The coverage request for filters and a grouping: its URL is also its cache key (server prefetch too). */
export function coverageUrl(
  filters: Filters,
  groupBy: CoverageGroup,
  stackBy: StackDimension | null,
): string {
  const params = toSearchParams(filters);
  params.set('groupBy', groupBy);
  if (stackBy) params.set('stackBy', stackBy);
  return `/api/coverage?${params}`;
}
