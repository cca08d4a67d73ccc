// One raw document to one article: decode → detect format → extract → normalise → classify →
// fingerprint. Format-specific readers only extract; everything an Article promises is settled here,
// the same way for every format.

import { fingerprintFolded } from './fingerprint/index.ts';
import { extractHtml } from './html/index.ts';
import { detectLanguage } from './language/index.ts';
import { foldCollapsed, searchTextOfFolded } from './normalize/search.ts';
import { normalizeUrl } from './normalize/url.ts';
import { resolveOutlet } from './outlets/index.ts';
import { extractRecord } from './record/index.ts';
import { readText } from './split/index.ts';
import { extractText, firstSentence } from './text/index.ts';
import { classifySubjects } from './topics/index.ts';
import {
  type Article,
  type DateSource,
  type Format,
  type ParsedDate,
  ParseError,
  type RawInput,
} from './types.ts';

const EXTENSION_FORMATS: readonly [RegExp, Format][] = [
  [/\.(?:html?|xhtml|php|aspx?)$/i, 'html'],
  [/\.(?:rss|atom|rdf)$/i, 'feed'],
  [/\.(?:json|jsonl|ndjson)$/i, 'record'],
  [/\.(?:txt|text|md)$/i, 'text'],
];

function extensionFormat(location: string | undefined): Format | null {
  if (!location) return null;
  const path = location
    .replace(/#\d+$/, '')
    .replace(/[?#].*$/, '')
    .replace(/\.gz$/i, '');
  return EXTENSION_FORMATS.find(([re]) => re.test(path))?.[1] ?? null;
}

function contentTypeFormat(contentType: string | undefined): Format | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!type) return null;
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (/(?:rss|atom|rdf)\+xml$/.test(type) || type === 'application/feed+json') return 'feed';
  if (type === 'application/json' || type === 'application/x-ndjson') return 'record';
  if (type === 'text/plain') return 'text';
  return null;
}

/** Format from the content itself: markup and JSON announce themselves in their first characters. */
export function sniffFormat(text: string): Format {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  const lower = head.toLowerCase();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:rdf)\b/.test(lower)) return 'feed';
  if (
    /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype html|html)\b/.test(lower) ||
    /<(?:html|head|body)\b/.test(lower.slice(0, 1024))
  )
    return 'html';
  if (/^<(?:rss|feed|rdf)/.test(lower) || /<rss\b|<feed\b[^>]*xmlns/.test(lower.slice(0, 1024)))
    return 'feed';
  if (head.startsWith('{')) return 'record';
  return 'text';
}

/** The format of an input: declared, then Content-Type, then file extension, then the content. */
export function detectFormat(input: RawInput, text: string): Format {
  return (
    input.format ??
    contentTypeFormat(input.contentType) ??
    extensionFormat(input.location ?? input.url) ??
    sniffFormat(text)
  );
}

type Parts = {
  format: Format;
  url: string | null;
  title: string | null;
  byline: string | null;
  paragraphs: string[];
  section: string | null;
  sections: string[];
  published: (ParsedDate & { source: DateSource }) | null;
  declaredLanguage: string | null;
  outletSource: string | null;
  outletText: string | null;
};

function partsFromRecord(input: RawInput, text: string): Parts {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ParseError(input.location, `invalid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (Array.isArray(value))
    throw new ParseError(input.location, 'a JSON array holds many records; use splitDocument');
  const r = extractRecord(value, input.location, { referenceDate: input.referenceDate });
  return {
    format: 'record',
    url: r.url ?? input.url ?? null,
    title: r.title,
    byline: r.byline,
    paragraphs: r.paragraphs,
    section: r.sections[0] ?? null,
    sections: r.sections,
    published: r.published,
    declaredLanguage: r.language,
    outletSource: r.source,
    outletText: null,
  };
}

function partsFromHtml(input: RawInput, text: string): Parts {
  const h = extractHtml(text, input.url, { referenceDate: input.referenceDate });
  const paragraphs = h.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    format: 'html',
    url: h.canonicalUrl ?? input.url ?? null,
    title: h.title,
    byline: h.byline,
    paragraphs: paragraphs.length > 0 ? paragraphs : h.description ? [h.description] : [],
    section: h.section,
    sections: h.section ? [h.section] : [],
    published: h.published
      ? {
          iso: h.published.iso,
          precision: h.published.precision,
          day: h.published.day,
          source: h.published.source,
        }
      : null,
    declaredLanguage: h.lang,
    outletSource: h.siteName,
    outletText: null,
  };
}

function partsFromText(input: RawInput, text: string): Parts {
  const t = extractText(text, { referenceDate: input.referenceDate });
  return {
    format: 'text',
    url: input.url ?? null,
    title: t.title,
    byline: t.byline,
    paragraphs: t.paragraphs,
    section: t.section,
    sections: t.section ? [t.section] : [],
    published: t.published,
    declaredLanguage: null,
    outletSource: null,
    outletText: text,
  };
}

/**
 * Parses one raw document into one article. Throws ParseError naming the input when no article can be
 * made (binary or empty input, invalid JSON, no text, no title) and for feeds, which hold many items.
 */
export function parseDocument(input: RawInput): Article {
  const text = readText(input);
  const format = detectFormat(input, text);
  if (format === 'feed')
    throw new ParseError(input.location ?? input.url, 'a feed holds many items; use parseFeed');
  const parts =
    format === 'record'
      ? partsFromRecord(input, text)
      : format === 'html'
        ? partsFromHtml(input, text)
        : partsFromText(input, text);
  const where = input.location ?? input.url;
  // Only a record may be a bare headline: its fields say what is title and what is text, while a page
  // or a scrape with no body text is one the extractor failed on.
  if (parts.paragraphs.length === 0 && !(format === 'record' && parts.title?.trim()))
    throw new ParseError(where, 'no article text found (no body)');
  const title = parts.title?.trim() || firstSentence(parts.paragraphs[0] ?? '');
  if (!title) throw new ParseError(where, 'no title found');
  const body = parts.paragraphs.join('\n\n');

  const url = parts.url ? normalizeUrl(parts.url) : null;
  const { language, direction } = detectLanguage(
    `${title}\n${body}`,
    parts.declaredLanguage ?? input.languageHint ?? null,
  );
  const outlet = resolveOutlet({
    source: parts.outletSource,
    url: url ?? input.url ?? null,
    text: parts.outletText,
    hint: input.outletHint,
  });
  // Folded once: the search text, the content hash and the simhash all start from the same folded words.
  const foldedTitle = foldCollapsed(title);
  const foldedBody = foldCollapsed(body);
  const searchText = { title: searchTextOfFolded(foldedTitle), body: searchTextOfFolded(foldedBody) };
  const topics = classifySubjects({ title, body, sections: parts.sections, url, language, searchText });
  return {
    format: parts.format,
    url,
    outlet,
    title,
    byline: parts.byline,
    body,
    language,
    direction,
    section: parts.section,
    sections: parts.sections,
    publishedAt: parts.published?.iso ?? null,
    publishedDay: parts.published?.day ?? null,
    dateSource: parts.published?.source ?? 'none',
    datePrecision: parts.published?.precision ?? null,
    topics,
    fingerprints: fingerprintFolded(foldedTitle, foldedBody),
    searchText,
  };
}
