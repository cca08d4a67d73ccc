import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { articles } from './articles.ts';

/**
 * Anything an article can be counted under: a standard subject (`subject`), a desk label the outlet
 * filed it under (`section`, slug `section:<folded label>`) or a user's watch term (`watch`).
 */
export const topics = sqliteTable(
  'topics',
  {
    id: integer('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    nameAr: text('name_ar'),
    kind: text('kind', { enum: ['subject', 'section', 'watch'] }).notNull(),
  },
  (t) => [uniqueIndex('topics_slug_uq').on(t.slug)],
);

export const articleTopics = sqliteTable(
  'article_topics',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    /** How the link was made: 'section' | 'url' | 'rules' | 'classifier'. */
    source: text('source').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.topicId] }),
    index('article_topics_topic_idx').on(t.topicId, t.articleId),
  ],
);
