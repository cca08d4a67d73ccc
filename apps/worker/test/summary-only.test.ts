// Which feed items carry only a summary (their article page is fetched) and which carry the article.
import { describe, expect, it } from 'vitest';
import { DESCRIPTION_FULL_CHARS, isSummaryOnly, SUMMARY_MAX_CHARS } from '../src/jobs/collect-feed.ts';

const words = (chars: number) =>
  'word '
    .repeat(Math.ceil(chars / 5))
    .slice(0, chars)
    .trim();

describe('isSummaryOnly', () => {
  it.each([
    ['no text at all', { content: null, summary: null }, true],
    [
      'a one-line description',
      { content: null, summary: 'Obama tells the BBC his biggest frustration.' },
      true,
    ],
    [
      'content that repeats the description',
      { content: '<p>Same teaser.</p>', summary: 'Same teaser.' },
      true,
    ],
    [
      'a short content under the limit',
      { content: `<p>${words(SUMMARY_MAX_CHARS - 10)}</p>`, summary: null },
      true,
    ],
    [
      'a description of a few paragraphs, no content',
      { content: null, summary: `<p>${words(DESCRIPTION_FULL_CHARS - 100)}</p>` },
      true,
    ],
    [
      'a whole article in the description',
      { content: null, summary: `<p>${words(DESCRIPTION_FULL_CHARS + 100)}</p>` },
      false,
    ],
    [
      'content:encoded beside a teaser',
      { content: `<p>${words(SUMMARY_MAX_CHARS + 200)}</p>`, summary: 'A teaser.' },
      false,
    ],
    // Markup and entities do not count as text.
    [
      'markup-heavy short text',
      { content: `<div class="x">${'<span>&nbsp;</span>'.repeat(200)}<p>Short.</p></div>`, summary: null },
      true,
    ],
  ])('%s: %s', (_name, item, expected) => {
    expect(isSummaryOnly(item)).toBe(expected);
  });
});
