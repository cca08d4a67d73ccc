// Small helpers over htmlparser2's DOM (domhandler nodes). Walks are depth-bounded: a hostile page
// with tens of thousands of nested tags must not overflow the stack.

import type { AnyNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';

export const MAX_DEPTH = 300;

export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

/** Collapses runs of whitespace (including NBSP and zero-width spaces) to one space. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/g, ' ').trim();
}

/** Raw text of a subtree, without any block handling; for metadata-sized elements. */
export function textOf(node: AnyNode, depth = 0): string {
  if (isText(node)) return node.data;
  if (!isTag(node) || depth > MAX_DEPTH) return '';
  if (node.name === 'script' || node.name === 'style' || node.name === 'template') return '';
  let out = '';
  for (const child of node.children) out += textOf(child, depth + 1);
  return out;
}

/** Every element under `root` (itself included) in document order, depth-bounded, without recursion. */
export function elementsOf(root: AnyNode): Element[] {
  const out: Element[] = [];
  const stack: [AnyNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [AnyNode, number];
    if (isTag(node)) out.push(node);
    if (depth >= MAX_DEPTH || !('children' in node)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i] as AnyNode, depth + 1]);
  }
  return out;
}

export function findFirst(root: AnyNode, test: (el: Element) => boolean): Element | null {
  for (const el of elementsOf(root)) if (test(el)) return el;
  return null;
}

export function hasAncestor(el: Element, test: (el: Element) => boolean, maxUp = MAX_DEPTH): boolean {
  let cur = el.parent;
  for (let i = 0; cur && i < maxUp; i++) {
    if (isTag(cur) && test(cur)) return true;
    cur = cur.parent;
  }
  return false;
}

export function detach(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const i = parent.children.indexOf(node as never);
  if (i >= 0) parent.children.splice(i, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}
