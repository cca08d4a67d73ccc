-- Raw archives say how they are compressed. Rows stored before stay raw deflate ('deflate-raw'); the store
-- now writes brotli at quality 0 ('br'): on ANT's records 2.2x faster to compress than deflate at level 1,
-- for archives 13% larger (46.4% of the raw bytes against 41.1%). See src/queries/store-keys.ts.
ALTER TABLE `raw_documents` ADD `codec` text DEFAULT 'deflate-raw' NOT NULL;