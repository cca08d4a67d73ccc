import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { topics } from './topics.ts';

/**
 * A user's watch topic: a named search (the dashboard's query language) whose matches are linked to its
 * `topics` row (kind 'watch', slug `watch:<topic id>`) in `article_topics` with source 'watch', so it
 * filters and counts like any subject. The name is the topic's name; this row holds the query.
 */
export const watchTopics = sqliteTable('watch_topics', {
  topicId: integer('topic_id')
    .primaryKey()
    .references(() => topics.id, { onDelete: 'cascade' }),
  /** The query as the user typed it; parsed again (parseSearch) wherever it is applied. */
  query: text('query').notNull(),
  /**
   * The highest raw_documents.id whose article has been tested against the query: an article that
   * arrives or changes later comes with a newer raw document, so the next pass finds it by rowid range.
   */
  appliedThrough: integer('applied_through').notNull().default(0),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
