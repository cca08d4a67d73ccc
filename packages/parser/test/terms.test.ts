import { describe, expect, it } from 'vitest';
import { countTopTerms, parseDocument } from '../src/index.ts';
import { HAS_SHARED, sharedBytes } from './shared.ts';

describe('countTopTerms', () => {
  const table: {
    name: string;
    docs: { text: string; language?: string }[];
    expect: (t: ReturnType<typeof countTopTerms>) => void;
  }[] = [
    {
      name: 'counts a term once per article, stopwords out',
      docs: [
        { text: 'The minister met the minister of defence', language: 'en' },
        { text: 'A minister spoke', language: 'en' },
        { text: 'Nothing here', language: 'en' },
      ],
      expect: (t) => {
        expect(t[0]).toEqual({ term: 'minister', label: 'minister', documents: 2, occurrences: 3 });
        expect(t.map((x) => x.term)).not.toContain('the');
      },
    },
    {
      name: 'Arabic spellings and the conjunction و fold into one term',
      docs: [{ text: 'قالت إسرائيل' }, { text: 'أعلنت اسرائيل' }, { text: 'في إسرائيل وإسرائيل' }],
      expect: (t) => {
        // Labels are folded too (hamza forms and ئ → ي): one spelling for every way it was written.
        expect(t).toEqual([{ term: 'اسراييل', label: 'اسراييل', documents: 3, occurrences: 4 }]);
      },
    },
    {
      name: 'a name with عبد is one term however it is written, with its clitics or without',
      docs: [
        { text: 'قال عبداللطيف لوديي' },
        { text: 'صرح عبد اللطيف لوديي' },
        { text: 'التقى الوزير بعبد اللطيف لوديي' },
        { text: 'وقال ولعبد اللطيف لوديي' },
        { text: 'فعبداللطيف لوديي' },
      ],
      expect: (t) => {
        expect(t.find((x) => x.term === 'عبداللطيف')).toMatchObject({ documents: 5, occurrences: 5 });
        expect(t.map((x) => x.term)).not.toContain('بعبد');
      },
    },
    {
      name: 'words that merely begin like a clitic and عبد stay what they are',
      docs: [{ text: 'عبدالله في لعبة' }, { text: 'عبد الله عند لعبة' }],
      expect: (t) => {
        expect(t.map((x) => x.term).sort()).toEqual(['عبدالله', 'لعب'].sort());
      },
    },
    {
      name: 'terms of a single article are left out by default',
      docs: [{ text: 'unique words only', language: 'en' }],
      expect: (t) => expect(t).toEqual([]),
    },
  ];
  for (const row of table) it(row.name, () => row.expect(countTopTerms(row.docs)));

  it('refuses a limit below one', () => {
    expect(() => countTopTerms([], { limit: 0 })).toThrow('countTopTerms: limit must be ≥ 1, got 0');
  });
});

describe.skipIf(!HAS_SHARED)('top terms of the two seeds', () => {
  it('names Gantz, Rabat and Loudiyi (written as one word and as two) as shared by both', () => {
    const docs = ['seeds/000_06f69c84c9046252.txt', 'seeds/004_0de736a0633809fe.txt'].map((file) => {
      const a = parseDocument({ content: sharedBytes(file), format: 'text', location: file });
      return { text: `${a.title}\n${a.body}`, language: a.language };
    });
    const terms = countTopTerms(docs, { limit: 200 });
    const both = new Map(terms.filter((t) => t.documents === 2).map((t) => [t.label, t]));
    expect(both.has('غانتس')).toBe(true);
    expect(both.has('الرباط')).toBe(true);
    // عبداللطيف لوديي in one seed, عبد اللطيف لوديي in the other: one name.
    expect([...both.keys()].some((label) => label.startsWith('عبد') && label.includes('اللطيف'))).toBe(true);
  });
});
