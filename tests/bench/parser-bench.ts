// Pages per second for extractHtml against Mozilla Readability over linkedom, on the same real pages in
// the same process (one core: both are synchronous), with peak resident memory.

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
  peakRssMbAfterOurs: number;
  peakRssMbAfterReadability: number;
};

function loadPages(limit: number): { html: string; url: string }[] {
  const pages: { html: string; url: string }[] = [];
  const dir = sharedPath('html', 'readability');
  for (const p of readdirSync(dir))
    pages.push({ html: readText(`${dir}/${p}/source.html`), url: 'http://fakehost/test/page.html' });
  for (const { url, path } of loadTrafilaturaSet()) {
    if (pages.length >= limit) break;
    pages.push({ html: readGzipText(path), url });
  }
  return pages;
}

function timeRun(
  pages: { html: string; url: string }[],
  fn: (html: string, url: string) => void,
  minMs: number,
): number {
  let done = 0;
  const t0 = performance.now();
  // Whole passes over the set until minMs has elapsed, so both tools see the same page mix.
  do {
    for (const p of pages) fn(p.html, p.url);
    done += pages.length;
  } while (performance.now() - t0 < minMs);
  return done / ((performance.now() - t0) / 1000);
}

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

export function runParserBench(opts: { pages?: number; minMs?: number } = {}): ParserBenchResult {
  const pages = loadPages(opts.pages ?? 400);
  const minMs = opts.minMs ?? 5000;
  const megabytes = pages.reduce((n, p) => n + p.html.length, 0) / 1e6;
  const ours = (html: string, url: string): void => {
    extractHtml(html, url);
  };
  const readability = (html: string): void => {
    const { document } = parseHTML(html);
    new Readability(document as unknown as Document).parse();
  };
  // Warm both up so the JIT has compiled the hot paths before timing.
  for (const p of pages.slice(0, 50)) ours(p.html, p.url);
  const oursPps = timeRun(pages, ours, minMs);
  const peakOurs = peakRssMb();
  for (const p of pages.slice(0, 50)) {
    try {
      readability(p.html);
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
    `peak RSS                            ${result.peakRssMbAfterOurs.toFixed(0)} MB after extractHtml, ${result.peakRssMbAfterReadability.toFixed(0)} MB after Readability`,
  );
  return result;
}
