// Canonical URLs: one article reached through tracking links, AMP or mobile mirrors, or a differently
// percent-encoded path must come out as one URL, so the store can use it as a duplicate key.

// Only names that never pick the content: two articles whose URLs differ by one of these get one key,
// and the store keeps the latest text under it, so a wrongly listed name loses articles silently. `ref`
// (a referrer label or an affiliate id; ClearURLs strips it everywhere) and `share` (WordPress's share
// buttons, `?share=twitter`) are tracking. `cid` and `src` are not listed: `news.php?cid=5` is an
// article id on many news CMSs and `?src=` names the image or page an embed or proxy shows, even where
// others use them as campaign labels (`?cid=onsite.onsitesearch`, `?src=rec-newsboxes`); missing such a
// label only costs a second row, which the story grouping marks as a duplicate of the first.
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gclsrc',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'cmpid',
  'ocid',
  'xtor',
  'ito',
  'spm',
  's_cid',
  'share',
  'smid',
  '_ga',
  '_gl',
  'amp',
  'outputtype',
  'ncid',
  'ftag',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'ns_', 'at_', 'hsa_', 'vero_'];
// Mirrors of the same site that serve the same article; the bare host is the canonical one. Not when
// only a top-level domain would be left: `amp.dev` and `m.me` are sites of their own.
const MIRROR_HOST_PREFIX = /^(?:amp|m|mobile)\.(?=[^.]+\.)/;
// Google's AMP cache serves a publisher's page as
// `https://<host, dashed>.cdn.ampproject.org/c/s/<host>/<path>` (`c` a document, `v` the viewer, `i` an
// image; `s/` when the page is https), and Google's viewer as `https://www.google.<tld>/amp/s/<host>/<path>`:
// the publisher's URL is in the path.
const AMP_CACHE_HOST = /\.cdn\.ampproject\.org$/;
const AMP_CACHE_PATH = /^\/[cvi]\/(s\/)?([^/]+\.[^/]+(?:\/.*)?)$/;
const AMP_VIEWER_HOST = /^(?:www\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/;
const AMP_VIEWER_PATH = /^\/amp\/(s\/)?([^/]+\.[^/]+(?:\/.*)?)$/;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

function isTracking(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

// What each escape becomes, by its two hex digits as written: the character when unreserved, else the
// escape upper-cased. A table: an Arabic path is a hundred escapes, and most URLs pass through here twice.
const ESCAPES = new Map<string, string>();
for (let byte = 0; byte < 256; byte++) {
  const ch = String.fromCharCode(byte);
  const upper = byte.toString(16).toUpperCase().padStart(2, '0');
  for (const hi of new Set([upper[0], upper[0]?.toLowerCase()]))
    for (const lo of new Set([upper[1], upper[1]?.toLowerCase()]))
      ESCAPES.set(`${hi}${lo}`, UNRESERVED.test(ch) ? ch : `%${upper}`);
}
// An escape that may change: lower-case hex, or a byte below 0x80 (where the unreserved characters are).
const CHANGING_ESCAPE = /%(?:[0-9a-fA-F][a-f]|[a-f][0-9A-F]|[0-7][0-9A-F])/;

/** Upper-case hex in escapes, and unescape characters that never need escaping (RFC 3986 §6.2.2). */
function normalizeEscapes(part: string): string {
  // Most escapes are already upper-case non-ASCII bytes (%D8%A7): then nothing changes.
  if (!CHANGING_ESCAPE.test(part)) return part;
  return part.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => ESCAPES.get(hex) as string);
}

/**
 * The canonical form of an http(s) URL, or null for anything else: host lower-cased, `amp.`/`m.`/`mobile.`
 * mirror prefixes dropped (`www.` is kept: it is part of the real address), default port, fragment,
 * tracking parameters (utm_*, fbclid, gclid, ref…) and AMP markers removed, raw non-ASCII characters
 * percent-encoded and escapes upper-cased, so raw-Arabic and encoded paths match. The result is an
 * address to show and fetch, so only the AMP forms whose plain page is known are undone: a Google AMP
 * cache or viewer URL becomes the publisher's, and `/amp/…`, `…/amp`, `….amp`, `….amp.html` and `?amp`
 * lose their marker (not `/amp.html` or a segment that merely contains "amp": `/campus/`, `/amp-news`).
 */
export function normalizeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const publisher = ampCacheOrigin(parsed);
  const normalizedPublisher = publisher ? normalizeUrl(publisher) : null;
  if (normalizedPublisher) return normalizedPublisher;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  parsed.hostname = parsed.hostname.replace(/\.$/, '').replace(MIRROR_HOST_PREFIX, '');
  let path = normalizeEscapes(parsed.pathname)
    // The AMP page of `/news/x` is `/amp/news/x` (Al Jazeera, NZZ, CBS News).
    .replace(/^(?:\/amp)+(?=\/)/i, '')
    // …or `/x/amp/` (WordPress), `/x.html/amp` (its page is `/x.html`), `/x.amp` or `/x.amp.html` (NYT).
    .replace(/(\.[a-z0-9]+)(?:\/amp)+\/?$/i, '$1')
    .replace(/(?:\/amp)+\/?$/i, '/')
    .replace(/\.amp(?=\.html?$)|\.amp$/i, '');
  if (path.length > 1 && path.endsWith('//')) path = path.replace(/\/+$/, '/');
  const query = parsed.search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair.length > 0 && !isTracking(decodeURIComponentSafe(pair.split('=')[0] ?? '')))
    .map(normalizeEscapes)
    .join('&');
  const port = parsed.port ? `:${parsed.port}` : '';
  return `${parsed.protocol}//${parsed.hostname}${port}${path}${query ? `?${query}` : ''}`;
}

/** The publisher's URL a Google AMP cache or viewer URL serves (its query kept), or null. */
function ampCacheOrigin(parsed: URL): string | null {
  const host = parsed.hostname.toLowerCase();
  const match = AMP_CACHE_HOST.test(host)
    ? AMP_CACHE_PATH.exec(parsed.pathname)
    : AMP_VIEWER_HOST.test(host)
      ? AMP_VIEWER_PATH.exec(parsed.pathname)
      : null;
  if (!match) return null;
  return `${match[1] ? 'https' : 'http'}://${match[2]}${parsed.search}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A looser key for duplicate detection: the canonical URL without scheme, `www.`, `amp` path segments
 * and trailing slash, with query parameters sorted. Not a URL to show or fetch.
 */
export function urlKey(url: string): string | null {
  const canonical = normalizeUrl(url);
  if (!canonical) return null;
  const parsed = new URL(canonical);
  const query = parsed.search.replace(/^\?/, '').split('&').filter(Boolean).sort().join('&');
  const host = parsed.host.replace(/^www\./, '');
  // An `amp` segment inside the path marks the AMP page too (BBC's `/news/amp/world-1`, Reuters'
  // `/article/amp/id`, the Daily Mail's `/news/article-1/amp/slug.html`), but not always in place of
  // nothing (NBC's `/news/amp/<id>` is `/news/world/<slug>-<id>`), so it is dropped from the key only,
  // never from the address. Among the 210,000 URLs in ../shared, every pair this joins is one page.
  const path = parsed.pathname.replace(/\/amp(?=\/)/gi, '').replace(/\/+$/, '');
  return `${host}${path}${query ? `?${query}` : ''}`;
}

/** The registrable-looking host of a URL without `www.` and mirror prefixes, or null. */
export function hostOf(url: string): string | null {
  const canonical = normalizeUrl(url);
  if (!canonical) return null;
  return new URL(canonical).hostname.replace(/^www\./, '');
}

// Second-level labels under which a country's sites register (`bbc.co.uk`, `alarabiya.com.sa`): the site is
// the label before them. A public suffix list would be exact; these cover the news sites in ../shared.
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'nic']);

/** The registrable domain of a host (`edition.cnn.com` → `cnn.com`, `news.bbc.co.uk` → `bbc.co.uk`). */
export function siteOfHost(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2 || /^\d+$/.test(labels.at(-1) ?? '')) return labels.join('.');
  const keep = (labels.at(-1)?.length ?? 0) === 2 && SECOND_LEVEL.has(labels.at(-2) ?? '') ? 3 : 2;
  return labels.slice(-keep).join('.');
}

// What a page's tail may be when it declares the page above it canonical: its AMP form (`/x/amp`), or a
// later page of it (`/2`, `/page/2`, `/slide/1`).
const PAGE_OF_TAIL = /^(?:amp|(?:(?:page|seite|slide|p|pg)\/)?\d{1,3})$/i;
// A site's front page under another name: `/index.html`, `/default.aspx`, `/home`.
const FRONT_PAGE_PATH = /^\/(?:(?:index|default|home)(?:\.[a-z]+)?)?$/i;

/**
 * The canonical URL a page declares, if it can stand for the page `pageUrl` names; null when it cannot.
 * Articles are keyed on it, so a wrong one would merge different articles into one row or hand an outlet's
 * article to another. Refused are: a front page (a misconfigured template gives every article the home
 * page); a page of another site (syndicated copies point at the original: MSN at The Guardian, Welt at
 * Sat.1 regional); a listing above the page (`/news/123_title` declaring `/news`), though an AMP page or a
 * later page may name the page above it (`/x/amp`, `/x/slide/2`). Without `pageUrl` (a saved file) only
 * the front-page check applies. Of the 917 pages of ../shared/html/trafilatura that declare one, 13 are
 * refused: 10 another site's, 2 the front page, 1 a listing.
 */
export function trustCanonical(canonical: string, pageUrl?: string | null): string | null {
  let claimed: URL;
  try {
    claimed = new URL(canonical);
  } catch {
    return null;
  }
  if (claimed.protocol !== 'http:' && claimed.protocol !== 'https:') return null;
  let page: URL | null = null;
  try {
    page = pageUrl ? new URL(pageUrl) : null;
  } catch {
    page = null;
  }
  const isFront = (u: URL) => FRONT_PAGE_PATH.test(u.pathname) && u.search === '';
  if (isFront(claimed) && !(page && isFront(page))) return null;
  if (!page || (page.protocol !== 'http:' && page.protocol !== 'https:')) return claimed.toString();
  // One site under its country domains counts as one (`bbc.co.uk` and `bbc.com`, `aljazeera.net` and `.com`).
  const name = (u: URL) => siteOfHost(u.hostname).split('.')[0];
  if (name(claimed) !== name(page)) return null;
  const segments = (u: URL) => u.pathname.split('/').filter(Boolean);
  const above = segments(claimed);
  const below = segments(page);
  const isAncestor = above.length < below.length && above.every((s, i) => s === below[i]);
  if (isAncestor && !isFront(page) && !PAGE_OF_TAIL.test(below.slice(above.length).join('/'))) return null;
  return claimed.toString();
}
