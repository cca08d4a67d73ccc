import { sql } from 'drizzle-orm';
import { blob, index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { articles } from './articles.ts';

/**
 * One event told by one or more outlets. Derived data, assigned at store time: the counters are recounted
 * from `story_members` for every story a batch touched, so they always equal a GROUP BY over it.
 */
export const stories = sqliteTable(
  'stories',
  {
    // AUTOINCREMENT: story ids appear in dashboard URLs and are never recycled.
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The member published first: by the latest instant its date allows (MEMBER_ORDER in queries/stories.ts). */
    firstArticleId: integer('first_article_id').notNull(),
    title: text('title').notNull(),
    firstDay: text('first_day').notNull(),
    lastDay: text('last_day').notNull(),
    articleCount: integer('article_count').notNull(),
    /** Members that are not near-duplicates of another member: what "unique" counts use. */
    uniqueCount: integer('unique_count').notNull(),
    outletCount: integer('outlet_count').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('stories_last_day_idx').on(t.lastDay), index('stories_first_day_idx').on(t.firstDay)],
);

/** Which story an article belongs to (exactly one), and whether it is a copy of another member's text. */
export const storyMembers = sqliteTable(
  'story_members',
  {
    articleId: integer('article_id')
      .primaryKey()
      .references(() => articles.id, { onDelete: 'cascade' }),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    /** The article's day when it was assigned: candidates are looked up by day window. */
    day: text('day').notNull(),
    /** 'original', or 'duplicate' of `duplicateOf` (same text: re-filed or syndicated). */
    kind: text('kind', { enum: ['original', 'duplicate'] }).notNull(),
    duplicateOf: integer('duplicate_of'),
    /** Similarity to the member it joined through; 1 for the article that started the story. */
    similarity: real('similarity').notNull(),
    /** The content hash its signature was made from: a changed text is reassigned. */
    contentHash: text('content_hash').notNull(),
    /** Packed story signature (see @rasid/parser/stories): lead term hashes, then text term hashes. */
    lead: blob('lead', { mode: 'buffer' }).notNull(),
    terms: blob('terms', { mode: 'buffer' }).notNull(),
  },
  (t) => [
    index('story_members_day_idx').on(t.day),
    index('story_members_story_idx').on(t.storyId, t.day),
    // The copies alone, for "unique texts only" (scope.ts): a query reads this small index once instead of
    // looking up every article's row here, whose signature blobs make the table many times larger.
    index('story_members_duplicate_idx').on(t.articleId).where(sql`${t.kind} = 'duplicate'`),
  ],
);
