// What the store derives from an item before it touches the database: the raw bytes' hash and archive, the
// article's dedupe key and its story signature. Pure (no database, no clock), so a parse thread can compute
// it beside the parser and the thread that stores only writes rows.
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';
import type { Article } from '@rasid/parser';
import { type StorySignature, storySignatureOfSearchText } from '@rasid/parser/stories';
// Type only: parse threads load this module, and the schema would bring drizzle with it.
import type { rawDocuments } from '../schema/raw-documents.ts';
import { toSearchText, urlKey } from './text.ts';
import type { IngestItem, StoreKeys } from './types.ts';

type RawDocumentRow = typeof rawDocuments.$inferSelect;

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

/** How raw_documents.content is compressed (see its schema). */
export type ArchiveCodec = RawDocumentRow['codec'];

/**
 * The codec the store archives with. The archive is written on the ingest hot path and read rarely
 * (reparse): brotli at quality 0 compressed 4,000 Sky News records in 110–131 ms against 245–283 ms for
 * deflate at level 1 (itself ~30% cheaper than deflate's default level), for 46.4% of the raw bytes
 * against 41.1%: on ../shared/corpus 2.8 CPU s against 5.1 (profiled), for 13.5 MB more of raw_documents.
 */
export const ARCHIVE_CODEC: ArchiveCodec = 'br';

function archiveOf(bytes: Buffer): Buffer {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 0,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
    },
  });
}

/** The raw bytes of an archive; throws naming `what` when the codec is unknown or the bytes are corrupt. */
export function unarchive(content: Uint8Array, codec: string, what: string): Buffer {
  try {
    if (codec === 'br') return brotliDecompressSync(content);
    if (codec === 'deflate-raw') return inflateRawSync(content);
  } catch (error) {
    throw new Error(`${what}: corrupt ${codec} archive (${(error as Error).message})`, { cause: error });
  }
  throw new Error(`${what}: unknown archive codec ${JSON.stringify(codec)}`);
}

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
    archive: archiveOf(bytes),
    size: bytes.byteLength,
    dedupeKey: dedupeKeyOf(article),
    signature: withSignature ? signatureOf(article) : null,
  };
}
