import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/env.ts';
import { readSourcesConfig } from '../src/sources/config.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rasid-sources-'));

function writeConfig(name: string, content: unknown): string {
  const file = path.join(tmp, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('readSourcesConfig', () => {
  it('accepts the default configuration, with feeds in Arabic, English and French and an inbox folder', async () => {
    const sources = await readSourcesConfig(path.join(REPO_ROOT, 'rasid.sources.json'));
    const languages = new Set(sources.flatMap((s) => (s.kind === 'feed' ? [s.language] : [])));
    expect(languages).toEqual(new Set(['ar', 'en', 'fr']));
    const inbox = sources.find((s) => s.kind === 'folder');
    expect(inbox?.kind === 'folder' && inbox.path).toBe(path.join(REPO_ROOT, 'data', 'inbox'));
    expect(sources.every((s) => s.enabled && s.schedule.split(' ').length === 5)).toBe(true);
  });

  it.each([
    ['not-json.json', '{"sources": [', /not-json\.json: not valid JSON/],
    ['no-url.json', { sources: [{ name: 'x', kind: 'feed' }] }, /no-url\.json: sources\.0\.url: /],
    [
      'bad-kind.json',
      { sources: [{ name: 'x', kind: 'ftp', url: 'ftp://a' }] },
      /bad-kind\.json: sources\.0\.kind/,
    ],
    [
      'private-not-boolean.json',
      { sources: [{ name: 'x', kind: 'feed', url: 'http://10.0.0.1/rss', allowPrivateNetwork: 'yes' }] },
      /private-not-boolean\.json: sources\.0\.allowPrivateNetwork: /,
    ],
    [
      'page-no-url.json',
      { sources: [{ name: 'p', kind: 'page', path: 'x' }] },
      /page-no-url\.json: sources\.0\.url: /,
    ],
    [
      'zero-timeout.json',
      { sources: [{ name: 'x', kind: 'feed', url: 'http://a.example/rss', timeoutMs: 0 }] },
      /zero-timeout\.json: sources\.0\.timeoutMs: /,
    ],
    [
      'twice.json',
      {
        sources: [
          { name: 'a', kind: 'folder', path: 'x' },
          { name: 'a', kind: 'folder', path: 'y' },
        ],
      },
      /two sources are named "a"/,
    ],
  ])('rejects %s with a message naming the file and the entry', async (name, content, message) => {
    await expect(readSourcesConfig(writeConfig(name, content))).rejects.toThrow(message);
  });

  it('defaults a fetched source to public addresses only', async () => {
    const file = writeConfig('page.json', {
      sources: [{ name: 'p', kind: 'page', url: 'https://a.example/x' }],
    });
    expect(await readSourcesConfig(file)).toEqual([
      {
        name: 'p',
        kind: 'page',
        url: 'https://a.example/x',
        schedule: '*/30 * * * *',
        enabled: true,
        allowPrivateNetwork: false,
      },
    ]);
  });

  it("defaults feeds to fetching summary-only items' pages and sitemaps to bounded runs", async () => {
    const file = writeConfig('paged.json', {
      sources: [
        { name: 'f', kind: 'feed', url: 'https://a.example/rss' },
        { name: 's', kind: 'sitemap', url: 'https://a.example/news-sitemap.xml', maxPagesPerRun: 10 },
      ],
    });
    const [feed, sitemap] = await readSourcesConfig(file);
    expect(feed).toMatchObject({ kind: 'feed', fetchArticlePages: true, maxPagesPerRun: 100 });
    expect(sitemap).toMatchObject({ kind: 'sitemap', maxPagesPerRun: 10, maxSitemaps: 20 });
  });

  it.each([
    [{ name: 's', kind: 'sitemap' }, /sources\.0\.url: /],
    [
      { name: 's', kind: 'sitemap', url: 'https://a.example/s.xml', maxPagesPerRun: 0 },
      /sources\.0\.maxPagesPerRun: /,
    ],
    [
      { name: 'f', kind: 'feed', url: 'https://a.example/rss', fetchArticlePages: 'yes' },
      /sources\.0\.fetchArticlePages: /,
    ],
    [{ name: 'f', kind: 'feed', url: 'https://a.example/rss', hostDelayMs: -1 }, /sources\.0\.hostDelayMs: /],
  ])('rejects a bad paged setting: %j', async (entry, message) => {
    await expect(readSourcesConfig(writeConfig('bad-paged.json', { sources: [entry] }))).rejects.toThrow(
      message,
    );
  });

  it('names a missing file', async () => {
    await expect(readSourcesConfig(path.join(tmp, 'missing.json'))).rejects.toThrow(
      /missing\.json: cannot read/,
    );
  });
});
