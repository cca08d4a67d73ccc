// The parser's text functions, in one place: the index and the queries must fold text identically.
// Until @rasid/parser exports toSearchText/sectionSlug/SUBJECTS (written in parallel), fall back to
// foldArabic-based equivalents so the store keeps working; the real ones win as soon as they exist.
import * as parser from '@rasid/parser';

type Subject = { slug: string; name: string; nameAr: string };
const exported = parser as unknown as {
  toSearchText?: (text: string) => string;
  sectionSlug?: (label: string) => string;
  SUBJECTS?: readonly Subject[];
};

const fallbackSearchText = (text: string): string =>
  (parser.foldArabic(text).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');

/** Folded, stemmed words joined by spaces: what the FTS index stores and what queries are matched with. */
export const toSearchText: (text: string) => string = exported.toSearchText ?? fallbackSearchText;

/** `section:<folded-lower-label>`: one topic per desk label however the outlet spells it. */
export const sectionSlug: (label: string) => string =
  exported.sectionSlug ?? ((label) => `section:${fallbackSearchText(label).replaceAll(' ', '-')}`);

const subjects = new Map((exported.SUBJECTS ?? []).map((s) => [s.slug, s]));

export function findSubject(slug: string): Subject | undefined {
  return subjects.get(slug);
}
