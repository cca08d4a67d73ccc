// Every table. `articles_fts` (FTS5) is not here: drizzle cannot model virtual tables, so it lives in a
// custom migration (drizzle/*_fts.sql) and is only touched through raw SQL in src/queries.
export * from './alerts.ts';
export * from './articles.ts';
export * from './outlets.ts';
export * from './raw-documents.ts';
export * from './rollups.ts';
export * from './runs.ts';
export * from './sources.ts';
export * from './stories.ts';
export * from './subject-models.ts';
export * from './topics.ts';
export * from './watch-topics.ts';
