// Plain text copied from a web page: the article's lines mixed with whatever the page showed around it
// (section label, repeated headline, widgets, footer). Rules are general and data-driven (boilerplate.ts);
// nothing here knows a particular site.

import { type FoundDate, findDateInText } from '../dates/index.ts';
import { findOutletByName } from '../outlets/index.ts';
import { GENERAL_SECTIONS, subjectOfSection } from '../topics/index.ts';
import {
  END_MARKER_KEYS,
  END_MATTER_HEADING,
  isBoilerplate,
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

/**
 * How much a line reads like article text: prose lines count their length, short lines (menu items,
 * breadcrumbs, footer links, widget headlines) cost a little, so a heading or a short paragraph inside
 * the story survives while a menu of twenty items outweighs a paragraph.
 */
function proseScore(line: string): number {
  const n = line.length;
  if (n >= PROSE_CHARS) return n;
  if (n >= 40 && SENTENCE_END.test(line) && words(line) >= 6) return n / 2;
  return -(30 + n / 2);
}

/**
 * A page's whole visible text holds its menus, breadcrumbs, teasers and footer around the story: keep
 * the run of lines that reads most like prose (the maximum-sum run of proseScore), plus the headline
 * just above it (and its repetitions and section label). Scrapes that are already the article keep
 * every line: their run starts at the first paragraph and ends at the last.
 */
function focusOnArticle(kept: string[], removed: string[]): void {
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
    sum += proseScore(kept[i] ?? '');
    if (sum > best) {
      best = sum;
      bestStart = start;
      bestEnd = i;
    }
  }
  if (bestEnd < 0) return;
  let head = bestStart;
  // The headline: the nearest title-like line within a few lines above the run.
  for (let i = bestStart - 1; i >= 0 && i >= bestStart - 6; i--) {
    const line = undoubleLine(kept[i] ?? '');
    if (line.length <= MAX_TITLE_CHARS && words(line) >= MIN_TITLE_WORDS) {
      head = i;
      const key = lineKey(line);
      // Its repetitions and a section label above it belong to the same header.
      while (head > 0 && lineKey(undoubleLine(kept[head - 1] ?? '')) === key) head--;
      if (head > 0 && isSectionLabel(kept[head - 1] ?? '')) head--;
      break;
    }
  }
  // Past the middle of the run, an end-matter heading ("Ähnliche Beiträge", "Related posts") ends it.
  const total = kept.slice(bestStart, bestEnd + 1).reduce((n, l) => n + l.length, 0);
  let seen = 0;
  for (let i = bestStart; i <= bestEnd; i++) {
    const line = kept[i] ?? '';
    if (seen > total * 0.5 && line.length <= 60 && END_MATTER_HEADING.test(line)) {
      bestEnd = i - 1;
      break;
    }
    seen += line.length;
  }
  if (head === 0 && bestEnd === kept.length - 1) return;
  removed.push(...kept.slice(0, head), ...kept.slice(bestEnd + 1));
  kept.splice(bestEnd + 1);
  kept.splice(0, head);
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
  for (const raw of splitLines(text)) {
    if (raw.length === 0) continue;
    const line = stripLeadingNoise(raw);
    const key = lineKey(line);
    if (END_MARKER_KEYS.has(key) && kept.length > 0) {
      ended = true;
      removed.push(line);
      continue;
    }
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

  focusOnArticle(kept, removed);

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
      if (single.length <= MAX_TITLE_CHARS && words(single) >= MIN_TITLE_WORDS) {
        title = single;
        titleKeys.add(key);
        continue;
      }
    }
    body.push(line);
  }
  return { title, section, byline, paragraphs: body, published, removed };
}
