import { toSearchText } from './text.ts';

export type ParsedSearch = {
  /** A safe FTS5 MATCH expression, or null when the search has no usable word (no filter). */
  match: string | null;
  /** Every folded token, for snippets. */
  tokens: string[];
};

const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * Turns what a user typed into an FTS5 MATCH expression. Terms are words or "quoted phrases"; each goes
 * through toSearchText (the function the index was built with) and every token is double-quoted, so
 * user input can never be read as FTS syntax (AND, NEAR, *, column filters, stray quotes). Terms are
 * ANDed. Terms that fold to nothing (stopwords, punctuation) are dropped.
 */
export function parseSearch(q: string | null | undefined): ParsedSearch {
  if (!q?.trim()) return { match: null, tokens: [] };
  const parts: string[] = [];
  const tokens: string[] = [];
  // A quoted phrase, or a run of non-space characters; an unbalanced quote just starts a phrase.
  for (const m of q.matchAll(/"([^"]*)"?|[^\s"]+/g)) {
    const term = m[1] ?? m[0];
    const folded = toSearchText(term)
      .split(/\s+/)
      .filter((t) => WORDLIKE.test(t));
    if (folded.length === 0) continue;
    tokens.push(...folded);
    // One term that folds to several tokens (a phrase, or "al-Quds") must match them adjacently.
    parts.push(`"${folded.join(' ').replaceAll('"', '""')}"`);
  }
  return { match: parts.length ? parts.join(' ') : null, tokens: [...new Set(tokens)] };
}
