import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Pre-counted articles per day so that every chart is an index range scan instead of a table scan.
// Derived data: rebuilt from `articles` for the days a batch touched, in the same transaction.
// No foreign keys on purpose: they would only slow the rebuild and the rows are recomputed anyway.

/** Articles per (day, outlet, language); language '' when unknown. */
export const rollupDaily = sqliteTable(
  'rollup_daily',
  {
    day: text('day').notNull(),
    outletId: integer('outlet_id').notNull(),
    language: text('language').notNull().default(''),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.outletId, t.language] })],
);

/** Article–topic links per (day, outlet, language, topic): an article counts once in each of its topics. */
export const rollupDailyTopic = sqliteTable(
  'rollup_daily_topic',
  {
    day: text('day').notNull(),
    outletId: integer('outlet_id').notNull(),
    language: text('language').notNull().default(''),
    topicId: integer('topic_id').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.outletId, t.language, t.topicId] })],
);
