// The articles of a test database as plain data, and the chart counts computed from them in plain code:
// the reference the rollups and the coverage queries are compared with.
import type { Db } from '../src/client.ts';
import { weekStart } from '../src/queries/dates.ts';
import {
  type CoverageFilters,
  type CoverageGroup,
  type CoveragePoint,
  type CoverageStack,
  parseSearch,
} from '../src/queries/index.ts';
import { toSearchText } from '../src/queries/text.ts';

export type Ref = {
  id: number;
  day: string;
  outletId: number;
  language: string;
  topics: string[];
  /** Title and body as search text, padded with spaces so a token is found as ` token `. */
  text: string;
  /** Stored as a copy of another story member's text (story_members.kind 'duplicate'). */
  copy: boolean;
};

/** Every article, read from the tables in plain SQL. */
export function loadReference(db: Db): Ref[] {
  const rows = db.$client
    .prepare(
      `SELECT a.id, a.day, a.outlet_id AS outletId, coalesce(a.language, 'und') AS language, a.title, a.body,
         (SELECT json_group_array(p.slug) FROM article_topics t JOIN topics p ON p.id = t.topic_id WHERE t.article_id = a.id) AS topics,
         coalesce((SELECT m.kind = 'duplicate' FROM story_members m WHERE m.article_id = a.id), 0) AS copy
       FROM articles a`,
    )
    .all() as (Omit<Ref, 'topics' | 'text' | 'copy'> & {
    title: string;
    body: string;
    topics: string;
    copy: number;
  })[];
  return rows.map((r) => ({
    id: r.id,
    day: r.day,
    outletId: r.outletId,
    language: r.language,
    topics: JSON.parse(r.topics) as string[],
    text: ` ${toSearchText(r.title)} ${toSearchText(r.body)} `,
    copy: r.copy === 1,
  }));
}

export function referenceMatches(ref: Ref[], f: CoverageFilters): Ref[] {
  const tokens = parseSearch(f.q).tokens;
  return ref.filter(
    (a) =>
      (!f.unique || !a.copy) &&
      (!f.from || a.day >= f.from) &&
      (!f.to || a.day <= f.to) &&
      (!f.outlets?.length || f.outlets.includes(a.outletId)) &&
      (!f.languages?.length || f.languages.includes(a.language)) &&
      (!f.topics?.length || a.topics.some((t) => f.topics?.includes(t))) &&
      tokens.every((t) => a.text.includes(` ${t} `)),
  );
}

/** What countCoverage should give: an article counts once per cell, once in each of its topics by topic. */
export function referenceCoverage(
  ref: Ref[],
  f: CoverageFilters,
  groupBy: CoverageGroup,
  stackBy: CoverageStack | null,
): Pick<CoveragePoint, 'key' | 'stack' | 'count'>[] {
  const dim = (a: Ref, d: CoverageGroup, topic: string | null): string => {
    switch (d) {
      case 'day':
        return a.day;
      case 'week':
        return weekStart(a.day);
      case 'month':
        return a.day.slice(0, 7);
      case 'outlet':
        return String(a.outletId);
      case 'language':
        return a.language;
      case 'topic':
        return topic ?? '';
    }
  };
  const byTopic = groupBy === 'topic' || stackBy === 'topic';
  const counts = new Map<string, number>();
  for (const a of referenceMatches(ref, f)) {
    const topics = byTopic ? a.topics.filter((t) => !f.topics?.length || f.topics.includes(t)) : [null];
    for (const topic of topics) {
      const k = JSON.stringify([dim(a, groupBy, topic), stackBy ? dim(a, stackBy, topic) : null]);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, count]) => {
    const [key, stack] = JSON.parse(k) as [string, string | null];
    return { key, stack, count };
  });
}
