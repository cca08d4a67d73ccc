// Word boundaries without a Unicode regex: `text.split(/[^\p{L}\p{N}]+/u)` (and its letters-only form)
// built an array of every word, and the search text, the simhash and the language detector each split the
// same body that way (a fifth of the ingest's per-record CPU). A table of the Basic Multilingual Plane
// answers "letter or number" per code unit; the rare astral code point is asked of the regex itself, so
// the words found are exactly the regex's.

/** Flags of a code point: a letter (\p{L}), a number (\p{N}). */
export const LETTER = 1;
export const NUMBER = 2;
/** A mark (\p{M}) or an invisible joiner or direction mark: part of the word it sits in for the term tokenizer. */
export const JOINER = 4;

const IS_LETTER = /\p{L}/u;
const IS_NUMBER = /\p{N}/u;
const IS_JOINER = /[\p{M}\u200b-\u200f\u2066-\u2069\ufeff]/u;

// Surrogates stay 0: a lone one is no letter (category Cs), and a pair is read as its code point.
const KIND = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (c >= 0xd800 && c <= 0xdfff) continue;
  const ch = String.fromCharCode(c);
  KIND[c] =
    (IS_LETTER.test(ch) ? LETTER : 0) | (IS_NUMBER.test(ch) ? NUMBER : 0) | (IS_JOINER.test(ch) ? JOINER : 0);
}

/** The kind (LETTER, NUMBER, JOINER flags) of a code unit outside the surrogates. */
export function kindOfUnit(c: number): number {
  return KIND[c] as number;
}

/** The kind of the surrogate pair at text[at] (a high surrogate, then a low one): asked of the regex. */
export function astralKindAt(text: string, at: number): number {
  const pair = text.slice(at, at + 2);
  return (IS_LETTER.test(pair) ? LETTER : 0) | (IS_NUMBER.test(pair) ? NUMBER : 0);
}

/**
 * The words of `text`: maximal runs of code points whose kind is in `mask` (LETTER, or LETTER | NUMBER),
 * as start and end offsets in one flat list ([start0, end0, start1, end1, …]). The same runs, in the same
 * order, as the non-empty pieces of `text.split(/[^\p{L}\p{N}]+/u)` (or `/[^\p{L}]+/u` for LETTER).
 */
export function wordBounds(text: string, mask: number): readonly number[] {
  // The last few answers are kept: the search text and the simhash ask for the same folded body's words,
  // with shorter texts (title, section names) asked in between.
  for (const kept of recent) if (kept.mask === mask && kept.text === text) return kept.bounds;
  const bounds: number[] = [];
  let start = -1;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    let kind: number;
    let width = 1;
    if (c < 0xd800 || c > 0xdbff) kind = KIND[c] as number;
    else {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        kind = astralKindAt(text, i);
        width = 2;
      } else kind = 0;
    }
    if ((kind & mask) !== 0) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      bounds.push(start, i);
      start = -1;
    }
    i += width;
  }
  if (start >= 0) bounds.push(start, n);
  recent[next] = { text, mask, bounds };
  next = (next + 1) % recent.length;
  return bounds;
}

const recent: { text: string; mask: number; bounds: readonly number[] }[] = Array.from({ length: 4 }, () => ({
  text: '',
  mask: 0,
  bounds: [],
}));
let next = 0;

// JavaScript's \s (WhiteSpace and LineTerminator, as String.prototype.trim uses them).
export const SPACE = new Uint8Array(0x10000);
for (const c of [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
])
  SPACE[c] = 1;
for (let c = 0x2000; c <= 0x200a; c++) SPACE[c] = 1;

/**
 * `text.replace(/\s+/g, ' ').trim()` in one pass that copies only around the runs it changes: a body is
 * mostly single spaces, which the regex rewrote into a new string anyway.
 */
export function collapseWhitespace(text: string): string {
  const n = text.length;
  let out = '';
  let copied = 0;
  let changed = false;
  let i = 0;
  while (i < n) {
    if (SPACE[text.charCodeAt(i)] === 0) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && SPACE[text.charCodeAt(end)] === 1) end++;
    // A run at either end goes; elsewhere a run that is not one plain space becomes one.
    if (i === 0 || end === n) {
      out += text.slice(copied, i);
      copied = end;
      changed = true;
    } else if (end - i > 1 || text.charCodeAt(i) !== 0x20) {
      out += `${text.slice(copied, i)} `;
      copied = end;
      changed = true;
    }
    i = end;
  }
  return changed ? out + text.slice(copied) : text;
}

/**
 * FNV-1a over the code units text[from, to), as a signed 32-bit number: a word's hash taken where it lies in
 * a text, so that a lookup by it needs no string of the word (a map's small-integer keys are its cheapest).
 */
export function hashRange(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}
