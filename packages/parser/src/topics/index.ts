// Subjects for an article: what the outlet itself said (section, URL path) is trusted first; a weighted
// keyword lexicon fills in the rest. Scores are in 0..1 and comparable across sources.

import { foldArabic } from '../normalize/arabic.ts';
import { toSearchText } from '../normalize/search.ts';
import { hashRange } from '../normalize/words.ts';
import type { TopicScore } from '../types.ts';
import { GENERAL_SECTIONS, KEYWORDS, SECTION_QUALIFIERS, SECTION_SUBJECTS, SUBJECTS } from './taxonomy.ts';

export { GENERAL_SECTIONS, KEYWORDS, SECTION_SUBJECTS, SUBJECTS, type Subject } from './taxonomy.ts';

export type SubjectInput = {
  title?: string | null;
  body?: string | null;
  sections?: readonly string[];
  url?: string | null;
  language?: string | null;
  /** title and body already through toSearchText (parseDocument has them): saves folding them again. */
  searchText?: { title: string; body: string };
};

// The words of a section label or URL segment, folded and stemmed as search does: `culture-and-art`,
// `Entertainment & Arts`, `ثقافة وفنون` and `middleEast` are each words joined by punctuation, a
// conjunction or a change of case.
const sectionWords = (label: string): string[] =>
  toSearchText(label.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_/&+]+/g, ' '))
    .split(' ')
    .filter(Boolean);

// The desk vocabulary, and each subject's own names: an outlet may call a desk as the subject list does
// (`Catastrophes et accidents`), whose words alone would name two subjects or none.
const SECTION_INDEX = new Map<string, string>(
  [
    ...Object.entries(SECTION_SUBJECTS),
    ...SUBJECTS.flatMap((s) => [s.en, s.ar, s.fr].map((name): [string, string] => [name, s.slug])),
  ].map(([label, slug]) => [sectionWords(label).join(' '), slug]),
);
const LONGEST_SECTION_KEY = Math.max(...[...SECTION_INDEX.keys()].map((k) => k.split(' ').length));
const NEUTRAL_SECTION_WORDS: ReadonlySet<string> = new Set(
  [...SECTION_QUALIFIERS, ...GENERAL_SECTIONS].flatMap(sectionWords),
);
// A desk is named in a few words; a longer label is a headline or a tag, not a desk.
const MAX_SECTION_WORDS = 5;

/** The database slug for a section label: `section:` + folded, lower-cased label, spaces → `-`. */
export function sectionSlug(label: string): string {
  return `section:${foldArabic(label).trim().replace(/\s+/g, '-')}`;
}

/**
 * The subject a section/desk label or URL path segment names, or null for general-news desks. A label of
 * several words names a subject only when every word is desk vocabulary or a qualifier (`سياسة دولية`,
 * `Business News`): one unknown word and it may be a headline or another beat, and a wrong desk subject
 * would teach the classifier wrongly. A label whose words name two different subjects (`Science &
 * Environment`, `science-health`, `politique-societe`) names neither: its articles belong to either beat,
 * and the Japan Times files coronavirus news under `science-health`. A key of several words can still
 * settle such a label.
 */
export function subjectOfSection(label: string): string | null {
  const words = sectionWords(label);
  if (words.length > MAX_SECTION_WORDS) return null;
  let subject: string | null = null;
  for (let i = 0; i < words.length; ) {
    // The longest key first, so `كرة القدم` is read as one desk rather than an unknown `كرة`.
    let n = Math.min(LONGEST_SECTION_KEY, words.length - i);
    let slug: string | undefined;
    for (; n > 0; n--) {
      slug = SECTION_INDEX.get(words.slice(i, i + n).join(' '));
      if (slug !== undefined) break;
    }
    if (slug !== undefined) {
      if (subject !== null && subject !== slug) return null;
      subject = slug;
      i += n;
    } else if (NEUTRAL_SECTION_WORDS.has(words[i] as string)) i++;
    else return null;
  }
  return subject;
}

// Path segments that never name a desk and so do not use up the segments read: numbers and dates
// (`/2024/01/01/politics/`), a month (`/law/2024/jan/01/`), a language or country code (`/ar/`, `/us/`).
const TRIVIAL_SEGMENT = /^(?:\d+(?:[-_.]\d+)*|\p{L}{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$/iu;
// A page's file under the article's own directory (`/2024/01/01/politics/slug/index.html`).
const PAGE_FILE = /^(?:index|default|amp)(?:\.\w+)?$/i;
// A desk followed by the article's numeric id (`/arabic/sports-43101640`, `/news/business-68012345`): the
// BBC files every article so; a headline slug carries words after the desk, or none before a date. A
// shorter prefix is an abbreviation more often than a desk: Mayo Clinic's `art-20363932` is an article.
const DESK_WITH_ID = /^(\p{L}[\p{L}-]{3,}?)-\d{5,}(?:\.\w+)?$/u;
// How many non-trivial directory segments may name a desk: deeper ones are subsections, tags and slugs.
const MAX_DESK_SEGMENTS = 3;

function subjectsFromUrl(url: string): string[] {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return [];
  }
  const found: string[] = [];
  const add = (slug: string | null): void => {
    if (slug && !found.includes(slug)) found.push(slug);
  };
  const segments = path.split('/').filter(Boolean);
  if (segments.length > 0 && PAGE_FILE.test(segments[segments.length - 1] as string)) segments.pop();
  // The last segment is the article's own slug: it names a desk only in the desk-and-id form.
  const own = segments.pop();
  let read = 0;
  for (const segment of segments) {
    if (TRIVIAL_SEGMENT.test(segment)) continue;
    if (read++ === MAX_DESK_SEGMENTS) break;
    add(subjectOfSection(DESK_WITH_ID.exec(segment)?.[1] ?? segment));
  }
  const desk = own === undefined ? undefined : DESK_WITH_ID.exec(own)?.[1];
  if (desk !== undefined) add(subjectOfSection(desk));
  return found;
}

type CompiledKeyword = { tokens: string; single: boolean; weight: number };
const COMPILED: Record<string, CompiledKeyword[]> = Object.fromEntries(
  Object.entries(KEYWORDS).map(([slug, words]) => [
    slug,
    words.map(([w, weight]) => {
      const tokens = toSearchText(w);
      return { tokens, single: !tokens.includes(' '), weight };
    }),
  ]),
);

// The lexicon's keywords in one list (slug by slug, in order), and where each is looked up: a word by the
// token it is, a phrase by its first token. A text is then read once, token by token, asking one small
// map per token, instead of indexing every token of the body in a map of its own and searching the whole
// body once per phrase. The map is keyed by a hash of the first token, computed while scanning, so the
// text is never split into strings: splitting allocated a string per word of every body, and hashing each
// new string for the lookup cost as much again (on ../shared/corpus, countKeywords was the parse threads'
// sixth most costly function).
const KEYWORD_LIST: CompiledKeyword[] = Object.values(COMPILED).flat();
const KEYWORD_WORDS: string[][] = KEYWORD_LIST.map((k) => k.tokens.split(' '));
const KEYWORD_FIRST: string[] = KEYWORD_WORDS.map((words) => words[0] as string);
const KEYWORD_TOKENS: Int32Array = Int32Array.from(KEYWORD_WORDS, (words) => words.length);
const SPACE = 0x20;
const BY_FIRST_HASH = new Map<number, number[]>();
KEYWORD_LIST.forEach((keyword, k) => {
  const first = KEYWORD_FIRST[k] as string;
  // An empty token or a doubled space would not be one token of the text, as the scan below reads it.
  if ((KEYWORD_WORDS[k] as string[]).some((t) => t.length === 0))
    throw new Error(`topics: keyword ${JSON.stringify(keyword.tokens)} folds to an empty token`);
  const h = hashRange(first, 0, first.length);
  const list = BY_FIRST_HASH.get(h);
  if (list) list.push(k);
  else BY_FIRST_HASH.set(h, [k]);
});
const bodyCounts = new Int32Array(KEYWORD_LIST.length);
const titleCounts = new Int32Array(KEYWORD_LIST.length);
// Per phrase, the first token a new occurrence may start at: occurrences do not overlap.
const nextStart = new Int32Array(KEYWORD_LIST.length);

/**
 * How often each keyword occurs in a search text (tokens separated by single spaces), into `counts`. A
 * token is what `searchText.split(' ')` gives; a phrase matches where its tokens follow one another.
 */
function countKeywords(searchText: string, counts: Int32Array): void {
  counts.fill(0);
  nextStart.fill(0);
  const n = searchText.length;
  let token = 0;
  for (let start = 0; start <= n; token++) {
    let end = searchText.indexOf(' ', start);
    if (end < 0) end = n;
    const keywords = end > start ? BY_FIRST_HASH.get(hashRange(searchText, start, end)) : undefined;
    if (keywords) {
      for (const k of keywords) {
        const first = KEYWORD_FIRST[k] as string;
        if (first.length !== end - start || !searchText.startsWith(first, start)) continue;
        const keyword = KEYWORD_LIST[k] as CompiledKeyword;
        if (keyword.single) {
          counts[k] = (counts[k] as number) + 1;
          continue;
        }
        if (token < (nextStart[k] as number)) continue;
        // The whole phrase from here, then the end of the text or a space: the same tokens in a row.
        const phraseEnd = start + keyword.tokens.length;
        if (!searchText.startsWith(keyword.tokens, start)) continue;
        if (phraseEnd < n && searchText.charCodeAt(phraseEnd) !== SPACE) continue;
        counts[k] = (counts[k] as number) + 1;
        nextStart[k] = token + (KEYWORD_TOKENS[k] as number);
      }
    }
    start = end + 1;
  }
}

const RULES_CAP = 0.9;
const MIN_RAW = 4;

function subjectsFromRules(searchTitle: string, searchBody: string): { slug: string; score: number }[] {
  countKeywords(searchTitle, titleCounts);
  countKeywords(searchBody, bodyCounts);
  const raw: { slug: string; raw: number }[] = [];
  let k = 0;
  for (const [slug, words] of Object.entries(COMPILED)) {
    let score = 0;
    for (const { weight } of words) {
      // Repeats count with diminishing weight: one long story should not swamp the lexicon.
      const n = bodyCounts[k] as number;
      score += weight * Math.min(n, 3) + weight * 2 * Math.min(titleCounts[k] as number, 1);
      k++;
    }
    if (score > 0) raw.push({ slug, raw: score });
  }
  raw.sort((a, b2) => b2.raw - a.raw);
  const top = raw[0]?.raw ?? 0;
  return raw
    .filter((r) => r.raw >= MIN_RAW && r.raw >= top * 0.35)
    .slice(0, 4)
    .map((r) => ({ slug: r.slug, score: Math.round(RULES_CAP * (1 - Math.exp(-r.raw / 8)) * 100) / 100 }));
}

const KNOWN_SUBJECTS: ReadonlySet<string> = new Set(SUBJECTS.map((s) => s.slug));

/**
 * Standard subjects (IPTC top level) for an article, best first: section labels (score 1), URL path
 * desks (0.9), then the keyword lexicon (up to 0.9). One entry per subject, from its strongest source.
 */
export function classifySubjects(input: SubjectInput): TopicScore[] {
  const out = new Map<string, TopicScore>();
  const add = (t: TopicScore): void => {
    const prev = out.get(t.slug);
    if (!prev || prev.score < t.score) out.set(t.slug, t);
  };
  for (const label of input.sections ?? []) {
    const slug = subjectOfSection(label);
    if (slug) add({ slug, score: 1, source: 'section' });
  }
  if (input.url) for (const slug of subjectsFromUrl(input.url)) add({ slug, score: 0.9, source: 'url' });
  const searchText = input.searchText ?? {
    title: toSearchText(input.title ?? ''),
    body: toSearchText(input.body ?? ''),
  };
  for (const r of subjectsFromRules(searchText.title, searchText.body)) add({ ...r, source: 'rules' });
  return [...out.values()].filter((t) => KNOWN_SUBJECTS.has(t.slug)).sort((a, b) => b.score - a.score);
}
