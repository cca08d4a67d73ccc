// Feed parsing: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.x into one shape.
// Tolerant by design: htmlparser2 in XML mode survives truncated and ill-formed feeds, and entities are
// decoded with the full HTML set because real feeds use &eacute; and friends without declaring them.

import type { AnyNode, Element } from 'domhandler';
import { isTag } from 'domhandler';
import { getOuterHTML } from 'domutils';
import { decodeHTML } from 'entities';
import { parseDocument } from 'htmlparser2';
import { parseDate } from '../dates/index.ts';
import { ParseError } from '../types.ts';

export type FeedItem = {
  title: string | null;
  link: string | null;
  /**
   * The article's own address when the link is a redirecting proxy: FeedBurner's `feedburner:origLink`
   * beside its `feedproxy.google.com/~r/…` link. Null when the feed names none.
   */
  originalLink: string | null;
  guid: string | null;
  /** ISO 8601 (UTC). */
  published: string | null;
  updated: string | null;
  /** As the feed gives it: often HTML. */
  summary: string | null;
  /** Full content (content:encoded, Atom content, content_html), HTML. */
  content: string | null;
  categories: string[];
  author: string | null;
};

export type Feed = {
  kind: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  link: string | null;
  language: string | null;
  items: FeedItem[];
};

export type ParseFeedOptions = { url?: string };

const MAX_FEED_CHARS = 20_000_000;
const MAX_ITEMS = 10_000;

export function parseFeed(text: string, opts?: ParseFeedOptions): Feed {
  const src = (text.length > MAX_FEED_CHARS ? text.slice(0, MAX_FEED_CHARS) : text).replace(/^\uFEFF/, '');
  const head = src.trimStart();
  if (head.length === 0) throw new ParseError(opts?.url, 'not a feed: empty input');
  if (head.startsWith('{') || head.startsWith('[')) return parseJsonFeed(head, opts);
  return parseXmlFeed(src, opts);
}

// ---------- XML feeds ----------

type Ctx = { base: string | undefined; atomPrefix: string | null };

const RSS_NAMESPACES =
  /^https?:\/\/(purl\.org\/rss\/1\.0\/?|my\.netscape\.com\/rdf\/simple\/0\.9\/?|backend\.userland\.com\/rss2?)$/i;
// Prefixes bound to the RSS namespaces themselves (<rss:item>): names under them are plain RSS names.
let rssPrefixes: string[] = [];

function nameOf(el: Element): string {
  const n = el.name.toLowerCase();
  for (const p of rssPrefixes) if (n.startsWith(p)) return n.slice(p.length);
  return n;
}

function localName(el: Element): string {
  const n = el.name.toLowerCase();
  const i = n.indexOf(':');
  return i >= 0 ? n.slice(i + 1) : n;
}

function parseXmlFeed(src: string, opts?: ParseFeedOptions): Feed {
  const doc = parseDocument(src, { xmlMode: true, decodeEntities: false, recognizeCDATA: true });
  const root = findRoot(doc.children);
  if (!root) {
    const first = doc.children.find(isTag);
    throw new ParseError(
      opts?.url,
      `not a feed: ${first ? `root element <${first.name}>` : 'no XML elements'}`,
    );
  }
  const ln = localName(root);
  const ctx: Ctx = { base: resolveBase(opts?.url, root.attribs['xml:base']), atomPrefix: null };
  if (ln === 'feed') {
    const i = root.name.indexOf(':');
    ctx.atomPrefix = i >= 0 ? root.name.slice(0, i).toLowerCase() : null;
    return parseAtom(root, ctx);
  }
  rssPrefixes = Object.entries(root.attribs)
    .filter(([k, v]) => k.startsWith('xmlns:') && RSS_NAMESPACES.test(v.trim()))
    .map(([k]) => `${k.slice(6).toLowerCase()}:`);
  try {
    return parseRss(root, ln === 'rdf' ? 'rdf' : 'rss', ctx);
  } finally {
    rssPrefixes = [];
  }
}

function findRoot(nodes: AnyNode[], depth = 0): Element | null {
  for (const n of nodes) {
    if (!isTag(n)) continue;
    const ln = localName(n);
    if (ln === 'rss' || ln === 'rdf' || ln === 'feed' || ln === 'channel') return n;
    // Some feeds arrive wrapped (an HTML <pre>, a SOAP envelope); look one level down, no further.
    if (depth < 2 && ln !== 'html' && ln !== 'body') {
      const inner = findRoot(n.children, depth + 1);
      if (inner) return inner;
    }
  }
  return null;
}

function resolveBase(base: string | undefined, rel: string | undefined): string | undefined {
  if (!rel) return base;
  try {
    return new URL(rel.trim(), base).toString();
  } catch {
    return base ?? rel;
  }
}

function absoluteOrUndefined(url: string | null): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

function resolveLink(href: string | null, base: string | undefined): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h) return null;
  if (!base) return h;
  try {
    return new URL(h, base).toString();
  } catch {
    return h;
  }
}

function children(el: Element): Element[] {
  return el.children.filter(isTag);
}

/** Text of an element: character data decoded once, CDATA kept verbatim, child markup serialised. */
function textOf(el: Element): string {
  let out = '';
  for (const c of el.children) {
    if (c.type === 'text') out += decodeHTML((c as unknown as { data: string }).data);
    else if (c.type === 'cdata') {
      for (const t of (c as unknown as { children: AnyNode[] }).children)
        if (t.type === 'text') out += (t as unknown as { data: string }).data;
    } else if (isTag(c)) out += getOuterHTML(c, { xmlMode: false, decodeEntities: false });
  }
  return out;
}

function plain(el: Element | undefined): string | null {
  if (!el) return null;
  const t = textOf(el).trim();
  return t.length > 0 ? t : null;
}

/** Titles are shown as plain text: markup and entity-escaped markup both removed. */
function plainTitle(el: Element | undefined): string | null {
  const t = contentText(el);
  if (t === null) return null;
  const mode = (el?.attribs.type ?? '').toLowerCase();
  const isMarkup = /html|xml/.test(mode) || (mode === '' && /<\/?[a-z!][^>]*>/i.test(t));
  const out = isMarkup ? decodeHTML(stripMarkup(t)) : t;
  return out.trim() || null;
}

function normalizeLang(lang: string | null): string | null {
  const l = lang?.trim().replace(/_/g, '-');
  return l ? l : null;
}

function stripMarkup(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, '')
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<[^>]*>/g, '');
}

function toIso(value: string | null): string | null {
  if (!value) return null;
  try {
    return parseDate(value.trim())?.iso ?? null;
  } catch {
    return null;
  }
}

function byName(el: Element, names: readonly string[]): Element | undefined {
  for (const name of names) {
    const hit = children(el).find((c) => nameOf(c) === name);
    if (hit) return hit;
  }
  return undefined;
}

function parseRss(root: Element, kind: 'rss' | 'rdf', ctx: Ctx): Feed {
  const channel =
    localName(root) === 'channel' ? root : (children(root).find((c) => localName(c) === 'channel') ?? root);
  const base = resolveBase(ctx.base, channel.attribs['xml:base']);
  // RSS 1.0 puts items beside the channel; RSS 2.0 inside it. Malformed feeds do either.
  const itemEls = [...children(channel), ...(channel === root ? [] : children(root))].filter(
    (c) => localName(c) === 'item' || nameOf(c) === 'entry',
  );
  const channelLink = resolveLink(
    plain(byName(channel, ['link'])) ??
      atomLink(children(channel).filter((c) => c.name.toLowerCase() === 'atom:link')),
    base,
  );
  // Without a feed URL, the site link is the best base for relative item links.
  const itemBase = base ?? absoluteOrUndefined(channelLink);
  return {
    kind,
    title: plainTitle(byName(channel, ['title', 'dc:title'])),
    link: channelLink,
    language: normalizeLang(
      plain(byName(channel, ['language', 'dc:language'])) ?? root.attribs['xml:lang'] ?? null,
    ),
    items: itemEls
      .slice(0, MAX_ITEMS)
      .map((item) => parseRssItem(item, resolveBase(itemBase, item.attribs['xml:base']))),
  };
}

function parseRssItem(item: Element, base: string | undefined): FeedItem {
  const kids = children(item);
  const guidEl = byName(item, ['guid']);
  const guid = plain(guidEl) ?? item.attribs['rdf:about'] ?? null;
  let link =
    plain(byName(item, ['link'])) ?? atomLink(kids.filter((c) => c.name.toLowerCase() === 'atom:link'));
  if (
    !link &&
    guid &&
    guidEl?.attribs.ispermalink !== 'false' &&
    guidEl?.attribs.isPermaLink !== 'false' &&
    /^https?:\/\//i.test(guid)
  )
    link = guid;
  if (!link) link = item.attribs['rdf:about'] ?? null;
  const categories = kids
    .filter((c) => {
      const n = nameOf(c);
      return n === 'category' || n === 'dc:subject';
    })
    .map((c) => plain(c) ?? c.attribs.term ?? '')
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  return {
    title: plainTitle(byName(item, ['title', 'dc:title'])),
    link: resolveLink(link, base),
    originalLink: originalLinkOf(kids),
    guid,
    published: toIso(
      plain(
        byName(item, [
          'pubdate',
          'dc:date',
          'dcterms:issued',
          'dcterms:created',
          'published',
          'issued',
          'a10:updated',
        ]),
      ),
    ),
    updated: toIso(plain(byName(item, ['dcterms:modified', 'atom:updated', 'updated', 'lastbuilddate']))),
    summary: plain(
      byName(item, ['description', 'dc:description', 'summary', 'itunes:summary', 'media:description']),
    ),
    content: plain(byName(item, ['content:encoded', 'content', 'xhtml:body', 'body'])),
    categories: [...new Set(categories)],
    author: authorName(
      byName(item, ['author', 'dc:creator', 'dc:author', 'itunes:author', 'managingeditor']),
    ),
  };
}

function authorName(el: Element | undefined): string | null {
  if (!el) return null;
  const name = children(el).find((c) => localName(c) === 'name');
  const raw = plain(name ?? el);
  if (!raw) return null;
  // RSS 2.0 wants "email (Name)"; prefer the name when given.
  const m = /^\s*[^\s@()]+@[^\s()]+\s*\(([^)]+)\)\s*$/.exec(raw);
  return (m?.[1] ?? raw).replace(/<[^>]*>/g, '').trim() || null;
}

/** `feedburner:origLink` (any prefix bound to FeedBurner's namespace is spelled so in practice), if http(s). */
function originalLinkOf(kids: Element[]): string | null {
  const el = kids.find((c) => c.name.toLowerCase() === 'feedburner:origlink');
  const href = el ? plain(el) : null;
  return href && /^https?:\/\//i.test(href) ? href : null;
}

function atomLink(links: Element[]): string | null {
  const withHref = links.filter((l) => l.attribs.href);
  const pick =
    withHref.find(
      (l) => (l.attribs.rel ?? 'alternate') === 'alternate' && /html/i.test(l.attribs.type ?? 'text/html'),
    ) ??
    withHref.find((l) => (l.attribs.rel ?? 'alternate') === 'alternate') ??
    withHref.find((l) => l.attribs.rel !== 'self' && l.attribs.rel !== 'hub' && l.attribs.rel !== 'next') ??
    null;
  return pick?.attribs.href ?? (links.length > 0 && !links[0]?.attribs.href ? plain(links[0]) : null);
}

function parseAtom(root: Element, ctx: Ctx): Feed {
  const prefix = ctx.atomPrefix;
  const ln = (el: Element): string => {
    const n = el.name.toLowerCase();
    if (prefix && n.startsWith(`${prefix}:`)) return n.slice(prefix.length + 1);
    return n;
  };
  const pick = (el: Element, names: readonly string[]): Element | undefined => {
    for (const name of names) {
      const hit = children(el).find((c) => ln(c) === name);
      if (hit) return hit;
    }
    return undefined;
  };
  const links = (el: Element): Element[] => children(el).filter((c) => ln(c) === 'link');
  const feedAuthor = pick(root, ['author']);
  const entries = children(root).filter((c) => ln(c) === 'entry');
  const lang = normalizeLang(root.attribs['xml:lang'] ?? null);
  const feedLink = resolveLink(atomLink(links(root)), ctx.base);
  const entryBase = ctx.base ?? absoluteOrUndefined(feedLink);
  return {
    kind: 'atom',
    title: plainTitle(pick(root, ['title'])),
    link: feedLink,
    language: lang,
    items: entries.slice(0, MAX_ITEMS).map((entry) => {
      const base = resolveBase(entryBase, entry.attribs['xml:base']);
      const contentEl = pick(entry, ['content']);
      const categories = children(entry)
        .filter((c) => ln(c) === 'category' || c.name.toLowerCase() === 'dc:subject')
        .map((c) => c.attribs.term ?? c.attribs.label ?? plain(c) ?? '')
        .map((c) => c.trim())
        .filter((c) => c.length > 0);
      return {
        title: plainTitle(pick(entry, ['title'])),
        link: resolveLink(atomLink(links(entry)), resolveBase(base, links(entry)[0]?.attribs['xml:base'])),
        originalLink: originalLinkOf(children(entry)),
        guid: plain(pick(entry, ['id'])),
        published: toIso(plain(pick(entry, ['published', 'issued', 'created', 'dc:date']))),
        updated: toIso(plain(pick(entry, ['updated', 'modified']))),
        summary: contentText(pick(entry, ['summary'])),
        content: contentText(contentEl),
        categories: [...new Set(categories)],
        author: authorName(pick(entry, ['author', 'dc:creator']) ?? feedAuthor),
      };
    }),
  };
}

/** Atom text constructs: type="xhtml" wraps markup in a <div>, mode="base64" (0.3) encodes it. */
function contentText(el: Element | undefined): string | null {
  if (!el) return null;
  if ((el.attribs.mode ?? '').toLowerCase() === 'base64') {
    try {
      return Buffer.from(textOf(el).trim(), 'base64').toString('utf8') || null;
    } catch {
      return null;
    }
  }
  if ((el.attribs.type ?? '').toLowerCase() === 'xhtml') {
    const div = children(el).find((c) => localName(c) === 'div');
    if (div)
      return (
        div.children
          .map((c) => getOuterHTML(c, { xmlMode: false }))
          .join('')
          .trim() || null
      );
  }
  return plain(el);
}

// ---------- JSON Feed ----------

type Json = Record<string, unknown>;

function parseJsonFeed(text: string, opts?: ParseFeedOptions): Feed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ParseError(opts?.url, `not a feed: invalid JSON (${(e as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new ParseError(opts?.url, 'not a feed: JSON is not an object');
  const obj = data as Json;
  const version = typeof obj.version === 'string' ? obj.version : '';
  if (!/jsonfeed\.org/i.test(version) && !Array.isArray(obj.items))
    throw new ParseError(opts?.url, 'not a feed: JSON without a JSON Feed version or items');
  const base = resolveBase(opts?.url, str(obj.home_page_url) ?? undefined);
  const items = (Array.isArray(obj.items) ? obj.items : []).filter(
    (i): i is Json => !!i && typeof i === 'object',
  );
  const feedAuthor = jsonAuthor(obj);
  return {
    kind: 'json',
    title: str(obj.title),
    link: resolveLink(str(obj.home_page_url), opts?.url),
    language: str(obj.language),
    items: items.slice(0, MAX_ITEMS).map((i) => ({
      title: str(i.title),
      link: resolveLink(str(i.url) ?? str(i.external_url), base),
      originalLink: null,
      guid: str(i.id) ?? (typeof i.id === 'number' ? String(i.id) : null),
      published: toIso(str(i.date_published)),
      updated: toIso(str(i.date_modified)),
      summary: str(i.summary),
      content: str(i.content_html) ?? str(i.content_text),
      categories: Array.isArray(i.tags) ? i.tags.filter((t): t is string => typeof t === 'string') : [],
      author: jsonAuthor(i) ?? feedAuthor,
    })),
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : null;
}

function jsonAuthor(o: Json): string | null {
  const list = Array.isArray(o.authors) ? o.authors : o.author ? [o.author] : [];
  const names = list
    .map((a) => (a && typeof a === 'object' ? str((a as Json).name) : str(a)))
    .filter((n): n is string => n !== null);
  return names.length > 0 ? names.join(', ') : null;
}
