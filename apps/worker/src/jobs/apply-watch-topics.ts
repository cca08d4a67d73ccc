// Watch topics applied to the articles a pass stored or re-wrote, right after it stored them (before spike
// rules run, so a rule scoped to a watch topic counts them). With no watch topic this reads one row.
import type { Db } from '@rasid/db/client';
import { type ApplyWatchTopicsResult, applyWatchTopics } from '@rasid/db/queries';

export type WatchTopicsSummary = ApplyWatchTopicsResult & { seconds: number };

export function applyWatchTopicsTimed(db: Db): WatchTopicsSummary {
  const started = performance.now();
  const result = applyWatchTopics(db);
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

const formatCount = (n: number): string => n.toLocaleString('en-US');

/** One line for the terminal, or null when there is no watch topic to speak of. */
export function describeWatchTopics(summary: WatchTopicsSummary): string | null {
  if (summary.topics === 0) return null;
  return (
    `watch topics: ${formatCount(summary.topics)} applied to ${formatCount(summary.checked)} new or changed ` +
    `articles (${formatCount(summary.linked)} linked, ${formatCount(summary.unlinked)} unlinked) ` +
    `in ${summary.seconds.toFixed(1)} s`
  );
}
