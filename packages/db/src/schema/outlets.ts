import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * A publisher. Identity is its domain when known, else its name: `key` holds `domain ?? 'name:' + name`
 * so one unique index covers both cases and an upsert needs a single conflict target.
 */
export const outlets = sqliteTable(
  'outlets',
  {
    id: integer('id').primaryKey(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    domain: text('domain'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('outlets_key_uq').on(t.key), uniqueIndex('outlets_domain_uq').on(t.domain)],
);
