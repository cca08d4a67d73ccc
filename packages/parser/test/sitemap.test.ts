// Sitemap parsing, table-driven. The XML below is written for these tests (the shared data holds no
// sitemap): the shapes follow sitemaps.org 0.9 and Google's news sitemap documentation.
import { describe, expect, it } from 'vitest';
import { parseSitemap } from '../src/sitemap/index.ts';

const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';
const NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"';
const urlset = (body: string, attrs = NS) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${attrs}>${body}</urlset>\n`;

describe('parseSitemap: urlsets', () => {
  it.each([
    [
      'plain entries with and without lastmod',
      urlset(
        '<url><loc>https://www.aljazeera.net/news/2024/1/2/a</loc><lastmod>2024-01-02T10:00:00+03:00</lastmod></url>' +
          '<url><loc> https://www.aljazeera.net/news/2024/1/2/b </loc></url>',
      ),
      [
        { loc: 'https://www.aljazeera.net/news/2024/1/2/a', lastmod: '2024-01-02T07:00:00.000Z', news: null },
        { loc: 'https://www.aljazeera.net/news/2024/1/2/b', lastmod: null, news: null },
      ],
    ],
    [
      'entities, CDATA and a date-only lastmod',
      urlset(
        '<url><loc>https://example.org/a?x=1&amp;y=2</loc><lastmod>2023-11-05</lastmod></url>' +
          '<url><loc><![CDATA[https://example.org/b?x=1&y=2]]></loc></url>',
      ),
      [
        { loc: 'https://example.org/a?x=1&y=2', lastmod: '2023-11-05T00:00:00.000Z', news: null },
        { loc: 'https://example.org/b?x=1&y=2', lastmod: null, news: null },
      ],
    ],
    [
      'a duplicate location is listed once',
      urlset('<url><loc>https://example.org/a</loc></url><url><loc>https://example.org/a</loc></url>'),
      [{ loc: 'https://example.org/a', lastmod: null, news: null }],
    ],
    [
      'a prefixed sitemap namespace',
      urlset(
        '<sm:url><sm:loc>https://example.org/p</sm:loc></sm:url>',
        'xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"',
      )
        .replace('<urlset', '<sm:urlset')
        .replace('</urlset>', '</sm:urlset>'),
      [{ loc: 'https://example.org/p', lastmod: null, news: null }],
    ],
    ['an empty urlset', urlset(''), []],
  ])('%s', (_name, xml, urls) => {
    const sitemap = parseSitemap(xml, { url: 'https://example.org/sitemap.xml' });
    expect(sitemap).toEqual({ kind: 'urlset', urls, problems: [] });
  });

  it('reads the Google News extension: publication name and language, date, title', () => {
    const xml = urlset(
      `<url><loc>https://www.hespress.com/politique/123.html</loc>
        <news:news>
          <news:publication><news:name>هسبريس</news:name><news:language>AR</news:language></news:publication>
          <news:publication_date>2024-03-01T21:30:00-01:00</news:publication_date>
          <news:title><![CDATA[لقاء بين الرباط & مدريد]]></news:title>
        </news:news></url>
      <url><loc>https://www.lemonde.fr/a.html</loc>
        <news:news><news:publication><news:name>Le Monde</news:name><news:language>fr</news:language></news:publication>
          <news:publication_date>2024-03-02</news:publication_date><news:title>L&#8217;Assemblée vote</news:title>
        </news:news></url>`,
      `${NS} ${NEWS_NS}`,
    );
    const sitemap = parseSitemap(xml);
    expect(sitemap.kind === 'urlset' && sitemap.urls.map((u) => u.news)).toEqual([
      {
        publicationName: 'هسبريس',
        language: 'ar',
        publishedAt: '2024-03-01T22:30:00.000Z',
        title: 'لقاء بين الرباط & مدريد',
      },
      {
        publicationName: 'Le Monde',
        language: 'fr',
        publishedAt: '2024-03-02T00:00:00.000Z',
        title: 'L’Assemblée vote',
      },
    ]);
  });

  it.each([
    ['an entry without <loc>', '<url><lastmod>2024-01-01</lastmod></url>', 'url 1: an entry has no <loc>'],
    [
      'a mailto location',
      '<url><loc>mailto:desk@example.org</loc></url>',
      'url 1: <loc> "mailto:desk@example.org" is not an http(s) URL',
    ],
    ['an unparsable location', '<url><loc>http://</loc></url>', 'url 1: <loc> "http://" is not a URL'],
  ])('skips %s and reports it, keeping the good entries', (_name, bad, problem) => {
    const sitemap = parseSitemap(urlset(`${bad}<url><loc>https://example.org/ok</loc></url>`));
    expect(sitemap).toEqual({
      kind: 'urlset',
      urls: [{ loc: 'https://example.org/ok', lastmod: null, news: null }],
      problems: [problem],
    });
  });

  it('resolves relative locations against the sitemap URL', () => {
    const sitemap = parseSitemap(urlset('<url><loc>/news/1</loc></url>'), {
      url: 'https://example.org/s.xml',
    });
    expect(sitemap.kind === 'urlset' && sitemap.urls[0]?.loc).toBe('https://example.org/news/1');
  });

  it('keeps the first maxEntries and says so', () => {
    const body = Array.from({ length: 5 }, (_, i) => `<url><loc>https://example.org/${i}</loc></url>`).join(
      '',
    );
    const sitemap = parseSitemap(urlset(body), { maxEntries: 3 });
    expect(sitemap.kind === 'urlset' && sitemap.urls.map((u) => u.loc)).toEqual([
      'https://example.org/0',
      'https://example.org/1',
      'https://example.org/2',
    ]);
    expect(sitemap.problems).toEqual(['5 entries; only the first 3 are read']);
  });
});

describe('parseSitemap: sitemap index files', () => {
  it('lists the child sitemaps with their lastmod', () => {
    const xml = `<?xml version="1.0"?><sitemapindex ${NS}>
      <sitemap><loc>https://example.org/news-1.xml</loc><lastmod>2024-05-01T00:00:00Z</lastmod></sitemap>
      <sitemap><loc>news-2.xml.gz</loc></sitemap>
    </sitemapindex>`;
    expect(parseSitemap(xml, { url: 'https://example.org/index.xml' })).toEqual({
      kind: 'index',
      sitemaps: [
        { loc: 'https://example.org/news-1.xml', lastmod: '2024-05-01T00:00:00.000Z' },
        { loc: 'https://example.org/news-2.xml.gz', lastmod: null },
      ],
      problems: [],
    });
  });
});

describe('parseSitemap: malformed input is an error naming the sitemap and the problem', () => {
  const where = 'https://example.org/sitemap.xml';
  it.each([
    ['empty', '', 'not a sitemap: empty document'],
    ['blank', ' \n\t ', 'not a sitemap: empty document'],
    ['plain text', 'Service Unavailable', 'not a sitemap: no XML elements'],
    [
      'an HTML page',
      '<!DOCTYPE html><html><body><h1>404</h1></body></html>',
      'not a sitemap: root element <html> (expected <urlset> or <sitemapindex>)',
    ],
    [
      'an RSS feed',
      '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
      'not a sitemap: root element <rss> (expected <urlset> or <sitemapindex>)',
    ],
    [
      'a truncated urlset',
      urlset('<url><loc>https://example.org/a</loc></url><url><loc>https://exa').replace(/<\/urlset>\n$/, ''),
      'malformed sitemap: the document ends before its closing </urlset>',
    ],
    [
      'a truncated index',
      `<sitemapindex ${NS}><sitemap><loc>https://example.org/1.xml</loc></sitemap>`,
      'malformed sitemap: the document ends before its closing </sitemapindex>',
    ],
    [
      'an entry left open',
      urlset('<url><loc>https://example.org/a</loc><url><loc>https://example.org/b</loc></url>'),
      'malformed sitemap: 2 <url> but 1 </url> (an entry is not closed)',
    ],
    [
      'the last entry left open',
      urlset('<url><loc>https://example.org/a</loc></url><url><loc>https://example.org/b</loc>'),
      'malformed sitemap: 2 <url> but 1 </url> (an entry is not closed)',
    ],
    [
      'no usable location at all',
      urlset('<url><loc>javascript:alert(1)</loc></url><url></url>'),
      'malformed sitemap: none of its 2 entries has a usable <loc> (url 1: <loc> "javascript:alert(1)" is not an http(s) URL)',
    ],
    ['binary garbage', '\u0000\u0001\u0002PK\u0003\u0004', 'not a sitemap: no XML elements'],
  ])('%s', (_name, xml, problem) => {
    expect(() => parseSitemap(xml, { url: where })).toThrow(`${where}: ${problem}`);
  });

  it('never throws anything but a ParseError on mangled versions of a good sitemap', () => {
    const good = urlset(
      Array.from(
        { length: 20 },
        (_, i) => `<url><loc>https://example.org/${i}</loc><lastmod>2024-01-0${(i % 9) + 1}</lastmod></url>`,
      ).join(''),
      `${NS} ${NEWS_NS}`,
    );
    for (let cut = 0; cut < good.length; cut += 11) {
      for (const mangled of [good.slice(0, cut), good.slice(cut), good.slice(0, cut) + good.slice(cut + 5)]) {
        try {
          parseSitemap(mangled, { url: where });
        } catch (error) {
          expect((error as Error).name).toBe('ParseError');
          expect((error as Error).message.startsWith(`${where}: `)).toBe(true);
        }
      }
    }
  });
});
