// The parser's text functions, in one place: the FTS index and the queries must fold text identically,
// and desks must get the same slug whichever input names them.
import { SUBJECTS, sectionSlug, toSearchText, urlKey } from '@rasid/parser';

export { sectionSlug, toSearchText, urlKey };

type Subject = (typeof SUBJECTS)[number];
const subjects = new Map<string, Subject>(SUBJECTS.map((s) => [s.slug, s]));

export function findSubject(slug: string): Subject | undefined {
  return subjects.get(slug);
}
