// Pages per second for extractHtml against Mozilla Readability over linkedom, on the same real pages in
// the same process (one core: both are synchronous), with peak resident memory. The pages are held as
// UTF-8 bytes and decoded inside the timed loop for both tools, as a fetcher hands them over: held as
// JS strings they took twice the room (UTF-16, about 105 MB of heap for 52 MB of pages), and V8 let the
// parser's garbage grow in proportion to that live heap, so the peak was mostly the harness's.

import { readdirSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractHtml } from '../../packages/parser/src/html/index.ts';
import { loadTrafilaturaSet } from '../eval/parser-html.ts';
import { readGzipText, readText, sharedPath } from '../eval/shared.ts';

export type ParserBenchResult = {
  pages: number;
  megabytes: number;
  oursPagesPerSecond: number;
  readabilityPagesPerSecond: number;
  ratio: number;
  rssMbWithPages: number;
  peakRssMbAfterOurs: number;
  peakRssMbAfterReadability: number;
};

type Page = { bytes: Buffer; url: string };

function loadPages(limit: number): Page[] {
  const pages: Page[] = [];
  const dir = sharedPath('html', 'readability');
  for (const p of readdirSync(dir))
    pages.push({
      bytes: Buffer.from(readText(`${dir}/${p}/source.html`)),
      url: 'http://fakehost/test/page.html',
    });
  for (const { url, path } of loadTrafilaturaSet()) {
    if (pages.length >= limit) break;
    pages.push({ bytes: Buffer.from(readGzipText(path)), url });
  }
  return pages;
}

function timeRun(pages: Page[], fn: (html: string, url: string) => void, minMs: number): number {
  let done = 0;
  const t0 = performance.now();
  // Whole passes over the set until minMs has elapsed, so both tools see the same page mix.
  do {
    for (const p of pages) fn(p.bytes.toString('utf8'), p.url);
    done += pages.length;
  } while (performance.now() - t0 < minMs);
  return done / ((performance.now() - t0) / 1000);
}

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
const rssMb = (): number => process.memoryUsage().rss / 1048576;

export function runParserBench(opts: { pages?: number; minMs?: number } = {}): ParserBenchResult {
  const pages = loadPages(opts.pages ?? 400);
  const minMs = opts.minMs ?? 5000;
  const megabytes = pages.reduce((n, p) => n + p.bytes.length, 0) / 1e6;
  const rssWithPages = rssMb();
  const ours = (html: string, url: string): void => {
    extractHtml(html, url);
  };
  const readability = (html: string): void => {
    const { document } = parseHTML(html);
    new Readability(document as unknown as Document).parse();
  };
  // Warm both up so the JIT has compiled the hot paths before timing.
  for (const p of pages.slice(0, 50)) ours(p.bytes.toString('utf8'), p.url);
  const oursPps = timeRun(pages, ours, minMs);
  const peakOurs = peakRssMb();
  for (const p of pages.slice(0, 50)) {
    try {
      readability(p.bytes.toString('utf8'));
    } catch {
      // Readability may reject a page; the timed pass below counts it like any other.
    }
  }
  const readabilityPps = timeRun(
    pages,
    (html) => {
      try {
        readability(html);
      } catch {
        // As above.
      }
    },
    minMs,
  );
  const result: ParserBenchResult = {
    pages: pages.length,
    megabytes,
    oursPagesPerSecond: oursPps,
    readabilityPagesPerSecond: readabilityPps,
    ratio: oursPps / readabilityPps,
    rssMbWithPages: rssWithPages,
    peakRssMbAfterOurs: peakOurs,
    peakRssMbAfterReadability: peakRssMb(),
  };
  console.log(
    `\n== Parser: HTML extraction speed (${result.pages} real pages, ${megabytes.toFixed(1)} MB, one core) ==`,
  );
  console.log(`rasid extractHtml                   ${oursPps.toFixed(1)} pages/s`);
  console.log(`@mozilla/readability over linkedom  ${readabilityPps.toFixed(1)} pages/s`);
  console.log(`ratio                               ${result.ratio.toFixed(2)}× (target ≥ 3×)`);
  console.log(
    `peak RSS                            ${result.peakRssMbAfterOurs.toFixed(0)} MB after extractHtml (target < 300 MB), ${result.peakRssMbAfterReadability.toFixed(0)} MB after Readability`,
  );
  console.log(
    `                                    (${rssWithPages.toFixed(0)} MB before either ran: Node, tsx, both tools' code and the pages as UTF-8 bytes, decoded per parse)`,
  );
  return result;
}
