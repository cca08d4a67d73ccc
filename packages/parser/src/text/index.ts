// Plain text copied from a web page: the article's lines mixed with whatever the page showed around it
// (section label, repeated headline, widgets, footer). Rules are general and data-driven (boilerplate.ts);
// nothing here knows a particular site.

import { type FoundDate, findDateInText } from '../dates/index.ts';
import { findOutletByName } from '../outlets/index.ts';
import { GENERAL_SECTIONS, subjectOfSection } from '../topics/index.ts';
import { END_MARKER_KEYS, isBoilerplate, lineKey, stripLeadingNoise } from './boilerplate.ts';

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
