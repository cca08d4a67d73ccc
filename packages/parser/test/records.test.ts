import { describe, expect, it } from 'vitest';
import { extractRecord, ParseError, parseDocument, type RawInput, splitDocument } from '../src/index.ts';
import { HAS_SHARED, jsonlRecords, sharedBytes } from './shared.ts';

const record = (value: unknown, location = 'test.json#0'): RawInput => ({
  content: JSON.stringify(value),
  format: 'record',
  location,
});

describe.skipIf(!HAS_SHARED)('ANT records', () => {
  const cases = [
    { file: 'corpus/ant/alarabia.jsonl.gz', name: 'Al Arabiya', domain: 'alarabiya.net' },
    { file: 'corpus/ant/bbc.jsonl.gz', name: 'BBC Arabic', domain: 'bbc.com' },
    { file: 'corpus/ant/france24.jsonl.gz', name: 'France 24', domain: 'france24.com' },
    { file: 'corpus/ant/skynews.jsonl.gz', name: 'Sky News Arabia', domain: 'skynewsarabia.com' },
  ];
  for (const c of cases) {
    it(`${c.file}: outlet, RFC 2822 date, desk, language`, () => {
      for (const [i, r] of jsonlRecords(c.file, 40).entries()) {
        if (!String(r.text ?? '').trim() && !String(r.summary ?? '').trim()) continue;
        const a = parseDocument(record(r, `${c.file}#${i}`));
        expect(a.outlet).toEqual({ name: c.name, domain: c.domain });
        expect(a.dateSource).toBe('record');
        expect(a.datePrecision).toBe('second');
        expect(a.publishedAt).toBe(new Date(String(r.published)).toISOString());
        expect(a.section).toBe(r.category);
        expect(a.sections).toEqual([r.category]);
        expect(a.language).toBe('ar');
        expect(a.direction).toBe('rtl');
        expect(a.url).toMatch(/^https?:\/\//);
        expect(a.title.length).toBeGreaterThan(0);
        expect(a.body.length).toBeGreaterThan(0);
      }
    });
  }

  it('first BBC record exactly', () => {
    const [r] = jsonlRecords('corpus/ant/bbc.jsonl.gz', 1);
    const a = parseDocument(record(r));
    expect(a.title).toBe('المؤرخ السينمائي أشرف غريب " يحطم الأساطير" المحيطة بالممثلين اليهود في مصر');
    expect(a.publishedAt).toBe('2018-02-18T17:21:49.000Z');
    expect(a.url).toBe('http://www.bbc.co.uk/arabic/art-and-culture-43105759');
    expect(a.section).toBe('culture');
    expect(a.topics[0]).toEqual({ slug: 'arts-culture', score: 1, source: 'section' });
  });

  it('a record whose text only repeats its headline keeps the article: the summary, or nothing, as body', () => {
    // bbc.jsonl.gz line 968: text === title, the summary carries the lead.
    const r = jsonlRecords('corpus/ant/bbc.jsonl.gz', 968)[967] ?? {};
    expect(r.text).toBe(r.title);
    const a = parseDocument(record(r, 'bbc.jsonl.gz#967'));
    expect(a.title).toBe('أنباء عن "احتجاز رهائن" داخل متجر جنوبي فرنسا');
    expect(a.body).toBe('أفادت وسائل إعلام فرنسية بأن عددا من الرهائن محتجزين داخل متجر جنوب غربي فرنسا.');
    // france24.jsonl.gz line 1286: an infographic, a headline with no text at all, is still counted.
    const bare = parseDocument(record({ title: 'Only a headline', text: 'Only a headline', summary: '' }));
    expect(bare.title).toBe('Only a headline');
    expect(bare.body).toBe('');
  });

  it('ANT desks map to subjects; general-news desks fall back to rules', () => {
    const desks: Record<string, string | null> = {
      culture: 'arts-culture',
      economy: 'economy',
      sport: 'sport',
      technology: 'science-technology',
      internationalNews: null,
      middleEast: null,
    };
    const seen = new Set<string>();
    for (const r of jsonlRecords('corpus/ant/skynews.jsonl.gz', Number.POSITIVE_INFINITY)) {
      const desk = String(r.category);
      if (seen.has(desk) || !String(r.text ?? '').trim()) continue;
      seen.add(desk);
      const a = parseDocument(record(r));
      const fromSection = a.topics.filter((t) => t.source === 'section').map((t) => t.slug);
      expect(fromSection).toEqual(desks[desk] ? [desks[desk]] : []);
    }
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });
});

describe.skipIf(!HAS_SHARED)('SaudiNewsNet records', () => {
  const { inputs, problems } = splitDocument({
    content: sharedBytes('corpus/saudinewsnet/2015-07-21.json.gz'),
    location: 'saudinewsnet/2015-07-21.json',
  });

  it('splits the JSON array into located record inputs', () => {
    expect(problems).toEqual([]);
    expect(inputs.length).toBeGreaterThan(100);
    expect(inputs[3]?.location).toBe('saudinewsnet/2015-07-21.json#3');
    expect(inputs[0]?.format).toBe('record');
  });

  it('first record: outlet, crawl date at day precision, title', () => {
    const a = parseDocument(inputs[0] as RawInput);
    expect(a.outlet).toEqual({ name: 'Asharq Al-Awsat', domain: 'aawsat.com' });
    expect(a.title).toBe('بريطانيا: أربعة محاور لاستراتيجية جديدة تتصدى للتطرف على مدى خمس سنوات');
    expect(a.publishedAt).toBe('2015-07-21T02:51:32.000Z');
    expect(a.dateSource).toBe('record');
    expect(a.datePrecision).toBe('day');
    expect(a.byline).toBe('لندن: رنيم حنوش');
    expect(a.language).toBe('ar');
  });

  it('every outlet resolves to a known name and domain; boilerplate lines are stripped', () => {
    const known = new Map<string, string>();
    // Every third record keeps the run short while covering all outlets of the day.
    for (const input of inputs.filter((_, i) => i % 3 === 0)) {
      let a: ReturnType<typeof parseDocument>;
      try {
        a = parseDocument(input);
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError);
        expect(String(e)).toMatch(/saudinewsnet\/2015-07-21\.json#\d+: missing text/);
        continue;
      }
      known.set(String(a.outlet.name), String(a.outlet.domain));
      for (const line of a.body.split('\n\n')) {
        expect(line).not.toMatch(/^\/\/\s*انتهى\s*\/\/$/);
        expect(line).not.toMatch(/للتواصل مع الكاتب/);
        expect(line).not.toMatch(/^\d{5,6} - (Stc|Zain|Mobily)$/);
        expect(line).not.toMatch(/^\.\.\.المزيد$/);
      }
    }
    expect(known.get('Al Riyadh')).toBe('alriyadh.com');
    expect(known.get('Okaz')).toBe('okaz.com.sa');
    expect(known.get('Al-Eqtisadiya')).toBe('aleqt.com');
    for (const name of known.keys()) expect(name).not.toMatch(/\./);
  }, 30_000);
});

describe('record field aliases', () => {
  const body = 'This is the text of the article, long enough to be a paragraph of a news story.';
  const table: {
    name: string;
    value: Record<string, unknown>;
    check: (a: ReturnType<typeof parseDocument>) => void;
  }[] = [
    {
      name: 'headline',
      value: { headline: 'A headline here', content: body },
      check: (a) => expect(a.title).toBe('A headline here'),
    },
    {
      name: 'link',
      value: { title: 'T t t', link: 'https://www.reuters.com/x?utm_source=a', body },
      check: (a) => expect(a.url).toBe('https://www.reuters.com/x'),
    },
    {
      name: 'canonical_url',
      value: { title: 'T t t', canonical_url: 'https://example.org/a', article: body },
      check: (a) => expect(a.outlet).toEqual({ name: 'example.org', domain: 'example.org' }),
    },
    {
      name: 'pubDate',
      value: { title: 'T t t', text: body, pubDate: 'Tue, 10 Jun 2003 04:00:00 GMT' },
      check: (a) => expect(a.publishedAt).toBe('2003-06-10T04:00:00.000Z'),
    },
    {
      name: 'published_at',
      value: { title: 'T t t', text: body, published_at: '2021-11-24T10:00:00+01:00' },
      check: (a) => expect(a.publishedAt).toBe('2021-11-24T09:00:00.000Z'),
    },
    {
      name: 'datePublished',
      value: { title: 'T t t', text: body, datePublished: '2021-11-24' },
      check: (a) => expect(a.datePrecision).toBe('day'),
    },
    {
      name: 'site_name',
      value: { title: 'T t t', text: body, site_name: 'Le Monde' },
      check: (a) => expect(a.outlet).toEqual({ name: 'Le Monde', domain: 'lemonde.fr' }),
    },
    {
      name: 'publisher unknown',
      value: { title: 'T t t', text: body, publisher: 'Foo Daily', url: 'https://www.foo.news/a' },
      check: (a) => expect(a.outlet).toEqual({ name: 'Foo Daily', domain: 'foo.news' }),
    },
    {
      name: 'categories array',
      value: { title: 'T t t', text: body, categories: ['Sport', 'Football'] },
      check: (a) => {
        expect(a.sections).toEqual(['Sport', 'Football']);
        expect(a.section).toBe('Sport');
      },
    },
    {
      name: 'authors array',
      value: { title: 'T t t', text: body, authors: [{ name: 'A. Writer' }, 'B. Writer'] },
      check: (a) => expect(a.byline).toBe('A. Writer, B. Writer'),
    },
    {
      name: 'description only',
      value: { title: 'T t t', description: `<p>${body}</p><p>Second &amp; last.</p>` },
      check: (a) => expect(a.body).toBe(`${body}\n\nSecond & last.`),
    },
    {
      name: 'empty title → first sentence',
      value: { title: '', text: 'First sentence here. Second one.' },
      check: (a) => expect(a.title).toBe('First sentence here'),
    },
    {
      name: 'lang declared but text is French',
      value: {
        title: 'Un titre',
        text: 'Le gouvernement a annoncé mardi que la réforme des retraites sera présentée au Parlement dans les prochaines semaines, selon le ministre.',
        lang: 'en',
      },
      check: (a) => expect(a.language).toBe('fr'),
    },
  ];
  for (const row of table) {
    it(row.name, () => row.check(parseDocument(record(row.value))));
  }

  it('long empty-title fallback is trimmed near 120 characters', () => {
    const long = `${'كلمة '.repeat(60)}نهاية.`;
    const a = parseDocument(record({ title: '  ', text: long }));
    expect(a.title.length).toBeLessThanOrEqual(121);
    expect(a.title.endsWith('…')).toBe(true);
  });
});

describe('bad records', () => {
  const table: { name: string; input: RawInput; message: RegExp }[] = [
    {
      name: 'neither title nor text',
      input: record({ author: 'A', url: 'https://example.com/a' }, 'x.jsonl#4'),
      message: /^x\.jsonl#4: missing text: no title and no non-empty field among text, content/,
    },
    {
      name: 'empty title, empty text',
      input: record({ title: ' ', text: '   ' }, 'x.jsonl#5'),
      message: /^x\.jsonl#5: missing text/,
    },
    {
      name: 'no title, only boilerplate',
      input: record({ text: 'Share\n// انتهى //' }, 'x.json#1'),
      message: /^x\.json#1: missing text/,
    },
    {
      name: 'invalid JSON',
      input: { content: '{"title": ', format: 'record', location: 'bad.json' },
      message: /^bad\.json: invalid JSON/,
    },
    {
      name: 'array given to parseDocument',
      input: { content: '[{}]', format: 'record', location: 'arr.json' },
      message: /^arr\.json: a JSON array holds many records; use splitDocument/,
    },
    {
      name: 'feed',
      input: { content: '<rss version="2.0"><channel></channel></rss>', location: 'f.xml' },
      message: /^f\.xml: a feed holds many items; use parseFeed/,
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      expect(() => parseDocument(row.input)).toThrow(ParseError);
      expect(() => parseDocument(row.input)).toThrow(row.message);
    });
  }

  it('extractRecord refuses non-objects', () => {
    expect(() => extractRecord(42, 'n.json#0')).toThrow(
      'n.json#0: a record must be a JSON object, got number',
    );
  });
});
