import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Subject classifiers learned on this corpus (see trainSubjectClassifier in the parser). Only the latest is
 * kept: older ones are deleted when a new one is stored. Derived data: retraining rebuilds it.
 */
export const subjectModels = sqliteTable('subject_models', {
  // AUTOINCREMENT: a new model must never reuse the id of the one it replaces, since the id says which
  // model the classifier links were scored with.
  id: integer('id').primaryKey({ autoIncrement: true }),
  createdAt: text('created_at').notNull(),
  /** Labelled articles found when it was trained (before small labels were dropped): decides retraining. */
  examples: integer('examples').notNull(),
  /** Labels it predicts, GENERAL_NEWS included. */
  labels: integer('labels').notNull(),
  /** The SubjectModel as JSON. */
  model: text('model').notNull(),
  /**
   * Articles up to this id have been scored with this model: later ones (new since) still need it. Moved
   * forward in the same transaction as each batch of classifier links, so a crash resumes where it stopped.
   */
  appliedThrough: integer('applied_through').notNull().default(0),
});
