// One JSON object of a news export (ANT, SaudiNewsNet, scrapers' dumps) to article parts. Exports name
// the same field many ways; the aliases below are tried in order and the first non-empty value wins.

import { decodeHTML } from 'entities';
import { findDateInText, parseDate } from '../dates/index.ts';
import { isBoilerplate, lineKey, stripLeadingNoise } from '../text/boilerplate.ts';
import { firstSentence } from '../text/index.ts';
import { type DatePrecision, type DateSource, type ParsedDate, ParseError } from '../types.ts';

export const FIELD_ALIASES = {
  title: ['title', 'headline', 'name'],
  url: ['url', 'link', 'canonical_url', 'canonicalUrl', 'permalink'],
  text: ['text', 'content', 'body', 'article', 'articleBody', 'full_text', 'description'],
  published: [
    'published',
    'publishedAt',
    'published_at',
    'datePublished',
    'date_published',
    'pubDate',
    'date',
    'created_at',
    'date_extracted',
  ],
  source: ['source', 'outlet', 'site', 'site_name', 'siteName', 'publisher', 'domain'],
  section: ['category', 'section', 'desk', 'categories', 'sections', 'tags_section'],
  author: ['author', 'byline', 'authors', 'creator'],
  summary: ['summary', 'excerpt', 'lead', 'standfirst'],
  language: ['language', 'lang', 'locale'],
} as const;

// Fields that record when a crawler saw the page, not when it was published: kept, at day precision.
const CRAWL_TIME_FIELDS = new Set(['date_extracted', 'crawled_at', 'fetched_at', 'scraped_at']);

export type RecordExtraction = {
  title: string;
  url: string | null;
  paragraphs: string[];
  source: string | null;
  sections: string[];
  byline: string | null;
  summary: string | null;
  language: string | null;
  published: (ParsedDate & { source: DateSource }) | null;
};

export type RecordOptions = { referenceDate?: string; learnedBoilerplate?: ReadonlySet<string> };

type Json = Record<string, unknown>;

/** Field lookup that also accepts different letter case ("Title", "URL"). */
function field(record: Json, names: readonly string[]): { name: string; value: unknown } | null {
  const lower = new Map(Object.keys(record).map((k) => [k.toLowerCase(), k]));
  for (const name of names) {
    const actual = name in record ? name : lower.get(name.toLowerCase());
    if (actual === undefined) continue;
    const value = record[actual];
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    return { name: actual, value };
  }
  return null;
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Json;
    for (const k of ['name', 'title', 'text', 'value', '#text', 'href', 'url']) {
      if (typeof o[k] === 'string' && (o[k] as string).trim()) return (o[k] as string).trim();
    }
  }
  return null;
}

function asList(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(asText) : [asText(value)];
  return [...new Set(items.filter((s): s is string => s !== null))];
}

const HTML_HINT = /<\/?(?:p|div|br|span|a|strong|em|b|i|h[1-6]|li|ul|ol|figure|img)\b[^>]*>/i;

/** Exports sometimes keep the article's markup; paragraph breaks survive, tags and entities do not. */
function stripMarkup(text: string): string {
  if (!HTML_HINT.test(text)) return text;
  return decodeHTML(
    text
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(?:p|div|h[1-6]|li|figure|blockquote)>/gi, '\n\n')
      .replace(/<[^>]+>/g, ''),
  );
}

/** Paragraphs of a record's text without boilerplate lines and without a repeat of the title. */
export function cleanParagraphs(text: string, title: string | null, learned?: ReadonlySet<string>): string[] {
  const titleKey = title ? lineKey(title) : null;
  return stripMarkup(text)
    .replace(/\r\n?/g, '\n')
    .split(/\n/)
    .map((l) => stripLeadingNoise(l.replace(/[ \t\u00a0]+/g, ' ').trim()))
    .filter((l) => {
      if (l.length === 0) return false;
      const key = lineKey(l);
      return !isBoilerplate(l, learned, key) && key !== titleKey;
    });
}

function readDate(record: Json, opts: RecordOptions): (ParsedDate & { source: DateSource }) | null {
  const f = field(record, FIELD_ALIASES.published);
  if (!f) return null;
  const text = asText(f.value);
  const parsed = text ? parseDate(text, opts) : null;
  if (!parsed) return null;
  if (CRAWL_TIME_FIELDS.has(f.name)) {
    // A crawl time bounds the publication date to about that day, no finer.
    const precision: DatePrecision = 'day';
    return { ...parsed, precision, source: 'record' };
  }
  return { ...parsed, source: 'record' };
}

/**
 * Reads one record. Throws ParseError (naming `location`) when the value is not an object or has no
 * usable text. An empty title falls back to the body's first sentence.
 */
export function extractRecord(
  value: unknown,
  location: string | undefined,
  opts: RecordOptions = {},
): RecordExtraction {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ParseError(
      location,
      `a record must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  const record = value as Json;
  const rawTitle = asText(field(record, FIELD_ALIASES.title)?.value);
  const textField = field(record, FIELD_ALIASES.text);
  const summary = asText(field(record, FIELD_ALIASES.summary)?.value);
  const rawText = asText(textField?.value) ?? summary;
  const title0 = rawTitle ? stripMarkup(rawTitle).replace(/\s+/g, ' ').trim() : null;
  let paragraphs = rawText ? cleanParagraphs(rawText, title0, opts.learnedBoilerplate) : [];
  // Some exports repeat the headline as the whole text (ANT has a few): the summary is then the body.
  if (paragraphs.length === 0 && summary && summary !== rawText)
    paragraphs = cleanParagraphs(summary, title0);
  // A headline with no text (videos, infographics) is still a published article that coverage counts.
  if (paragraphs.length === 0 && !title0) {
    throw new ParseError(
      location,
      `missing text: no title and no non-empty field among ${[...FIELD_ALIASES.text, ...FIELD_ALIASES.summary].join(', ')}`,
    );
  }
  const title = title0 || firstSentence(paragraphs[0] ?? '');
  let published = readDate(record, opts);
  if (!published) {
    // Wire copy opens with a dateline ("الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس").
    const dateline = findDateInText(paragraphs.slice(0, 1).join('\n'), { headerLines: 1 });
    if (dateline) published = { ...dateline, source: 'text' };
  }
  const author = field(record, FIELD_ALIASES.author);
  return {
    title,
    url: asText(field(record, FIELD_ALIASES.url)?.value),
    paragraphs,
    source: asText(field(record, FIELD_ALIASES.source)?.value),
    sections: asList(field(record, FIELD_ALIASES.section)?.value),
    byline: author ? asList(author.value).join(', ') || null : null,
    summary,
    language: asText(field(record, FIELD_ALIASES.language)?.value),
    published,
  };
}
