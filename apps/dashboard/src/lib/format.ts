import type { ArticleSummary } from '@rasid/db/queries';

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
const numberFormat = new Intl.NumberFormat('en-GB');
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

function toDate(value: string): Date | null {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "18 Feb 2018"; the input unchanged when it is not a date. Always UTC, like the database's days. */
export function formatDay(value: string): string {
  const date = toDate(value);
  return date ? dayFormat.format(date) : value;
}

export function formatDateTime(value: string): string {
  const date = toDate(value);
  return date ? dateTimeFormat.format(date) : value;
}

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

export function formatLanguage(code: string | null): string {
  if (!code) return 'Unknown language';
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A time bucket key as a reader says it: a day, "week of 12 Feb 2018", "Feb 2018". */
export function formatBucket(key: string, bucket: 'day' | 'week' | 'month'): string {
  if (bucket === 'month') {
    const date = toDate(/^\d{4}-\d{2}$/.test(key) ? `${key}-01` : key);
    return date ? monthFormat.format(date) : key;
  }
  if (bucket === 'week') {
    return /^\d{4}-\d{2}-\d{2}$/.test(key) ? `Week of ${formatDay(key)}` : `Week ${key}`;
  }
  return formatDay(key);
}

const dateSourceText: Record<string, string> = {
  record: 'from the record’s date field',
  'json-ld': 'from the page’s structured data (JSON-LD)',
  meta: 'from the page’s meta tags',
  'time-element': 'from a <time> element on the page',
  feed: 'from the feed entry',
  url: 'from the date in the URL',
  text: 'written in the article text',
  'relative-text': 'worked out from relative words in the text (e.g. “yesterday”)',
};

export function describeDateSource(source: string): string {
  return dateSourceText[source] ?? `source: ${source}`;
}

/**
 * The honest date line: a publication date says where it came from; an undated article says it is
 * counted on the day it was first seen, never pretending that is its publication date.
 */
export function describeArticleDate(article: Pick<ArticleSummary, 'day' | 'publishedAt' | 'dateSource'>): {
  label: string;
  detail: string;
  undated: boolean;
} {
  if (article.dateSource === 'none' || !article.publishedAt) {
    return {
      label: `First seen ${formatDay(article.day)}`,
      detail: 'no date in the article',
      undated: true,
    };
  }
  return {
    label: formatDay(article.publishedAt),
    detail: describeDateSource(article.dateSource),
    undated: false,
  };
}
