import type { ArticleSummary } from '@rasid/db/queries';
import type { DatePrecision } from '@rasid/parser';
import { intlTag, type Locale, translate } from './i18n';

function toDate(value: string): Date | null {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateSourceKeys = {
  record: 'from the record’s date field',
  'json-ld': 'from the page’s structured data (JSON-LD)',
  meta: 'from the page’s meta tags',
  'time-element': 'from a <time> element on the page',
  feed: 'from the feed entry',
  url: 'from the date in the URL',
  text: 'written in the article text',
  'relative-text': 'worked out from relative words in the text (e.g. “yesterday”)',
} as const;

/**
 * Numbers, dates and language names in the interface's locale. Dates are always UTC, like the
 * database's days, so a bucket reads the same wherever the reader is.
 */
export function createFormat(locale: Locale) {
  const tag = intlTag(locale);
  const dayFormat = new Intl.DateTimeFormat(tag, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const monthFormat = new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
  const shortMonth = new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' });
  const shortDay = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const yearFormat = new Intl.DateTimeFormat(tag, { year: 'numeric', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(tag);
  const languageNames = new Intl.DisplayNames([tag], { type: 'language' });

  /** "18 Feb 2018"; the input unchanged when it is not a date. */
  const day = (value: string): string => {
    const date = toDate(value);
    return date ? dayFormat.format(date) : value;
  };
  const dateSource = (source: string): string =>
    source in dateSourceKeys
      ? translate(locale, dateSourceKeys[source as keyof typeof dateSourceKeys])
      : translate(locale, 'source: {source}', { source });

  const dateTime = (value: string): string => {
    const date = toDate(value);
    return date ? dateTimeFormat.format(date) : value;
  };

  return {
    locale,
    day,
    dateTime,
    /**
     * A publication date no finer than it is known: a date known to the day is stored as that day's
     * midnight, and printing "00:00" would claim a time nobody wrote. "18 Feb 2018" for a day, "Feb 2018"
     * for a month, "2018" for a year; the time too for an hour, minute or second, and for a null
     * precision (an instant, such as when an undated article was first seen). The input unchanged when it
     * is not a date.
     */
    dateAsKnown(value: string, precision: DatePrecision | null): string {
      const date = toDate(value);
      if (!date) return value;
      if (precision === 'day') return dayFormat.format(date);
      if (precision === 'month') return monthFormat.format(date);
      if (precision === 'year') return yearFormat.format(date);
      return dateTimeFormat.format(date);
    },
    count: (value: number): string => numberFormat.format(value),
    language(code: string | null): string {
      if (!code || code === 'und') return translate(locale, 'Unknown language');
      try {
        return languageNames.of(code) ?? code;
      } catch {
        return code;
      }
    },
    /** A time bucket key as a reader says it: a day, "week of 12 Feb 2018", "Feb 2018". */
    bucket(key: string, bucket: 'day' | 'week' | 'month'): string {
      if (bucket === 'month') {
        const date = toDate(/^\d{4}-\d{2}$/.test(key) ? `${key}-01` : key);
        return date ? monthFormat.format(date) : key;
      }
      if (bucket === 'week') {
        return /^\d{4}-\d{2}-\d{2}$/.test(key)
          ? translate(locale, 'Week of {day}', { day: day(key) })
          : translate(locale, 'Week {key}', { key });
      }
      return day(key);
    },
    /** Axis tick text: a short month or day name, and the year on its own line. */
    tick(date: Date, bucket: 'day' | 'week' | 'month'): { text: string; year: string } {
      return {
        text: (bucket === 'month' ? shortMonth : shortDay).format(date),
        year: yearFormat.format(date),
      };
    },
    dateSource,
    /**
     * The honest date line: a publication date says where it came from; an undated article says it is
     * counted on the day it was first seen, never pretending that is its publication date.
     */
    articleDate(article: Pick<ArticleSummary, 'day' | 'publishedAt' | 'dateSource'>): {
      label: string;
      detail: string;
      undated: boolean;
    } {
      if (article.dateSource === 'none' || !article.publishedAt) {
        return {
          label: translate(locale, 'First seen {day}', { day: day(article.day) }),
          detail: translate(locale, 'no date in the article'),
          undated: true,
        };
      }
      return { label: day(article.publishedAt), detail: dateSource(article.dateSource), undated: false };
    },
  };
}

export type Format = ReturnType<typeof createFormat>;
