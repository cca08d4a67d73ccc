// Duplicate detection: an exact hash for identical copies (syndication, re-crawls) and a simhash whose
// Hamming distance stays small for near copies (a changed headline, a trimmed footer).

import { createHash } from 'node:crypto';
import { foldArabic } from '../normalize/arabic.ts';

export type Fingerprints = { contentHash: string; simhash: string };

const collapse = (text: string): string => foldArabic(text).replace(/\s+/g, ' ').trim();

/** sha256 (hex) of the folded, whitespace-collapsed title and body. */
export function hashContent(title: string, body: string): string {
  return createHash('sha256')
    .update(`${collapse(title)}\n${collapse(body)}`)
    .digest('hex');
}

// Two independent 32-bit FNV-1a variants make one 64-bit shingle hash without BigInt arithmetic.
// They hash a shingle's words as if joined by single spaces, without building the joined string: the
// ingest hot path hashes one shingle per word of every body.
function fnv1aWords(words: readonly string[], from: number, to: number, seed: number): number {
  let h = seed >>> 0;
  for (let w = from; w < to; w++) {
    if (w > from) h = Math.imul(h ^ 0x20, 0x01000193) >>> 0;
    const word = words[w] as string;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193) >>> 0;
  }
  // Final avalanche so short shingles still spread over all bits.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

const SHINGLE = 3;

/** 64-bit simhash (16 hex digits) over word 3-shingles of the folded text. */
export function simhash(text: string): string {
  const words = foldArabic(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  const votes = new Int32Array(64);
  const vote = (from: number, to: number): void => {
    const lo = fnv1aWords(words, from, to, 0x811c9dc5);
    const hi = fnv1aWords(words, from, to, 0x01234567);
    for (let bit = 0; bit < 32; bit++) {
      votes[bit] = (votes[bit] ?? 0) + (((lo >>> bit) & 1) === 1 ? 1 : -1);
      votes[bit + 32] = (votes[bit + 32] ?? 0) + (((hi >>> bit) & 1) === 1 ? 1 : -1);
    }
  };
  if (words.length < SHINGLE) vote(0, words.length);
  else for (let i = 0; i + SHINGLE <= words.length; i++) vote(i, i + SHINGLE);
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if ((votes[bit] ?? 0) > 0) lo |= 1 << bit;
    if ((votes[bit + 32] ?? 0) > 0) hi |= 1 << bit;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
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
  return { contentHash: hashContent(title, body), simhash: simhash(body) };
}
