/** The formats the parser understands. `record` is one JSON object of a news export. */
export type Format = 'text' | 'html' | 'feed' | 'record';

/** What was collected, unchanged, with where it came from. */
export type RawInput = {
  /** Bytes as collected, or text already decoded. */
  content: Uint8Array | string;
  /** A file path (with `#index` for one record of a JSON file) or a URL; names the input in errors. */
  location?: string;
  /** The URL the document was fetched from or belongs to, when known. */
  url?: string;
  /** Skip format detection. */
  format?: Format;
  /** The HTTP Content-Type header (its charset is honoured), when fetched. */
  contentType?: string;
  /** ISO 8601. Resolves relative dates ("yesterday", "يوم الأربعاء"); never the clock. */
  referenceDate?: string;
  /** Hints from the source's configuration. */
  outletHint?: { name?: string; domain?: string };
  languageHint?: string;
};

/** How a publication date was obtained. `none`: no date found; the store shows when it was first seen. */
export type DateSource =
  | 'record'
  | 'json-ld'
  | 'meta'
  | 'time-element'
  | 'feed'
  | 'url'
  | 'text'
  | 'relative-text'
  | 'none';

export type DatePrecision = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

export type ParsedDate = {
  /** The instant, ISO 8601 in UTC. */
  iso: string;
  precision: DatePrecision;
  /**
   * YYYY-MM-DD as the source wrote it, in its own time zone: "3 May 21:00 -03:00" is a 3 May article
   * although it is 4 May in UTC. Charts count an article on this day.
   */
  day: string;
};

export type TopicScore = { slug: string; score: number; source: 'section' | 'url' | 'rules' | 'classifier' };

export type Outlet = { name: string | null; domain: string | null };

/** The parser's output: the unit every chart counts. */
export type Article = {
  format: Format;
  /** Canonical, normalised URL (no tracking parameters), or null when the input has none. */
  url: string | null;
  outlet: Outlet;
  title: string;
  byline: string | null;
  /** Clean body text; paragraphs separated by a blank line. */
  body: string;
  /** ISO 639-1 code, or null when it cannot be told. */
  language: string | null;
  direction: 'rtl' | 'ltr';
  /** The first section/desk label as written by the outlet, or null. */
  section: string | null;
  /** Every section/desk label the input names, as written (a record may be filed under several). */
  sections: string[];
  /** ISO 8601 in UTC, or null when no date was found. */
  publishedAt: string | null;
  /** The publication day in the source's own time zone (see ParsedDate.day), or null when undated. */
  publishedDay: string | null;
  dateSource: DateSource;
  datePrecision: DatePrecision | null;
  /** Standard subjects (IPTC Media Topics top level) with scores in 0..1. */
  topics: TopicScore[];
  fingerprints: {
    /** sha256 (hex) of the folded title and body: equal for exact duplicates. */
    contentHash: string;
    /** 64-bit simhash (16 hex digits) of the folded body's word shingles: near duplicates differ in few bits. */
    simhash: string;
  };
  /**
   * Title and body through toSearchText, as parseDocument folded them for its subject rules: the store
   * indexes these instead of folding the same text again. Absent on articles not made by parseDocument.
   */
  searchText?: { title: string; body: string };
};

/** A whole-input failure, naming the input and the problem. */
export class ParseError extends Error {
  readonly location: string;
  constructor(location: string | undefined, problem: string) {
    const where = location ?? '(input)';
    super(`${where}: ${problem}`);
    this.name = 'ParseError';
    this.location = where;
  }
}
