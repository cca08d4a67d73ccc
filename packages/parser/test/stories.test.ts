import { describe, expect, it } from 'vitest';
import { parseDocument, toSearchText } from '../src/index.ts';
import {
  countShared,
  decodeHashes,
  encodeHashes,
  isNearDuplicate,
  isSameStory,
  jaccard,
  STORY_MIN_JACCARD,
  STORY_THRESHOLD,
  storySignature,
  storySignatureOfSearchText,
  storySimilarity,
  storyTerms,
} from '../src/stories/index.ts';
import { HAS_SHARED, sharedBytes } from './shared.ts';

describe('storyTerms', () => {
  it.each([
    {
      why: 'folds, stems and drops function words and reporting verbs',
      title: 'قال وزير الدفاع الإسرائيلي إن المغرب وإسرائيل وقعا اتفاقية',
      body: '',
      terms: ['وزير', 'دفاع', 'اسراييل', 'مغرب', 'وقعا', 'اتفاق'],
    },
    {
      why: 'joins the two spellings of an عبد name',
      title: 'عبد اللطيف لوديي',
      body: 'عبداللطيف لوديي',
      terms: ['عبداللطيف', 'لود'],
    },
    {
      why: 'drops years and short numbers, keeps longer ones',
      title: 'مقتل 17 شخصا في 2018 وإصابة 119',
      body: '',
      terms: ['مقتل', 'شخصا', 'اصاب', '119'],
    },
    {
      why: 'reads the title, then the lead only',
      title: 'غانتس',
      body: `${'تحالف '.repeat(3)}${'كلمة '.repeat(60)}بوريطة`,
      terms: ['غانتس', 'تحالف', 'كلم'],
    },
  ])('$why', ({ title, body, terms }) => {
    expect(storyTerms(title, body)).toEqual(terms);
  });

  it('keeps at most 40 terms', () => {
    const body = Array.from(
      { length: 60 },
      (_, i) => `كلمة${'ابتثجحخ'[i % 7]}${'دذرزسش'[Math.floor(i / 7) % 6]}`,
    ).join(' ');
    expect(storyTerms('', body)).toHaveLength(40);
  });
});

// The signature hashes the terms storyTerms gives as strings: its lead must be exactly storyTerms' terms
// (joined back into a title, they give it again), and its text those of the body's first 400 words.
describe('signature terms', () => {
  const distinct = (n: number, stem: string) =>
    Array.from({ length: n }, (_, i) => `${stem}${'ابتثجحخ'[i % 7]}${'دذرزسش'[Math.floor(i / 7) % 6]}`);
  const texts: { why: string; title: string; body: string }[] = [
    {
      why: 'stopwords, years and short numbers dropped, longer numbers kept',
      title: 'قال وزير الدفاع في 2018 إن 17 شخصا قتلوا و119 أصيبوا عام 1999 أو 2100 أو 1800',
      body: 'وأضاف الوزير أن 2019 شهد 300 هجوما',
    },
    {
      why: 'a title term again in the body counts once',
      title: 'غانتس الرباط',
      body: 'غانتس في الرباط اليوم',
    },
    {
      why: 'the lead full from the title: none of the body',
      title: distinct(41, 'كلمة').join(' '),
      body: 'غانتس الرباط',
    },
    {
      why: 'the lead filled by the body, a repeat not counted',
      title: distinct(38, 'كلمة').join(' '),
      body: `${distinct(1, 'كلمة').join(' ')} غانتس الرباط مذكرة`,
    },
    { why: 'the body lead ends at 60 words', title: '', body: `${'كلمة '.repeat(60)}بوريطة` },
    { why: 'an empty title', title: '', body: 'غانتس يوقع مذكرة تفاهم' },
    { why: 'nothing at all', title: '', body: '' },
    { why: 'Latin text', title: 'The minister said on Monday', body: 'Gantz signed the memorandum in Rabat' },
  ];
  it.each(texts)('$why', ({ title, body }) => {
    const signature = storySignature(title, body);
    expect(signature.lead).toEqual(storySignatureOfSearchText(storyTerms(title, body).join(' '), '').lead);
    expect(signature.lead.length).toBe(storyTerms(title, body).length);
    // The text: the lead's terms and the body's, whichever text they were read in.
    const again = storySignatureOfSearchText(
      '',
      `${storyTerms(title, body).join(' ')} ${toSearchText(body)}`,
    );
    expect(signature.text).toEqual(again.text);
  });

  it('reads the text up to the body’s 400th word', () => {
    const words = `${'كلمة '.repeat(399)}`;
    const cut = storySignatureOfSearchText('', `${words}بوريطه غانتس`);
    expect(cut.text).toEqual(storySignatureOfSearchText('', `${words}بوريطه`).text);
    expect(cut.text).not.toEqual(storySignatureOfSearchText('', words).text);
  });
});

describe('signatures and similarity', () => {
  const a = storySignature(
    'غانتس يوقع مذكرة تفاهم في الرباط',
    'وقع وزير الدفاع غانتس مذكرة تفاهم أمنية مع المغرب',
  );
  const b = storySignature('المغرب وإسرائيل يوقعان مذكرة تفاهم', 'غانتس في الرباط يوقع مذكرة تفاهم دفاعية');
  const c = storySignature('فيضانات في جنوب السودان', 'غمرت مياه الفيضانات قرى جونقلي');

  it('is sorted, distinct and holds the lead within the text', () => {
    expect([...a.lead].sort((x, y) => x - y)).toEqual(a.lead);
    expect(new Set(a.text).size).toBe(a.text.length);
    expect(countShared(a.lead, a.text)).toBe(a.lead.length);
  });

  it.each([
    { why: 'identical', x: a, y: a, similarity: 1 },
    { why: 'unrelated', x: a, y: c, similarity: 0 },
    { why: 'empty lead', x: a, y: { lead: [], text: [] }, similarity: 0 },
  ])('$why', ({ x, y, similarity }) => {
    expect(storySimilarity(x, y)).toBe(similarity);
  });

  it('is symmetric and tells one event from another', () => {
    expect(storySimilarity(a, b)).toBe(storySimilarity(b, a));
    expect(isSameStory(a, b)).toBe(true);
    expect(isSameStory(a, c)).toBe(false);
  });

  it.each([
    { x: [1, 2, 3], y: [2, 3, 4], shared: 2, jaccard: 0.5 },
    { x: [1], y: [2], shared: 0, jaccard: 0 },
    { x: [], y: [2], shared: 0, jaccard: 0 },
  ])('counts $shared shared of $x and $y', ({ x, y, shared, jaccard: j }) => {
    expect(countShared(x, y)).toBe(shared);
    expect(jaccard(x, y)).toBe(j);
  });

  it('round-trips packed hashes and names a truncated blob', () => {
    expect(decodeHashes(encodeHashes(a.text))).toEqual(a.text);
    expect(() => decodeHashes(new Uint8Array(5))).toThrow(/5 bytes is not a whole number of 4-byte hashes/);
  });

  it.each([
    {
      why: 'same content hash',
      x: { contentHash: 'h', simhash: 'ffffffffffffffff' },
      y: { contentHash: 'h', simhash: '0000000000000000' },
      dup: true,
    },
    {
      why: '3 bits apart',
      x: { contentHash: 'a', simhash: '0000000000000007' },
      y: { contentHash: 'b', simhash: '0000000000000000' },
      dup: true,
    },
    {
      why: '4 bits apart',
      x: { contentHash: 'a', simhash: '000000000000000f' },
      y: { contentHash: 'b', simhash: '0000000000000000' },
      dup: false,
    },
  ])('near-duplicate: $why', ({ x, y, dup }) => {
    expect(isNearDuplicate(x, y)).toBe(dup);
  });
});

describe.runIf(HAS_SHARED)('the seeds', () => {
  it('are one story: two rewritten reports of Gantz in Rabat', () => {
    const [erem, madar] = ['000_06f69c84c9046252.txt', '004_0de736a0633809fe.txt'].map((file) =>
      parseDocument({ content: sharedBytes(`seeds/${file}`), location: `seeds/${file}` }),
    );
    if (!erem || !madar) throw new Error('seeds did not parse');
    const x = storySignature(erem.title, erem.body);
    const y = storySignature(madar.title, madar.body);
    // What makes them one event: the minister, both capitals, the defence memorandum.
    const shared = storyTerms(erem.title, erem.body).filter((t) =>
      storyTerms(madar.title, madar.body).includes(t),
    );
    expect(shared).toEqual(expect.arrayContaining(['غانتس', 'رباط', 'ابيب', 'دفاع', 'اتفاق']));
    expect(jaccard(x.lead, y.lead)).toBeGreaterThanOrEqual(STORY_MIN_JACCARD);
    expect(storySimilarity(x, y)).toBeGreaterThanOrEqual(STORY_THRESHOLD);
    expect(isSameStory(x, y)).toBe(true);
    expect(isNearDuplicate(erem.fingerprints, madar.fingerprints)).toBe(false);
  });
});
