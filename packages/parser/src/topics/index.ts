// Subjects for an article: what the outlet itself said (section, URL path) is trusted first; a weighted
// keyword lexicon fills in the rest. Scores are in 0..1 and comparable across sources.

import { foldArabic } from '../normalize/arabic.ts';
import { toSearchText } from '../normalize/search.ts';
import type { TopicScore } from '../types.ts';
import { KEYWORDS, SECTION_SUBJECTS, SUBJECTS } from './taxonomy.ts';

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

const labelKey = (label: string): string =>
  toSearchText(label.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .split(' ')
    .join(' ');

const SECTION_INDEX = new Map<string, string>(
  Object.entries(SECTION_SUBJECTS).map(([label, slug]) => [labelKey(label), slug]),
);

/** The database slug for a section label: `section:` + folded, lower-cased label, spaces → `-`. */
export function sectionSlug(label: string): string {
  return `section:${foldArabic(label).trim().replace(/\s+/g, '-')}`;
}

/** The subject a section/desk label or URL path segment names, or null for general-news desks. */
export function subjectOfSection(label: string): string | null {
  const k = labelKey(label.replace(/[-_/]+/g, ' '));
  return SECTION_INDEX.get(k) ?? SECTION_INDEX.get(k.replace(/ /g, '-')) ?? null;
}

function subjectsFromUrl(url: string): string[] {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return [];
  }
  const found: string[] = [];
  // Only the leading directory segments name a desk; the last one is the article's own slug.
  const segments = path.split('/').filter(Boolean).slice(0, -1).slice(0, 3);
  for (const segment of segments) {
    const slug = subjectOfSection(segment);
    if (slug && !found.includes(slug)) found.push(slug);
  }
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

/** Token counts plus the padded token string, so single words are looked up and phrases searched. */
type Indexed = { counts: Map<string, number>; padded: string };

function indexText(searchText: string): Indexed {
  const counts = new Map<string, number>();
  for (const token of searchText.split(' ')) counts.set(token, (counts.get(token) ?? 0) + 1);
  return { counts, padded: ` ${searchText} ` };
}

function countOccurrences(text: Indexed, keyword: CompiledKeyword): number {
  if (keyword.single) return text.counts.get(keyword.tokens) ?? 0;
  const needle = ` ${keyword.tokens} `;
  let n = 0;
  let i = text.padded.indexOf(needle);
  while (i !== -1) {
    n++;
    i = text.padded.indexOf(needle, i + needle.length - 1);
  }
  return n;
}

const RULES_CAP = 0.9;
const MIN_RAW = 4;

function subjectsFromRules(searchTitle: string, searchBody: string): { slug: string; score: number }[] {
  const t = indexText(searchTitle);
  const b = indexText(searchBody);
  const raw: { slug: string; raw: number }[] = [];
  for (const [slug, words] of Object.entries(COMPILED)) {
    let score = 0;
    for (const keyword of words) {
      const { weight } = keyword;
      // Repeats count with diminishing weight: one long story should not swamp the lexicon.
      const n = countOccurrences(b, keyword);
      score += weight * Math.min(n, 3) + weight * 2 * Math.min(countOccurrences(t, keyword), 1);
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
  const known = new Set(SUBJECTS.map((s) => s.slug));
  return [...out.values()].filter((t) => known.has(t.slug)).sort((a, b) => b.score - a.score);
}
