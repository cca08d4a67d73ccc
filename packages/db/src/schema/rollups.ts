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

// Weekly and monthly sums of the daily rollups, so that a chart over years reads a few thousand rows
// instead of every day's. Kept by triggers on the daily tables (migration 0005), so every writer of the
// daily rollups (the store, the classifier, watch topics) keeps them exact in its own transaction. A
// range that starts or ends inside a week or month takes its edges from the daily rows.

/** rollup_daily summed per ISO week (`week` = its Monday, YYYY-MM-DD). */
export const rollupWeekly = sqliteTable(
  'rollup_weekly',
  {
    week: text('week').notNull(),
    outletId: integer('outlet_id').notNull(),
    language: text('language').notNull().default(''),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.outletId, t.language] })],
);

/** rollup_daily_topic summed per ISO week. */
export const rollupWeeklyTopic = sqliteTable(
  'rollup_weekly_topic',
  {
    week: text('week').notNull(),
    outletId: integer('outlet_id').notNull(),
    language: text('language').notNull().default(''),
    topicId: integer('topic_id').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.outletId, t.language, t.topicId] })],
);

/** rollup_daily summed per calendar month (`month` = YYYY-MM). */
export const rollupMonthly = sqliteTable(
  'rollup_monthly',
  {
    month: text('month').notNull(),
    outletId: integer('outlet_id').notNull(),
    language: text('language').notNull().default(''),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.outletId, t.language] })],
);

/** rollup_daily_topic summed per calendar month. */
export const rollupMonthlyTopic = sqliteTable(
  'rollup_monthly_topic',
  {
    month: text('month').notNull(),
    outletId: integer('outlet_id').notNull(),
    language: text('language').notNull().default(''),
    topicId: integer('topic_id').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.outletId, t.language, t.topicId] })],
);
