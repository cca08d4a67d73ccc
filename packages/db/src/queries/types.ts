import type { Article, DatePrecision, Format } from '@rasid/parser';
import type { StorySignature } from '@rasid/parser/stories';

/** Filters shared by every chart, list and export. Dates are UTC days, inclusive. */
export type CoverageFilters = {
  from?: string; // YYYY-MM-DD
  to?: string; // YYYY-MM-DD
  outlets?: number[]; // outlet ids
  topics?: string[]; // topic slugs (subjects or sections); an article matches if it has any
  languages?: string[]; // ISO 639-1
  q?: string; // full-text search, Arabic-folded
  /**
   * Count each text once: leave out the articles stored as a copy of another story member's text
   * (syndicated or re-filed, story_members.kind 'duplicate'). Default false: every article counts.
   */
  unique?: boolean;
};

export type TimeBucket = 'day' | 'week' | 'month';

export type CoverageGroup = 'day' | 'week' | 'month' | 'outlet' | 'topic' | 'language';

/** One cell of a chart: `key` on the x axis (a day, an outlet id, a topic slug), `stack` within it. */
export type CoveragePoint = {
  key: string;
  label: string;
  stack: string | null;
  stackLabel: string | null;
  count: number;
};

export type ArticleSummary = {
  id: number;
  url: string | null;
  title: string;
  outlet: { id: number; name: string; domain: string | null };
  language: string | null;
  direction: 'rtl' | 'ltr';
  /** The day charts count it on: its publication day, or the day it was first seen when undated. */
  day: string;
  publishedAt: string | null;
  firstSeenAt: string;
  dateSource: string;
  datePrecision: DatePrecision | null;
  section: string | null;
  topics: { slug: string; name: string; kind: TopicKind }[];
  snippet: string;
};

export type ArticleDetail = ArticleSummary & {
  byline: string | null;
  body: string;
  sections: string[];
  contentHash: string;
  rawDocuments: { id: number; location: string; format: string; fetchedAt: string }[];
};

export type TopicKind = 'subject' | 'section' | 'watch';

/** One item handed to the store: the raw input as collected and what the parser made of it. */
export type IngestItem = {
  raw: {
    location: string;
    url: string | null;
    format: Format | string;
    contentType: string | null;
    /** The raw bytes; null when `keys` (derived from them elsewhere) are given instead. */
    content: Uint8Array | string | null;
    fetchedAt: string; // ISO
  };
  article: Article;
  /** Derived beforehand by deriveStoreKeys (on a parse thread); the store derives them when absent. */
  keys?: StoreKeys;
};

/** What the store derives from an item before writing it (see store-keys.ts). */
export type StoreKeys = {
  /** sha256 (hex) of the raw bytes: the same bytes are stored once. */
  sha256: string;
  /** The raw bytes compressed with ARCHIVE_CODEC, as archived in raw_documents.content. */
  archive: Uint8Array;
  /** Length of the raw bytes. */
  size: number;
  /** See dedupeKeyOf. */
  dedupeKey: string;
  /** The article's story signature; null: computed by the store when it indexes the text. */
  signature: StorySignature | null;
};

export type StoreOutcome = 'new' | 'updated' | 'duplicate';

export type StoreResult = { new: number; updated: number; duplicate: number; outcomes: StoreOutcome[] };

export type RunStats = { read: number; new: number; updated: number; duplicate: number; failed: number };

/** The language code used for articles whose language could not be told (BCP 47 "undetermined"). */
export const UNKNOWN_LANGUAGE = 'und';

/** `listArticles` filters: the chart filters plus the cell a user clicked (a bucket, an outlet, a topic). */
export type ArticleListFilters = CoverageFilters & {
  /** A bucket key: YYYY-MM-DD (day, or any day of the week) or YYYY-MM (month). */
  day?: string;
  /** How `day` is to be read; default 'day'. */
  bucket?: TimeBucket;
  outletId?: number;
  /** A topic slug the article must carry (in addition to `topics`, which matches any). */
  topic?: string;
};

export type ArticlePage = { items: ArticleSummary[]; nextCursor: string | null; total: number };

export type OutletSummary = { id: number; name: string; domain: string | null; articles: number };
export type TopicSummary = { slug: string; name: string; kind: TopicKind; articles: number };
export type LanguageSummary = { code: string; articles: number };
export type DateRange = { from: string | null; to: string | null };
export type Totals = { articles: number; outlets: number; rawDocuments: number };

/** 'interrupted': its process ended (killed, crashed, the machine stopped) before it finished. */
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export type IngestRun = RunStats & {
  id: number;
  kind: string;
  sourceId: number | null;
  args: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  error: string | null;
  pid: number | null;
  host: string | null;
};

export type IngestFailure = {
  id: number;
  runId: number | null;
  sourceId: number | null;
  location: string;
  reason: string;
  createdAt: string;
  resolvedAt: string | null;
};

export type SourceKind = 'folder' | 'file' | 'feed' | 'sitemap' | 'page';

/** What a user configures; `upsertSource` keys it by `name`. */
export type SourceInput = {
  name: string;
  kind: SourceKind;
  location: string;
  outletHint?: string | null;
  languageHint?: string | null;
  schedule?: string | null;
  enabled?: boolean;
  config?: Record<string, unknown> | null;
};

/** What the worker records between runs. Counters are totals (set, not incremented). */
export type SourceState = {
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  itemsSeen: number;
  itemsNew: number;
  itemsDuplicate: number;
  itemsFailed: number;
  /** Article pages the last run listed but left for later runs (a sitemap's or feed's per-run cap). */
  pagesWaiting: number;
  etag: string | null;
  lastModified: string | null;
};

export type Source = Required<Omit<SourceInput, 'config'>> &
  SourceState & {
    id: number;
    config: Record<string, unknown>;
    createdAt: string;
    updatedAt: string;
  };

/** One archived raw input, decompressed, for `rasid reparse`. */
export type RawDocument = {
  id: number;
  sha256: string;
  articleId: number | null;
  location: string;
  url: string | null;
  format: string;
  contentType: string | null;
  fetchedAt: string;
  content: Buffer;
};
