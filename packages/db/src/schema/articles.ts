import type { DatePrecision } from '@rasid/parser';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { outlets } from './outlets.ts';

/** The unit every chart counts: one row per story URL (or per exact text when there is no URL). */
export const articles = sqliteTable(
  'articles',
  {
    // AUTOINCREMENT: article ids appear in dashboard URLs and as FTS rowids, so they are never recycled.
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Normalised URL when the article has one, else `sha256:<contentHash>`. */
    dedupeKey: text('dedupe_key').notNull(),
    url: text('url'),
    outletId: integer('outlet_id')
      .notNull()
      .references(() => outlets.id),
    title: text('title').notNull(),
    byline: text('byline'),
    body: text('body').notNull(),
    language: text('language'),
    direction: text('direction', { enum: ['rtl', 'ltr'] }).notNull(),
    /** The first desk it was seen under; every desk is an article_topics row of kind 'section'. */
    section: text('section'),
    publishedAt: text('published_at'),
    dateSource: text('date_source').notNull(),
    datePrecision: text('date_precision').$type<DatePrecision>(),
    firstSeenAt: text('first_seen_at').notNull(),
    /** YYYY-MM-DD the charts count it on: publication day, or first-seen day when undated. */
    day: text('day').notNull(),
    contentHash: text('content_hash').notNull(),
    simhash: text('simhash').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('articles_dedupe_key_uq').on(t.dedupeKey),
    // (day, outlet_id, language) rather than (day): it covers the per-day rollup recount, which then never
    // reads the wide article rows; the list's order (day desc, id desc) only sorts within one day.
    index('articles_day_idx').on(t.day, t.outletId, t.language),
    index('articles_outlet_day_idx').on(t.outletId, t.day),
    index('articles_language_day_idx').on(t.language, t.day),
    index('articles_content_hash_idx').on(t.contentHash),
    // A search's matches are article ids: this finds each one's day, outlet and language without reading
    // the article row, whose `day` and `language` sit after the body (in its overflow pages).
    index('articles_id_facets_idx').on(t.id, t.day, t.outletId, t.language),
  ],
);
