// robots.txt rules for Rasid, table-driven (RFC 9309's matching: longest rule wins, allow on a tie).
import { describe, expect, it } from 'vitest';
import { findDisallowingRule, isAllowedByRobots, parseRobots } from '../src/collect/robots.ts';

const SITE = `# a news site
User-agent: *
Disallow: /search
Disallow: /*.pdf$
Allow: /search/about
Crawl-delay: 2

User-agent: GPTBot
User-agent: CCBot
Disallow: /
`;

const OWN_GROUP = `User-agent: *
Disallow: /

User-agent: Rasid/0.1
Disallow: /private/
Crawl-delay: 0.5
`;

describe('parseRobots and isAllowedByRobots', () => {
  it.each([
    [SITE, '/2024/05/06/story.html', true],
    [SITE, '/search?q=gaza', false],
    [SITE, '/search/about', true],
    [SITE, '/files/report.pdf', false],
    [SITE, '/files/report.pdf?download=1', true],
    [SITE, '/robots.txt', true],
    // Another crawler's group does not apply to us.
    [OWN_GROUP, '/news/1', true],
    [OWN_GROUP, '/private/x', false],
    ['', '/anything', true],
    ['garbage without colons\n\u0000\u0001', '/anything', true],
    ['Disallow: /orphan-rule-before-any-agent', '/orphan-rule-before-any-agent', true],
    ['User-agent: *\nDisallow:\n', '/empty-disallow-allows-all', true],
    // Paths arrive percent-encoded (URL.pathname); a rule may be written either way.
    ['User-agent: *\nDisallow: /café', '/caf%C3%A9', false],
    ['User-agent: *\nDisallow: /caf%C3%A9', '/caf%C3%A9', false],
  ])('%#: %j allows %s: %s', (robots, path, allowed) => {
    expect(isAllowedByRobots(parseRobots(robots), path)).toBe(allowed);
  });

  it.each([
    [SITE, '/search?q=gaza', '/search'],
    [SITE, '/files/report.pdf', '/*.pdf$'],
    [SITE, '/search/about', null],
    // The longest matching rule is the one named, whatever its place in the file.
    [
      'User-agent: *\nDisallow: /news\nDisallow: /news/private/\nDisallow: /',
      '/news/private/1',
      '/news/private/',
    ],
  ])('%#: %j names the rule that keeps %s out: %s', (robots, path, rule) => {
    expect(findDisallowingRule(parseRobots(robots), path)).toBe(rule);
  });

  it.each([
    [SITE, 2_000],
    [OWN_GROUP, 500],
    ['User-agent: *\nCrawl-delay: soon\n', null],
  ])('%#: reads Crawl-delay for our group as %s ms', (robots, ms) => {
    expect(parseRobots(robots).crawlDelayMs).toBe(ms);
  });
});
