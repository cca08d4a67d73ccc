import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import * as parser from '@rasid/parser';
import { type Article, foldArabic } from '@rasid/parser';
import type { IngestItem } from '../src/queries/types.ts';

/** A hand-made article: every field a test does not care about gets a plausible value. */
export function makeArticle(overrides: Partial<Article> = {}): Article {
  const title = overrides.title ?? 'عنوان';
  const body = overrides.body ?? 'نص الخبر';
  return {
    format: 'text',
    url: null,
    outlet: { name: 'Test Outlet', domain: 'example.com' },
    title,
    byline: null,
    body,
    language: 'ar',
    direction: 'rtl',
    section: overrides.sections?.[0] ?? null,
    sections: [],
    publishedAt: '2024-03-10T12:00:00Z',
    dateSource: 'meta',
    datePrecision: 'second',
    topics: [],
    fingerprints: {
      contentHash: createHash('sha256')
        .update(foldArabic(`${title}\n${body}`))
        .digest('hex'),
      simhash: '0000000000000000',
    },
    ...overrides,
    publishedDay:
      overrides.publishedDay !== undefined
        ? overrides.publishedDay
        : ((overrides.publishedAt === undefined ? '2024-03-10' : overrides.publishedAt?.slice(0, 10)) ??
          null),
  };
}

/** An ingest item whose raw content is the article itself plus `salt` (different salt = different raw bytes). */
export function makeItem(article: Article, salt = '', fetchedAt = '2024-03-11T08:00:00Z'): IngestItem {
  return {
    raw: {
      location: `test://${article.url ?? article.title}${salt}`,
      url: article.url,
      format: article.format,
      contentType: null,
      content: JSON.stringify(article) + salt,
      fetchedAt,
    },
    article,
  };
}

/** ../shared beside the project's root: real data that must never be copied into the repository. */
export const ANT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/ant');
export const hasAnt = existsSync(ANT_DIR);
if (!hasAnt && process.env.CI) throw new Error(`ANT corpus missing at ${ANT_DIR} (required in CI)`);

type AntRecord = {
  docno: string;
  url: string;
  source: string;
  category: string;
  title: string;
  published: string;
  author: string;
  text: string;
};

const parseDocument = (parser as unknown as { parseDocument?: (input: parser.RawInput) => Article })
  .parseDocument;

/** What the parser makes of an ANT record; done by hand while the parser has no parseDocument yet. */
function antArticle(line: string, location: string): Article {
  if (parseDocument) return parseDocument({ content: line, location, format: 'record' });
  const r = JSON.parse(line) as AntRecord;
  return makeArticle({
    format: 'record',
    url: r.url,
    outlet: { name: r.source, domain: new URL(r.url).hostname.replace(/^www\./, '') },
    title: r.title,
    byline: r.author || null,
    body: r.text,
    section: r.category,
    sections: [r.category],
    publishedAt: new Date(r.published).toISOString(),
    dateSource: 'record',
  });
}

/** One ANT line as the worker would hand it to the store. */
export function antItem(line: string, location: string, fetchedAt = '2024-01-01T00:00:00Z'): IngestItem {
  return {
    raw: { location, url: null, format: 'record', contentType: 'application/json', content: line, fetchedAt },
    article: antArticle(line, location),
  };
}

/** ANT records as ingest items, `perFile` per file (all when omitted), in file order. */
export async function loadAnt(opts: { perFile?: number; fetchedAt?: string } = {}): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  const files = readdirSync(ANT_DIR).filter((f) => f.endsWith('.jsonl.gz'));
  for (const file of files.sort()) {
    // Streamed so that a sample stops reading early instead of inflating the whole file.
    const stream = createReadStream(join(ANT_DIR, file));
    const lines = createInterface({ input: stream.pipe(createGunzip()), crlfDelay: Infinity });
    let n = 0;
    let i = -1;
    for await (const line of lines) {
      i++;
      if (!line.trim()) continue;
      if (opts.perFile !== undefined && n++ >= opts.perFile) break;
      const location = `${join(ANT_DIR, file)}#${i}`;
      let article: Article;
      try {
        article = antArticle(line, location);
      } catch (error) {
        // A record the parser rejects (no text) is the worker's failure to report, not the store's.
        if (error instanceof parser.ParseError) continue;
        throw error;
      }
      items.push({
        raw: {
          location,
          url: null,
          format: 'record',
          contentType: 'application/json',
          content: line,
          fetchedAt: opts.fetchedAt ?? '2024-01-01T00:00:00Z',
        },
        article,
      });
    }
    lines.close();
    stream.destroy();
  }
  return items;
}

export const usesRealParser = parseDocument !== undefined;
