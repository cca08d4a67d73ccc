import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../src/feed/index.ts';
import { ParseError } from '../src/types.ts';

const DIR = resolve(import.meta.dirname, '../../../../shared/feeds');
const hasData = existsSync(`${DIR}/rss-parser/input`) || !!process.env.CI;

function decode(bytes: Buffer): string {
  const label = /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(
    bytes.subarray(0, 200).toString('latin1'),
  )?.[1];
  try {
    return new TextDecoder(label ?? 'utf-8', { fatal: !label }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const read = (name: string): string => decode(readFileSync(`${DIR}/rss-parser/input/${name}`));

type RssParserOut = { feed: { title?: string; items: { title?: string; link?: string }[] } };

describe.skipIf(!hasData)('parseFeed on rss-parser feeds', () => {
  // Item counts and titles as rss-parser reports them.
  it.each([
    ['guardian.rss', 'rss', 55],
    ['heise.atom', 'atom', 15],
    ['reddit.rss', 'rss', 24],
    ['feedburner.atom', 'atom', 25],
    ['rss-1.rss', 'rdf', 69],
    ['craigslist.rss', 'rdf', 25],
    ['giantbomb-podcast.rss', 'rss', 730],
    ['content-encoded.rss', 'rss', 7],
    ['many-links.rss', 'atom', 25],
  ] as const)('%s: %s with %i items, titles and links as rss-parser has them', (file, kind, count) => {
    const feed = parseFeed(read(file));
    const expected = JSON.parse(
      readFileSync(`${DIR}/rss-parser/output/${file.replace(/\.\w+$/, '.json')}`, 'utf8'),
    ) as RssParserOut;
    expect(feed.kind).toBe(kind);
    expect(feed.items).toHaveLength(count);
    expect(feed.title).toBe(expected.feed.title?.trim());
    for (const [i, it] of expected.feed.items.slice(0, 5).entries()) {
      if (!/[<&]/.test(it.title ?? '')) expect(feed.items[i]?.title).toBe(it.title?.trim());
      expect(feed.items[i]?.link).toBe(it.link);
    }
  });

  it("keeps FeedBurner's original article address beside its redirecting proxy link", () => {
    // Counted from the XML itself: every entry of the FeedBurner Atom feed names its origLink.
    const xml = read('feedburner.atom').toString();
    const origLinks = [...xml.matchAll(/<feedburner:origLink>([^<]+)<\/feedburner:origLink>/g)].map(
      (m) => m[1],
    );
    const atom = parseFeed(xml);
    expect(origLinks).toHaveLength(25);
    expect(atom.items.map((i) => i.originalLink)).toEqual(origLinks);
    expect(atom.items[0]?.link).toMatch(/^http:\/\/feedproxy\.google\.com\/~r\//);
    expect(atom.items[0]?.originalLink).toBe(
      'http://googleadsdeveloper.blogspot.com/2016/06/adwords-and-dfp-java-client-library.html',
    );
    // An RSS item (latin-1 feed of Jornal de Notícias) and a feed without the element.
    const rss = parseFeed(read('encoding.rss'));
    expect(rss.items.at(-1)?.originalLink).toBe(
      'https://www.jn.pt/economia/interior/lisboa-quer-passes-sociais-com-acesso-a-taxis-e-bicicletas-9020740.html',
    );
    expect(parseFeed(read('guardian.rss')).items.every((i) => i.originalLink === null)).toBe(true);
  });

  it('reads namespaced fields: dc:creator, dc:date, categories, content:encoded', () => {
    const feed = parseFeed(read('guardian.rss'));
    const first = feed.items[0];
    expect(first?.author).toBe('David Smith in Washington');
    expect(first?.published).toBe('2018-01-31T07:26:05.000Z');
    expect(first?.categories).toContain('Donald Trump');
    expect(feed.language).toBe('en-gb');
    const medium = parseFeed(read('content-encoded.rss'));
    expect(medium.items[0]?.content).toMatch(/^<h4>Using Wild Ingredients in the\u00a0Kitchen<\/h4>/);
    expect(medium.items[0]?.author).toBe('Jeremy Puma');
  });

  it('decodes latin1 and keeps accents', () => {
    const feed = parseFeed(read('encoding.rss'));
    expect(feed.title).toBe('Jornal de Notícias - Últimas Notícias');
    expect(feed.items[0]?.title).toBe('Mãe de utente é a nova presidente da Raríssimas');
  });

  it('resolves relative Atom links against the site link when no feed URL is given', () => {
    const feed = parseFeed(read('gulp-atom.atom'));
    expect(feed.items[0]?.link).toBe('https://github.com/gulpjs/gulp/releases/tag/v3.9.0');
    const withUrl = parseFeed(read('gulp-atom.atom'), { url: 'https://example.org/feed.atom' });
    expect(withUrl.items[0]?.link).toBe('https://example.org/gulpjs/gulp/releases/tag/v3.9.0');
  });

  it('rejects an HTML page with a ParseError naming the input', () => {
    expect(() => parseFeed(read('unrecognized.rss'), { url: 'https://x.test/rss' })).toThrow(ParseError);
    expect(() => parseFeed(read('unrecognized.rss'), { url: 'https://x.test/rss' })).toThrow(
      /^https:\/\/x\.test\/rss: not a feed: /,
    );
  });

  it('keeps what a truncated feed holds', () => {
    const text = read('guardian.rss');
    const feed = parseFeed(text.slice(0, Math.floor(text.length / 2)));
    expect(feed.items.length).toBeGreaterThan(10);
    expect(feed.items.length).toBeLessThan(55);
    expect(feed.items[0]?.title).toBe(
      'Trump State of the Union address promised unity but emphasized discord',
    );
  });
});

describe.skipIf(!hasData)('parseFeed on feedparser cases', () => {
  const fp = (p: string): string => readFileSync(`${DIR}/feedparser/${p}`, 'utf8');
  it('handles Atom 0.3, RDF without default namespace, dc:date and JSON Feed', () => {
    expect(parseFeed(fp('wellformed/namespace/rss1.0withModulesNoDefNS.xml')).items[0]?.title).toBe(
      'Test Item - RSS 1.0 no Default NS',
    );
    expect(parseFeed(fp('wellformed/rss/item_dc_date_parsed.xml')).items[0]?.published).toBe(
      '2003-12-31T10:14:55.000Z',
    );
    const json = parseFeed(fp('json/example.json'));
    expect(json.kind).toBe('json');
    expect(json.items.length).toBeGreaterThan(0);
  });
});

describe('parseFeed on small inputs', () => {
  it('reads a JSON Feed 1.1', () => {
    const feed = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'مدار 21',
        home_page_url: 'https://madar21.com/',
        language: 'ar',
        items: [
          {
            id: '1',
            url: '/news/1',
            title: 'غانتس في الرباط',
            date_published: '2021-11-24T09:00:00+01:00',
            tags: ['سياسة'],
            authors: [{ name: 'مدار21' }],
          },
        ],
      }),
    );
    expect(feed).toEqual({
      kind: 'json',
      title: 'مدار 21',
      link: 'https://madar21.com/',
      language: 'ar',
      items: [
        {
          title: 'غانتس في الرباط',
          link: 'https://madar21.com/news/1',
          originalLink: null,
          guid: '1',
          published: '2021-11-24T08:00:00.000Z',
          updated: null,
          summary: null,
          content: null,
          categories: ['سياسة'],
          author: 'مدار21',
        },
      ],
    });
  });

  it('decodes HTML entities once and keeps CDATA verbatim', () => {
    const feed = parseFeed(
      '<rss version="2.0"><channel><title>A &amp; B &eacute;</title><item><title><![CDATA[Tom &amp; Jerry]]></title><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>',
    );
    expect(feed.title).toBe('A & B é');
    expect(feed.items[0]?.title).toBe('Tom &amp; Jerry');
    expect(feed.items[0]?.summary).toBe('<p>x</p>');
  });

  it('resolves xml:base on Atom entries', () => {
    const feed = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/"><title>t</title><entry xml:base="2024/"><title>e</title><link href="post.html"/><id>x</id><published>2024-05-01T00:00:00Z</published></entry></feed>',
    );
    expect(feed.items[0]?.link).toBe('http://example.org/blog/2024/post.html');
    expect(feed.items[0]?.published).toBe('2024-05-01T00:00:00.000Z');
  });

  it('throws ParseError on inputs that are not feeds', () => {
    for (const text of ['', '   ', '<html><body>hi</body></html>', '{"a":1}', '{broken json', 'plain text']) {
      expect(() => parseFeed(text), JSON.stringify(text)).toThrow(ParseError);
    }
  });
});
