import { describe, expect, it } from 'vitest';
import { foldArabic, stripAccents } from '../src/normalize/arabic.ts';
import { foldCollapsed, stemArabic, toSearchText } from '../src/normalize/search.ts';
import { collapseWhitespace, LETTER, NUMBER, wordBounds } from '../src/normalize/words.ts';
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

describe('collapseWhitespace', () => {
  const regex = (t: string): string => t.replace(/\s+/g, ' ').trim();
  it.each([
    ['', ''],
    ['   ', ''],
    ['a b', 'a b'],
    ['  a\n\nb\t ', 'a b'],
    ['a\u00a0b\u2003c\u3000d\ufeffe', 'a b c d e'],
    ['a\u200bb', 'a\u200bb'],
    ['a\u2028\u2029b\r\nc', 'a b c'],
    ['كلمة  \n أخرى', 'كلمة أخرى'],
  ])('%j → %j, as the regex and trim give', (input, want) => {
    expect(collapseWhitespace(input)).toBe(want);
    expect(regex(input)).toBe(want);
  });

  it('agrees with the regex for every code unit of the Basic Multilingual Plane', () => {
    for (let c = 0; c < 0x10000; c++) {
      const text = `a${String.fromCharCode(c)}b ${String.fromCharCode(c)}`;
      expect(collapseWhitespace(text)).toBe(regex(text));
    }
  });

  it('returns the text itself when there is nothing to change', () => {
    const text = 'one two three';
    expect(collapseWhitespace(text)).toBe(text);
  });
});

describe('wordBounds', () => {
  it('answers a text asked again after others with the same bounds', () => {
    const body = 'واحد اثنان ثلاثة four 5';
    const first = [...wordBounds(body, LETTER | NUMBER)];
    wordBounds('title', LETTER | NUMBER);
    wordBounds(body, LETTER);
    expect(wordBounds(body, LETTER | NUMBER)).toEqual(first);
    expect(words(body, LETTER)).toEqual(['واحد', 'اثنان', 'ثلاثة', 'four']);
  });
});
