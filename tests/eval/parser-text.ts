// The plain-text parser on scraper dumps: each trafilatura page rendered to its whole visible text, one
// block a line (menus, breadcrumbs, footers and all), parsed with format 'text', and scored with the same
// `with`/`without` snippets as the HTML body. ANCHORS.md gives the held-back pages in this shape.

import { extractPageText } from '../../packages/parser/src/html/index.ts';
import { parseDocument } from '../../packages/parser/src/parse.ts';
import { ParseError } from '../../packages/parser/src/types.ts';
import { loadTrafilaturaSet, type SnippetScore, scoreSnippets, toPrf } from './parser-html.ts';
import { readGzipText } from './shared.ts';

/** Our rendering of a page as a scraper's text dump: every visible block of the page on its own line. */
export function renderVisibleText(html: string): string {
  return extractPageText(html)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

export type TextEvalResult = {
  pages: number;
  failed: number;
  body: SnippetScore;
  wholeText: SnippetScore;
  perPage: { file: string; fn: number; fp: number }[];
};

export function evaluateVisibleText(): TextEvalResult {
  const set = loadTrafilaturaSet();
  const res: TextEvalResult = {
    pages: set.length,
    failed: 0,
    body: { tp: 0, fp: 0, tn: 0, fn: 0 },
    wholeText: { tp: 0, fp: 0, tn: 0, fn: 0 },
    perPage: [],
  };
  for (const { url, entry, path } of set) {
    const text = renderVisibleText(readGzipText(path));
    let body = '';
    try {
      body = parseDocument({ content: text, location: entry.file, url, format: 'text' }).body;
    } catch (e) {
      // A dump the parser finds no article in scores as an empty body.
      if (!(e instanceof ParseError)) throw e;
      res.failed++;
    }
    const before = { ...res.body };
    scoreSnippets(body, entry, res.body);
    res.perPage.push({ file: entry.file, fn: res.body.fn - before.fn, fp: res.body.fp - before.fp });
    scoreSnippets(text, entry, res.wholeText);
  }
  return res;
}

const pct = (n: number): string => n.toFixed(3);

export function runTextEval(): void {
  const t0 = performance.now();
  const r = evaluateVisibleText();
  const body = toPrf(r.body);
  const whole = toPrf(r.wholeText);
  console.log(
    `\n== Plain-text scrapes: trafilatura evaluation set as visible text (${r.pages} pages, ${((performance.now() - t0) / 1000).toFixed(1)} s) ==`,
  );
  console.log(
    "Conversion is ours: each page's visible blocks, one a line (menus, breadcrumbs, footers kept), parsed with format 'text'.",
  );
  console.log('tool                         F1     P      R');
  console.log(
    `rasid text parser            ${pct(body.f1)}  ${pct(body.precision)}  ${pct(body.recall)}   (TP ${r.body.tp} FP ${r.body.fp} TN ${r.body.tn} FN ${r.body.fn}; no article found on ${r.failed})`,
  );
  console.log(
    `whole visible text           ${pct(whole.f1)}  ${pct(whole.precision)}  ${pct(whole.recall)}   (ANCHORS, held-back pages: whole text 0.665, target ≥ 0.85)`,
  );
  if (process.env.EVAL_VERBOSE) {
    const worst = [...r.perPage].sort((a, b) => b.fn + b.fp - (a.fn + a.fp)).slice(0, 40);
    for (const w of worst) console.log(`  ${w.file}: FN ${w.fn} FP ${w.fp}`);
  }
}
