// The text that the database's full-text index and its queries both use. Index and query go through the
// same function, so a light, predictable stemmer is enough: it must be consistent, not linguistically exact.

import { foldArabic, stripAccents } from './arabic.ts';

const ARABIC_LETTERS = /^[\u0621-\u064A]+$/;

// Attached clitics with the article, longest first. The stem left behind must keep at least 3 letters.
const ARTICLE_PREFIXES = ['وبال', 'وكال', 'فبال', 'ولل', 'وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
// A lone و is stripped only from longer words (it begins many roots: وزير); a lone ف is never stripped,
// because far more words begin with ف (فلسطين) than carry it as a conjunction.
const CONJUNCTIONS = ['و'];
// Possessive pronouns, plural and dual endings, the nisba ي and feminine ه (folded ة).
const SUFFIXES = ['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'نا', 'ات', 'ون', 'ين', 'ان', 'يه', 'ه', 'ي'];
// Plural/dual endings look like the end of many names (لبنان, ايران), so they need a longer stem.
const LONG_STEM_SUFFIXES = new Set(['ون', 'ين', 'ان']);

/** Light stem of one folded Arabic word (Light10-style): one prefix group, then suffixes while the stem allows. */
export function stemArabic(word: string): string {
  if (!ARABIC_LETTERS.test(word) || word.startsWith('عبدال')) return word;
  let stem = word;
  const article = ARTICLE_PREFIXES.find((p) => stem.startsWith(p) && stem.length - p.length >= 3);
  if (article) stem = stem.slice(article.length);
  else {
    const conj = CONJUNCTIONS.find((p) => stem.startsWith(p) && stem.length - p.length >= 4);
    if (conj) stem = stem.slice(conj.length);
  }
  for (let pass = 0; pass < 3; pass++) {
    const suffix = SUFFIXES.find((s) => {
      if (!stem.endsWith(s)) return false;
      const rest = stem.length - s.length;
      return rest >= (LONG_STEM_SUFFIXES.has(s) ? 4 : 3);
    });
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return stem;
}

const ABD_COMPOUND = /(^|[^\p{L}])عبد\s+(ال\p{L})/gu;

/**
 * Matching key for personal names: folded, and `عبد` joined to a following `ال…` word, so that
 * `عبد اللطيف` and `عبداللطيف` (both common spellings of one name) compare equal.
 */
export function normalizeName(text: string): string {
  return foldCollapsed(text).replace(ABD_COMPOUND, '$1عبد$2');
}

/**
 * foldArabic with whitespace runs collapsed to one space and the ends trimmed: the common start of the
 * search text, the content hash and the simhash, so parseDocument folds a body once for all three.
 */
export function foldCollapsed(text: string): string {
  return foldArabic(text).replace(/\s+/g, ' ').trim();
}

/**
 * Folded, stemmed, space-separated tokens for FTS5: Arabic folded and light-stemmed, `عبد ال…` names
 * joined, Latin lower-cased and stripped of accents (é → e), punctuation dropped.
 */
export function toSearchText(text: string): string {
  return searchTextOfFolded(foldCollapsed(text));
}

/** toSearchText of text already through foldCollapsed. */
export function searchTextOfFolded(folded: string): string {
  const plain = stripAccents(folded.replace(ABD_COMPOUND, '$1عبد$2'));
  const tokens = plain.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
  return tokens.map(stemArabic).join(' ');
}
