// Feed parsing agreement: rss-parser's outputs (feed title, item count, item titles and links) and the
// `Expect:` assertions of feedparser's test feeds that map onto our Feed shape.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { type Feed, type FeedItem, parseFeed } from '../../packages/parser/src/feed/index.ts';
import { ParseError } from '../../packages/parser/src/types.ts';
import { decodeHtml, sharedPath } from './shared.ts';

type RssParserItem = { title?: string; link?: string };
type RssParserOutput = { feed: { title?: string; items?: RssParserItem[] } };

export type RssParserEval = {
  files: number;
  titles: number;
  counts: number;
  itemTitles: number;
  itemLinks: number;
  items: number;
  failures: string[];
};

const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

export function evaluateRssParser(): RssParserEval {
  const dir = sharedPath('feeds', 'rss-parser');
  const res: RssParserEval = {
    files: 0,
    titles: 0,
    counts: 0,
    itemTitles: 0,
    itemLinks: 0,
    items: 0,
    failures: [],
  };
  for (const file of readdirSync(join(dir, 'input'))) {
    const name = file.replace(/\.[^.]+$/, '');
    let expected: RssParserOutput;
    try {
      expected = JSON.parse(readFileSync(join(dir, 'output', `${name}.json`), 'utf8')) as RssParserOutput;
    } catch {
      continue; // rss-parser gave no output (it rejected the feed)
    }
    res.files++;
    let feed: Feed;
    try {
      feed = parseFeed(decodeHtml(readFileSync(join(dir, 'input', file))));
    } catch (e) {
      res.failures.push(`${file}: ${(e as Error).message}`);
      continue;
    }
    const items = expected.feed.items ?? [];
    if (squash(feed.title) === squash(expected.feed.title)) res.titles++;
    else
      res.failures.push(
        `${file}: title ${JSON.stringify(feed.title)} vs ${JSON.stringify(expected.feed.title)}`,
      );
    if (feed.items.length === items.length) res.counts++;
    else res.failures.push(`${file}: ${feed.items.length} items vs ${items.length}`);
    items.forEach((it, i) => {
      res.items++;
      const ours = feed.items[i];
      if (squash(ours?.title) === squash(it.title)) res.itemTitles++;
      else if (res.failures.length < 60)
        res.failures.push(
          `${file}#${i}: title ${JSON.stringify(ours?.title)} vs ${JSON.stringify(it.title)}`,
        );
      if (squash(ours?.link) === squash(it.link)) res.itemLinks++;
      else if (res.failures.length < 60)
        res.failures.push(`${file}#${i}: link ${JSON.stringify(ours?.link)} vs ${JSON.stringify(it.link)}`);
    });
  }
  return res;
}

/** Reads a Python string literal ('...', u"...") with its escapes. */
function readPyString(src: string): { value: string; rest: string } | null {
  const m = /^[uUrRbB]?(['"])/.exec(src);
  if (!m) return null;
  const quote = m[1] as string;
  let i = m[0].length;
  let out = '';
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === quote) return { value: out, rest: src.slice(i + 1) };
    if (ch === '\\') {
      const n = src[i + 1] ?? '';
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        '\\': '\\',
        "'": "'",
        '"': '"',
        '0': '\0',
      };
      if (n === 'x') {
        out += String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 4), 16));
        i += 4;
      } else if (n === 'u') {
        out += String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 6), 16));
        i += 6;
      } else if (n === 'U') {
        out += String.fromCodePoint(Number.parseInt(src.slice(i + 2, i + 10), 16));
        i += 10;
      } else {
        out += simple[n] ?? `\\${n}`;
        i += 2;
      }
      continue;
    }
    out += ch;
    i++;
  }
  return null;
}

type Getter = (feed: Feed) => string | number[] | null | undefined;

function dateTuple(iso: string | null | undefined): number[] | null {
  if (!iso) return null;
  const d = new Date(iso);
  return [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  ];
}

const ENTRY_FIELDS: Record<string, (item: FeedItem) => string | number[] | null> = {
  title: (i) => i.title,
  link: (i) => i.link,
  id: (i) => i.guid,
  author: (i) => i.author,
  published_parsed: (i) => dateTuple(i.published),
  // feedparser reads dc:date as `updated` and falls back to `published` when an entry has no update date.
  updated_parsed: (i) => dateTuple(i.updated ?? i.published),
};
const FEED_FIELDS: Record<string, (feed: Feed) => string | null> = {
  title: (f) => f.title,
  link: (f) => f.link,
  language: (f) => f.language,
};

/** Maps one Expect line onto a getter and expected value, or null when the assertion has no counterpart. */
export function mapExpect(expect: string): { get: Getter; want: string | number[] } | null {
  const body = expect.replace(/^(not\s+)?bozo\s+and\s+/, '').trim();
  const m = /^(feed|entries\[(\d+)\])\['([a-z_]+)'\]\s*==\s*(.+)$/s.exec(body);
  if (!m) return null;
  const [, scope, index, field, rhs] = m;
  let want: string | number[];
  const tuple = /^\(([\d,\s]+)\)\s*$/.exec(rhs ?? '');
  if (tuple)
    want = (tuple[1] as string)
      .split(',')
      .map((n) => Number(n.trim()))
      .slice(0, 6);
  else {
    const lit = readPyString((rhs ?? '').trim());
    if (lit?.rest.trim() !== '') return null;
    want = lit.value;
  }
  if (scope === 'feed') {
    const f = FEED_FIELDS[field ?? ''];
    return f && typeof want === 'string' ? { get: f, want } : null;
  }
  const e = ENTRY_FIELDS[field ?? ''];
  if (!e) return null;
  const n = Number(index);
  return { get: (feed) => (feed.items[n] ? e(feed.items[n]) : null), want };
}

export type FeedparserEval = {
  files: number;
  mapped: number;
  passed: number;
  plainTitleAgree: number;
  byField: Map<string, { pass: number; total: number }>;
  failures: string[];
};

function plainText(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, '')).trim();
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

export function evaluateFeedparser(): FeedparserEval {
  const root = sharedPath('feeds', 'feedparser');
  const res: FeedparserEval = {
    files: 0,
    mapped: 0,
    passed: 0,
    plainTitleAgree: 0,
    byField: new Map(),
    failures: [],
  };
  for (const path of listFiles(root)) {
    res.files++;
    const raw = readFileSync(path);
    const text = path.endsWith('.json') ? raw.toString('utf8') : decodeHtml(raw);
    const expect = /Expect:\s*(.+)/.exec(text)?.[1]?.trim();
    if (!expect) continue;
    const mapped = mapExpect(expect);
    if (!mapped) continue;
    res.mapped++;
    const field = /\['([a-z_]+)'\]/.exec(expect)?.[1] ?? '?';
    const key = `${expect.includes('entries[') ? 'entries' : 'feed'}.${field}`;
    const stat = res.byField.get(key) ?? { pass: 0, total: 0 };
    stat.total++;
    res.byField.set(key, stat);
    let got: string | number[] | null | undefined;
    try {
      // feedparser's suite serves each file from this address; relative links resolve against it.
      got = mapped.get(parseFeed(text, { url: `http://127.0.0.1:8097/${path.slice(root.length + 1)}` }));
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      got = null;
    }
    const ok = Array.isArray(mapped.want)
      ? JSON.stringify(got) === JSON.stringify(mapped.want)
      : got === mapped.want;
    // Our titles are plain text by contract; feedparser keeps sanitised HTML. Count that agreement apart.
    if (!ok && field === 'title' && typeof mapped.want === 'string' && got === plainText(mapped.want))
      res.plainTitleAgree++;
    if (ok) {
      res.passed++;
      stat.pass++;
    } else
      res.failures.push(
        `${path.slice(root.length + 1)}: got ${JSON.stringify(got)} want ${JSON.stringify(mapped.want)}`,
      );
  }
  return res;
}

const pct = (a: number, b: number): string => `${(a / Math.max(1, b)).toFixed(3)} (${a}/${b})`;

export function runFeedEval(): void {
  const r = evaluateRssParser();
  console.log(`\n== Feeds: rss-parser's outputs (${r.files} feeds with an output) ==`);
  console.log(`feed title      ${pct(r.titles, r.files)}`);
  console.log(`item count      ${pct(r.counts, r.files)}`);
  console.log(`item titles     ${pct(r.itemTitles, r.items)}`);
  console.log(`item links      ${pct(r.itemLinks, r.items)}`);
  if (process.env.EVAL_VERBOSE) for (const f of r.failures) console.log(`  ${f}`);
  const fp = evaluateFeedparser();
  console.log(
    `\n== Feeds: feedparser's Expect assertions (${fp.files} files; ${fp.mapped} assertions map onto our Feed shape) ==`,
  );
  console.log(`pass rate       ${pct(fp.passed, fp.mapped)}`);
  console.log(
    `  + titles equal to feedparser's once its kept markup is reduced to text: ${fp.plainTitleAgree}`,
  );
  for (const [k, v] of [...fp.byField].sort((a, b) => b[1].total - a[1].total))
    console.log(`  ${k.padEnd(26)} ${pct(v.pass, v.total)}`);
  if (process.env.EVAL_VERBOSE) for (const f of fp.failures) console.log(`  ${f}`);
}
