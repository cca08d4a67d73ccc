// Turns a DOM subtree into paragraph-level text blocks: each run of inline content between block
// boundaries becomes one block, remembering the element that holds it and how much of it is link text.

import type { AnyNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { MAX_DEPTH } from './dom.ts';

export type Block = {
  text: string;
  /** Characters of `text` that sit inside links. */
  linkChars: number;
  /** Nearest block-level element holding the text. */
  el: Element;
  /** Tag of `el`, or of the nearest heading/list item/quote around the run. */
  kind: string;
};

export const BLOCK_TAGS = new Set(
  'address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul caption option select textarea output noscript frameset frame legend iframe video audio canvas'.split(
    ' ',
  ),
);

/** Elements whose text is never page content. */
export const SKIP_TAGS = new Set(
  'script style template svg math canvas iframe object embed video audio source track img picture button input select textarea option head link meta title map area param dialog datalist optgroup'.split(
    ' ',
  ),
);

const KIND_TAGS = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'pre',
  'dt',
  'dd',
  'td',
  'th',
  'figcaption',
  'p',
]);

type State = {
  out: Block[];
  parts: string[];
  linkChars: number;
  holder: Element;
  kind: string;
  inLink: number;
  inPre: number;
};

export function collectBlocks(root: Element): Block[] {
  const st: State = { out: [], parts: [], linkChars: 0, holder: root, kind: root.name, inLink: 0, inPre: 0 };
  walk(root, st, 0);
  flush(st);
  return st.out;
}

function flush(st: State): void {
  if (st.parts.length === 0) return;
  const raw = st.parts.join('');
  st.parts = [];
  const text =
    st.inPre > 0 || st.kind === 'pre'
      ? raw.replace(/^\n+|\s+$/g, '')
      : raw
          .split('\n')
          .map((line) => line.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim())
          .filter((line) => line.length > 0)
          .join('\n');
  const linkChars = Math.min(st.linkChars, text.length);
  st.linkChars = 0;
  if (text.length > 0) st.out.push({ text, linkChars, el: st.holder, kind: st.kind });
}

function walk(node: AnyNode, st: State, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (isText(node)) {
    const data = st.inPre > 0 ? node.data : node.data.replace(/[\r\n\t]+/g, ' ');
    st.parts.push(data);
    if (st.inLink > 0) st.linkChars += data.trim().length;
    return;
  }
  if (!isTag(node)) return;
  const name = node.name;
  if (SKIP_TAGS.has(name)) return;
  if (name === 'br') {
    st.parts.push('\n');
    return;
  }
  if (!BLOCK_TAGS.has(name)) {
    const isLink = name === 'a';
    if (isLink) st.inLink++;
    for (const child of node.children) walk(child, st, depth + 1);
    if (isLink) st.inLink--;
    return;
  }
  flush(st);
  const prevHolder = st.holder;
  const prevKind = st.kind;
  st.holder = node;
  st.kind = KIND_TAGS.has(name) ? name : prevKind === 'li' || prevKind === 'blockquote' ? prevKind : name;
  if (name === 'pre') st.inPre++;
  for (const child of node.children) walk(child, st, depth + 1);
  flush(st);
  if (name === 'pre') st.inPre--;
  st.holder = prevHolder;
  st.kind = prevKind;
}
