// HTML article extraction: metadata (title, byline, site, canonical URL, language, section, date with
// provenance) and the main text. htmlparser2 only: tolerant of broken markup and fast.

import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { trustCanonical } from '../normalize/url.ts';
import type { DateSource, ParsedDate } from '../types.ts';
import { collectBlocks } from './blocks.ts';
import { extractBody } from './body.ts';
import { squash, textOf } from './dom.ts';
import { collectFacts, firstMeta, itempropValue, type PageFacts } from './metadata.ts';
import { findPublished } from './published.ts';

export type HtmlExtraction = {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  dir: 'rtl' | 'ltr' | null;
  section: string | null;
  /** Main text; paragraphs separated by a blank line. */
  body: string;
  /** `fromModified` marks a last-modified date used because the page states nothing else. */
  published: (ParsedDate & { source: DateSource; fromModified?: true }) | null;
  description: string | null;
};

export type ExtractHtmlOptions = { referenceDate?: string };

// Beyond this, pages are mostly inlined scripts/data; parsing the rest costs time and adds no article.
const MAX_HTML_CHARS = 4_000_000;
const RTL_LANGS = /^(ar|fa|he|iw|ur|ps|yi|ckb|sd|ug|dv)\b/i;
const TITLE_SEPARATORS = / (?:\||-|–|—|::|»|·|•|:|\/) /;

export function extractHtml(html: string, url?: string, opts?: ExtractHtmlOptions): HtmlExtraction {
  const source = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const doc = parseDocument(source, { decodeEntities: true });
  const facts = collectFacts(doc);
  const ld = facts.jsonLd[0];

  const siteName = cleanName(
    firstMeta(facts, ['og:site_name', 'application-name', 'twitter:site']) ?? ld?.publisher ?? null,
  );
  const title = findTitle(facts, siteName);
  const declared = resolveUrl(facts.canonical ?? firstMeta(facts, ['og:url']) ?? ld?.url ?? null, url);
  const canonicalUrl = declared ? trustCanonical(declared, url) : null;
  const section =
    firstMeta(facts, [
      'article:section',
      'og:article:section',
      'section',
      'article.section',
      'cxenseparse:recs:category',
    ]) ??
    ld?.section ??
    breadcrumbSection(facts);
  const description =
    firstMeta(facts, ['description', 'og:description', 'twitter:description', 'dc.description']) ??
    ld?.description ??
    null;
  const refCtx = opts?.referenceDate ? { referenceDate: opts.referenceDate } : {};
  const published = findPublished(facts, url, () => headerLines(facts, title), refCtx, source);
  const byline = findByline(facts);

  let body = extractBody(doc, { stripUnlikely: true, jsonLdBody: ld?.articleBody ?? null, title });
  if (body.text.length < 250 && body.strippedChars > body.text.length) {
    // Class-based pruning can take the article with it on unusual markup: retry without it.
    const retry = extractBody(parseDocument(source, { decodeEntities: true }), {
      stripUnlikely: false,
      jsonLdBody: ld?.articleBody ?? null,
      title,
    });
    if (retry.text.length > body.text.length) body = retry;
  }

  const lang = facts.lang ?? firstMeta(facts, ['og:locale', 'content-language', 'language', 'dc.language']);
  return {
    title,
    byline,
    siteName,
    canonicalUrl,
    lang: lang ? lang.replace('_', '-') : null,
    dir: body.dir ?? facts.dir ?? (lang && RTL_LANGS.test(lang) ? 'rtl' : null),
    section: section ? squash(section) : null,
    body: body.text,
    published,
    description: description ? squash(description) : null,
  };
}

function cleanName(name: string | null): string | null {
  if (!name) return null;
  const n = squash(name);
  return n.length > 0 && n.length < 200 ? n : null;
}

function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
}

function findTitle(facts: PageFacts, siteName: string | null): string | null {
  const h1 = facts.h1s.map((el) => squash(textOf(el))).find((t) => t.length > 0 && t.length < 400) ?? null;
  const ld = facts.jsonLd[0]?.headline ?? null;
  const meta = firstMeta(facts, ['og:title', 'twitter:title', 'dc.title', 'headline', 'title']);
  const candidates = [meta, ld, facts.titleTag]
    .filter((t): t is string => !!t && squash(t).length > 0)
    .map(squash);
  const raw = candidates[0] ?? h1;
  if (!raw) return null;
  return stripSiteSuffix(raw, siteName, h1);
}

function stripSiteSuffix(title: string, siteName: string | null, h1: string | null): string {
  if (!TITLE_SEPARATORS.test(title)) return title;
  if (h1 && fold(title).includes(fold(h1)) && fold(h1).length >= fold(title).length * 0.4) return h1;
  const parts = title.split(TITLE_SEPARATORS);
  const site = siteName ? fold(siteName) : null;
  if (site) {
    const last = fold(parts[parts.length - 1] ?? '');
    const first = fold(parts[0] ?? '');
    if (last && (site.includes(last) || last.includes(site))) return parts.slice(0, -1).join(' - ').trim();
    if (first && (site.includes(first) || first.includes(site)) && parts.length > 1)
      return parts.slice(1).join(' - ').trim();
  }
  const head = title.replace(/ (?:\||-|–|—|::|»|·|•) [^|–—»·•]*$/, '').trim();
  const tail = title.slice(head.length);
  // Only a short trailing segment is a site name; a longer one is part of the headline.
  if (head !== title && head.split(/\s+/).length >= 3 && tail.split(/\s+/).length <= 6) return head;
  return title;
}

function findByline(facts: PageFacts): string | null {
  const candidates: (string | null | undefined)[] = [
    firstMeta(facts, [
      'author',
      'article:author',
      'dc.creator',
      'dc.creator.author',
      'byl',
      'sailthru.author',
      'parsely-author',
      'citation_author',
    ]),
    facts.jsonLd[0]?.author,
    ...facts.relAuthor,
    ...(facts.itemprop.get('author') ?? []).map(authorText),
    ...facts.bylineEls.map((el) => squash(textOf(el))),
  ];
  for (const c of candidates) {
    if (!c) continue;
    const v = squash(c.replace(/^(by|von|par|بقلم|كتب|كتبت)\s*[:：]?\s+/i, ''));
    if (v.length >= 2 && v.length <= 100 && !/^https?:/i.test(v)) return v;
  }
  return null;
}

function authorText(el: Element): string {
  const named = el.children.find(
    (c): c is Element => c.type === 'tag' && (c as Element).attribs.itemprop === 'name',
  );
  return named ? itempropValue(named) : itempropValue(el);
}

function breadcrumbSection(facts: PageFacts): string | null {
  for (const bc of facts.breadcrumbs) {
    const items = bc.children.length > 0 ? collectBlocks(bc).flatMap((b) => b.text.split('\n')) : [];
    const parts = items
      .flatMap((t) => t.split(/\s*[›»>/|]\s*/))
      .map(squash)
      .filter((t) => t.length > 0 && t.length < 60);
    // The first crumb is the home page; the last is often the article itself.
    const mid = parts.length >= 3 ? parts[1] : parts.length === 2 ? parts[1] : undefined;
    if (mid) return mid;
  }
  return null;
}

function resolveUrl(href: string | null, base: string | undefined): string | null {
  if (!href) return null;
  try {
    return new URL(href, base).toString();
  } catch {
    return /^https?:\/\//i.test(href) ? href : null;
  }
}

/** Short text lines around the first heading, where sites print "Published 25 June 2018". */
function headerLines(facts: PageFacts, title: string | null): string[] {
  const body = facts.h1s[0];
  let root: Element | null = null;
  // Search the heading's neighbourhood: a few levels up from the <h1>.
  if (body) {
    let cur: Element = body;
    for (let i = 0; i < 4 && cur.parent && cur.parent.type === 'tag'; i++) cur = cur.parent as Element;
    root = cur;
  }
  if (!root) return [];
  const blocks = collectBlocks(root);
  const lines = blocks.flatMap((b) => b.text.split('\n'));
  const t = title ? fold(title) : null;
  const at = t ? lines.findIndex((l) => fold(l) === t) : -1;
  const start = Math.max(0, at - 3);
  return lines.slice(start, start + 15).filter((l) => l.length < 120);
}

/** Every visible text block of the page, in order: the "whole page text" baseline of evaluations. */
export function extractPageText(html: string): string {
  const doc = parseDocument(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html);
  const body =
    doc.children.find((c): c is Element => c.type === 'tag' && (c as Element).name === 'html') ?? null;
  const root =
    body ??
    ({ type: 'tag', name: 'body', attribs: {}, children: doc.children, parent: null } as unknown as Element);
  return collectBlocks(root)
    .map((b) => b.text)
    .join('\n\n');
}
