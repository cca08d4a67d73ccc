// The text that the database's full-text index and its queries both use. Index and query go through the
// same function, so a light, predictable stemmer is enough: it must be consistent, not linguistically exact.

import { foldCollapsedFast, foldFull, stringOfUnits, stripAccents } from './arabic.ts';
import { collapseWhitespace, LETTER, NUMBER, wordBounds } from './words.ts';

// Attached clitics with the article, longest first. The stem left behind must keep at least 3 letters.
const ARTICLE_PREFIXES = ['وبال', 'وكال', 'فبال', 'ولل', 'وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
// A lone و is stripped only from longer words (it begins many roots: وزير); a lone ف is never stripped,
// because far more words begin with ف (فلسطين) than carry it as a conjunction.
const CONJUNCTIONS = ['و'];
// Possessive pronouns, plural and dual endings, the nisba ي and feminine ه (folded ة).
const SUFFIXES = ['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'نا', 'ات', 'ون', 'ين', 'ان', 'يه', 'ه', 'ي'];
// Plural/dual endings look like the end of many names (لبنان, ايران), so they need a longer stem.
const LONG_STEM_SUFFIXES = new Set(['ون', 'ين', 'ان']);

// The prefixes by their first letter and the suffixes by their last, each list in the order above: a word
// is compared with the few that can match instead of all 25 (the first that matches is the same one).
const byFirst = (list: readonly string[]): Map<number, string[]> => {
  const map = new Map<number, string[]>();
  for (const p of list) map.set(p.charCodeAt(0), [...(map.get(p.charCodeAt(0)) ?? NONE), p]);
  return map;
};
const byLast = (list: readonly string[]): Map<number, string[]> => {
  const map = new Map<number, string[]>();
  for (const s of list)
    map.set(s.charCodeAt(s.length - 1), [...(map.get(s.charCodeAt(s.length - 1)) ?? NONE), s]);
  return map;
};
const NONE: readonly string[] = [];
const PREFIXES_BY_FIRST = byFirst(ARTICLE_PREFIXES);
const CONJUNCTIONS_BY_FIRST = byFirst(CONJUNCTIONS);
const SUFFIXES_BY_LAST = byLast(SUFFIXES);

// Arabic letters hamza..yaa (U+0621–U+064A): only words made of these alone are stemmed.
function isArabicLettersOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x0621 || c > 0x064a) return false;
  }
  return to > from;
}

function startsWithAt(text: string, from: number, to: number, prefix: string): boolean {
  if (to - from < prefix.length) return false;
  for (let j = 0; j < prefix.length; j++)
    if (text.charCodeAt(from + j) !== prefix.charCodeAt(j)) return false;
  return true;
}

function endsWithAt(text: string, from: number, to: number, suffix: string): boolean {
  const at = to - suffix.length;
  if (at < from) return false;
  for (let j = 0; j < suffix.length; j++) if (text.charCodeAt(at + j) !== suffix.charCodeAt(j)) return false;
  return true;
}

// Light stemming only takes letters off a word's ends, so the stem of text[from, to) is text[stemFrom,
// stemTo): the search text is copied from the folded text stem by stem, without a string per word (there
// was one for every word of every body, and the join after them).
let stemFrom = 0;
let stemTo = 0;

/** Sets stemFrom and stemTo to the stem of the word text[from, to) (Light10-style, see stemArabic). */
function stemRange(text: string, from: number, to: number): void {
  stemFrom = from;
  stemTo = to;
  // Loops rather than find() with a closure: this runs on every word of every indexed text.
  if (!isArabicLettersOnly(text, from, to) || startsWithAt(text, from, to, 'عبدال')) return;
  let prefix = 0;
  for (const p of PREFIXES_BY_FIRST.get(text.charCodeAt(from)) ?? NONE) {
    if (to - from - p.length >= 3 && startsWithAt(text, from, to, p)) {
      prefix = p.length;
      break;
    }
  }
  if (prefix === 0) {
    for (const p of CONJUNCTIONS_BY_FIRST.get(text.charCodeAt(from)) ?? NONE) {
      if (to - from - p.length >= 4 && startsWithAt(text, from, to, p)) {
        prefix = p.length;
        break;
      }
    }
  }
  const start = from + prefix;
  let end = to;
  for (let pass = 0; pass < 3; pass++) {
    let suffix = 0;
    for (const s of SUFFIXES_BY_LAST.get(text.charCodeAt(end - 1)) ?? NONE) {
      if (end - start - s.length >= (LONG_STEM_SUFFIXES.has(s) ? 4 : 3) && endsWithAt(text, start, end, s)) {
        suffix = s.length;
        break;
      }
    }
    if (suffix === 0) break;
    end -= suffix;
  }
  stemFrom = start;
  stemTo = end;
}

/** Light stem of one folded Arabic word (Light10-style): one prefix group, then suffixes while the stem allows. */
export function stemArabic(word: string): string {
  stemRange(word, 0, word.length);
  return stemFrom === 0 && stemTo === word.length ? word : word.slice(stemFrom, stemTo);
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
  return foldCollapsedFast(text) ?? collapseWhitespace(foldFull(text));
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
  // The compound regex only matters where عبد occurs: most texts skip its pass over the whole body.
  const plain = stripAccents(folded.includes('عبد') ? folded.replace(ABD_COMPOUND, '$1عبد$2') : folded);
  const bounds = wordBounds(plain, LETTER | NUMBER);
  // Stems and the spaces between them fit in the text: words are apart by a code unit at least.
  if (searchOut.length < plain.length)
    searchOut = new Uint16Array(Math.max(plain.length, 2 * searchOut.length));
  const out = searchOut;
  let w = 0;
  for (let k = 0; k < bounds.length; k += 2) {
    stemRange(plain, bounds[k] as number, bounds[k + 1] as number);
    if (k > 0) out[w++] = 0x20;
    for (let i = stemFrom; i < stemTo; i++) out[w++] = plain.charCodeAt(i);
  }
  return stringOfUnits(out, w);
}

let searchOut = new Uint16Array(4096);
