import type { Article, Format } from '@rasid/parser';

/** Filters shared by every chart, list and export. Dates are UTC days, inclusive. */
export type CoverageFilters = {
  from?: string; // YYYY-MM-DD
  to?: string; // YYYY-MM-DD
  outlets?: number[]; // outlet ids
  topics?: string[]; // topic slugs (subjects or sections); an article matches if it has any
  languages?: string[]; // ISO 639-1
  q?: string; // full-text search, Arabic-folded
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
  datePrecision: string | null;
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
    content: Uint8Array | string;
    fetchedAt: string; // ISO
  };
  article: Article;
};

export type StoreOutcome = 'new' | 'updated' | 'duplicate';

export type StoreResult = { new: number; updated: number; duplicate: number; outcomes: StoreOutcome[] };

export type RunStats = { read: number; new: number; updated: number; duplicate: number; failed: number };
