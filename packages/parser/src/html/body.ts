// Main-text extraction: prune boilerplate, score the containers of text blocks (Readability-style
// propagation with punctuation and link density), take the winner plus its content-like siblings, then
// keep the paragraph-level blocks that read as prose.

import type { AnyNode, Document, Element } from 'domhandler';
import { isTag } from 'domhandler';
import { parseDate } from '../dates/index.ts';
import { END_MATTER_HEADING } from '../text/boilerplate.ts';
import { type Block, collectBlocks, SKIP_TAGS } from './blocks.ts';
import { detach, elementsOf, MAX_DEPTH } from './dom.ts';

export type BodyOptions = {
  /** Drop elements whose class/id reads as boilerplate. Turned off on a retry when too little is left. */
  stripUnlikely: boolean;
  /** JSON-LD articleBody, used when the page itself yields less. */
  jsonLdBody: string | null;
  /** The page title, to skip its repetition at the top of the body. */
  title: string | null;
};

const DROP_TAGS = new Set([
  ...SKIP_TAGS,
  'nav',
  'aside',
  'footer',
  'menu',
  'form',
  'header',
  'figure',
  'noscript',
]);

// Class/id tokens that mark boilerplate even inside an article container.
const STRONG_NEGATIVE =
  /(^|[\s_-])(comments?|commentlist|disqus|respond|replies|share|shares|sharing|sharer|sharebar|social|socials|sociable|related|recommended|recommendations|more-stories|newsletter|subscribe|subscription|cookies?|consent|gdpr|breadcrumbs?|sidebar|footer|pagination|pager|outbrain|taboola|zergnet|advert|advertisement|advertising|ads|adsbygoogle|ad|dfp|sponsored|sponsor|popup|modal|skip-link|print-only|author-bio|authorbox|tags|tag-list|tagcloud|post-tags|navbar|navigation|nav|menu|toolbar|masthead|banner|promo|teaser-list|most-popular|trending|login|signup|widget|byline|dateline|post-meta|entry-meta|article-meta|meta|caption|wp-caption-text|credit|copyright|hidden|visually-hidden|sr-only|screen-reader-text|rating|vote|jump-to|toc)([\s_-]|$)/i;
const POSITIVE =
  /(^|[\s_-])(article|articlebody|article-body|articlecontent|content|entry|entry-content|main|post|post-body|post-content|story|story-body|text|body|blog|page-content|td-post-content|field-body|rich-text)([\s_-]|$)/i;
const NEGATIVE_WEIGHT =
  /(^|[\s_-])(hidden|banner|combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu)([\s_-]|$)/i;
const NEGATIVE_ROLES =
  /^(navigation|menu|menubar|complementary|banner|contentinfo|dialog|alert|search|toolbar|tablist)$/i;
const BOILERPLATE_LINE =
  /^(advertisement|anzeige|publicité|إعلان|اعلان|share|share this|teilen|partager|شارك|read more|weiterlesen|lire la suite|اقرأ أيضا|اقرأ أيضاً|اقرا ايضا|tweet|print|drucken|imprimer|email|e-mail)[:.!]?$/i;
const SENTENCE_END = /[.!?؟。।"'”»)\]]$/;
const PUNCT = /[,،;:.!?؟]/g;

export type BodyResult = {
  text: string;
  /** Characters removed by class/id rules alone: when zero, a retry without them would change nothing. */
  strippedChars: number;
  /** The `dir` attribute nearest above the article text, when one is set. */
  dir: 'rtl' | 'ltr' | null;
};

export function extractBody(doc: Document, opts: BodyOptions): BodyResult {
  const root = findBody(doc);
  const strippedChars = prune(root, opts.stripUnlikely);
  const blocks = collectBlocks(root);
  const chosen = selectContent(root, blocks);
  const dir = chosen[0] ? nearestDir(chosen[0].el) : null;
  const text = renderBlocks(chosen, opts.title);
  const ld = opts.jsonLdBody;
  if (ld && ld.length > text.length * 1.5 && ld.length > 200)
    return { text: ld.replace(/\s*\n\s*/g, '\n\n'), dir, strippedChars };
  return { text, dir, strippedChars };
}

function nearestDir(el: Element): 'rtl' | 'ltr' | null {
  let cur: AnyNode | null = el;
  for (let i = 0; cur && i < MAX_DEPTH; i++) {
    if (isTag(cur)) {
      const d = cur.attribs.dir?.trim().toLowerCase();
      if (d === 'rtl' || d === 'ltr') return d;
    }
    cur = cur.parent;
  }
  return null;
}

// Elements that never belong in <head>: when markup before <body> is broken, the parser leaves the
// page's content inside <head>, where the walkers would skip it.
const BODY_ONLY = new Set(['div', 'p', 'article', 'section', 'main', 'h1', 'h2', 'table', 'ul']);

function findBody(doc: Document): Element {
  const all = elementsOf(doc);
  const body = all.find((el) => el.name === 'body');
  const head = all.find((el) => el.name === 'head');
  const html = all.find((el) => el.name === 'html');
  if (head && html && head.children.some((c) => isTag(c) && BODY_ONLY.has(c.name))) {
    // Read it as a block of the page instead; its <title>, <meta> and scripts stay skipped.
    head.name = 'div';
    return html;
  }
  if (body) return body;
  if (html) return html;
  // A fragment without <html>: wrap it so the walkers have one root.
  const wrapper = {
    type: 'tag',
    name: 'body',
    attribs: {},
    children: doc.children,
    parent: null,
  } as unknown as Element;
  return wrapper;
}

// Class names that only sound like boilerplate: responsive visibility ("hidden-xs", "l-hidden-s",
// "is-hidden-mobile"), a field whose label is hidden ("field-label-hidden"), and page builders' wrappers
// ("elementor-widget-wrap") that hold the article as often as anything else.
const MISLEADING_CLASS =
  /\S*hidden-(xs|sm|md|lg|xl|s|m|l|mobile|tablet|desktop|print)\b\S*|\S*label-hidden\S*|\belementor-widget\S*/gi;

function tokensOf(el: Element): string {
  const cls = el.attribs.class;
  const id = el.attribs.id;
  if (!cls && !id) return '';
  const tokens = `${cls ?? ''} ${id ?? ''}`;
  return tokens.includes('hidden') || tokens.includes('elementor-')
    ? tokens.replace(MISLEADING_CLASS, ' ')
    : tokens;
}

function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined) return true;
  if (el.attribs['aria-hidden'] === 'true' && el.name !== 'span' && el.name !== 'i') return true;
  const style = el.attribs.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Removes what is never article text. Containers holding most of the page's text survive tag-based drops. */
function prune(root: Element, stripUnlikely: boolean): number {
  const totalChars = textLength(root);
  const doomed: Element[] = [];
  let strippedChars = 0;
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop() as [Element, number];
    const verdict = el === root ? 'keep' : shouldDrop(el, stripUnlikely, totalChars);
    if (verdict !== 'keep') {
      doomed.push(el);
      if (verdict === 'class') strippedChars += textLength(el);
      continue;
    }
    if (depth >= MAX_DEPTH) continue;
    for (const child of el.children) if (isTag(child)) stack.push([child, depth + 1]);
  }
  for (const el of doomed) detach(el);
  return strippedChars;
}

function shouldDrop(el: Element, stripUnlikely: boolean, totalChars: number): 'keep' | 'tag' | 'class' {
  const name = el.name;
  if (DROP_TAGS.has(name)) {
    // Blogger and others serve the article itself inside <noscript> for clients without scripts.
    if (name === 'noscript') return textLength(el) < 300 ? 'tag' : 'keep';
    // Some CMSs put the article itself in an <aside> (a "direct content" panel): keep one that names it.
    if (name === 'aside' && holdsArticleBody(el)) return 'keep';
    // An article's own <header> often carries its standfirst beside the title and byline.
    if (name === 'header' && holdsLead(el)) return 'keep';
    if (name === 'form' || name === 'header' || name === 'figure') {
      // ASP.NET pages wrap the whole page in a form; some themes put the article in <header>.
      return textLength(el) < totalChars * 0.4 ? 'tag' : 'keep';
    }
    return 'tag';
  }
  if (isHidden(el)) return 'tag';
  const role = el.attribs.role;
  if (role && NEGATIVE_ROLES.test(role)) return 'tag';
  if (!stripUnlikely || name === 'body' || name === 'main' || name === 'article') return 'keep';
  if (el.attribs.itemprop === 'articleBody') return 'keep';
  const tokens = tokensOf(el);
  if (!tokens || !STRONG_NEGATIVE.test(tokens)) return 'keep';
  // A wrapper named for the article ("article-sidebar-layout") or merely placed oddly ("above-footer")
  // may hold the whole story.
  if (textLength(el) > totalChars * 0.5 && (POSITIVE.test(tokens) || holdsArticle(el))) return 'keep';
  return 'class';
}

const ARTICLE_CLASS =
  /article-?body|articlebody|entry-content|post-content|post-body|story-?body|article-?content|article-?text/i;

// Class/id names outlets give their article body, most specific first (after trafilatura's BODY_XPATH).
const BODY_NAMES_1 =
  /post-?text|post_text|post-?body|post-?entry|post-?content|post_content|article-?text|entry-content|article-?content|article__content|article-?body|article__body|articlebody|page-content|text-content|body-?text|article__container|art-content/i;
const BODY_NAMES_2 =
  /post-bodycopy|story-?content|storycontent|^postarea$|art-postcontent|theme-content|blog-content|section-content|single-content|single-post|main-column|wpb_text_column|^article |^text$|^story$|story-?body|field-body|fulltext/i;

function semanticTier(el: Element): number {
  if (el.attribs.itemprop === 'articleBody') return 1;
  const cls = `${el.attribs.class ?? ''}`;
  const id = `${el.attribs.id ?? ''}`;
  if (!cls && !id) return el.name === 'article' ? 2 : 0;
  if (BODY_NAMES_1.test(cls) || BODY_NAMES_1.test(id)) return 1;
  if (
    el.name === 'article' ||
    BODY_NAMES_2.test(cls) ||
    BODY_NAMES_2.test(id) ||
    el.attribs.role === 'article'
  )
    return 2;
  return 0;
}

/** A header with a paragraph of prose and no menu or list: the article's own header, with its lead. */
function holdsLead(el: Element): boolean {
  let lead = false;
  for (const d of elementsOf(el)) {
    if (d.name === 'nav' || d.name === 'ul') return false;
    if (lead || (d.name !== 'p' && d.name !== 'div')) continue;
    // A leaf paragraph: a wrapper's length would count its children's text again.
    lead = textLength(d) >= 100 && !d.children.some((c) => isTag(c) && BODY_ONLY.has(c.name));
  }
  return lead;
}

function holdsArticleBody(el: Element): boolean {
  for (const d of elementsOf(el))
    if (d !== el && d.attribs.itemprop === 'articleBody') return textLength(d) >= 200;
  return false;
}

function holdsArticle(el: Element): boolean {
  const stack: [Element, number][] = [[el, 0]];
  let seen = 0;
  while (stack.length > 0 && seen++ < 20_000) {
    const [cur, depth] = stack.pop() as [Element, number];
    if (cur !== el) {
      if (cur.name === 'article' || cur.name === 'h1' || cur.attribs.itemprop === 'articleBody') return true;
      if (cur.attribs.class && ARTICLE_CLASS.test(cur.attribs.class)) return true;
    }
    if (depth < MAX_DEPTH) for (const c of cur.children) if (isTag(c)) stack.push([c, depth + 1]);
  }
  return false;
}

const lengthMemo = new WeakMap<Element, number>();
function textLength(el: Element): number {
  const cached = lengthMemo.get(el);
  if (cached !== undefined) return cached;
  let n = 0;
  const stack: AnyNode[] = [el];
  let guard = 0;
  while (stack.length > 0 && guard++ < 500_000) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'text') n += (node as unknown as { data: string }).data.trim().length;
    else if (isTag(node) && !SKIP_TAGS.has(node.name)) for (const c of node.children) stack.push(c);
  }
  lengthMemo.set(el, n);
  return n;
}

type Stats = { score: number; chars: number; linkChars: number; scored: boolean };

function classWeight(el: Element): number {
  const tokens = tokensOf(el);
  if (!tokens) return 0;
  let w = 0;
  if (NEGATIVE_WEIGHT.test(tokens) || STRONG_NEGATIVE.test(tokens)) w -= 25;
  if (POSITIVE.test(tokens)) w += 25;
  if (el.attribs.itemprop === 'articleBody') w += 50;
  return w;
}

function tagWeight(name: string): number {
  switch (name) {
    case 'div':
    case 'article':
    case 'main':
    case 'section':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

const CONTAINER_HOLDERS = new Set([
  'div',
  'section',
  'article',
  'main',
  'body',
  'td',
  'span',
  'center',
  'font',
]);

/** Picks the blocks that make up the article. */
function selectContent(root: Element, blocks: Block[]): Block[] {
  if (blocks.length === 0) return [];
  const stats = new Map<Element, Stats>();
  const statOf = (el: Element): Stats => {
    let s = stats.get(el);
    if (!s) {
      s = { score: 0, chars: 0, linkChars: 0, scored: false };
      stats.set(el, s);
    }
    return s;
  };
  for (const b of blocks) {
    const len = b.text.length;
    // A run sitting directly in a container scores that container; a <p> scores its parent.
    let level = 0;
    let cur: AnyNode | null = CONTAINER_HOLDERS.has(b.el.name) ? b.el : b.el.parent;
    const self = statOf(b.el);
    if (!CONTAINER_HOLDERS.has(b.el.name)) {
      self.chars += len;
      self.linkChars += b.linkChars;
    }
    const contentScore = len >= 25 ? 1 + countPunct(b.text) + Math.min(Math.floor(len / 100), 3) : 0;
    let depth = 0;
    while (cur && isTag(cur) && depth++ < MAX_DEPTH) {
      const s = statOf(cur);
      s.chars += len;
      s.linkChars += b.linkChars;
      if (contentScore > 0 && level < 5) {
        if (!s.scored) {
          s.scored = true;
          s.score += tagWeight(cur.name) + classWeight(cur);
        }
        s.score += level === 0 ? contentScore : level === 1 ? contentScore / 2 : contentScore / (level * 3);
      }
      level++;
      if (cur === root) break;
      cur = cur.parent;
    }
  }

  const finalScore = (el: Element): number => {
    const s = stats.get(el);
    if (!s?.scored) return -Infinity;
    const density = s.chars > 0 ? s.linkChars / s.chars : 0;
    return s.score * (1 - density);
  };
  const ranked: [Element, number][] = [];
  for (const [el, s] of stats) if (s.scored) ranked.push([el, finalScore(el)]);
  ranked.sort((a, b) => b[1] - a[1]);
  const best = ranked[0];
  if (!best) return fallbackBlocks(blocks);
  let [top, topScore] = best;

  // Several near-equal candidates (a story cut into sections, a photo story of captions) belong together:
  // their common ancestor is the article.
  const rivals = ranked
    .slice(1, 5)
    .filter(([, f]) => f >= topScore * 0.75)
    .map(([el]) => el);
  if (rivals.length >= 2) {
    let anc = top.parent;
    for (let i = 0; anc && isTag(anc) && anc !== root && i < 8; i++) {
      const holder = anc;
      const inside = rivals.filter((r) => contains(holder, r)).length;
      if (inside >= Math.min(3, rivals.length)) {
        top = holder;
        topScore = Math.max(topScore, finalScore(holder));
        break;
      }
      anc = anc.parent;
    }
  }

  // Climb while the parent is nearly as good: the story is often split over sibling wrappers.
  let lastScore = topScore;
  let parent = top.parent;
  let climbs = 0;
  while (parent && isTag(parent) && parent !== root && climbs++ < 6) {
    const ps = finalScore(parent);
    if (ps === -Infinity) break;
    if (ps > lastScore) {
      top = parent;
      topScore = ps;
      lastScore = ps;
    } else if (ps < lastScore / 3) break;
    else lastScore = ps;
    parent = parent.parent;
  }
  // A lone child carries no structure of its own: its parent holds the same text plus neighbours.
  while (
    top.parent &&
    isTag(top.parent) &&
    top.parent !== root &&
    top.parent.children.filter(isTag).length === 1
  ) {
    top = top.parent;
  }

  // Outlets that name their article body (itemprop, entry-content, article-body…) are usually right, and
  // the named element leaves out the header, byline and share bar that a scored ancestor would take in.
  let semantic: Element | null = null;
  let semanticChars = 0;
  let semanticTierSeen = 99;
  for (const [el, s] of stats) {
    const tier = semanticTier(el);
    if (tier === 0) continue;
    const useful = s.chars - s.linkChars;
    if (tier < semanticTierSeen || (tier === semanticTierSeen && useful > semanticChars)) {
      if (useful < 100) continue;
      semantic = el;
      semanticChars = useful;
      semanticTierSeen = tier;
    }
  }
  const topStats = stats.get(top);
  if (semantic && topStats && semanticChars >= (topStats.chars - topStats.linkChars) * 0.5) {
    top = semantic;
    topScore = Math.max(topScore, finalScore(semantic));
  }

  const roots = new Set<Element>([top]);
  const threshold = Math.max(10, topScore * 0.2);
  const siblingsParent = top.parent;
  if (siblingsParent && isTag(siblingsParent)) {
    const topClass = top.attribs.class ?? '';
    for (const sib of siblingsParent.children) {
      if (!isTag(sib) || sib === top) continue;
      const s = stats.get(sib);
      if (!s) continue;
      let bonus = 0;
      if (topClass && sib.attribs.class === topClass) bonus = topScore * 0.2;
      const density = s.chars > 0 ? s.linkChars / s.chars : 0;
      if (finalScore(sib) + bonus >= threshold) roots.add(sib);
      else if (sib.name === 'p' || CONTAINER_HOLDERS.has(sib.name)) {
        const len = s.chars;
        if (len > 80 && density < 0.25) roots.add(sib);
        else if (len > 0 && len <= 80 && density === 0 && sib.name === 'p') roots.add(sib);
      }
    }
  }

  const inRoots = (el: Element): boolean => {
    let cur: AnyNode | null = el;
    let depth = 0;
    while (cur && depth++ < MAX_DEPTH) {
      if (isTag(cur) && roots.has(cur)) return true;
      if (cur === root) return false;
      cur = cur.parent;
    }
    return false;
  };
  const linkyLists = new Map<Element, boolean>();
  const isLinkyList = (el: Element): boolean => {
    const list = nearestList(el);
    if (!list) return false;
    let v = linkyLists.get(list);
    if (v === undefined) {
      const s = stats.get(list);
      v = s ? s.chars > 0 && s.linkChars / s.chars > 0.5 : false;
      linkyLists.set(list, v);
    }
    return v;
  };
  const chosen: Block[] = [];
  for (const b of blocks) {
    if (!inRoots(b.el)) continue;
    const density = b.linkChars / Math.max(1, b.text.length);
    if (density > 0.5 && b.text.length < 400) continue;
    if (b.kind === 'li' && isLinkyList(b.el)) continue;
    chosen.push(b);
  }
  chosen.unshift(...findLead(blocks, chosen, top));
  const trimmed = trimEndMatter(chosen);
  const chars = trimmed.reduce((n, b) => n + b.text.length, 0);
  if (chars < 200) {
    const fb = fallbackBlocks(blocks);
    if (fb.reduce((n, b) => n + b.text.length, 0) > chars * 2) return fb;
  }
  return trimmed;
}

// Class/id names of a standfirst: the lead paragraph that CMSs set apart above the article body.
const LEAD_NAME =
  /(^|[\s_-])(lead|intro|excerpt|deck|standfirst|summary|subline|subheadline|article-?lead|article-subheadline|teaser-?text|description|dek)([\s_-]|$)|__(lead|intro|excerpt|deck)\b/i;

/** The standfirst above the chosen content, when the page marks it as one and keeps it near the article. */
function findLead(blocks: Block[], chosen: Block[], top: Element): Block[] {
  const firstChosen = chosen[0];
  if (!firstChosen) return [];
  const start = blocks.indexOf(firstChosen);
  // The lead sits within a few levels of the article container, not in a teaser list elsewhere.
  const near: Element[] = [];
  let anc: AnyNode | null = top;
  for (let i = 0; anc && isTag(anc) && i < 6; i++) {
    near.push(anc);
    anc = anc.parent;
  }
  const scope = near[near.length - 1];
  if (!scope) return [];
  const out: Block[] = [];
  for (let i = start - 1; i >= 0 && i >= start - 12; i--) {
    const b = blocks[i] as Block;
    if (b.text.length < 40 || b.linkChars > b.text.length * 0.2) continue;
    if (!contains(scope, b.el)) break;
    let cur: AnyNode | null = b.el;
    let named = false;
    for (let k = 0; cur && isTag(cur) && k < 3 && cur !== scope; k++) {
      const t = tokensOf(cur);
      if (t && LEAD_NAME.test(t)) {
        named = true;
        break;
      }
      cur = cur.parent;
    }
    if (named) out.unshift(b);
  }
  return out;
}

function containerOf(el: Element): Element {
  let cur: AnyNode | null = el;
  for (let i = 0; cur && isTag(cur) && i < MAX_DEPTH; i++) {
    if (CONTAINER_HOLDERS.has(cur.name)) return cur;
    cur = cur.parent;
  }
  return el;
}

// Class/id words of the boxes that follow an article: author boxes, related and recommended lists, tag
// rows, share bars, comment sections, paywall and donation calls, licence and copyright lines. Tested
// only on blocks outside the article's own container, so "author" in a wrapper's name costs nothing.
const END_HINT_PART =
  /author|recommend|related|copyright|licen[cs]e|comment|kommentar|donation|reward|sidebar|newsletter|subscri|paywall|payant|promotion|affiliate|teaser|sharedaddy|sharing|social|appstore|statistic|contact|officer|no-?print|infobox|linkbox|credits|signup|follow|proposer|breadcrumb|footer|pagination|navigation/i;
const END_HINT_WORD =
  /(^|[\s_-])(bio|tags?|cta|share|sources?|stats|meta|promo|more)([\s_-]|$)|(^|\s)(text)?widget(\s|_|$)/i;

/**
 * The article's paragraphs mostly share one container; what the selection took in after that
 * container's last block comes from other boxes. Of those, drop the ones whose box is named like end
 * matter, and the short lines (headings such as "Mehr zum Thema", counters, credits) left after the
 * last paragraph of prose.
 */
function trimEndMatter(chosen: Block[]): Block[] {
  const weight = new Map<Element, number>();
  for (const b of chosen) {
    if (b.text.length < 80) continue;
    const c = containerOf(b.el);
    weight.set(c, (weight.get(c) ?? 0) + b.text.length);
  }
  let main: Element | null = null;
  let best = 0;
  for (const [c, w] of weight) {
    if (w > best) {
      main = c;
      best = w;
    }
  }
  if (!main) return chosen;
  const m = main;
  const inMain = (b: Block): boolean => b.el === m || contains(m, b.el);
  let last = -1;
  let lastProse = -1;
  for (let i = 0; i < chosen.length; i++) {
    const b = chosen[i] as Block;
    if (inMain(b)) last = i;
    if (b.text.length >= 120 && b.linkChars < b.text.length * 0.2) lastProse = i;
  }
  const namedEndMatter = (b: Block): boolean => {
    let cur: AnyNode | null = b.el;
    for (let k = 0; cur && isTag(cur) && k < 12; k++) {
      if (contains(cur, m)) return false;
      const t = tokensOf(cur);
      if (t && (END_HINT_PART.test(t) || END_HINT_WORD.test(t))) return true;
      cur = cur.parent;
    }
    return false;
  };
  return chosen.filter(
    (b, i) =>
      i <= last ||
      inMain(b) ||
      (!namedEndMatter(b) && !(i > lastProse && b.text.length < 80 && b.kind !== 'li')),
  );
}

function contains(ancestor: Element, el: Element): boolean {
  let cur: AnyNode | null = el.parent;
  for (let i = 0; cur && i < MAX_DEPTH; i++) {
    if (cur === ancestor) return true;
    cur = cur.parent;
  }
  return false;
}

function nearestList(el: Element): Element | null {
  let cur: AnyNode | null = el;
  for (let i = 0; cur && i < 4; i++) {
    if (isTag(cur) && (cur.name === 'ul' || cur.name === 'ol' || cur.name === 'dl')) return cur;
    cur = cur.parent;
  }
  return null;
}

function countPunct(text: string): number {
  return text.match(PUNCT)?.length ?? 0;
}

/** No container stood out: keep the prose-like blocks of the page. */
function fallbackBlocks(blocks: Block[]): Block[] {
  return blocks.filter(
    (b) => b.text.length >= 80 && b.linkChars / b.text.length < 0.3 && SENTENCE_END.test(b.text),
  );
}

// Lines that are only a date, a time, a counter or a photo credit.
const NOISE_LINE =
  /^(\d{1,2}[:.]\d{2}( ?[ap]m)?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(foto|photo|bild|fotos|photos|credit|crédits? photos?|quelle|source|titelbild|beitragsbild|image|abbildung|getty images|afp|dpa|reuters)\b.{0,80}|\(?(foto|photo|bild): .{0,80}|(aktualisiert|updated|last modified|letzte änderung|veröffentlicht|published|erstellt|release date)( am| on)?:?.{0,40}|(aufrufe|views|bewerten|rating)\b.{0,20})$/i;

function renderBlocks(blocks: Block[], title: string | null): string {
  const kept: Block[] = [];
  const normTitle = title ? title.replace(/\s+/g, ' ').trim().toLowerCase() : null;
  for (const b of blocks) {
    const text = b.text;
    if (b.kind === 'h1' && (kept.length === 0 || (normTitle && text.toLowerCase() === normTitle))) continue;
    if (text.length < 40 && BOILERPLATE_LINE.test(text)) continue;
    if (text.length < 120 && NOISE_LINE.test(text)) continue;
    // A dateline heading the article ("May 20, 2019", "Dec. 6, 2024, 10:00 PM UTC / Updated …").
    if (kept.length < 3 && isDateLine(text)) continue;
    kept.push(b);
  }
  const total = kept.reduce((n, b) => n + b.text.length, 0);
  let seen = 0;
  const out: Block[] = [];
  for (const b of kept) {
    if (seen > total * 0.5 && b.text.length <= 60 && END_MATTER_HEADING.test(b.text)) break;
    seen += b.text.length;
    // Past the middle, a short line asking the reader to follow, subscribe or install is a call to action.
    if (seen > total * 0.6 && b.text.length < 300 && isCallToAction(b.text)) continue;
    out.push(b);
  }
  return join(out);
}

const SOCIAL_NETWORK =
  /\b(twitter|facebook|instagram|telegram|youtube|whatsapp|tiktok|linkedin|pinterest)\b/gi;
const SIGN_UP =
  /\b(subscribe|subscribers?|sign up for|suscr[ií]b\w*|abonnier\w*|abonnez|abonnement|newsletter|download (the|our)\b.{0,30}\bapps?|hazte miembro|únete|support (us|our)|unterstütze)/i;

function isCallToAction(text: string): boolean {
  if (SIGN_UP.test(text)) return true;
  return new Set(text.toLowerCase().match(SOCIAL_NETWORK) ?? []).size >= 2;
}

function isDateLine(text: string): boolean {
  if (text.length > 100 || !/\d/.test(text) || text.split(/\s+/).length > 14) return false;
  try {
    return parseDate(text.split(/\s+[/|·•]\s+/)[0] ?? text) !== null;
  } catch {
    return false;
  }
}

function join(blocks: Block[]): string {
  return blocks.map((b) => b.text).join('\n\n');
}
