// Mozilla Readability's test pages in ../shared/html/readability, as the worker tests serve them: the
// page's HTML and its expected metadata (title and excerpt, which the tests' feeds use as an item's own).
import { readFileSync } from 'node:fs';
import { sharedPath } from './paths.ts';

/** The page's source.html, as bytes. */
export const readabilityPage = (name: string): Buffer =>
  readFileSync(sharedPath('html', 'readability', name, 'source.html'));

/** The page's expected-metadata.json: its title and excerpt. */
export const readabilityMeta = (name: string): { title: string; excerpt: string } =>
  JSON.parse(readFileSync(sharedPath('html', 'readability', name, 'expected-metadata.json'), 'utf8'));

/** Text escaped for an XML element written by hand (a feed's title or description). */
export const xmlText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
