import { describe, expect, it } from 'vitest';
import { type Article, parseDocument } from '../src/index.ts';
import { HAS_SHARED, sharedBytes } from './shared.ts';

// Every line of ../shared/seeds/EXPECTED.md as an assertion.
type SeedExpectation = {
  file: string;
  title: string;
  firstParagraph: string;
  lastParagraphEnd: string;
  /** Body paragraphs in the file between the first and last listed (EXPECTED.md's count includes the title). */
  bodyParagraphs: number;
  expectedCountWithTitle: number;
  boilerplate: string[];
  outlet: { name: string; domain: string };
  section: string | null;
  topics: string[];
};

const SEEDS: SeedExpectation[] = [
  {
    file: '000_06f69c84c9046252.txt',
    title: 'غانتس: المغرب وإسرائيل بحاجة لتعميق التحالفات',
    firstParagraph: 'قال وزير الدفاع الإسرائيلي بيني غانتس، إن الرباط وتل أبيب، بحاجة لتعميق التحالفات.',
    lastParagraphEnd: 'مع جبهة ”البوليساريو“.',
    bodyParagraphs: 12,
    expectedCountWithTitle: 13,
    boilerplate: ['الأكثر قراءة', 'No stories found.', 'logo', 'إرم نيوز', 'www.eremnews.com'],
    outlet: { name: 'Erem News', domain: 'eremnews.com' },
    section: null,
    topics: ['politics', 'conflict-defence'],
  },
  {
    file: '004_0de736a0633809fe.txt',
    title: 'الأولى عربيا.. الرباط وتل أبيب توقّعان اتفاقية تعاون استخباراتي وعسكري',
    firstParagraph: 'وسط تكتم مغربي واحتفاء إسرائيلي، ',
    lastParagraphEnd: 'في إطار ما يسمى باتفاقات أبراهام.',
    bodyParagraphs: 9,
    expectedCountWithTitle: 10,
    boilerplate: [
      'اترك تعليقاً',
      'لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *',
      'تابع آخر الأخبار من مدار21 على WhatsApp',
      'تابع آخر الأخبار من مدار21 على Google News',
    ],
    outlet: { name: 'Madar21', domain: 'madar21.com' },
    section: 'سياسة',
    topics: ['politics', 'conflict-defence'],
  },
];

describe.skipIf(!HAS_SHARED)('seed documents (EXPECTED.md)', () => {
  const parse = (file: string, referenceDate?: string): Article =>
    parseDocument({ content: sharedBytes(`seeds/${file}`), location: `seeds/${file}`, referenceDate });

  for (const seed of SEEDS) {
    describe(seed.file, () => {
      const a = parse(seed.file);
      const paragraphs = a.body.split('\n\n');

      it('has exactly one title, read once', () => {
        expect(a.title).toBe(seed.title);
        expect(a.body).not.toContain(seed.title);
      });
      it('body runs from the first to the last listed paragraph', () => {
        if (seed.firstParagraph.endsWith(' '))
          expect(paragraphs[0]?.startsWith(seed.firstParagraph)).toBe(true);
        else expect(paragraphs[0]).toBe(seed.firstParagraph);
        expect(paragraphs.at(-1)?.endsWith(seed.lastParagraphEnd)).toBe(true);
        expect(paragraphs).toHaveLength(seed.bodyParagraphs);
        expect(paragraphs.length + 1).toBe(seed.expectedCountWithTitle);
      });
      it('drops every boilerplate line', () => {
        for (const line of seed.boilerplate) expect(a.body).not.toContain(line);
      });
      it('language, direction, outlet, section', () => {
        expect(a.format).toBe('text');
        expect(a.language).toBe('ar');
        expect(a.direction).toBe('rtl');
        expect(a.outlet).toEqual(seed.outlet);
        expect(a.section).toBe(seed.section);
        expect(a.sections).toEqual(seed.section ? [seed.section] : []);
        expect(a.url).toBeNull();
      });
      it('has no date: none written, relative words are not turned into one', () => {
        expect(a.publishedAt).toBeNull();
        expect(a.dateSource).toBe('none');
        expect(a.datePrecision).toBeNull();
      });
      it('with a reference time, relative words in the story still do not date it', () => {
        const withRef = parse(seed.file, '2021-11-24T18:00:00Z');
        expect(withRef.publishedAt).toBeNull();
        expect(withRef.dateSource).toBe('none');
      });
      it('subjects', () => {
        const slugs = a.topics.map((t) => t.slug);
        for (const slug of seed.topics) expect(slugs).toContain(slug);
        for (const t of a.topics) expect(t.score).toBeGreaterThan(0);
      });
      it('fingerprints are well-formed and stable', () => {
        expect(a.fingerprints.contentHash).toMatch(/^[0-9a-f]{64}$/);
        expect(a.fingerprints.simhash).toMatch(/^[0-9a-f]{16}$/);
        expect(parse(seed.file).fingerprints).toEqual(a.fingerprints);
      });
    });
  }

  it('004 takes politics from its section label', () => {
    const a = parse('004_0de736a0633809fe.txt');
    expect(a.topics.find((t) => t.slug === 'politics')?.source).toBe('section');
  });

  it('the two outlets differ and the stories are not exact duplicates', () => {
    const a = parse(SEEDS[0]?.file ?? '');
    const b = parse(SEEDS[1]?.file ?? '');
    expect(a.outlet.name).not.toBe(b.outlet.name);
    expect(a.fingerprints.contentHash).not.toBe(b.fingerprints.contentHash);
  });
});
