// Top terms of a set of articles: which content words most articles use. Terms are counted once per
// article (document frequency), so one long piece that repeats a name does not outweigh twenty that
// mention it; the same stems, stopwords and name joining as the classifier (forEachTerm).
import { forEachTerm } from '../normalize/stopwords.ts';

export type TermCount = {
  /** The folded, stemmed key: what is counted. */
  term: string;
  /** The folded word most often behind it, for display (`غانتس`, `عبد اللطيف`). */
  label: string;
  /** Articles that use it. */
  documents: number;
  /** Uses in all. */
  occurrences: number;
};

export type TopTermsOptions = {
  /** How many terms to return; default 30. */
  limit?: number;
  /** Terms used by fewer articles are left out; default 2 (a term of one article says little of a set). */
  minDocuments?: number;
};

export function countTopTerms(
  docs: Iterable<{ text: string; language?: string | null }>,
  opts: TopTermsOptions = {},
): TermCount[] {
  const limit = opts.limit ?? 30;
  const minDocuments = opts.minDocuments ?? 2;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`countTopTerms: limit must be ≥ 1, got ${limit}`);
  const stats = new Map<string, { documents: number; occurrences: number; surfaces: Map<string, number> }>();
  for (const doc of docs) {
    const seen = new Set<string>();
    forEachTerm(doc.text, doc.language, (term, surface) => {
      let s = stats.get(term);
      if (!s) {
        s = { documents: 0, occurrences: 0, surfaces: new Map() };
        stats.set(term, s);
      }
      s.occurrences++;
      s.surfaces.set(surface, (s.surfaces.get(surface) ?? 0) + 1);
      if (!seen.has(term)) {
        seen.add(term);
        s.documents++;
      }
    });
  }
  const ranked: TermCount[] = [];
  for (const [term, s] of stats) {
    if (s.documents < minDocuments) continue;
    let label = term;
    let best = 0;
    for (const [surface, n] of s.surfaces) {
      if (n > best || (n === best && surface < label)) {
        label = surface;
        best = n;
      }
    }
    ranked.push({ term, label, documents: s.documents, occurrences: s.occurrences });
  }
  ranked.sort(
    (a, b) => b.documents - a.documents || b.occurrences - a.occurrences || (a.term < b.term ? -1 : 1),
  );
  return ranked.slice(0, limit);
}
