// Arabic folding for matching and search: spellings that readers treat as the same word must compare equal.
// Stored text keeps its original spelling; only indexes and comparisons use the folded form.

import { SPACE } from './words.ts';

const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Replaces Arabic-Indic (٠-٩) and Persian (۰-۹) digits with ASCII digits. */
export function toAsciiDigits(text: string): string {
  return text.replace(EASTERN_DIGITS, (d) => String((d.charCodeAt(0) & 0x0f) % 10));
}

// What foldArabic does to each character it changes, as one table: -1 drops it, otherwise the code it
// becomes. Each rule maps one code unit to at most one other that no rule touches again, so a single pass
// gives what a chain of regex replacements gave (ingest folds every line and body several times; ten
// passes over each were a tenth of its CPU).
const DROPPED: readonly [number, number][] = [
  [0x0610, 0x061a], // Quranic marks
  [0x064b, 0x065f], // harakat, shadda, sukun, hamza/madda above and below
  [0x0670, 0x0670], // superscript alef
  [0x06d6, 0x06dc],
  [0x06df, 0x06e8],
  [0x06ea, 0x06ed],
  [0x0640, 0x0640], // tatweel
  [0x200b, 0x200f], // zero-width spaces and joiners, LRM/RLM
  [0x202a, 0x202e], // bidi embeddings and overrides
  [0x2066, 0x2069], // bidi isolates
  [0xfeff, 0xfeff], // BOM / zero-width no-break space
];
const REPLACED: readonly [string, string][] = [
  ['\u0622\u0623\u0625\u0671\u0672\u0673', 'ا'], // آ أ إ ٱ ٲ ٳ
  ['\u0649\u06CC\u06D2', 'ي'], // ى ی ے
  ['\u0629', 'ه'], // ة
  ['\u0624', 'و'], // ؤ
  ['\u0626', 'ي'], // ئ
  ['\u06A9\u06AA', 'ك'], // ک ڪ
  ['٠١٢٣٤٥٦٧٨٩', '0'],
  ['۰۱۲۳۴۵۶۷۸۹', '0'],
];
const FOLD_FROM = 0x0610;
const FOLD = new Int16Array(0xfeff - FOLD_FROM + 1);
for (const [from, to] of DROPPED) FOLD.fill(-1, from - FOLD_FROM, to - FOLD_FROM + 1);
for (const [chars, into] of REPLACED) {
  for (let i = 0; i < chars.length; i++) {
    // Digits run 0-9 in order; letters all become the one letter.
    FOLD[chars.charCodeAt(i) - FOLD_FROM] = into === '0' ? 0x30 + i : into.charCodeAt(0);
  }
}

const foldOf = (c: number): number => (c < FOLD_FROM ? 0 : (FOLD[c - FOLD_FROM] ?? 0));

// foldArabic in one pass, for text made only of code units it can fold alone: what each becomes once NFC,
// the fold table and lower-casing are applied (FAST_DROP: dropped; FAST_NO: not one of them). Those are the
// ASCII and Latin-1 characters, the Arabic block and general punctuation that NFC leaves as they are in any
// sequence of them (so NFC can be skipped): no singleton decompositions (U+2000 → U+2002), and no combining
// mark but the Arabic ones the fold drops anyway (whatever order NFC would put them in). Hamza and madda
// above and below (U+0653–U+0655) are left out: NFC composes them with the letter before (ه + ٔ → ۀ, which
// the fold keeps), so text holding them takes the full path (0.5% of ../shared/corpus's bodies). Normalising,
// folding by slices and lower-casing were three passes and a string built piece by piece: on 20,000 of the
// corpus's bodies (26 M characters) folding took 369 ms, now 95, and tokenizing them (forEachTermId, the
// subject classifier's tokenizer) 1.15 s, now 0.70.
const FAST_BELOW = 0x2070;
const FAST_NO = -2;
const FAST_DROP = -1;
const FAST = new Int32Array(FAST_BELOW).fill(FAST_NO);
const COMPOSING_MARKS = [0x0653, 0x0655] as const;
for (let c = 0; c < FAST_BELOW; c++) {
  if (!(c < 0x100 || (c >= 0x0600 && c <= 0x06ff) || c >= 0x2000)) continue;
  const ch = String.fromCharCode(c);
  if (ch.normalize('NFC') !== ch) continue;
  const fold = foldOf(c);
  if (/\p{M}/u.test(ch)) {
    if (fold === -1 && !(c >= COMPOSING_MARKS[0] && c <= COMPOSING_MARKS[1])) FAST[c] = FAST_DROP;
    continue;
  }
  const lower = (fold > 0 ? String.fromCharCode(fold) : ch).toLowerCase();
  if (fold === -1) FAST[c] = FAST_DROP;
  else if (lower.length === 1) FAST[c] = lower.charCodeAt(0);
}
let fastOut = new Uint16Array(4096);
// The code units are written in the machine's byte order; decoding them as UTF-16LE bytes (far faster than
// String.fromCharCode over them) is only right on a little-endian machine.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** foldArabic's result by FAST, or null when `text` holds a code unit FAST does not cover. */
function foldFast(text: string): string | null {
  const n = text.length;
  if (fastOut.length < n) fastOut = new Uint16Array(Math.max(n, 2 * fastOut.length));
  const out = fastOut;
  let w = 0;
  let changed = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const to = c < FAST_BELOW ? (FAST[c] as number) : FAST_NO;
    if (to === FAST_NO) return null;
    if (to === c) out[w++] = c;
    else {
      changed = true;
      if (to !== FAST_DROP) out[w++] = to;
    }
  }
  if (!changed) return text;
  return stringOfUnits(out, w);
}

/** The string of the code units out[0, w). */
export function stringOfUnits(out: Uint16Array, w: number): string {
  if (LITTLE_ENDIAN) return Buffer.from(out.buffer, 0, 2 * w).toString('utf16le');
  let folded = '';
  for (let from = 0; from < w; from += 8192)
    folded += String.fromCharCode(...out.subarray(from, Math.min(w, from + 8192)));
  return folded;
}

/**
 * collapseWhitespace(foldArabic(text)) in foldFast's one pass, or null when `text` holds a code unit FAST does
 * not cover. Whitespace is judged after folding, as collapseWhitespace judges the folded text: a run at
 * either end goes, and a run elsewhere (whatever the fold dropped inside it) becomes one plain space. Every
 * body and title is folded so, and the second pass over the folded text was 3% of parsing a record; its
 * string building also slowed down once Latin text had gone through it (section labels, English feeds).
 * foldFast's loop again rather than foldFast with a flag: one function for both parsed the corpus 2–3%
 * slower (in-process A/B, three runs).
 */
export function foldCollapsedFast(text: string): string | null {
  const n = text.length;
  if (fastOut.length < n) fastOut = new Uint16Array(Math.max(n, 2 * fastOut.length));
  const out = fastOut;
  let w = 0;
  let changed = false;
  // 0: no whitespace since the last code unit written; 1: one plain space; 2: any other run.
  let run = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const to = c < FAST_BELOW ? (FAST[c] as number) : FAST_NO;
    if (to === FAST_NO) return null;
    if (to === FAST_DROP) {
      changed = true;
      continue;
    }
    if (to !== c) changed = true;
    if (SPACE[to] === 1) {
      run = run === 0 && to === 0x20 ? 1 : 2;
      continue;
    }
    if (run !== 0) {
      if (w === 0 || run === 2) changed = true;
      if (w > 0) out[w++] = 0x20;
      run = 0;
    }
    out[w++] = to;
  }
  if (run !== 0) changed = true;
  if (!changed) return text;
  return stringOfUnits(out, w);
}

/**
 * Folds Arabic spelling variants: diacritics and tatweel removed; alef with hamza or madda → ا;
 * alef maqsura → ي; taa marbuta → ه; hamza on waw/yaa → و/ي; Persian kaf/yaa → Arabic; Eastern
 * digits → ASCII; Latin letters lower-cased; invisible direction marks removed.
 */
export function foldArabic(text: string): string {
  return foldFast(text) ?? foldFull(text);
}

/**
 * foldArabic for any text: NFC, then the fold table by slices, then lower case. Exported for the tests, which
 * check that the one-pass path gives the same; use foldArabic.
 */
export function foldFull(text: string): string {
  const nfc = text.normalize('NFC');
  let i = 0;
  while (i < nfc.length && foldOf(nfc.charCodeAt(i)) === 0) i++;
  if (i === nfc.length) return nfc.toLowerCase();
  // Copy unchanged runs whole; only the characters that fold are rebuilt.
  let out = '';
  let run = 0;
  for (; i < nfc.length; i++) {
    const to = foldOf(nfc.charCodeAt(i));
    if (to === 0) continue;
    out += nfc.slice(run, i);
    if (to > 0) out += String.fromCharCode(to);
    run = i + 1;
  }
  out += nfc.slice(run);
  return out.toLowerCase();
}

// Characters that canonical decomposition leaves alone and that no neighbour composes with (not marks):
// ASCII and Latin-1 up to ¿, the Arabic letters without hamza or madda, general punctuation. Text made
// only of these (nearly all Arabic news, once folded) comes out of NFD and NFC unchanged, so stripAccents
// can skip both: they were a fifth of folding's cost.
const INERT_BELOW = 0x2070;
const INERT = new Uint8Array(INERT_BELOW);
for (let c = 0; c < INERT_BELOW; c++) {
  const ch = String.fromCharCode(c);
  const candidate = c < 0xc0 || (c >= 0x0600 && c <= 0x06ff) || c >= 0x2000;
  if (candidate && ch.normalize('NFD') === ch && !/\p{M}/u.test(ch)) INERT[c] = 1;
}

function isInert(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= INERT_BELOW || INERT[c] === 0) return false;
  }
  return true;
}

/**
 * Latin accents removed (é → e): NFD, combining marks U+0300–U+036F dropped, then NFC again unless
 * `recompose` is false (the decomposed form is then returned, as lineKey has always keyed lines).
 */
export function stripAccents(text: string, recompose = true): string {
  if (isInert(text)) return text;
  const stripped = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return recompose ? stripped.normalize('NFC') : stripped;
}
