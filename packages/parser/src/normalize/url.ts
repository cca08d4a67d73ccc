// Canonical URLs: one article reached through tracking links, AMP or mobile mirrors, or a differently
// percent-encoded path must come out as one URL, so the store can use it as a duplicate key.

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
  'src',
  'smid',
  '_ga',
  '_gl',
  'amp',
  'outputtype',
  'ncid',
  'ftag',
  'cid',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'ns_', 'at_', 'hsa_', 'vero_'];
// Mirrors of the same site that serve the same article; the bare host is the canonical one.
const MIRROR_HOST_PREFIX = /^(?:amp|m|mobile)\./;
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
 * tracking parameters (utm_*, fbclid, gclid, ref…) and AMP markers (`/amp`, `?amp`) removed, raw
 * non-ASCII characters percent-encoded and escapes upper-cased, so raw-Arabic and encoded paths match.
 */
export function normalizeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  parsed.hostname = parsed.hostname.replace(/\.$/, '').replace(MIRROR_HOST_PREFIX, '');
  let path = normalizeEscapes(parsed.pathname)
    .replace(/\/amp\/?$/i, '/')
    .replace(/\.amp$/i, '');
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

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A looser key for duplicate detection: the canonical URL without scheme, `www.` and trailing slash,
 * with query parameters sorted. Not a URL to show or fetch.
 */
export function urlKey(url: string): string | null {
  const canonical = normalizeUrl(url);
  if (!canonical) return null;
  const parsed = new URL(canonical);
  const query = parsed.search.replace(/^\?/, '').split('&').filter(Boolean).sort().join('&');
  const host = parsed.host.replace(/^www\./, '');
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${host}${path}${query ? `?${query}` : ''}`;
}

/** The registrable-looking host of a URL without `www.` and mirror prefixes, or null. */
export function hostOf(url: string): string | null {
  const canonical = normalizeUrl(url);
  if (!canonical) return null;
  return new URL(canonical).hostname.replace(/^www\./, '');
}
