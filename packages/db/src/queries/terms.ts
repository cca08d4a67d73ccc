import { countTopTerms } from '@rasid/parser';
import type { Db } from '../client.ts';
import { keepAnswer } from './kept-answers.ts';
import { articleWhere, countScope, resolveScope } from './scope.ts';
import { prepare } from './statements.ts';
import { type SpelledTerm, spellTerms } from './term-spellings.ts';
import type { CoverageFilters } from './types.ts';

export type TopTerms = {
  /** Articles the filters select. */
  total: number;
  /** The newest of them the terms were counted on (at most `sample`). */
  sampled: number;
  terms: SpelledTerm[];
};

// Each article's title and lead: where an article says what it is about, at a bounded cost per article.
const LEAD_CHARS = 3000;

// Counting terms costs ~0.5 ms an article (1 s for 2,000 at 1M articles): answers are kept until the data
// changes (keepAnswer).

/**
 * The terms most of the selected articles use (document frequency), counted on the newest `sample`
 * of them (default 2,000) so any filter answers in bounded time; `sampled` says how many were read.
 */
export function listTopTerms(
  db: Db,
  filters: CoverageFilters,
  opts: { limit?: number; sample?: number } = {},
): TopTerms {
  const sample = opts.sample ?? 2000;
  if (!Number.isInteger(sample) || sample < 1)
    throw new RangeError(`listTopTerms: sample must be ≥ 1, got ${sample}`);
  const limit = opts.limit ?? 30;
  return keepAnswer(db, JSON.stringify(['top-terms', filters, limit, sample]), () =>
    countTopTermsOf(db, filters, limit, sample),
  );
}

function countTopTermsOf(db: Db, filters: CoverageFilters, limit: number, sample: number): TopTerms {
  const scope = resolveScope(db, filters);
  if (scope.empty) return { total: 0, sampled: 0, terms: [] };
  const where = articleWhere(scope);
  const rows = prepare(
    db,
    `SELECT a.title, substr(a.body, 1, ${LEAD_CHARS}) AS lead, a.language FROM articles a
     WHERE a.id IN (SELECT a.id FROM articles a ${where.sql} ORDER BY a.day DESC, a.id DESC LIMIT ?)`,
  ).all(...where.params, sample) as { title: string; lead: string; language: string | null }[];
  const docs = rows.map((r) => ({ text: `${r.title}\n${r.lead}`, language: r.language }));
  const terms = spellTerms(
    docs.map((d) => d.text),
    countTopTerms(docs, { limit }),
  );
  return { total: countScope(db, scope), sampled: rows.length, terms };
}
