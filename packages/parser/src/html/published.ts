// Publication date with provenance, strongest evidence first: JSON-LD, <meta>, <time>/microdata, the
// URL, then dates written near the title. A page without any of these gets null: never a guess.

import type { Element } from 'domhandler';
import { dateAt, findDateMentions, parseDate, simplify } from '../dates/index.ts';
import type { DateSource, ParsedDate } from '../types.ts';
import { collectBlocks } from './blocks.ts';
import { elementsOf, hasAncestor, squash, textOf } from './dom.ts';
import { firstMeta, itempropValue, type PageFacts } from './metadata.ts';

export type PublishedDate = ParsedDate & { source: DateSource; fromModified?: true };

const PUBLISHED_METAS = [
  'article:published_time',
  'article:published',
  'og:published_time',
  'og:article:published_time',
  'published_time',
  'article.published',
  'article_date_original',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'publicationdate',
  'originalpublicationdate',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date.created',
  'dcterms.created',
  'dc.date',
  'dcterms.date',
  'dc:date',
  'sailthru.date',
  'parsely-pub-date',
  'cxenseparse:recs:publishtime',
  'citation_publication_date',
  'citation_date',
  'prism.publicationdate',
  'bt:pubdate',
  'og:pubdate',
  'date_published',
  'date',
  'created',
  'release_date',
  'article:post_date',
  'analyticsattributes.articledate',
  'nv:date',
  'rnews:datepublished',
];
const MODIFIED_METAS = [
  'article:modified_time',
  'og:updated_time',
  'article:modified',
  'datemodified',
  'dc.date.modified',
  'dcterms.modified',
  'last-modified',
  'lastmod',
];

type Ctx = { referenceDate?: string };

function readDate(value: string | null | undefined, ctx: Ctx): ParsedDate | null {
  if (!value) return null;
  const v = value.trim();
  if (v.length === 0 || v.length > 200) return null;
  // Epoch seconds or milliseconds appear in some CMS metas.
  if (/^\d{10}(\d{3})?$/.test(v)) {
    const ms = v.length === 10 ? Number(v) * 1000 : Number(v);
    const d = new Date(ms);
    const y = d.getUTCFullYear();
    return y >= 1995 && y <= 2100 ? dateAt(ms, 'second') : null;
  }
  try {
    // A machine date whose time is garbled ("2022-01-10T22:06:08:684Z") still states its day.
    const parsed = parseDate(v, ctx) ?? parseDate(MACHINE_DAY.exec(v)?.[1] ?? '', ctx);
    if (!parsed) return null;
    const y = Number(parsed.iso.slice(0, 4));
    return y >= 1990 && y <= 2100 ? parsed : null;
  } catch {
    return null;
  }
}

const MACHINE_DAY = /^(\d{4}-\d{2}-\d{2})[t ]\d/i;

function withSource(d: ParsedDate | null, source: DateSource): PublishedDate | null {
  return d ? { ...d, source } : null;
}

export function findPublished(
  facts: PageFacts,
  url: string | undefined,
  textBlocks: () => string[],
  ctx: Ctx,
  html = '',
): PublishedDate | null {
  const found = findPublishedInstant(facts, url, textBlocks, ctx, html);
  if (!found || found.source === 'url' || found.source === 'text') return found;
  const settled = overWeakMeta(settleWithPage(localDay(found, facts, url, ctx), facts, ctx), facts, ctx);
  return /\bstand\s*:/i.test(html) ? statedAsOf(settled, facts, ctx) : settled;
}

/**
 * German outlets (tagesschau.de, wdr.de) print one date by the headline, labelled "Stand:" (as of): the
 * day the text stands as published, which their metadata may put a day apart. Other "Updated" labels
 * are left to the metadata: Readability's pages that print only "Last updated" by the headline keep
 * their metadata's publication date.
 */
function statedAsOf(found: PublishedDate, facts: PageFacts, ctx: Ctx): PublishedDate {
  const first = collectPageDates(facts).find(
    (d) => !d.aside && d.fromTitle !== null && d.fromTitle >= -3 && d.fromTitle <= 8 && d.blockChars <= 200,
  );
  if (!first || !/(^|\s)stand\s*:?\s*$/.test(first.before) || first.date.day === found.day) return found;
  if (publishedTimeDays(facts, ctx).has(found.day)) return found;
  return { ...first.date, source: 'text' };
}

// Generic date fields that CMSs fill with the page's creation or last build, not the article's date.
const WEAK_METAS = new Set([
  'date',
  'dc.date',
  'dcterms.date',
  'dc:date',
  'created',
  'dc.date.created',
  'dcterms.created',
]);

/**
 * A date that only a generic field ("date", "dc.date", "dcterms.date") states gives way to the one date
 * the page prints as its own by the headline or in its <time> elements ("Presse und News > 05.02.2020"
 * under a `date` meta of 12 February): no article field backs the generic one.
 */
function overWeakMeta(found: PublishedDate, facts: PageFacts, ctx: Ctx): PublishedDate {
  if (found.source !== 'meta') return found;
  const backed = [
    ...facts.jsonLd.map((ld) => ld.datePublished),
    ...PUBLISHED_METAS.filter((key) => !WEAK_METAS.has(key)).flatMap((key) => facts.metas.get(key) ?? []),
    ...(facts.itemprop.get('datePublished') ?? []).map(itempropValue),
  ].some((v) => readDate(v, ctx)?.day === found.day);
  if (backed) return found;
  // Datelines only: a date inside a sentence under the headline ("feiert am 13. März") is an event's.
  const shown = new Set([...headlineDays(facts, true), ...publishedTimeDays(facts, ctx)]);
  if (shown.size !== 1 || shown.has(found.day)) return found;
  const [day] = shown;
  return day ? { ...dateAt(Date.parse(day), 'day'), source: 'text' } : found;
}

function localDay(found: PublishedDate, facts: PageFacts, url: string | undefined, ctx: Ctx): PublishedDate {
  // The same instant written elsewhere on the page with the outlet's own offset (JSON-LD in UTC, the
  // article:published_time meta in -08:00) tells the day as the outlet dated it.
  const local = localDayOfInstant(facts, found.iso, ctx);
  if (local && local !== found.day) return { ...found, day: local };
  // Metadata often gives the instant in UTC while the outlet dates the article in its own zone, and so
  // does its URL (/2020/02/24/ for a story stamped 2020-02-25T02:25Z): the URL's day is the day as
  // written. Only a one-day gap is a time-zone gap; a larger one is another date.
  if (!statedInUtc(facts, found.iso, ctx)) return found;
  const fromUrl = dateFromUrl(url ?? facts.canonical ?? firstMeta(facts, ['og:url']) ?? '');
  if (fromUrl && couldBeLocalDay(found.iso, fromUrl.day)) return { ...found, day: fromUrl.day };
  // So does the day the page prints at its headline or in a <time> ("03/05/2022" beside a JSON-LD
  // "Wed, 04 May 2022 02:41:00 GMT"), when it does not print the UTC day. Only the day before counts:
  // the Readability reference takes a UTC evening instant whose page prints the next day
  // (topicseed-1: 2018-06-12T23:00Z, "on June 13") at its UTC day.
  // Only an instant before noon UTC can fall on the day before somewhere west of UTC.
  if (Number(found.iso.slice(11, 13)) >= 12) return found;
  const shown = shownDays(facts, ctx);
  if (shown.has(found.day)) return found;
  const printed = [...shown].find(
    (day) => Date.parse(day) < Date.parse(found.day) && couldBeLocalDay(found.iso, day),
  );
  return printed ? { ...found, day: printed } : found;
}

/** Days the page shows its readers as its own: a dateline by the headline, and its <time> elements. */
function shownDays(facts: PageFacts, ctx: Ctx): Set<string> {
  return new Set([...headlineDays(facts), ...publishedTimeDays(facts, ctx)]);
}

/** Days printed by <time> elements outside asides that are not marked as updates. */
function publishedTimeDays(facts: PageFacts, ctx: Ctx): Set<string> {
  const days = new Set<string>();
  for (const t of facts.times) {
    if (isAside(t, facts) || isModifiedTime(t)) continue;
    const d = readDate(squash(textOf(t)), ctx) ?? readDate(t.attribs.datetime, ctx);
    if (d?.precision === 'day') days.add(d.day);
  }
  return days;
}

/** Days written by the headline or labelled as the publication date, not those labelled as updates. */
function headlineDays(facts: PageFacts, datelinesOnly = false): Set<string> {
  return new Set(
    collectPageDates(facts)
      .filter(
        (d) =>
          !d.aside &&
          d.cue !== 'updated' &&
          !CLOCK.test(d.before) &&
          (!datelinesOnly || d.blockChars <= 120 || d.offset <= 40) &&
          (d.cue === 'published' ||
            (d.fromTitle !== null && d.fromTitle >= -3 && d.fromTitle <= 8 && d.blockChars <= 200)),
      )
      .map((d) => d.date.day),
  );
}

const UTC_ZONE = /(z|[+-]00:?00|\b(gmt|utc))\s*$/i;
const OTHER_ZONE = /[+-](?!00:?00)\d{2}:?\d{2}\s*$/;

/**
 * The instant is written only in UTC ("…T02:25:54Z", "GMT"): its UTC day need not be the outlet's. An
 * instant also written with the outlet's own offset (+01:00, -05:00) already carries the local day.
 */
function statedInUtc(facts: PageFacts, iso: string, ctx: Ctx): boolean {
  const values = [
    ...facts.jsonLd.flatMap((ld) => [ld.datePublished, ld.dateModified]),
    ...[...PUBLISHED_METAS, ...MODIFIED_METAS].flatMap((key) => facts.metas.get(key) ?? []),
    ...facts.times.map((t) => t.attribs.datetime),
  ].filter((v): v is string => !!v && readDate(v, ctx)?.iso === iso);
  return values.some((v) => UTC_ZONE.test(v)) && !values.some((v) => OTHER_ZONE.test(v));
}

/** A UTC instant falls on `day` somewhere between UTC−12 and UTC+14, one day off its UTC day. */
function couldBeLocalDay(iso: string, day: string): boolean {
  const gap = Date.parse(day) - Date.parse(iso.slice(0, 10));
  const hour = Number(iso.slice(11, 13));
  return (gap === -DAY_MS && hour < 12) || (gap === DAY_MS && hour >= 10);
}

type Candidate = { date: ParsedDate; source: DateSource; modified: boolean };

/** Every date the page's markup states for itself, published or modified. */
function metadataCandidates(facts: PageFacts, ctx: Ctx): Candidate[] {
  const out: Candidate[] = [];
  const add = (v: string | null | undefined, source: DateSource, modified: boolean): void => {
    const d = readDate(v, ctx);
    if (d) out.push({ date: d, source, modified });
  };
  for (const ld of facts.jsonLd) {
    add(ld.datePublished, 'json-ld', false);
    add(ld.dateModified, 'json-ld', true);
  }
  for (const key of PUBLISHED_METAS) for (const v of facts.metas.get(key) ?? []) add(v, 'meta', false);
  for (const key of MODIFIED_METAS) for (const v of facts.metas.get(key) ?? []) add(v, 'meta', true);
  for (const el of facts.itemprop.get('datePublished') ?? []) add(itempropValue(el), 'time-element', false);
  for (const t of facts.times) {
    if (isAside(t, facts)) continue;
    add(t.attribs.datetime ?? squash(textOf(t)), 'time-element', isModifiedTime(t));
  }
  return out;
}

/**
 * When the markup states several dates, the one the page shows its readers wins: a date written by the
 * headline or labelled as published in the text ("Veröffentlicht am 25.01.2022"; a date labelled "Updated"
 * is the page saying it is not the publication date) picks among the stated dates, so a
 * JSON-LD datePublished left over from a first draft, or a meta date in another zone, does not override
 * the date the article carries. A modified date chosen this way keeps `fromModified`. Without such a
 * sign, a day stated by more of the page's published-date fields than the first one found wins.
 */
function settleWithPage(found: PublishedDate, facts: PageFacts, ctx: Ctx): PublishedDate {
  // The same instant as the one found agrees with it, whatever day its zone writes.
  const agrees = (c: Candidate): boolean => c.date.day === found.day || c.date.iso === found.iso;
  const candidates = metadataCandidates(facts, ctx);
  if (candidates.every(agrees)) return found;
  const timed = publishedTimeDays(facts, ctx);
  // A <time> the page marks as its own (not as an update) showing the day found confirms it. Without a
  // dateline by the headline, the one day its own <time> elements show is the day it shows its readers
  // (sac-cas.ch: "Erscheinungsdatum" <time>25.01.2022</time> under an og:article:published_time of 15
  // January).
  const headline = headlineDays(facts);
  const shown = headline.size === 0 && timed.size === 1 ? timed : headline;
  if (shown.has(found.day) || timed.has(found.day)) return found;
  const shownDays = [...new Set(candidates.filter((c) => !agrees(c)).map((c) => c.date.day))].filter((day) =>
    shown.has(day),
  );
  if (shownDays.length === 1) {
    const pick = candidates.filter((c) => c.date.day === shownDays[0]);
    const best = pick.find((c) => !c.modified) ?? pick[0];
    if (best)
      return best.modified
        ? { ...best.date, source: best.source, fromModified: true }
        : { ...best.date, source: best.source };
  }
  if (shownDays.length > 0) return found;
  // Votes come from JSON-LD and <meta> fields only: a list of <time> elements repeats one kind of date.
  const votes = new Map<string, Candidate[]>();
  let mine = 0;
  for (const c of candidates) {
    if (c.modified || c.source === 'time-element') continue;
    if (agrees(c)) mine++;
    else votes.set(c.date.day, [...(votes.get(c.date.day) ?? []), c]);
  }
  mine = Math.max(1, mine);
  const [day, list] = [...votes].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (day && list && list.length >= 2 && list.length > mine) {
    const best = list[0];
    if (best) return { ...best.date, source: best.source };
  }
  return found;
}

const DAY_MS = 86_400_000;

function localDayOfInstant(facts: PageFacts, iso: string, ctx: Ctx): string | null {
  const values = [
    ...facts.jsonLd.map((ld) => ld.datePublished),
    ...PUBLISHED_METAS.flatMap((key) => facts.metas.get(key) ?? []),
    ...facts.times.map((t) => t.attribs.datetime),
  ];
  for (const v of values) {
    const d = readDate(v, ctx);
    if (d && d.iso === iso && d.day !== iso.slice(0, 10)) return d.day;
  }
  return null;
}

const SCRIPT_DATE_RE =
  /"(?:date_?published|published_?(?:at|date|time|on)|pub_?date|publish_?date|first_?published_?(?:at|date))"\s*:\s*"(\d{4}-\d{2}-\d{2}[^"]{0,30})"/i;

function findPublishedInstant(
  facts: PageFacts,
  url: string | undefined,
  textBlocks: () => string[],
  ctx: Ctx,
  html: string,
): PublishedDate | null {
  for (const ld of facts.jsonLd) {
    const d = readDate(ld.datePublished, ctx);
    if (d) return withSource(d, 'json-ld');
  }
  for (const key of PUBLISHED_METAS) {
    for (const v of facts.metas.get(key) ?? []) {
      const d = readDate(v, ctx);
      if (d) return withSource(d, 'meta');
    }
  }
  const parsely = firstMeta(facts, ['parsely-page']);
  if (parsely) {
    const m = /"pub_date"\s*:\s*"([^"]+)"/.exec(parsely);
    const d = readDate(m?.[1], ctx);
    if (d) return withSource(d, 'meta');
  }
  for (const el of [
    ...(facts.itemprop.get('datePublished') ?? []),
    ...(facts.itemprop.get('dateCreated') ?? []),
  ]) {
    const d = readDate(itempropValue(el), ctx);
    if (d) return withSource(d, 'time-element');
  }
  // A <time> in comments, reviews or a sidebar dates another item.
  const times = facts.times.filter((t) => !isModifiedTime(t) && !isAside(t, facts));
  // <time pubdate> and times inside the article header come first.
  times.sort((a, b) => timeRank(a) - timeRank(b));
  for (const t of times) {
    const d = readDate(t.attribs.datetime, ctx) ?? readDate(squash(textOf(t)), ctx);
    if (d) return withSource(d, 'time-element');
  }
  // Apps and shops keep the date in their own state JSON rather than in JSON-LD
  // ({"published_at":"2019-03-02T06:22:28+01:00"}, {"publishedDate":"2016-11-04T20:37:27Z"}).
  const scripted = SCRIPT_DATE_RE.exec(html);
  if (scripted) {
    const d = readDate(scripted[1], ctx);
    if (d) return withSource(d, 'meta');
  }
  const fromUrl = dateFromUrl(url ?? facts.canonical ?? firstMeta(facts, ['og:url']) ?? '');
  if (fromUrl) return withSource(fromUrl, 'url');
  // A date labelled as the publication date by the headline ("Written: 2023-11-07") comes before any
  // element merely classed as a date, which may belong to a list of other items.
  // The lines around the headline are at hand; the whole page's dates are read only when needed.
  const header = textBlocks();
  for (const line of header) {
    const labelled = findDateMentions(line).find(
      (m) =>
        PUBLISHED_CUE.test(m.before.slice(-45)) &&
        !CLOCK.test(m.before) &&
        Number(m.date.day.slice(0, 4)) >= EARLIEST_YEAR &&
        (!ctx.referenceDate || m.date.day <= (parseDate(ctx.referenceDate)?.day ?? m.date.day)),
    );
    if (labelled) return withSource(labelled.date, 'text');
  }
  // A date opening a block just under the headline ("31. Oktober 2023. Dragqueens sind …") is the
  // article's dateline; an element classed as a date further down may be a teaser's in a list of the
  // outlet's other articles.
  const opening = usablePageDates(collectPageDates(facts), ctx).find(
    (d) =>
      d.fromTitle !== null &&
      d.fromTitle >= -2 &&
      d.fromTitle <= 4 &&
      (d.blockChars <= 120 || d.offset <= 40),
  );
  if (opening) return withSource(opening.date, 'text');
  for (const el of facts.dateLikeEls) {
    if (isAside(el, facts)) continue;
    if (
      /modif|updat|aktualisiert|mis à jour|تحديث|comment/i.test(
        `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`,
      ) ||
      CLOCK_CLASS.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`)
    )
      continue;
    const title = el.attribs.title;
    const d = readDate(title, ctx) ?? readTextDate(squash(textOf(el)), ctx);
    if (d) return withSource(d, 'text');
  }
  for (const line of header) {
    const d = readTextDate(line, ctx);
    // A dateline opens its line or is most of it; a date inside a sentence by the headline ("Der
    // nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr") is an event's.
    const at = d ? (findDateMentions(line)[0]?.offset ?? 0) : 0;
    if (d && (at <= 30 || line.length <= 60)) return withSource(d, 'text');
  }
  const fromPage = pickPageDate(collectPageDates(facts), ctx);
  if (fromPage) return withSource(fromPage, 'text');
  const listed = dateBesideOwnLink(facts, url, ctx);
  if (listed) return withSource(listed, 'text');
  for (const ld of facts.jsonLd) {
    const d = readDate(ld.dateModified, ctx);
    if (d) return { ...d, source: 'json-ld', fromModified: true };
  }
  for (const key of MODIFIED_METAS) {
    const d = readDate(facts.metas.get(key)?.[0], ctx);
    if (d) return { ...d, source: 'meta', fromModified: true };
  }
  return null;
}

/** A URL reduced to what names the page: no scheme, "www.", fragment or trailing slash. */
function pageKey(href: string, base: string | undefined): string | null {
  try {
    const u = new URL(href, base);
    if (!/^https?:$/.test(u.protocol)) return null;
    return `${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}${u.search}`.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * A list of posts on the page (recent posts, an archive) that links to the page itself dates it beside
 * that link: "Wahlzensur: Angriff auf Universitäten 26/10/2018" on silvias.net. Only a short item counts.
 */
function dateBesideOwnLink(facts: PageFacts, url: string | undefined, ctx: Ctx): ParsedDate | null {
  const own = new Set(
    [url, facts.canonical, firstMeta(facts, ['og:url'])]
      .map((u) => (u ? pageKey(u, url) : null))
      .filter((k): k is string => !!k && k.includes('/')),
  );
  if (own.size === 0) return null;
  for (const a of elementsOf(facts.root)) {
    // A link with a fragment points into the page (a comment's permalink, a table of contents).
    if (a.name !== 'a' || !a.attribs.href || a.attribs.href.includes('#')) continue;
    const key = pageKey(a.attribs.href, url);
    if (!key || !own.has(key)) continue;
    const item = a.parent && a.parent.type === 'tag' ? (a.parent as Element) : null;
    const text = item ? squash(textOf(item)) : '';
    if (text.length > 200) continue;
    const d = findDateMentions(text).find(
      (m) => m.date.precision !== 'month' && Number(m.date.day.slice(0, 4)) >= EARLIEST_YEAR,
    );
    const latest = ctx.referenceDate ? parseDate(ctx.referenceDate)?.day : undefined;
    if (d && (!latest || d.date.day <= latest)) return d.date;
  }
  return null;
}

function isModifiedTime(t: Element): boolean {
  const hint = `${t.attribs.class ?? ''} ${t.attribs.itemprop ?? ''} ${t.parent && 'attribs' in t.parent ? (t.parent.attribs.class ?? '') : ''}`;
  return /modif|updat/i.test(hint);
}

function timeRank(t: Element): number {
  if (t.attribs.pubdate !== undefined) return 0;
  if (/publish|posted|entry-date|date/i.test(t.attribs.class ?? '')) return 1;
  return 2;
}

/** Short lines that carry a date: "Published 25 June 2018", "12 نوفمبر 2021". */
function readTextDate(text: string, ctx: Ctx): ParsedDate | null {
  if (text.length < 6 || text.length > 120 || !/\d|[\u0660-\u0669]/.test(text)) return null;
  if (CLOCK.test(simplify(text))) return null;
  const d = readDate(text, ctx);
  if (
    !d ||
    (d.precision !== 'day' && d.precision !== 'hour' && d.precision !== 'minute' && d.precision !== 'second')
  )
    return null;
  return d;
}

export function dateFromUrl(url: string): ParsedDate | null {
  const m =
    /[/_-]((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(url) ??
    /[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(url);
  // Day first, as a path segment of its own: /meldungen/29-10-2021.
  const dmy = m
    ? null
    : /\/(0?[1-9]|[12]\d|3[01])[-_.](0?[1-9]|1[0-2])[-_.]((?:19|20)\d{2})(?:[/.?#]|$)/.exec(url);
  const [y, mo, d] = m
    ? [Number(m[1]), Number(m[2]), Number(m[3])]
    : dmy
      ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
      : [0, 0, 0];
  if (y === 0) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return null;
  return dateAt(date.getTime(), 'day');
}

export type PageDate = {
  date: ParsedDate;
  /** Words before the date name it: "Veröffentlicht am", "Published", "نشر في", "last edited". */
  cue: 'published' | 'updated' | 'byline' | null;
  /** Inside comments, sidebars, teasers, navigation or calendars: another item's date. */
  aside: boolean;
  /** Blocks after the headline's block (negative before it); null when the page has no <h1>. */
  fromTitle: number | null;
  before: string;
  /** Length of the text block holding it: a dateline is short, a sentence of the story is not. */
  blockChars: number;
  /** Where the date starts in its block: a dateline opens its block. */
  offset: number;
  /** Index of its block in the page. */
  block: number;
};

// Written on simplified text (lower case, Latin without accents, folded Arabic), so "Veröffentlicht" is
// "veroffentlicht" and "تاریخ انتشار" is "تاريخ انتشار". German compounds keep their cue
// ("Erscheinungsdatum", "Bearbeitungsstand"), but "date" inside "update" and "stand" inside "Stillstand",
// "Zustand" or "Abstand" are other words.
const PUBLISHED_CUE =
  /(veroffentlicht|veroffentlichung|erschienen|publiziert|gepostet|geschrieben|erstellt|eingestellt|datum|(?<![a-z])date|published|posted|written|publie|mise en ligne|en ligne|publicado|pubblicato|pressemitteilung vom|nachricht vom|meldung vom|نشر|بتاريخ|تاريخ|انتشار|منتشر)(?![\p{L}])[^\d]{0,30}$/u;
const UPDATED_CUE =
  /(aktualisiert|zuletzt|updated|update|edited|modified|modification|modifica|anderung|geandert|(?<![a-rt-z])stand|mis a jour|modifie|actualizado|تحديث|تعديل|بروزرساني|copyright|©)(?![\p{L}])[^\d]{0,30}$/u;
// "von Cooper am", "By Jane Doe on", "par Attac France,", "Gunter Frank / ", "Kultur, " or a bare "am" opening
// the line: a dateline's shape, not a sentence's.
// "13 juin 2019, par Attac France", "Nov 22, 2011 | by Jane": the author's name follows the date.
const BYLINE_AFTER = /^\s*[,|·•⋅–-]?\s*(par|by|von|door|por|di)\s+\p{L}/u;
const BYLINE_CUE =
  /((^|\s|\|)(von|by|par|por|door|autor|author|auteur)(?![\p{L}])[^.!?\n]{1,40}|^\s*(am|on|le|du|el|il|vom)\s*|(\||\/|·|•|⋅|–|-|»)\s*)$/u;
// Class and id words (split on spaces, dashes, underscores) of boxes that hold other items' dates.
const COMMENT_WORDS = new Set(
  'comment comments kommentar kommentare reply replies respond antwort antworten review reviews bewertung bewertungen'.split(
    ' ',
  ),
);
const ASIDE_WORDS = new Set(
  'sidebar related recommended popular recent latest trending newsletter calendar kalender events agenda archive archiv nav navbar navigation menu breadcrumb breadcrumbs share social cookie cookies'.split(
    ' ',
  ),
);

const LAYOUT_STATE = /^(has|with|without|no)[-_]/;

/**
 * A <header> without a heading is the site's banner (logo, menu, today's date: "Mittwoch, 01. November
 * 2023" on nachtkritik.de); an article's own <header> holds its headline and dateline.
 */
function holdsHeading(el: Element): boolean {
  const known = HOLDS_HEADING.get(el);
  if (known !== undefined) return known;
  const holds = findHeading(el);
  HOLDS_HEADING.set(el, holds);
  return holds;
}

const HOLDS_HEADING = new WeakMap<Element, boolean>();

function findHeading(el: Element): boolean {
  const stack = [...el.children];
  for (let seen = 0; stack.length > 0 && seen < 2000; seen++) {
    const n = stack.pop();
    if (n?.type !== 'tag') continue;
    const e = n as Element;
    if (e.name === 'h1' || e.name === 'h2') return true;
    stack.push(...e.children);
  }
  return false;
}

/**
 * Inside comments or reviews, or inside a sidebar, navigation, teaser list or calendar that is not part
 * of an <article>: the dates there belong to other items. A box that also holds the headline is the
 * article's column, whatever its class says (lanacion.com.ar lays the story out in "sidebar__main"):
 * only boxes below it can be asides.
 */
function isAside(el: Element, facts: PageFacts): boolean {
  const column = headlineColumn(facts);
  let aside = false;
  for (let cur: Element | null = el, i = 0; cur && i < 20; i++) {
    if (cur.name === 'article') return false;
    if (column.has(cur) || isMainBox(cur)) return aside;
    // Layout states of the page's frame ("with-navigation", "has-double-sidebar", "no-sidebars") name
    // what sits beside the article, not the box itself.
    const words = `${cur.attribs.class ?? ''} ${cur.attribs.id ?? ''}`
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => !LAYOUT_STATE.test(w))
      .flatMap((w) => w.split(/[_-]+/));
    if (words.some((w) => COMMENT_WORDS.has(w))) return true;
    if (
      cur.name === 'nav' ||
      cur.name === 'aside' ||
      cur.name === 'footer' ||
      (cur.name === 'header' && !holdsHeading(cur)) ||
      words.some((w) => ASIDE_WORDS.has(w))
    )
      aside = true;
    cur = cur.parent && cur.parent.type === 'tag' ? (cur.parent as Element) : null;
  }
  return aside;
}

// The page's main column: <main>, or a box named so ("main", "site-main", "main-content", and BEM's
// "sidebar__main", the main part of a layout with a sidebar, where "sidebar__aside" is the sidebar).
const MAIN_BOX =
  /^(main|primary|(site|page)[-_]main|main[-_](content|column|col)|[a-z0-9-]+__(main|primary))$/;

/** A box naming itself the page's main column: only boxes below it can be asides. */
function isMainBox(el: Element): boolean {
  if (el.name === 'main') return true;
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`
    .toLowerCase()
    .split(/\s+/)
    .some((w) => MAIN_BOX.test(w));
}

/** The headline <h1> and the elements around it, memoised per page. */
function headlineColumn(facts: PageFacts): Set<Element> {
  const known = HEADLINE_COLUMN.get(facts);
  if (known) return known;
  const column = new Set<Element>();
  for (let cur = headlineH1(facts) ?? null; cur; ) {
    column.add(cur);
    cur = cur.parent && cur.parent.type === 'tag' ? (cur.parent as Element) : null;
  }
  HEADLINE_COLUMN.set(facts, column);
  return column;
}

const HEADLINE_COLUMN = new WeakMap<PageFacts, Set<Element>>();

/**
 * Without an <h1>, the headline is the first block that repeats the page's stated title. Letters and
 * digits are compared, so a dash or quote the <title> writes differently ("Queer Royal – Über" in the
 * title, "Queer Royal - Über" in the <h2>) still matches.
 */
function headlineBlock(
  blocks: { text: string; el: Element }[],
  facts: PageFacts,
  ownBlock: (b: { el: Element }) => boolean = () => true,
): number {
  const titles = [firstMeta(facts, ['og:title', 'twitter:title']), facts.jsonLd[0]?.headline, facts.titleTag]
    .filter((t): t is string => !!t)
    .map(letterWords);
  const repeats = (b: { text: string; el: Element }): boolean => {
    if (b.text.length < 15) return false;
    const text = letterWords(b.text);
    return text.length >= 12 && titles.some((t) => t === text || t.startsWith(`${text} `));
  };
  // A list of recent posts may repeat the title before the page's own heading does.
  const heading = blocks.findIndex((b) => isHeading(b.el) && repeats(b));
  if (heading >= 0) return heading;
  const repeated = blocks.findIndex(repeats);
  if (repeated >= 0) return repeated;
  // A <title> naming only the site and section ("energieverbraucher.de | Gaspreise"): a box classed as
  // the headline ("headline", "entry-title", "article-title") outside asides marks it.
  return blocks.findIndex((b) => b.text.length >= 15 && HEADLINE_CLASS.test(classUp(b.el)) && ownBlock(b));
}

const HEADLINE_CLASS =
  /(^|[\s_-])(headline|entry-title|post-title|article-title|article__title|story-title)($|[\s_-])/i;

/** The classes of an element and of its parent. */
function classUp(el: Element): string {
  const parent = el.parent && el.parent.type === 'tag' ? (el.parent as Element) : null;
  return `${el.attribs.class ?? ''} ${parent?.attribs.class ?? ''}`;
}

const HEADING = /^h[1-6]$/;

function isHeading(el: Element): boolean {
  return HEADING.test(el.name) || hasAncestor(el, (e) => HEADING.test(e.name), 3);
}

/** Lower-case words of letters and digits only, one space apart. */
function letterWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The <h1> that holds the headline: the one repeating the page's stated title when there are several
 * (a site logo or a "Mittwoch, 26. Februar 2020" banner may come first), else the first with text.
 */
function headlineH1(facts: PageFacts): Element | undefined {
  const h1s = facts.h1s.filter((el) => squash(textOf(el)).length > 0 && !isHomeLink(el));
  if (h1s.length < 2) return h1s[0];
  // Letters and digits only: an overline span glued to the headline, or a site suffix, still match.
  const letters = (t: string): string => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const titles = [firstMeta(facts, ['og:title', 'twitter:title']), facts.jsonLd[0]?.headline, facts.titleTag]
    .filter((t): t is string => !!t)
    .map(letters);
  return (
    h1s.find((el) => {
      const text = letters(textOf(el));
      return text.length >= 12 && titles.some((t) => t.includes(text) || text.includes(t.slice(0, 40)));
    }) ?? h1s[0]
  );
}

/**
 * An <h1> that is nothing but a link to the site's home page is its logo ("<h1><a
 * href="http://www.der-erfolg-gibt-recht.de">Liebe geht durch den Magen</a></h1>" above an <h2> headline).
 */
function isHomeLink(h1: Element): boolean {
  const links = elementsOf(h1).filter((e) => e.name === 'a');
  if (links.length !== 1) return false;
  const [a] = links;
  const href = (a?.attribs.href ?? '').trim();
  return (
    !!a &&
    HOME_HREF.test(href) &&
    squash(textOf(a)).length > 0 &&
    squash(textOf(a)).length === squash(textOf(h1)).length
  );
}

const HOME_HREF = /^((https?:)?\/\/[^/?#]+)?\/?((index|default|home)\.\w+)?$/i;

/** Every date written in the page's visible text, with what surrounds it. */
export function collectPageDates(facts: PageFacts): PageDate[] {
  // Several rules read the page's dates; the block walk over the whole page is done once.
  const known = PAGE_DATES.get(facts);
  if (known) return known;
  const found = readPageDates(facts);
  PAGE_DATES.set(facts, found);
  return found;
}

const PAGE_DATES = new WeakMap<PageFacts, PageDate[]>();

function readPageDates(facts: PageFacts): PageDate[] {
  const html = facts.root.children.find(
    (c): c is Element => c.type === 'tag' && (c as Element).name === 'html',
  );
  const blocks = collectBlocks(
    html ??
      ({
        type: 'tag',
        name: 'body',
        attribs: {},
        children: facts.root.children,
        parent: null,
      } as unknown as Element),
  );
  const h1 = headlineH1(facts);
  const titleAt = h1
    ? blocks.findIndex((b) => b.el === h1 || hasAncestor(b.el, (e) => e === h1, 8))
    : headlineBlock(blocks, facts, (b) => !isAside(b.el, facts));
  const out: PageDate[] = [];
  blocks.forEach((b, i) => {
    const mentions = findDateMentions(b.text);
    if (mentions.length === 0) return;
    const aside = isAside(b.el, facts);
    // A label in its own cell or span ("Datum:" | "18.10.2021") sits in the block before.
    const prev = simplify(blocks[i - 1]?.text.slice(-45) ?? '');
    for (const [k, m] of mentions.entries()) {
      const tail = m.before.length < 3 && k === 0 ? `${prev} ${m.before}` : m.before.slice(-45);
      const cue = PUBLISHED_CUE.test(tail)
        ? 'published'
        : UPDATED_CUE.test(tail)
          ? 'updated'
          : BYLINE_CUE.test(tail) || BYLINE_AFTER.test(m.after)
            ? 'byline'
            : null;
      out.push({
        date: m.date,
        cue,
        aside,
        fromTitle: titleAt >= 0 ? i - titleAt : null,
        before: tail,
        blockChars: b.text.length,
        offset: m.offset,
        block: i,
      });
    }
  });
  return out;
}

// Dates that open or close a range, or a deadline, are about something else than the page.
// The page's clock, printed when it was served ("Aktuelle Zeit: 14.10.2020, 12:18", "It is currently"):
// the fetch day, never the publication's.
const CLOCK =
  /(aktuelle zeit|aktuelles datum|it is currently|current (date|time)|heute ist|today is|nous sommes le|date du jour|الوقت الحالي|التاريخ الحالي)/u;
// Elements classed as the current time or as a date widget (assabah.com.tn's header "date-widget"
// prints Feb. 19 2020, the fetch day).
const CLOCK_CLASS = /(current|clock|today|heute|widget)/i;

const NOT_PUBLICATION =
  /((bis|until|till|au|jusqu'?a|deadline|frist|ab|seit|since|depuis|vom \d{1,2}\.?)|\d\.?\s*[–-])\s*$/u;
const EARLIEST_YEAR = 1995;

/** Dates outside asides, not before the web, not after the reference date, not ending a range. */
function usablePageDates(dates: PageDate[], ctx: Ctx): PageDate[] {
  const latest = ctx.referenceDate ? parseDate(ctx.referenceDate)?.day : undefined;
  return dates.filter(
    (d) =>
      !d.aside &&
      Number(d.date.day.slice(0, 4)) >= EARLIEST_YEAR &&
      (!latest || d.date.day <= latest) &&
      !NOT_PUBLICATION.test(d.before) &&
      !CLOCK.test(d.before),
  );
}

/**
 * The page's date from its visible text when no metadata gives one: a short dateline by the headline,
 * else a date labelled as the publication date ("Veröffentlicht am", "Datum:", "نشر في"), else one
 * labelled as the last update ("Aktualisiert", "last edited"). Comments, sidebars, teasers and
 * navigation hold other items' dates and are never read. Nothing labelled and nothing by the headline
 * means no date: the page says so instead of guessing.
 */
export function pickPageDate(dates: PageDate[], ctx: Ctx): ParsedDate | null {
  const usable = usablePageDates(dates, ctx);
  const near = (d: PageDate, before: number, after: number): boolean =>
    d.fromTitle !== null && d.fromTitle >= -before && d.fromTitle <= after;
  // A date opening the text's first paragraphs ("01.02.2022 „Der Arbeitsmarkt ist …") is a dateline too.
  const dateline = usable.find(
    (d) => (near(d, 2, 4) && (d.blockChars <= 120 || d.offset <= 40)) || (near(d, 0, 6) && d.offset === 0),
  );
  // "von Claudia Lindner 27.1.2022 – Bei der Erinnerung …": an author's name and a date opening a block.
  const byline = usable.find((d) => d.cue === 'byline' && near(d, 3, 60) && d.offset <= 80);
  // No headline found: a block near the top that holds nothing but a date ("Apr 7, 2009").
  const alone = usable.find(
    (d) => d.fromTitle === null && d.block < 60 && d.offset <= 2 && d.blockChars <= 30,
  );
  return (
    dateline?.date ??
    byline?.date ??
    alone?.date ??
    usable.find((d) => d.cue === 'published')?.date ??
    usable.find((d) => d.cue === 'updated')?.date ??
    null
  );
}
