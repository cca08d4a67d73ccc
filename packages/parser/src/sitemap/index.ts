// Sitemaps (sitemaps.org 0.9) and sitemap index files, with the Google News extension: the URLs a site
// lists and, for news sitemaps, each story's publication, language, date and title. Pure: the caller
// fetches and decompresses. Strict where the protocol is: a document that is not a urlset or a
// sitemapindex, or that stops before its closing tag, is an error, because a truncated list would be
// read as "these are all the URLs"; single bad entries are skipped and reported.

import type { Element } from 'domhandler';
import { isTag } from 'domhandler';
import { decodeHTML } from 'entities';
import { parseDocument } from 'htmlparser2';
import { parseDate } from '../dates/index.ts';
import { ParseError } from '../types.ts';

export type SitemapNews = {
  /** news:publication/news:name */
  publicationName: string | null;
  /** news:publication/news:language, as written (ISO 639: "ar", "en", "zh-cn"). */
  language: string | null;
  /** news:publication_date, ISO 8601 (UTC). */
  publishedAt: string | null;
  title: string | null;
};

export type SitemapUrl = {
  loc: string;
  /** ISO 8601 (UTC). */
  lastmod: string | null;
  news: SitemapNews | null;
};

export type SitemapRef = { loc: string; lastmod: string | null };

export type Sitemap =
  | { kind: 'urlset'; urls: SitemapUrl[]; problems: string[] }
  | { kind: 'index'; sitemaps: SitemapRef[]; problems: string[] };

export type ParseSitemapOptions = {
  /** The sitemap's own URL: names it in errors and resolves relative locations. */
  url?: string;
  /** Entries kept; the protocol allows 50,000 per file. */
  maxEntries?: number;
};

/** The protocol's limits: 50,000 entries and 50 MB uncompressed per file. */
export const SITEMAP_MAX_ENTRIES = 50_000;
const MAX_CHARS = 50 * 1024 * 1024;

function localName(el: Element): string {
  const n = el.name.toLowerCase();
  const i = n.indexOf(':');
  return i >= 0 ? n.slice(i + 1) : n;
}

function childElements(el: Element): Element[] {
  return el.children.filter(isTag);
}

function child(el: Element, name: string): Element | undefined {
  return childElements(el).find((c) => localName(c) === name);
}

/** Character data of an element, entities decoded once, CDATA verbatim; null when blank. */
function textOf(el: Element | undefined): string | null {
  if (!el) return null;
  let out = '';
  const walk = (node: Element) => {
    for (const c of node.children) {
      if (c.type === 'text') out += decodeHTML((c as unknown as { data: string }).data);
      else if (c.type === 'cdata') walk(c as unknown as Element);
      else if (isTag(c)) walk(c);
    }
  };
  walk(el);
  const t = out.trim();
  return t.length > 0 ? t : null;
}

function toIso(value: string | null): string | null {
  if (!value) return null;
  try {
    return parseDate(value)?.iso ?? null;
  } catch {
    return null;
  }
}

/** An absolute http(s) URL, or the reason it is not one. */
function resolveLoc(loc: string | null, base: string | undefined): { url: string } | { problem: string } {
  if (!loc) return { problem: 'an entry has no <loc>' };
  let url: URL;
  try {
    url = new URL(loc, base);
  } catch {
    return { problem: `<loc> ${JSON.stringify(loc.slice(0, 200))} is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { problem: `<loc> ${JSON.stringify(loc.slice(0, 200))} is not an http(s) URL` };
  return { url: url.href };
}

function newsOf(entry: Element): SitemapNews | null {
  const news = child(entry, 'news');
  if (!news) return null;
  const publication = child(news, 'publication');
  return {
    publicationName: textOf(publication && child(publication, 'name')),
    language: textOf(publication && child(publication, 'language'))?.toLowerCase() ?? null,
    publishedAt: toIso(textOf(child(news, 'publication_date'))),
    title: textOf(child(news, 'title')),
  };
}

/**
 * Parses a sitemap or a sitemap index. Throws ParseError naming the sitemap when the document is empty,
 * is not a sitemap (an HTML page, a feed), or is cut short; entries without a usable <loc> are skipped
 * and listed in `problems`, as are entries past `maxEntries`.
 */
export function parseSitemap(text: string, opts: ParseSitemapOptions = {}): Sitemap {
  const where = opts.url;
  const max = opts.maxEntries ?? SITEMAP_MAX_ENTRIES;
  if (text.length > MAX_CHARS)
    throw new ParseError(where, `sitemap too large: ${text.length} characters (the protocol allows 50 MB)`);
  const src = text.replace(/^\uFEFF/, '');
  if (src.trim().length === 0) throw new ParseError(where, 'not a sitemap: empty document');
  const doc = parseDocument(src, { xmlMode: true, decodeEntities: false, recognizeCDATA: true });
  const root = doc.children.find(isTag);
  if (!root) throw new ParseError(where, 'not a sitemap: no XML elements');
  const kind = localName(root);
  if (kind !== 'urlset' && kind !== 'sitemapindex')
    throw new ParseError(
      where,
      `not a sitemap: root element <${root.name}> (expected <urlset> or <sitemapindex>)`,
    );
  // htmlparser2 closes whatever is open at the end of input, so a cut-off file is caught by its tail.
  const closing = new RegExp(`</(?:[\\w.-]+:)?${kind}\\s*>(?:\\s|<!--[\\s\\S]*?-->)*$`, 'i');
  if (!closing.test(src))
    throw new ParseError(where, `malformed sitemap: the document ends before its closing </${root.name}>`);

  const problems: string[] = [];
  const entryName = kind === 'urlset' ? 'url' : 'sitemap';
  const entries = childElements(root).filter((c) => localName(c) === entryName);
  // An entry left open swallows the ones after it, or is closed silently by the root's end tag: the
  // tags are counted to notice.
  const count = (re: string) => (src.match(new RegExp(re, 'gi')) ?? []).length;
  const opened = count(`<(?:[\\w.-]+:)?${entryName}[\\s>]`);
  const closed = count(`</(?:[\\w.-]+:)?${entryName}\\s*>`);
  if (opened !== closed || opened !== entries.length)
    throw new ParseError(
      where,
      `malformed sitemap: ${opened} <${entryName}> but ${closed} </${entryName}> (an entry is not closed)`,
    );
  if (entries.length > max) {
    problems.push(`${entries.length} entries; only the first ${max} are read`);
    entries.length = max;
  }
  const seen = new Set<string>();
  const read: { loc: string; lastmod: string | null; entry: Element }[] = [];
  for (const [i, entry] of entries.entries()) {
    const loc = resolveLoc(textOf(child(entry, 'loc')), where);
    if ('problem' in loc) {
      problems.push(`${entryName} ${i + 1}: ${loc.problem}`);
      continue;
    }
    if (seen.has(loc.url)) continue;
    seen.add(loc.url);
    read.push({ loc: loc.url, lastmod: toIso(textOf(child(entry, 'lastmod'))), entry });
  }
  if (entries.length > 0 && read.length === 0)
    throw new ParseError(
      where,
      `malformed sitemap: none of its ${entries.length} entries has a usable <loc> (${problems[0]})`,
    );
  if (kind === 'sitemapindex')
    return { kind: 'index', sitemaps: read.map(({ loc, lastmod }) => ({ loc, lastmod })), problems };
  return {
    kind: 'urlset',
    urls: read.map(({ loc, lastmod, entry }) => ({ loc, lastmod, news: newsOf(entry) })),
    problems,
  };
}
