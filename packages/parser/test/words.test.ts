import { describe, expect, it } from 'vitest';
import { foldArabic, stripAccents } from '../src/normalize/arabic.ts';
import { foldCollapsed, stemArabic, toSearchText } from '../src/normalize/search.ts';
import { LETTER, NUMBER, wordBounds } from '../src/normalize/words.ts';
import { HAS_SHARED, jsonlRecords } from './shared.ts';

const words = (text: string, mask: number): string[] => {
  const b = wordBounds(text, mask);
  const out: string[] = [];
  for (let k = 0; k < b.length; k += 2) out.push(text.slice(b[k], b[k + 1]));
  return out;
};
const splitWords = (text: string, re: RegExp): string[] => text.split(re).filter((w) => w.length > 0);

// Texts that stress the table: astral letters and digits (𝐀, 𠀀, 𝟗), emoji, lone surrogates at either
// end and in the middle, combining marks (not letters: they end a word), Arabic-Indic digits, apostrophes.
const TRICKY = [
  '',
  ' ',
  'a',
  '𝐀𝐁c 𝟗9 😀x 𠀀字',
  '\uD835',
  'ab\uD835cd\uDC00ef\uDC00',
  'é é café',
  'توقّعان ٢٤/١١/٢٠٢١ — l’été d’Ali',
  '  lead and trail  ',
];

// The old search text: what toSearchText did with a regex split, map and filter.
function searchTextBySplit(text: string): string {
  const folded = foldCollapsed(text);
  const plain = stripAccents(folded.replace(/(^|[^\p{L}])عبد\s+(ال\p{L})/gu, '$1عبد$2'));
  return plain
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .map(stemArabic)
    .join(' ');
}

describe('wordBounds', () => {
  it('finds the words a Unicode regex split finds, astral and lone surrogates included', () => {
    for (const text of TRICKY) {
      expect(words(text, LETTER | NUMBER), text).toEqual(splitWords(text, /[^\p{L}\p{N}]+/u));
      expect(words(text, LETTER), text).toEqual(splitWords(text, /[^\p{L}]+/u));
    }
  });

  it('agrees with the regex split on every character of the Basic Multilingual Plane', () => {
    // One word per character, each followed by a space: a character that is a letter or number is a word.
    let text = '';
    for (let c = 0; c < 0x10000; c++) if (c !== 0x20) text += `${String.fromCharCode(c)} `;
    expect(words(text, LETTER | NUMBER)).toEqual(splitWords(text, /[^\p{L}\p{N}]+/u));
    expect(words(text, LETTER)).toEqual(splitWords(text, /[^\p{L}]+/u));
  });
});

describe.skipIf(!HAS_SHARED)('word-based stages on real records', () => {
  const records = [
    ...jsonlRecords('corpus/ant/alarabia.jsonl.gz', 150),
    ...jsonlRecords('corpus/ant/bbc.jsonl.gz', 150),
  ];
  const texts = records.map((r) => `${String(r.title ?? '')}\n${String(r.text ?? '')}`);

  it('reads the records (the corpus has text)', () => {
    expect(texts.filter((t) => t.length > 200).length).toBeGreaterThan(250);
  });

  it('gives the search text the regex split gave', () => {
    for (const text of texts) expect(toSearchText(text)).toBe(searchTextBySplit(text));
  });

  it('splits folded and raw text as the regex did', () => {
    for (const text of texts) {
      const folded = foldArabic(text);
      expect(words(folded, LETTER | NUMBER)).toEqual(splitWords(folded, /[^\p{L}\p{N}]+/u));
      expect(words(text, LETTER)).toEqual(splitWords(text, /[^\p{L}]+/u));
    }
  });
});
