import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Where the worker collects from, as data: what to read, when, and how it went last time. */
export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['folder', 'file', 'feed', 'sitemap', 'page'] }).notNull(),
    /** A path or a URL. */
    location: text('location').notNull(),
    outletHint: text('outlet_hint'),
    languageHint: text('language_hint'),
    /** Cron expression; null = only when run by hand. */
    schedule: text('schedule'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** Kind-specific settings, JSON. */
    config: text('config'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    // State the worker keeps between runs.
    lastRunAt: text('last_run_at'),
    lastSuccessAt: text('last_success_at'),
    lastError: text('last_error'),
    lastErrorAt: text('last_error_at'),
    itemsSeen: integer('items_seen').notNull().default(0),
    itemsNew: integer('items_new').notNull().default(0),
    itemsDuplicate: integer('items_duplicate').notNull().default(0),
    itemsFailed: integer('items_failed').notNull().default(0),
    /** Article pages the last run listed but left for later runs (a sitemap's or feed's per-run cap). */
    pagesWaiting: integer('pages_waiting').notNull().default(0),
    etag: text('etag'),
    lastModified: text('last_modified'),
  },
  (t) => [uniqueIndex('sources_name_uq').on(t.name)],
);
