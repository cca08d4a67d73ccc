// robots.txt (RFC 9309): the rules a site sets for crawlers, read for Rasid's product token. Pure.

export type RobotsRules = {
  allow: string[];
  disallow: string[];
  /** Crawl-delay for our group, in milliseconds (not in the RFC, but widely set and cheap to honour). */
  crawlDelayMs: number | null;
};

/** The token Rasid answers to in a `User-agent:` line. */
export const ROBOTS_AGENT = 'rasid';

type Group = { agents: string[]; allow: string[]; disallow: string[]; crawlDelayMs: number | null };

/**
 * The rules of the groups that name our agent, or else of the `*` groups; no group, no rules.
 * Unknown lines and malformed values are ignored, as the RFC asks.
 */
export function parseRobots(text: string, agent = ROBOTS_AGENT): RobotsRules {
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      // Consecutive user-agent lines share one group.
      if (!lastWasAgent || !current) {
        current = { agents: [], allow: [], disallow: [], crawlDelayMs: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' && value) current.allow.push(value);
    else if (key === 'disallow' && value) current.disallow.push(value);
    else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelayMs = Math.round(seconds * 1000);
    }
  }
  const token = agent.toLowerCase();
  const own = groups.filter((g) => g.agents.some((a) => a.split('/')[0]?.trim() === token));
  const chosen = own.length > 0 ? own : groups.filter((g) => g.agents.includes('*'));
  const delays = chosen.map((g) => g.crawlDelayMs).filter((d): d is number => d !== null);
  return {
    allow: chosen.flatMap((g) => g.allow),
    disallow: chosen.flatMap((g) => g.disallow),
    crawlDelayMs: delays.length > 0 ? Math.max(...delays) : null,
  };
}

/** Length of the match of a robots pattern (`*` any run, trailing `$` the end) on a path, or -1. */
function matchLength(pattern: string, path: string): number {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const source = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`).test(path) ? pattern.length : -1;
}

/**
 * The Disallow rule that keeps a path (with its query) out, or null when it may be fetched: the longest
 * matching rule wins, allow on a tie. The rule goes into the refusal, so an operator can see why.
 */
export function findDisallowingRule(rules: RobotsRules, pathAndQuery: string): string | null {
  if (pathAndQuery === '/robots.txt') return null;
  let path = pathAndQuery;
  try {
    path = decodeURI(pathAndQuery);
  } catch {
    // A malformed escape: match the path as written.
  }
  let allow = -1;
  let disallow = -1;
  let rule: string | null = null;
  for (const p of rules.allow) allow = Math.max(allow, matchLength(p, path), matchLength(p, pathAndQuery));
  for (const p of rules.disallow) {
    const length = Math.max(matchLength(p, path), matchLength(p, pathAndQuery));
    if (length > disallow) {
      disallow = length;
      rule = p;
    }
  }
  return disallow < 0 || allow >= disallow ? null : rule;
}

/** Whether a path (with its query) may be fetched: the longest matching rule wins, allow on a tie. */
export function isAllowedByRobots(rules: RobotsRules, pathAndQuery: string): boolean {
  return findDisallowingRule(rules, pathAndQuery) === null;
}
