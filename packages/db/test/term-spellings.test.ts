import { countTopTerms, foldArabic } from '@rasid/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import { listTopTerms, storeArticles } from '../src/queries/index.ts';
import { spellTerms } from '../src/queries/term-spellings.ts';
import { hasAnt, loadAnt } from './helpers.ts';

const fold = (word: string): string =>
  foldArabic(word)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');

describe('spellTerms', () => {
  it('labels each term with the spelling the texts use most, names of two words included', () => {
    const texts = [
      'وصل ترامب إلى إسرائيل اليوم',
      'Trump في إسرائيل مع عبد اللطيف',
      'قال ترامب ان اسرائيل ترحب بعبد اللطيف وعبد اللطيف',
      'Trump visits Israel, trump says',
    ];
    const terms = countTopTerms(texts.map((text) => ({ text })));
    const spelled = new Map(spellTerms(texts, terms).map((t) => [t.label, t.spelling]));
    expect(spelled.get(fold('إسرائيل'))).toBe('إسرائيل');
    expect(spelled.get('trump')).toBe('Trump');
    expect(spelled.get('عبد اللطيف')).toBe('عبد اللطيف');
  });

  it('keeps the label when no text holds it', () => {
    expect(spellTerms([], [{ term: 'x', label: 'x', documents: 2, occurrences: 2 }])[0]?.spelling).toBe('x');
  });
});

describe.skipIf(!hasAnt)('top terms on ANT read as the articles write them', () => {
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    storeArticles(db, await loadAnt({ perFile: 400 }));
  });
  afterAll(() => closeDatabase(db));

  it('gives every term a spelling that folds to its label, and unfolds the hamza ones', () => {
    const { terms } = listTopTerms(db, {}, { limit: 100 });
    expect(terms).toHaveLength(100);
    for (const t of terms) expect(fold(t.spelling), t.label).toBe(t.label);
    const unfolded = terms.filter((t) => t.spelling !== t.label);
    // Folding drops hamzas (أ إ آ → ا) and ى/ة: many top Arabic words are written with them.
    expect(unfolded.length).toBeGreaterThan(10);
    expect(unfolded.some((t) => /[أإآ]/.test(t.spelling))).toBe(true);
  });
});
