import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeBytes,
  foldArabic,
  normalizeName,
  normalizeUrl,
  resolveOutlet,
  stripAccents,
  toAsciiDigits,
  toSearchText,
  trustCanonical,
  urlKey,
} from '../src/index.ts';
import { foldFull } from '../src/normalize/arabic.ts';
import { foldCollapsed } from '../src/normalize/search.ts';
import { collapseWhitespace } from '../src/normalize/words.ts';
import { HAS_SHARED, jsonlRecords, SHARED, sharedText } from './shared.ts';

const tokens = (s: string): string[] => toSearchText(s).split(' ');

describe('Arabic folding and search text', () => {
  it('folds hamza, taa marbuta, alef maqsura, diacritics, digits', () => {
    expect(foldArabic('إسرائيل')).toBe('اسراييل');
    expect(foldArabic('توقّعان')).toBe('توقعان');
    expect(foldArabic('مدرسة')).toBe('مدرسه');
    expect(toAsciiDigits('٢٤/١١/٢٠٢١')).toBe('24/11/2021');
  });

  it('folds every BMP character exactly as the chain of replacements its table stands for', () => {
    // The rules as they were written before foldArabic became one table pass: they must still agree.
    const chain = (text: string): string =>
      toAsciiDigits(
        text
          .normalize('NFC')
          .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
          .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g, '')
          .replace(/\u0640/g, '')
          .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, 'ا')
          .replace(/[\u0649\u06CC\u06D2]/g, 'ي')
          .replace(/\u0629/g, 'ه')
          .replace(/\u0624/g, 'و')
          .replace(/\u0626/g, 'ي')
          .replace(/[\u06A9\u06AA]/g, 'ك'),
      ).toLowerCase();
    const differing: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const text = `a${String.fromCharCode(c)}ب`;
      if (foldArabic(text) !== chain(text)) differing.push(c.toString(16));
    }
    expect(differing).toEqual([]);
    const mixed = 'إِسْرَائِيلُ ـــ ٢٠٢١ ۱۴ ی ک ة ؤ ئ آ\u200fÉcole\uFEFF';
    expect(foldArabic(mixed)).toBe(chain(mixed));
  });

  it('search text and line keys skip NFD/NFC only where they would change nothing', () => {
    const slow = (text: string): string => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const differing: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const text = `e${String.fromCharCode(c)}ب`;
      if (stripAccents(text, false) !== slow(text)) differing.push(c.toString(16));
      if (stripAccents(text) !== slow(text).normalize('NFC')) differing.push(c.toString(16));
    }
    expect(differing).toEqual([]);
    expect(toSearchText('Éléphant à Genève')).toBe('elephant a geneve');
  });

  it('اسرائيل (no hamza) finds إسرائيل', () => {
    expect(toSearchText('إسرائيل')).toBe(toSearchText('اسرائيل'));
    expect(tokens('مع إسرائيل بعد')).toContain(toSearchText('اسرائيل'));
    expect(tokens('الإسرائيلي')).toContain(toSearchText('اسرائيل'));
  });

  const maghrib = toSearchText('المغرب');
  for (const form of ['المغرب', 'المغربي', 'بالمغرب', 'للمغرب', 'والمغرب', 'المغربية', 'مغرب']) {
    it(`${form} shares the token of المغرب`, () => expect(tokens(form)).toContain(maghrib));
  }

  it('stems plural and pronoun suffixes but keeps short words whole', () => {
    expect(toSearchText('التحالفات')).toBe(toSearchText('تحالف'));
    expect(toSearchText('وزير')).toBe('وزير');
    expect(toSearchText('ووزير')).toBe('وزير');
    expect(toSearchText('لبنان')).toBe('لبنان');
    expect(toSearchText('فلسطين')).toBe(toSearchText('الفلسطينيين'));
  });

  it('Latin words are lower-cased and accent-free; punctuation dropped', () => {
    expect(toSearchText('Économie, Élysée: naïve CAFÉ!')).toBe('economie elysee naive cafe');
    expect(toSearchText('SKYLOCK 48 ساعة')).toBe('skylock 48 ساع');
  });

  it('عبداللطيف and عبد اللطيف are one name', () => {
    expect(normalizeName('عبد اللطيف لوديي')).toBe(normalizeName('عبداللطيف لوديي'));
    expect(toSearchText('عبد اللطيف لوديي')).toBe(toSearchText('عبداللطيف لوديي'));
    expect(normalizeName('عبد الله')).toBe('عبدالله');
    // Only عبد + ال… is a compound; other words after عبد stay apart.
    expect(normalizeName('عبد ربه')).toBe('عبد ربه');
  });
});

describe('foldArabic in one pass', () => {
  // foldArabic skips NFC for text made of the characters it folds alone (foldFast): it must give what NFC,
  // the fold table and lower-casing give, on every pair of them and their neighbours, and on real copy.
  const covered: string[] = [];
  for (let c = 0; c < 0x2070; c++)
    if (c < 0x100 || (c >= 0x0600 && c <= 0x06ff) || c >= 0x2000) covered.push(String.fromCharCode(c));
  // Characters NFC changes or composes with what comes before, which must take the full path.
  const tricky = [
    '\u0301',
    '\u0327',
    'e\u0301',
    '\u2126',
    '\u212b',
    '\u00c5',
    '\u1100',
    '\u1161',
    '\ufeff',
    '\ud83d\ude00',
    'İ',
    'Σ',
  ];

  it('every pair of characters it covers, and of those with characters it does not', () => {
    const all = [...covered, ...tricky];
    let mismatches = 0;
    for (const a of all) for (const b of all) if (foldArabic(a + b) !== foldFull(a + b)) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('letters with hamza or madda marks around them, composed and not', () => {
    const bases = ['ا', 'و', 'ي', 'ە', 'ہ', 'ے', 'أ', 'ۀ', 'ه'];
    const marks = ['\u0653', '\u0654', '\u0655', '\u064e', '\u0651', '\u0670', '\u06e1'];
    for (const base of bases)
      for (const m1 of marks)
        for (const m2 of marks) {
          const text = `${base}${m1}${m2}ب`;
          expect(foldArabic(text), text).toBe(foldFull(text));
        }
    // Composed by NFC into a letter the fold keeps: the one-pass path must not just drop the mark.
    expect(foldArabic('\u06d5\u0654')).toBe('\u06c0');
  });

  it.skipIf(!HAS_SHARED)('the same folding of real Arabic, English and French copy', () => {
    const texts = [
      ...['alarabia', 'bbc', 'france24', 'skynews'].flatMap((outlet) =>
        jsonlRecords(`corpus/ant/${outlet}.jsonl.gz`, 300).flatMap((r) => [String(r.title), String(r.text)]),
      ),
      sharedText('seeds/000_06f69c84c9046252.txt'),
      sharedText('seeds/004_0de736a0633809fe.txt'),
      // Readability's test pages: English, French, Spanish and more, some with characters foldFast does not cover.
      ...readdirSync(`${SHARED}html/readability`).map((page) =>
        sharedText(`html/readability/${page}/source.html`),
      ),
    ];
    expect(texts.length).toBeGreaterThan(2500);
    for (const text of texts) expect(foldArabic(text)).toBe(foldFull(text));
    // foldCollapsed folds and collapses whitespace in the same one pass.
    for (const text of texts) expect(foldCollapsed(text)).toBe(collapseWhitespace(foldFull(text)));
  });

  it('folds and collapses whitespace in one pass as in two, whatever the fold drops inside a run', () => {
    const spaces = [' ', '  ', '\t', '\n', '\u00a0', ' \u0640 ', '\u200f ', ' \u064e', '\u2028', '\u3000'];
    const words = ['', 'a', 'ب', '\u0640', 'ـبـ', 'É', 'e\u0301', '\u064b'];
    let mismatches = 0;
    for (const a of words)
      for (const s1 of ['', ...spaces])
        for (const b of words)
          for (const s2 of ['', ...spaces]) {
            const text = `${s1}${a}${s2}${b}${s1}`;
            if (foldCollapsed(text) !== collapseWhitespace(foldFull(text))) mismatches++;
          }
    expect(mismatches).toBe(0);
    expect(foldCollapsed(' \u0640 أحمد \t\u064e  بن\u00a0 علي ')).toBe('احمد بن علي');
  });
});

describe('normalizeUrl', () => {
  const table: [string, string | null][] = [
    ['https://WWW.Example.COM:443/a/b?utm_source=x&id=3&fbclid=y#frag', 'https://www.example.com/a/b?id=3'],
    ['http://example.com:80/', 'http://example.com/'],
    ['https://example.com/story/amp', 'https://example.com/story/'],
    ['https://amp.example.com/story?amp=1', 'https://example.com/story'],
    ['https://m.bbc.com/arabic/x?ref=home&gclid=1', 'https://bbc.com/arabic/x'],
    ['https://example.com/%7euser/%41', 'https://example.com/~user/A'],
    ['ftp://example.com/file', null],
    ['mailto:a@b.c', null],
    ['not a url', null],
    // AMP pages whose plain page is known (real URLs from ../shared/html/trafilatura).
    ['https://www.aljazeera.com/amp/news/2024/1/1/x', 'https://www.aljazeera.com/news/2024/1/1/x'],
    [
      'https://www.nzz.ch/amp/international/der-nervenkrieg-um-den-brexit-ld.1516516',
      'https://www.nzz.ch/international/der-nervenkrieg-um-den-brexit-ld.1516516',
    ],
    ['https://example.com/amp/amp/x', 'https://example.com/x'],
    [
      'https://www.nytimes.com/2018/09/25/business/economy/us-government-debt-interest.amp.html',
      'https://www.nytimes.com/2018/09/25/business/economy/us-government-debt-interest.html',
    ],
    [
      'https://www.fr.de/politik/kim-jong-un-zr-13680734.amp.html?utm_source=x',
      'https://www.fr.de/politik/kim-jong-un-zr-13680734.html',
    ],
    [
      'https://entwickler-de.cdn.ampproject.org/c/s/entwickler.de/online/web/interview-579902863.html/amp',
      'https://entwickler.de/online/web/interview-579902863.html',
    ],
    [
      'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/path?id=3&usqp=1',
      'https://www.example.com/path?id=3&usqp=1',
    ],
    ['https://www-example-com.cdn.ampproject.org/v/s/www.example.com/path', 'https://www.example.com/path'],
    ['https://www-example-com.cdn.ampproject.org/i/s/www.example.com/a.jpg', 'https://www.example.com/a.jpg'],
    ['https://example-com.cdn.ampproject.org/c/example.com/path', 'http://example.com/path'],
    [
      'https://www.google.ch/amp/s/www.nzz.ch/amp/feuilleton/sprache-ld.1472991',
      'https://www.nzz.ch/feuilleton/sprache-ld.1472991',
    ],
    // Not a mirror prefix when only a top-level domain would be left.
    ['https://amp.dev/documentation/', 'https://amp.dev/documentation/'],
    ['https://m.me/page', 'https://m.me/page'],
    // Parameters that can pick the article are kept.
    ['https://example.com/news.php?cid=5&utm_medium=rss', 'https://example.com/news.php?cid=5'],
    ['https://example.com/embed?src=%2Fvideos%2F7.mp4', 'https://example.com/embed?src=%2Fvideos%2F7.mp4'],
  ];
  for (const [input, expected] of table) it(input, () => expect(normalizeUrl(input)).toBe(expected));

  // Guards: these held before and must keep holding (a segment or name that only contains "amp").
  const kept: string[] = [
    'https://example.com/campus/amp-news-slug',
    'https://example.com/amp-news-slug',
    'https://example.com/news/ampere.html',
    'https://example.com/docs/amp.html',
    'https://example.com/news/example.ampproject.html',
    'https://cdn.ampproject.org/v0.js',
  ];
  for (const url of kept) it(`keeps ${url}`, () => expect(normalizeUrl(url)).toBe(url));

  it('is idempotent', () => {
    for (const [input] of table) {
      const once = normalizeUrl(input);
      if (once) expect(normalizeUrl(once)).toBe(once);
    }
  });

  it('raw Arabic and percent-encoded (any case) paths compare equal', () => {
    const raw = 'http://aawsat.com/home/article/410826/بريطانيا-أربعة';
    const upper =
      'http://aawsat.com/home/article/410826/%D8%A8%D8%B1%D9%8A%D8%B7%D8%A7%D9%86%D9%8A%D8%A7-%D8%A3%D8%B1%D8%A8%D8%B9%D8%A9';
    expect(normalizeUrl(raw)).toBe(upper);
    expect(normalizeUrl(upper.toLowerCase().replace('http://aawsat.com', 'http://aawsat.com'))).toBe(upper);
  });

  it('urlKey ignores scheme, www, trailing slash and parameter order', () => {
    expect(urlKey('https://www.x.com/a/?b=1&a=2')).toBe(urlKey('http://x.com/a?a=2&b=1'));
  });

  // One article: the AMP page (an `amp` segment anywhere in the path) keys as its plain page.
  const same: [string, string][] = [
    [
      'https://www.bbc.com/news/amp/world-us-canada-52241221',
      'https://www.bbc.com/news/world-us-canada-52241221',
    ],
    ['https://mobile.reuters.com/article/amp/idUSKBN1ZI0EH', 'https://www.reuters.com/article/idUSKBN1ZI0EH'],
    [
      'https://www.dailymail.co.uk/news/article-8772683/amp/Chef-Jamie-Oliver.html',
      'https://www.dailymail.co.uk/news/article-8772683/Chef-Jamie-Oliver.html',
    ],
    ['https://www.aljazeera.com/amp/news/2024/1/1/x', 'https://www.aljazeera.com/news/2024/1/1/x'],
    [
      'http://mobile.nytimes.com/2017/01/13/world/sudan.amp.html',
      'https://www.nytimes.com/2017/01/13/world/sudan.html',
    ],
    ['https://www-example-com.cdn.ampproject.org/c/s/www.example.com/path/amp', 'https://example.com/path'],
  ];
  for (const [a, b] of same) it(`${a} keys as ${b}`, () => expect(urlKey(a)).toBe(urlKey(b)));

  // Two articles: their keys must differ, or the store overwrites one with the other.
  const different: [string, string][] = [
    ['http://example.com/news.php?cid=5', 'http://example.com/news.php?cid=6'],
    ['http://example.com/news.php?cid=5', 'http://example.com/news.php'],
    ['https://example.com/show?src=a.html', 'https://example.com/show?src=b.html'],
    ['https://example.com/campus/x', 'https://example.com/x'],
    ['https://amp.dev/about/', 'https://dev/about/'],
  ];
  for (const [a, b] of different) it(`${a} and ${b} key apart`, () => expect(urlKey(a)).not.toBe(urlKey(b)));
});

describe('trustCanonical', () => {
  // Cases from ../shared/html/trafilatura's pages (their URL and the canonical link they declare), and the
  // sites Rasid follows.
  it.each([
    [
      'the page itself',
      'https://www.aljazeera.net/news/2024/5/1/x',
      'https://www.aljazeera.net/news/2024/5/1/x?utm_source=rss',
      true,
    ],
    [
      'a tracking-free form',
      'https://telebasel.ch/2019/10/19/junge-lenker/',
      'https://telebasel.ch/2019/10/19/junge-lenker/?channel=105100',
      true,
    ],
    [
      "the site's other country domain",
      'https://www.bbc.com/arabic/world-1',
      'https://www.bbc.co.uk/arabic/world-1',
      true,
    ],
    [
      'another host of the site',
      'https://www.cnn.com/2021/03/08/uk/meghan/index.html',
      'https://edition.cnn.com/2021/03/08/uk/meghan/index.html',
      true,
    ],
    [
      'a page of a paginated article',
      'https://redtri.com/best-jokes-for-kids/',
      'https://redtri.com/best-jokes-for-kids/slide/1',
      true,
    ],
    [
      'the page above an AMP page',
      'https://www.popsugar.co.uk/smart-living/Costumes-42432483',
      'https://www.popsugar.co.uk/smart-living/Costumes-42432483/amp',
      true,
    ],
    [
      'the front page, from the front page',
      'https://anwaltniemeyer.de/',
      'https://anwaltniemeyer.de/index.html',
      true,
    ],
    [
      'the front page, from an article',
      'https://www.piratenpartei.at/',
      'https://www.piratenpartei.at/volksbegehren-zum-bgi/',
      false,
    ],
    [
      'the front page under another name',
      'https://example.ma/index.php',
      'https://example.ma/politique/123-titre',
      false,
    ],
    [
      'a syndicated copy pointing at the original',
      'https://www.theguardian.com/education/2020/oct/02/halls',
      'https://www.msn.com/en-gb/news/uknews/halls/ar-BB19DUqK',
      false,
    ],
    [
      'another newspaper of the group',
      'https://www.ksta.de/region/pflaster-33335514',
      'https://www.rundschau-online.de/region/pflaster-33335514',
      false,
    ],
    [
      'the listing above the page',
      'https://www.duengebehoerde-niedersachsen.de/duengebehoerde/news',
      'https://www.duengebehoerde-niedersachsen.de/duengebehoerde/news/38853_Sperrfristende',
      false,
    ],
    ['not http', 'javascript:void(0)', 'https://example.com/a', false],
  ])('%s', (_name, canonical, page, trusted) => {
    expect(trustCanonical(canonical, page)).toBe(trusted ? new URL(canonical).toString() : null);
  });

  it('checks only the front page when the page has no address (a saved file)', () => {
    expect(trustCanonical('https://www.lemonde.fr/international/article/2024/05/01/x.html')).toBe(
      'https://www.lemonde.fr/international/article/2024/05/01/x.html',
    );
    expect(trustCanonical('https://www.lemonde.fr/')).toBeNull();
  });
});

describe('resolveOutlet', () => {
  const table: {
    name: string;
    clues: Parameters<typeof resolveOutlet>[0];
    expected: { name: string | null; domain: string | null };
  }[] = [
    {
      name: 'ANT alarabia',
      clues: { source: 'alarabia' },
      expected: { name: 'Al Arabiya', domain: 'alarabiya.net' },
    },
    {
      name: 'ANT BBC with URL',
      clues: { source: 'BBC', url: 'http://www.bbc.co.uk/arabic/x-1' },
      expected: { name: 'BBC Arabic', domain: 'bbc.com' },
    },
    {
      name: 'ANT france24',
      clues: { source: 'france24' },
      expected: { name: 'France 24', domain: 'france24.com' },
    },
    {
      name: 'ANT skynews',
      clues: { source: 'skynews' },
      expected: { name: 'Sky News Arabia', domain: 'skynewsarabia.com' },
    },
    {
      name: 'SNN was',
      clues: { source: 'was' },
      expected: { name: 'Saudi Press Agency', domain: 'spa.gov.sa' },
    },
    {
      name: 'SNN 3alyoum',
      clues: { source: '3alyoum' },
      expected: { name: 'Ain Alyoum', domain: '3alyoum.com' },
    },
    {
      name: 'SNN arreyadiyah spelling',
      clues: { source: 'arreyadiyah' },
      expected: { name: 'Arriyadiyah', domain: 'arriyadiyah.com' },
    },
    {
      name: 'BBC English by URL',
      clues: { url: 'https://www.bbc.com/news/world-1' },
      expected: { name: 'BBC News', domain: 'bbc.com' },
    },
    {
      name: 'BBC Arabic by URL',
      clues: { url: 'https://www.bbc.com/arabic/middleeast-1' },
      expected: { name: 'BBC Arabic', domain: 'bbc.com' },
    },
    {
      name: 'subdomain',
      clues: { url: 'https://fr.hespress.com/x' },
      expected: { name: 'Hespress', domain: 'hespress.com' },
    },
    {
      name: 'unknown domain',
      clues: { url: 'https://www.some-paper.ma/a/1' },
      expected: { name: 'some-paper.ma', domain: 'some-paper.ma' },
    },
    {
      name: 'footer domain line',
      clues: { text: 'story\n\nlogo\nإرم نيوز\nwww.eremnews.com' },
      expected: { name: 'Erem News', domain: 'eremnews.com' },
    },
    {
      name: 'footer name line',
      clues: { text: 'story\n\nهسبريس' },
      expected: { name: 'Hespress', domain: 'hespress.com' },
    },
    {
      name: 'follow line',
      clues: { text: 'story\n\nتابع آخر الأخبار من مدار21 على WhatsApp' },
      expected: { name: 'Madar21', domain: 'madar21.com' },
    },
    {
      name: 'hint last',
      clues: { text: 'nothing here', hint: { domain: 'www.lemonde.fr' } },
      expected: { name: 'Le Monde', domain: 'lemonde.fr' },
    },
    { name: 'nothing', clues: {}, expected: { name: null, domain: null } },
  ];
  for (const row of table) it(row.name, () => expect(resolveOutlet(row.clues)).toEqual(row.expected));
});

describe('decodeBytes', () => {
  const arabic = 'مرحبا بالعالم';
  it('UTF-8 with and without BOM', () => {
    const utf8 = new TextEncoder().encode(arabic);
    expect(decodeBytes(utf8, {})).toBe(arabic);
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), {})).toBe(arabic);
  });
  it('UTF-16LE BOM', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x27, 0x06]);
    expect(decodeBytes(bytes, {})).toBe('Aا');
  });
  // windows-1256: م=0xE3 ر=0xD1 ح=0xCD ب=0xC8 ا=0xC7
  const cp1256 = new Uint8Array([0xe3, 0xd1, 0xcd, 0xc8, 0xc7]);
  it('declared charset in Content-Type', () => {
    expect(decodeBytes(cp1256, { contentType: 'text/plain; charset=windows-1256' })).toBe('مرحبا');
  });
  it('declared charset in HTML meta', () => {
    const head = new TextEncoder().encode('<html><head><meta charset="windows-1256"></head><body>');
    expect(decodeBytes(new Uint8Array([...head, ...cp1256]), {})).toContain('<body>مرحبا');
  });
  it('declared charset in the XML declaration', () => {
    const head = new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-6"?><t>');
    // ISO-8859-6: م=0xE5 ر=0xD1
    expect(decodeBytes(new Uint8Array([...head, 0xe5, 0xd1]), {})).toBe(
      '<?xml version="1.0" encoding="ISO-8859-6"?><t>مر',
    );
  });
  it('undeclared legacy Arabic is sniffed as windows-1256, Western as windows-1252', () => {
    expect(decodeBytes(cp1256, {})).toBe('مرحبا');
    expect(decodeBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x74, 0x68, 0xe9]), {})).toBe(
      'café thé',
    );
  });
});
