// What the store derives from an item before it touches the database: the raw bytes' hash and archive, the
// article's dedupe key and its story signature. Pure (no database, no clock), so a parse thread can compute
// it beside the parser and the thread that stores only writes rows.
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { Article } from '@rasid/parser';
import { type StorySignature, storySignatureOfSearchText } from '@rasid/parser/stories';
import { toSearchText, urlKey } from './text.ts';
import type { IngestItem, StoreKeys } from './types.ts';

/**
 * The key two inputs must share to be one article: the parser's duplicate key for its URL (no scheme,
 * www., fragment, tracking parameters or trailing slash; sorted query), or the content hash when there
 * is no URL.
 */
export function dedupeKeyOf(article: Pick<Article, 'url' | 'fingerprints'>): string {
  if (!article.url) return `sha256:${article.fingerprints.contentHash}`;
  return urlDedupeKey(article.url);
}

/** The dedupe key of an article stored under `url`: its normalised form, so tracking variants are one. */
export function urlDedupeKey(url: string): string {
  return urlKey(url) ?? url.trim();
}

/** The folded title and body the full-text index holds (the parser's, when it carried them). */
export function searchTextOf(article: Article): { title: string; body: string } {
  return {
    title: article.searchText?.title ?? toSearchText(article.title),
    body: article.searchText?.body ?? toSearchText(article.body),
  };
}

/** The story signature, read from the same folded, stemmed text the index holds. */
export function signatureOf(article: Article): StorySignature {
  const { title, body } = searchTextOf(article);
  return storySignatureOfSearchText(title, body);
}

function bytesOf(content: Uint8Array | string): Buffer {
  return typeof content === 'string'
    ? Buffer.from(content, 'utf8')
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

// Level 1: the archive is written on the ingest hot path and read rarely (reparse); on news text it costs
// ~30% less CPU than the default level for ~8% more bytes.
const ARCHIVE_DEFLATE = { level: 1 };

/**
 * Derives an item's keys from its raw content and article (see StoreKeys). Without `withSignature` the
 * signature is left for the store to compute if it indexes the text (not for a re-filed, unchanged text).
 */
export function deriveStoreKeys(
  raw: Pick<IngestItem['raw'], 'content' | 'location'>,
  article: Article,
  withSignature = true,
): StoreKeys {
  if (raw.content === null) throw new Error(`${raw.location}: neither raw content nor its keys to store`);
  const bytes = bytesOf(raw.content);
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    archive: deflateRawSync(bytes, ARCHIVE_DEFLATE),
    size: bytes.byteLength,
    dedupeKey: dedupeKeyOf(article),
    signature: withSignature ? signatureOf(article) : null,
  };
}
