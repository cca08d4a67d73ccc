// Which outlet published a document, from the strongest clue available: an explicit source field, the
// URL's domain, the outlet's own footer or follow lines in the text, then the source configuration.

import { foldArabic } from '../normalize/arabic.ts';
import { normalizeUrl } from '../normalize/url.ts';
import type { Outlet } from '../types.ts';
import { type KnownOutlet, OUTLETS } from './registry.ts';

export { type KnownOutlet, OUTLETS } from './registry.ts';

export type OutletClues = {
  /** A record's source/outlet/site field, or an HTML page's site name. */
  source?: string | null;
  url?: string | null;
  /** Visible text, searched for footer and follow lines naming the outlet. */
  text?: string | null;
  hint?: { name?: string; domain?: string };
};

const key = (s: string): string => foldArabic(s).replace(/\s+/g, ' ').trim();

const BY_NAME = new Map<string, KnownOutlet>();
for (const o of OUTLETS) {
  for (const n of [o.name, o.nameAr, ...(o.aliases ?? [])]) {
    if (n && !BY_NAME.has(key(n))) BY_NAME.set(key(n), o);
  }
}

function toOutlet(o: KnownOutlet): Outlet {
  return { name: o.name, domain: o.domain };
}

function bareHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

/** The known outlet of a host (and path), matching subdomains and outlets that own a path prefix. */
export function findOutletByHost(host: string, path = '/'): KnownOutlet | null {
  const h = bareHost(host);
  const candidates = OUTLETS.filter((o) =>
    [o.domain, ...(o.domains ?? [])].some((d) => h === d || h.endsWith(`.${d}`)),
  );
  // The most specific entry wins: a matching path prefix, then the longest domain (arabic.cnn.com over cnn.com).
  const scored = candidates
    .filter((o) => !o.pathPrefix || path.toLowerCase().startsWith(o.pathPrefix))
    .map((o) => ({
      o,
      score:
        (o.pathPrefix ? 1000 : 0) +
        Math.max(
          ...[o.domain, ...(o.domains ?? [])]
            .filter((d) => h === d || h.endsWith(`.${d}`))
            .map((d) => d.length),
        ),
    }))
    .sort((a, b) => b.score - a.score);
  return scored[0]?.o ?? null;
}

/** The known outlet named by a source identifier or a name in any of its spellings. */
export function findOutletByName(name: string): KnownOutlet | null {
  const k = key(name);
  return BY_NAME.get(k) ?? BY_NAME.get(k.replace(/^(www\.)/, '')) ?? null;
}

function fromUrl(url: string): Outlet | null {
  const canonical = normalizeUrl(url);
  if (!canonical) return null;
  const u = new URL(canonical);
  const known = findOutletByHost(u.hostname, decodeURIComponent(u.pathname));
  return known ? toOutlet(known) : { name: bareHost(u.hostname), domain: bareHost(u.hostname) };
}

const DOMAIN_LINE = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})\/?$/i;
// "Follow the latest news from X on WhatsApp", in Arabic, English and French.
const FOLLOW_PATTERNS = [
  /تابع(?:وا)?\s+(?:آخر|اخر|أحدث|احدث)?\s*(?:الأخبار|الاخبار|أخبار|اخبار)?\s*(?:من|عبر|على)\s+(.+?)\s+(?:على|عبر)\s+\S/u,
  /follow\s+(?:the latest (?:news )?from\s+)?(.+?)\s+on\s+\S/i,
  /suivez\s+(?:l'actualité de\s+)?(.+?)\s+sur\s+\S/i,
];

/** The outlet a text names in its own footer: a domain line, a line that is an outlet's name, a follow line. */
export function findOutletInText(text: string): Outlet | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const tail = lines.slice(-12);
  for (const line of tail) {
    const m = DOMAIN_LINE.exec(line);
    if (m?.[1] && !/\.(jpg|png|gif|html?)$/i.test(m[1])) {
      const known = findOutletByHost(m[1]);
      return known ? toOutlet(known) : { name: bareHost(m[1]), domain: bareHost(m[1]) };
    }
  }
  for (const line of tail) {
    if (line.length > 40) continue;
    const known = findOutletByName(line);
    if (known) return toOutlet(known);
  }
  for (const line of lines) {
    for (const re of FOLLOW_PATTERNS) {
      const m = re.exec(line);
      const named = m?.[1]?.trim();
      if (!named || named.length > 40) continue;
      const known = findOutletByName(named);
      return known ? toOutlet(known) : { name: named, domain: null };
    }
  }
  return null;
}

/**
 * Resolves the outlet, strongest clue first: the source field (a known identifier, or its own name with
 * the URL's domain), the URL's domain (unknown domains name themselves, without `www.`), the text's
 * footer/follow lines, then the configured hint. Null fields when nothing names it.
 */
export function resolveOutlet(clues: OutletClues): Outlet {
  const byUrl = clues.url ? fromUrl(clues.url) : null;
  const source = clues.source?.trim();
  if (source) {
    const known = findOutletByName(source);
    if (known) {
      // A source shared by several desks (BBC) is refined by a URL that points to one of them.
      const urlKnown = byUrl ? OUTLETS.find((o) => o.name === byUrl.name) : undefined;
      return toOutlet(urlKnown && urlKnown.domain === known.domain ? urlKnown : known);
    }
    return { name: source, domain: byUrl?.domain ?? null };
  }
  if (byUrl) return byUrl;
  const inText = clues.text ? findOutletInText(clues.text) : null;
  if (inText) return inText;
  if (clues.hint?.name || clues.hint?.domain) {
    const known =
      (clues.hint.domain ? findOutletByHost(clues.hint.domain) : null) ??
      (clues.hint.name ? findOutletByName(clues.hint.name) : null);
    if (known) return toOutlet(known);
    return {
      name: clues.hint.name ?? bareHost(clues.hint.domain ?? ''),
      domain: clues.hint.domain ? bareHost(clues.hint.domain) : null,
    };
  }
  return { name: null, domain: null };
}
