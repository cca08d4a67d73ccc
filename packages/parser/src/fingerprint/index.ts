// Duplicate detection: an exact hash for identical copies (syndication, re-crawls) and a simhash whose
// Hamming distance stays small for near copies (a changed headline, a trimmed footer).

import { createHash } from 'node:crypto';
import { foldArabic } from '../normalize/arabic.ts';
import { foldCollapsed } from '../normalize/search.ts';
import { LETTER, NUMBER, wordBounds } from '../normalize/words.ts';

export type Fingerprints = { contentHash: string; simhash: string };

/** sha256 (hex) of the folded, whitespace-collapsed title and body. */
export function hashContent(title: string, body: string): string {
  return hashFoldedContent(foldCollapsed(title), foldCollapsed(body));
}

/** hashContent of a title and body already through foldCollapsed. */
export function hashFoldedContent(foldedTitle: string, foldedBody: string): string {
  return createHash('sha256').update(`${foldedTitle}\n${foldedBody}`).digest('hex');
}

// Two independent 32-bit FNV-1a variants make one 64-bit shingle hash without BigInt arithmetic.
// They hash a shingle's words as if joined by single spaces, without building the joined string: the
// ingest hot path hashes one shingle per word of every body. Both run in one loop and leave their
// results in shingleLo/shingleHi (no object per shingle).
let shingleLo = 0;
let shingleHi = 0;

const avalanche = (h: number): number => {
  // Final avalanche so short shingles still spread over all bits.
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x ^= x >>> 13;
  return x >>> 0;
};

/** Hashes the words `from` until `to` of `text` (their offsets in `bounds`, see wordBounds). */
function hashShingle(text: string, bounds: readonly number[], from: number, to: number): void {
  let lo = 0x811c9dc5;
  let hi = 0x01234567;
  for (let w = from; w < to; w++) {
    if (w > from) {
      lo = Math.imul(lo ^ 0x20, 0x01000193) >>> 0;
      hi = Math.imul(hi ^ 0x20, 0x01000193) >>> 0;
    }
    const end = bounds[2 * w + 1] as number;
    for (let i = bounds[2 * w] as number; i < end; i++) {
      const c = text.charCodeAt(i);
      lo = Math.imul(lo ^ c, 0x01000193) >>> 0;
      hi = Math.imul(hi ^ c, 0x01000193) >>> 0;
    }
  }
  shingleLo = avalanche(lo);
  shingleHi = avalanche(hi);
}

/**
 * Adds one to the count of every bit set in `x`, for 32 counters held bit-sliced: planes[k] holds bit k
 * of all 32 counts, so an addition is a ripple of carries (about two steps) instead of 32 increments.
 */
function addBits(planes: Int32Array, x: number): void {
  let carry = x;
  for (let k = 0; carry !== 0; k++) {
    const plane = planes[k] as number;
    planes[k] = plane ^ carry;
    carry &= plane;
  }
}

/** The bits whose count, out of `n` shingles, is a strict majority: what a +1/-1 vote per bit gives. */
function majorityBits(planes: Int32Array, n: number): number {
  // No count exceeds n: the planes past n's highest bit are all zero (a body of 1,000 shingles uses 10 of
  // 33). n is below 2^30 (a V8 string is shorter than that), so a count adds up in shifts.
  const used = 32 - Math.clz32(n);
  let out = 0;
  for (let bit = 0; bit < 32; bit++) {
    let ones = 0;
    for (let k = 0; k < used; k++) ones += (((planes[k] as number) >>> bit) & 1) << k;
    if (2 * ones > n) out |= 1 << bit;
  }
  return out >>> 0;
}

const SHINGLE = 3;

/** 64-bit simhash (16 hex digits) over word 3-shingles of the folded text. */
export function simhash(text: string): string {
  return simhashOfFolded(foldArabic(text));
}

/**
 * simhash of text already through foldArabic (or foldCollapsed: whitespace only separates words, so
 * collapsing it changes no shingle).
 */
export function simhashOfFolded(folded: string): string {
  // Words as offsets into the text: no string per word.
  const bounds = wordBounds(folded, LETTER | NUMBER);
  const words = bounds.length / 2;
  // 33 planes count past 2^32 shingles: more than any text can hold.
  const lo = new Int32Array(33);
  const hi = new Int32Array(33);
  let n = 0;
  const vote = (from: number, to: number): void => {
    hashShingle(folded, bounds, from, to);
    addBits(lo, shingleLo);
    addBits(hi, shingleHi);
    n++;
  };
  if (words < SHINGLE) vote(0, words);
  else for (let i = 0; i + SHINGLE <= words; i++) vote(i, i + SHINGLE);
  return (
    majorityBits(hi, n).toString(16).padStart(8, '0') + majorityBits(lo, n).toString(16).padStart(8, '0')
  );
}

function popcount(n: number): number {
  let v = n >>> 0;
  let count = 0;
  while (v) {
    v &= v - 1;
    count++;
  }
  return count;
}

/** Number of differing bits between two 16-hex-digit simhashes. */
export function hammingDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/i.test(a) || !/^[0-9a-f]{16}$/i.test(b))
    throw new Error('simhashes must be 16 hex digits');
  const hi = Number.parseInt(a.slice(0, 8), 16) ^ Number.parseInt(b.slice(0, 8), 16);
  const lo = Number.parseInt(a.slice(8), 16) ^ Number.parseInt(b.slice(8), 16);
  return popcount(hi) + popcount(lo);
}

export function fingerprint(title: string, body: string): Fingerprints {
  return fingerprintFolded(foldCollapsed(title), foldCollapsed(body));
}

/** fingerprint of a title and body already through foldCollapsed. */
export function fingerprintFolded(foldedTitle: string, foldedBody: string): Fingerprints {
  return { contentHash: hashFoldedContent(foldedTitle, foldedBody), simhash: simhashOfFolded(foldedBody) };
}
