// Plain text copied from a web page: the article's lines mixed with whatever the page showed around it
// (section label, repeated headline, widgets, footer). Rules are general and data-driven (boilerplate.ts);
// nothing here knows a particular site.

import { type FoundDate, findDateInText } from '../dates/index.ts';
import { findOutletByName } from '../outlets/index.ts';
import { GENERAL_SECTIONS, subjectOfSection } from '../topics/index.ts';
import {
  END_MARKER_KEYS,
  isAuthorBio,
  isBoilerplate,
  isCallToAction,
  isEndMatterLine,
  lineKey,
  stripLeadingNoise,
} from './boilerplate.ts';

export {
  BOILERPLATE_PATTERNS,
  BOILERPLATE_PHRASES,
  END_MARKERS,
  isBoilerplate,
  learnBoilerplate,
  lineKey,
} from './boilerplate.ts';

export type TextExtraction = {
  title: string | null;
  section: string | null;
  byline: string | null;
  /** Body paragraphs in order. */
  paragraphs: string[];
  /** A date written in the header or a dateline, when there is one. */
  published: FoundDate | null;
  /** Lines removed as boilerplate, in order (footer lines name the outlet). */
  removed: string[];
};

export type TextOptions = { referenceDate?: string; learnedBoilerplate?: ReadonlySet<string> };

const GENERAL_SECTION_KEYS = new Set(GENERAL_SECTIONS.map(lineKey));
const MAX_SECTION_CHARS = 30;
const MAX_TITLE_CHARS = 250;
const MIN_TITLE_WORDS = 3;
const LONG_PARAGRAPH_CHARS = 200;
const MAX_REPEATED_CHARS = 120;
const BYLINE = /^(?:بقلم|كتب|كتبت|إعداد|اعداد|تقرير|by|par|written by)\s*[:：\-–]?\s*\S.{0,60}$/iu;

function splitLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2028\u2029]/g, (c) => (c === '\u00a0' ? ' ' : '\n'))
    .split('\n')
    .map((l) => l.replace(/[ \t\u200f\u200e]+/g, ' ').trim());
}

/** A heading that a page printed twice on one line ("عنوانعنوان" or "Title Title") is read once. */
export function undoubleLine(line: string): string {
  const m = /^(.{6,}?)\s*\1$/su.exec(line);
  return m?.[1] ? m[1].trim() : line;
}

/** A short line naming a desk: in the section vocabulary (ar/en/fr), not a sentence. */
export function isSectionLabel(line: string): boolean {
  if (line.length === 0 || line.length > MAX_SECTION_CHARS || /[.!?؟،,:]$/.test(line)) return false;
  if (line.split(/\s+/).length > 3) return false;
  return subjectOfSection(line) !== null || GENERAL_SECTION_KEYS.has(lineKey(line));
}

function words(line: string): number {
  return line.split(/\s+/).filter(Boolean).length;
}

/** First sentence of a paragraph, cut at a word boundary near `max` characters: a fallback title. */
export function firstSentence(text: string, max = 120): string {
  const sentence = (/^.+?[.!?؟](?=\s|$)/su.exec(text.trim())?.[0] ?? text.trim()).replace(/\s+/g, ' ');
  if (sentence.length <= max) return sentence.replace(/[.]$/, '');
  const cut = sentence.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trim()}…`;
}

const PROSE_CHARS = 100;
const SENTENCE_END = /[.!?؟。…"'”»)]$/u;

const PUNCTUATION = /[.,;:!?،؛؟。，、；：！？।]/u;
const CASED_OR_ARABIC = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}]/gu;

/**
 * A long line that is a glued list of links, not a paragraph: names run together without a space
 * ("Alles was lebtAlpha CepheiAnd the water …", five joints or more), or no punctuation at all in a
 * script that writes it. Scripts that may write prose without punctuation (Thai, for one) are left alone.
 */
function isLinkList(line: string): boolean {
  const joints = line.match(/\p{Ll}\p{Lu}/gu)?.length ?? 0;
  if (joints >= 5 && joints > line.length / 80) return true;
  if (PUNCTUATION.test(line)) return false;
  const letters = line.match(/\p{L}/gu)?.length ?? 0;
  return (line.match(CASED_OR_ARABIC)?.length ?? 0) > letters / 2;
}

/**
 * How much a line reads like article text: prose lines count their length, short lines (menu items,
 * breadcrumbs, footer links, widget headlines) cost a little, so a heading or a short paragraph inside
 * the story survives while a menu of twenty items outweighs a paragraph.
 */
function proseScore(line: string): number {
  const n = line.length;
  if (n >= PROSE_CHARS) return isLinkList(line) ? -30 : n;
  if (n >= 40 && SENTENCE_END.test(line) && words(line) >= 6) return n / 2;
  return -(30 + n / 2);
}

// An end-matter heading ("Related posts", "Schreibe einen Kommentar") costs like a few short lines: a
// run of prose rarely carries on across one.
const END_MATTER_COST = 100;
const AFTER_FOOTER = 0.25;
const COPYRIGHT =
  /(?:©|\(c\)|copyright\b).{0,20}\b(?:19|20)\d\d\b|all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|جميع الحقوق محفوظة/iu;

function lineScores(lines: readonly string[]): number[] {
  return lines.map((l) => (isEndMatterLine(l) ? -END_MATTER_COST : proseScore(l)));
}

/**
 * A page's whole visible text holds its menus, breadcrumbs, teasers and footer around the story: keep
 * the run of lines that reads most like prose (the maximum-sum run of lineScores; prose after the
 * footer's copyright line counts a quarter), plus its header (takeHeader), less the end matter inside
 * it (trimEndMatter). Scrapes that are already the article keep every line: their run starts at the
 * first paragraph and ends at the last. `footerAt`: index in `kept` of the first line after the page's
 * copyright line (Infinity when there is none).
 */
function focusOnArticle(kept: string[], removed: string[], footerAt: number): void {
  const scores = lineScores(kept);
  // Past the page's copyright line come overlays (cookie consent, sign-up boxes), not the story.
  for (let i = footerAt; i < scores.length; i++)
    if ((scores[i] ?? 0) > 0) scores[i] = (scores[i] ?? 0) * AFTER_FOOTER;
  let best = 0;
  let bestStart = 0;
  let bestEnd = -1;
  let sum = 0;
  let start = 0;
  for (let i = 0; i < kept.length; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += scores[i] ?? 0;
    if (sum > best) {
      best = sum;
      bestStart = start;
      bestEnd = i;
    }
  }
  if (bestEnd < 0) return;
  const drop = new Set<number>();
  const head = takeHeader(kept, bestStart, drop);
  bestEnd = trimEndMatter(kept, bestStart, bestEnd, drop);
  if (head === 0 && bestEnd === kept.length - 1 && drop.size === 0) return;
  const article: string[] = [];
  kept.forEach((line, i) => {
    if (i >= head && i <= bestEnd && !drop.has(i)) article.push(line);
    else removed.push(line);
  });
  kept.splice(0, kept.length, ...article);
}

const HEADER_LINES = 8;
const DATE_LIKE = /\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b(?:1[89]|20)\d{2}\b|\d{1,2}:\d{2}/;
const MONTH =
  '(?:jan|feb|mär|mar|apr|ma[iy]|mai|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|févr|avr|juil|déc)[a-zé]*\\.?';
// A whole date (day, month and year) or a clock time: a dateline or byline, never a headline.
const FULL_DATE = new RegExp(
  `\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\b\\d{1,2}\\.? ${MONTH} \\d{4}|\\b${MONTH} \\d{1,2},? \\d{4}|\\b\\d{1,2}:\\d{2}\\b`,
  'iu',
);

/** A line that reads as a sentence of text rather than a headline: it ends like one and is long. */
function isLeadLike(line: string): boolean {
  return /[.…!]["'”»)]?$/u.test(line) && (words(line) >= 8 || line.length > 150);
}

function isHeadlineLike(line: string): boolean {
  return (
    line.length <= MAX_TITLE_CHARS &&
    words(line) >= MIN_TITLE_WORDS &&
    !/[:;,]$/.test(line) &&
    !isLeadLike(line) &&
    !isEndMatterLine(line) &&
    !FULL_DATE.test(line) &&
    !(line.length < 80 && DATE_LIKE.test(line) && words(line) <= 6)
  );
}

/**
 * The article's header above its prose run: the headline (within a few lines; a line the page shows
 * twice in the header, as breadcrumb and heading, is preferred over a nearer subheading), its repetitions and a
 * section label above it. Between the headline and the run, a standfirst, lead or subheading is kept,
 * and dates, bylines-as-labels and single-word widgets are dropped. Returns the header's first line.
 */
function takeHeader(kept: readonly string[], runStart: number, drop: Set<number>): number {
  const counts = new Map<string, number>();
  for (let i = Math.max(0, runStart - HEADER_LINES); i < runStart; i++) {
    const key = lineKey(undoubleLine(kept[i] ?? ''));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let headline = -1;
  for (let i = runStart - 1; i >= 0 && i >= runStart - HEADER_LINES; i--) {
    const line = undoubleLine(kept[i] ?? '');
    if (!isHeadlineLike(line)) continue;
    if (headline < 0) headline = i;
    if ((counts.get(lineKey(line)) ?? 0) >= 2 || line !== kept[i]) {
      headline = i;
      break;
    }
  }
  if (headline < 0) return runStart;
  const key = lineKey(undoubleLine(kept[headline] ?? ''));
  let head = headline;
  // Its repetitions and a section label above it belong to the same header.
  while (head > 0 && lineKey(undoubleLine(kept[head - 1] ?? '')) === key) head--;
  if (head > 0 && isSectionLabel(kept[head - 1] ?? '')) head--;
  for (let i = headline + 1; i < runStart; i++) {
    const line = kept[i] ?? '';
    if (lineKey(undoubleLine(line)) === key) continue;
    const sentence = /[.!?؟…]["'”»)]?$/u.test(line);
    if (
      isEndMatterLine(line) ||
      (words(line) < 3 && !sentence) ||
      (!sentence && line.length < 80 && DATE_LIKE.test(line)) ||
      (!sentence && line.length < 120 && FULL_DATE.test(line))
    )
      drop.add(i);
  }
  return head;
}

/**
 * End matter inside the run. Past the middle, an end-matter heading ("Ähnliche Beiträge", "Related
 * posts", "Schreibe einen Kommentar") or an author's bio ends the article. Before it, the heading is an inline "read also"
 * box: it and the short teaser lines under it are dropped, and the story goes on.
 */
function trimEndMatter(kept: readonly string[], runStart: number, runEnd: number, drop: Set<number>): number {
  let total = 0;
  for (let i = runStart; i <= runEnd; i++) total += (kept[i] ?? '').length;
  let seen = 0;
  for (let i = runStart; i <= runEnd; i++) {
    const line = kept[i] ?? '';
    // Past the middle, an author box ends the story and a call to subscribe, follow or comment goes.
    const late = seen > total * 0.5;
    if (late && isAuthorBio(line)) return i - 1;
    if (late && line.length < 300 && isCallToAction(line)) drop.add(i);
    if (isEndMatterLine(line)) {
      if (seen > total * 0.5) return i - 1;
      drop.add(i);
      for (let j = i + 1; j <= runEnd && proseScore(kept[j] ?? '') < 0; j++) drop.add(j);
    }
    seen += line.length;
  }
  return runEnd;
}

/**
 * Reads a plain-text scrape: drops boilerplate lines and everything after a "most read"/comments block
 * (unless a long paragraph follows), takes a leading section label, the title (first substantial line,
 * read once however often it repeats), a byline and dateline in the header, and leaves the paragraphs.
 */
export function extractText(text: string, opts: TextOptions = {}): TextExtraction {
  const removed: string[] = [];
  const kept: string[] = [];
  let ended = false;
  let footerAt = Number.POSITIVE_INFINITY;
  for (const raw of splitLines(text)) {
    if (raw.length === 0) continue;
    const line = stripLeadingNoise(raw);
    const key = lineKey(line);
    if (END_MARKER_KEYS.has(key) && kept.length > 0) {
      ended = true;
      removed.push(line);
      continue;
    }
    if (COPYRIGHT.test(line)) footerAt = kept.length;
    if (isBoilerplate(line, opts.learnedBoilerplate) || (ended && line.length < LONG_PARAGRAPH_CHARS)) {
      removed.push(line);
      continue;
    }
    // A line that is only an outlet's name belongs to the masthead or footer, not the story.
    if (line.length <= 40 && findOutletByName(line)) {
      removed.push(line);
      continue;
    }
    kept.push(line);
  }

  focusOnArticle(kept, removed, footerAt);
  const outside = new Set(removed.map(lineKey));

  let section: string | null = null;
  if (kept.length > 1 && isSectionLabel(kept[0] ?? '')) section = kept.shift() ?? null;

  // Header lines before the title: a byline or dateline may precede it.
  let byline: string | null = null;
  const published = findDateInText(kept.slice(0, 6).join('\n'), { referenceDate: opts.referenceDate });
  let title: string | null = null;
  const body: string[] = [];
  const titleKeys = new Set<string>();
  for (const line of kept) {
    const single = undoubleLine(line);
    const key = lineKey(single);
    if (titleKeys.has(key)) {
      removed.push(line);
      continue;
    }
    if (title === null && body.length === 0) {
      if (!byline && BYLINE.test(single)) {
        byline = single.replace(
          /^(?:بقلم|كتب|كتبت|إعداد|اعداد|تقرير|by|par|written by)\s*[:：\-–]?\s*/iu,
          '',
        );
        continue;
      }
      if (published && single.length < 60 && findDateInText(single, { referenceDate: opts.referenceDate })) {
        removed.push(line);
        continue;
      }
      // A first line that reads as a sentence is the lead of a story whose headline the page did not
      // show: it stays in the body (the caller falls back to its first sentence for a title).
      if (single.length <= MAX_TITLE_CHARS && words(single) >= MIN_TITLE_WORDS && !isLeadLike(single)) {
        title = single;
        titleKeys.add(key);
        continue;
      }
    }
    // A short line the page also shows outside the story is a menu item, widget or teaser.
    if (line.length <= MAX_REPEATED_CHARS && outside.has(key)) {
      removed.push(line);
      continue;
    }
    body.push(line);
  }
  return { title, section, byline, paragraphs: body, published, removed };
}
