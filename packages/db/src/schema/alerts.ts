import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * A spike rule a user watches: a day's article count in a scope against the 14 days before it.
 * Scope: everything (`all`), one outlet (`outlet`, value = outlet id), one topic (`topic`, value = slug)
 * or a full-text query (`query`, value = the query as typed).
 */
export const alertRules = sqliteTable(
  'alert_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    scopeKind: text('scope_kind', { enum: ['all', 'outlet', 'topic', 'query'] }).notNull(),
    scopeValue: text('scope_value').notNull().default(''),
    /** How many standard deviations above the 14-day mean a day must be. */
    k: real('k').notNull(),
    /** Fewest articles a day must have to be a spike at all. */
    minCount: integer('min_count').notNull(),
    /** Where the worker POSTs new alerts; null for dashboard-only rules. */
    webhookUrl: text('webhook_url'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('alert_rules_name_uq').on(t.name)],
);

/** A day a rule flagged. One row per (rule, day): evaluating again updates the figures, never duplicates. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ruleId: integer('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    count: integer('count').notNull(),
    mean: real('mean').notNull(),
    stddev: real('stddev').notNull(),
    threshold: real('threshold').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Set by the worker once the rule's webhook accepted it; null = not (yet) delivered. */
    deliveredAt: text('delivered_at'),
  },
  (t) => [uniqueIndex('alerts_rule_day_uq').on(t.ruleId, t.day), index('alerts_day_idx').on(t.day)],
);
