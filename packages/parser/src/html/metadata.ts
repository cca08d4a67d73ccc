// Page metadata gathered in one walk over the untouched tree, before the body extractor prunes it:
// <meta>, JSON-LD, <link>, <time>, microdata, bylines, breadcrumbs.

import type { Document, Element } from 'domhandler';
import { attr, elementsOf, squash, textOf } from './dom.ts';

export type JsonLdArticle = {
  headline: string | null;
  datePublished: string | null;
  dateModified: string | null;
  author: string | null;
  publisher: string | null;
  section: string | null;
  articleBody: string | null;
  description: string | null;
  url: string | null;
};

export type PageFacts = {
  /** The untouched document, for searches that run only when the metadata says nothing. */
  root: Document;
  metas: Map<string, string[]>;
  jsonLd: JsonLdArticle[];
  lang: string | null;
  dir: 'rtl' | 'ltr' | null;
  titleTag: string | null;
  h1s: Element[];
  canonical: string | null;
  relAuthor: string[];
  itemprop: Map<string, Element[]>;
  times: Element[];
  bylineEls: Element[];
  breadcrumbs: Element[];
  dateLikeEls: Element[];
};

const ARTICLE_TYPES =
  /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|TechArticle|ScholarlyArticle|Report|WebPage|ItemPage|Recipe|VideoObject|Review|Blog|CreativeWork)$/i;
const BYLINE_CLASS =
  /(^|[\s_-])(byline|author|autor|auteur|writer|posted-by|reporter|contributor|kaatib|katib)([\s_-]|s?$)/i;
const BREADCRUMB_CLASS = /breadcrumb/i;
const DATE_CLASS =
  /(^|[\s_-])(date|datetime|dateline|time|timestamp|published|pubdate|post-date|entry-date|posted-on|meta-date|article-date|story-date|updated)([\s_-]|$)/i;

export function collectFacts(doc: Document): PageFacts {
  const facts: PageFacts = {
    root: doc,
    metas: new Map(),
    jsonLd: [],
    lang: null,
    dir: null,
    titleTag: null,
    h1s: [],
    canonical: null,
    relAuthor: [],
    itemprop: new Map(),
    times: [],
    bylineEls: [],
    breadcrumbs: [],
    dateLikeEls: [],
  };
  for (const el of elementsOf(doc)) {
    const name = el.name;
    if (name === 'meta') {
      const key = (
        el.attribs.property ||
        el.attribs.name ||
        el.attribs.itemprop ||
        el.attribs['http-equiv'] ||
        ''
      )
        .trim()
        .toLowerCase();
      const content = el.attribs.content ?? el.attribs.value;
      if (key && content?.trim()) {
        for (const k of key.split(/\s+/)) {
          const list = facts.metas.get(k);
          if (list) list.push(content.trim());
          else facts.metas.set(k, [content.trim()]);
        }
      }
      continue;
    }
    if (name === 'script') {
      if (/ld\+json/i.test(attr(el, 'type'))) collectJsonLd(textOf(el) || rawChildText(el), facts.jsonLd);
      continue;
    }
    if (name === 'html') {
      facts.lang ??= attr(el, 'lang').trim() || attr(el, 'xml:lang').trim() || null;
      const dir = attr(el, 'dir').trim().toLowerCase();
      if (dir === 'rtl' || dir === 'ltr') facts.dir ??= dir;
    } else if (name === 'title') {
      if (facts.titleTag === null && !hasSvgAncestor(el)) facts.titleTag = squash(textOf(el)) || null;
    } else if (name === 'h1') {
      facts.h1s.push(el);
    } else if (name === 'link') {
      const rel = attr(el, 'rel').toLowerCase();
      if (rel === 'canonical' && el.attribs.href) facts.canonical ??= el.attribs.href.trim();
    } else if (name === 'time') {
      facts.times.push(el);
    }
    if (name === 'a' && /\bauthor\b/i.test(attr(el, 'rel'))) facts.relAuthor.push(squash(textOf(el)));
    const itemprop = el.attribs.itemprop;
    if (itemprop) {
      for (const p of itemprop.split(/\s+/)) {
        const list = facts.itemprop.get(p);
        if (list) list.push(el);
        else facts.itemprop.set(p, [el]);
      }
    }
    const cls = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    if (cls.length > 1) {
      if (BYLINE_CLASS.test(cls)) facts.bylineEls.push(el);
      if (BREADCRUMB_CLASS.test(cls)) facts.breadcrumbs.push(el);
      if (DATE_CLASS.test(cls)) facts.dateLikeEls.push(el);
    }
  }
  return facts;
}

function hasSvgAncestor(el: Element): boolean {
  for (let p = el.parent; p; p = p.parent) if ((p as Element).name === 'svg') return true;
  return false;
}

function rawChildText(el: Element): string {
  return el.children.map((c) => ('data' in c ? String(c.data) : '')).join('');
}

function collectJsonLd(raw: string, out: JsonLdArticle[]): void {
  const text = raw
    .trim()
    .replace(/^<!\[CDATA\[|\]\]>$/g, '')
    .replace(/^\/\/.*$/gm, '');
  if (!text) return;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    try {
      // Outlets often emit raw newlines and tabs inside JSON strings.
      data = JSON.parse(stripControlChars(text));
    } catch {
      return;
    }
  }
  const seen = new Set<unknown>();
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const obj = node as Record<string, unknown>;
    const types = ([] as unknown[]).concat(obj['@type'] ?? []).map(String);
    if (
      types.some((t) => ARTICLE_TYPES.test(t)) &&
      (obj.headline || obj.datePublished || obj.articleBody || obj.name)
    ) {
      const isPage = types.every((t) => /^(WebPage|ItemPage|Blog|CreativeWork|VideoObject)$/i.test(t));
      out.push({
        headline: str(obj.headline) ?? (isPage ? null : str(obj.name)),
        datePublished: str(obj.datePublished) ?? str(obj.dateCreated),
        dateModified: str(obj.dateModified),
        author: personName(obj.author) ?? personName(obj.creator),
        publisher: personName(obj.publisher) ?? (isPage ? null : null),
        section: str(Array.isArray(obj.articleSection) ? obj.articleSection[0] : obj.articleSection),
        articleBody: str(obj.articleBody),
        description: str(obj.description),
        url: str(obj.url) ?? (typeof obj.mainEntityOfPage === 'string' ? obj.mainEntityOfPage : null),
      });
    }
    if (obj['@graph']) visit(obj['@graph'], depth + 1);
    if (obj.mainEntity) visit(obj.mainEntity, depth + 1);
  };
  visit(data, 0);
  // Put real articles before generic pages: their fields are the article's own.
  out.sort(
    (a, b) =>
      Number(b.articleBody !== null || b.headline !== null) -
      Number(a.articleBody !== null || a.headline !== null),
  );
}

function stripControlChars(text: string): string {
  let out = '';
  for (const ch of text) out += ch.charCodeAt(0) < 0x20 ? ' ' : ch;
  return out;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return squash(v) || null;
  if (typeof v === 'number') return String(v);
  return null;
}

function personName(v: unknown): string | null {
  if (typeof v === 'string') return squash(v) || null;
  if (Array.isArray(v)) {
    const names = v.map(personName).filter((n): n is string => n !== null);
    return names.length > 0 ? [...new Set(names)].join(', ') : null;
  }
  if (v && typeof v === 'object') return str((v as Record<string, unknown>).name);
  return null;
}

export function firstMeta(facts: PageFacts, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = facts.metas.get(k);
    if (v?.[0]) return v[0];
  }
  return null;
}

export function itempropValue(el: Element): string {
  return squash(el.attribs.content ?? el.attribs.datetime ?? el.attribs.title ?? textOf(el));
}
