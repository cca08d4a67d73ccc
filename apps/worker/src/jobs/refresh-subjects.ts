// Subjects from the classifier learned on this corpus, kept current after new articles are stored: the
// model is retrained when the labelled articles grew enough, and the new articles are scored with it.
import type { Db } from '@rasid/db/client';
import { type RefreshSubjectsOptions, type RefreshSubjectsResult, refreshSubjects } from '@rasid/db/queries';

export type SubjectsSummary = RefreshSubjectsResult & { seconds: number };

export function refreshSubjectsTimed(db: Db, opts: RefreshSubjectsOptions = {}): SubjectsSummary {
  const started = performance.now();
  const result = refreshSubjects(db, opts);
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

const formatCount = (n: number): string => n.toLocaleString('en-US');

/** One line for the terminal: what the model learned from and what it scored. */
export function describeSubjects(summary: SubjectsSummary): string {
  const model =
    summary.examples === 0
      ? `no model (${summary.skipped ?? 'too few articles with a subject desk'}; keyword rules only)`
      : `${summary.trained ? 'trained' : 'model'} on ${formatCount(summary.examples)} labelled articles`;
  return (
    `subjects: ${model}, applied to ${formatCount(summary.scored)} ` +
    `(${formatCount(summary.linked)} with a confident subject, ${formatCount(summary.changed)} changed) ` +
    `in ${summary.seconds.toFixed(1)} s`
  );
}
