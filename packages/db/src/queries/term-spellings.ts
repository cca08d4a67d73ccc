// Top terms are counted on folded, stemmed words (forEachTerm): `اسرائيل` for إسرائيل, `trump` for Trump.
// A reader wants the word as the articles write it: for each term, the original spelling most often
// behind its folded label in the same texts.
import { foldArabic, type TermCount } from '@rasid/parser';

export type SpelledTerm = TermCount & {
  /** The label as the articles most often write it (`إسرائيل`, `Trump`); the label when none is found. */
  spelling: string;
};

// The folding forEachTerm applies before it splits words (foldTerm in the parser's stopwords.ts):
// Arabic folded, lower case, accents off.
function foldWord(word: string): string {
  return foldArabic(word)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

const WORD = /[\p{L}\p{M}\p{N}\u0640]+/gu;
const ENOUGH = 30;

/**
 * Adds to each term the most frequent original spelling of its label in `texts` (ties: first seen),
 * reading texts in order until each label was seen ENOUGH times.
 */
export function spellTerms(texts: Iterable<string>, terms: TermCount[]): SpelledTerm[] {
  const wanted = new Set(terms.map((t) => t.label));
  const counts = new Map<string, Map<string, number>>();
  const folds = new Map<string, string>();
  const fold = (word: string): string => {
    let f = folds.get(word);
    if (f === undefined) {
      f = foldWord(word);
      folds.set(word, f);
    }
    return f;
  };
  const count = (label: string, spelling: string): void => {
    const spellings = counts.get(label) ?? new Map<string, number>();
    spellings.set(spelling, (spellings.get(spelling) ?? 0) + 1);
    counts.set(label, spellings);
  };
  // The texts are read until every label has been seen ENOUGH times (a spelling that leads then leads
  // in the rest too, in practice): on 2,000 articles that stops after a few hundred, and the cost of this
  // step stays small beside counting the terms.
  let read = 0;
  const settled = (): boolean => {
    for (const label of wanted) {
      let seen = 0;
      for (const n of counts.get(label)?.values() ?? []) seen += n;
      if (seen < ENOUGH) return false;
    }
    return true;
  };
  for (const text of texts) {
    if (++read % 50 === 0 && settled()) break;
    let previous: { word: string; folded: string } | null = null;
    for (const m of text.matchAll(WORD)) {
      const word = m[0];
      const folded = fold(word);
      if (wanted.has(folded)) count(folded, word);
      // Compound names (عبد اللطيف) are one term of two words; `وعبد` loses its conjunction first.
      if (previous && (previous.folded === 'عبد' || previous.folded === 'وعبد')) {
        const label = `عبد ${folded}`;
        if (wanted.has(label))
          count(label, `${previous.folded === 'وعبد' ? previous.word.slice(1) : previous.word} ${word}`);
      }
      previous = { word, folded };
    }
  }
  return terms.map((term) => {
    let spelling = term.label;
    let best = 0;
    for (const [s, n] of counts.get(term.label) ?? []) {
      if (n > best) {
        spelling = s;
        best = n;
      }
    }
    return { ...term, spelling };
  });
}
