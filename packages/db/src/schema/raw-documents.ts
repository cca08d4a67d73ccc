import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { articles } from './articles.ts';

/**
 * Every input exactly as collected, so `rasid reparse` can rebuild articles with a better parser without
 * collecting again. An article keeps every raw input it came from (one per desk, per fetch that changed).
 */
export const rawDocuments = sqliteTable(
  'raw_documents',
  {
    id: integer('id').primaryKey(),
    /** sha256 (hex) of the raw content bytes: the same input stored twice is a no-op. */
    sha256: text('sha256').notNull(),
    articleId: integer('article_id').references(() => articles.id, { onDelete: 'set null' }),
    /** The ingest run that stored it, when known. */
    runId: integer('run_id'),
    location: text('location').notNull(),
    url: text('url'),
    format: text('format').notNull(),
    contentType: text('content_type'),
    fetchedAt: text('fetched_at').notNull(),
    /** The raw bytes, compressed as `codec` says. */
    content: blob('content', { mode: 'buffer' }).notNull(),
    /**
     * How `content` is compressed: 'br' (brotli, what the store writes) or 'deflate-raw' (node:zlib
     * deflateRawSync, what it wrote before migration 0008; rows from then keep it).
     */
    codec: text('codec', { enum: ['deflate-raw', 'br'] })
      .notNull()
      .default('deflate-raw'),
    /** Uncompressed size in bytes. */
    size: integer('size').notNull(),
  },
  (t) => [
    uniqueIndex('raw_documents_sha256_uq').on(t.sha256),
    index('raw_documents_article_idx').on(t.articleId),
  ],
);
