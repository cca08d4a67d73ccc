// The search language shared by the dashboard's search box and (later) watch topics:
//
//   gaza rafah              both words (juxtaposition is AND)
//   gaza AND rafah          the same, spelled out
//   gaza OR rafah           either word
//   gaza NOT rafah          gaza, but not when rafah is there too; `gaza -rafah` says the same
//   "west bank"             the words adjacent, in this order; “smart” and «Arabic» quotes work too
//   (gaza OR rafah) aid     parentheses group
//   title:gaza              only in the headline; also title:"west bank" and title:(gaza OR rafah)
//
// Precedence is NOT > AND > OR, so `a OR b c` means `a OR (b AND c)`. A prefix (`-`, `title:`) binds
// only with no space after it: `x - y` is x AND y, and `title: x` is an error. Errors give the offset as
// JavaScript counts it (UTF-16 code units), which is what an input element's selection uses.
//
// Only UPPERCASE AND, OR, NOT are operators; lowercase and/or/not are ordinary words (as in Google and
// Media Cloud), so pasting a sentence never turns into a query by accident. Arabic has no letter case
// to tell an operator from a word, so Arabic words are never operators: و and لا are also clitics and
// parts of words, and أو is a word a reader may well quote. Arabic readers use OR, NOT, `-` and ( ).
//
// Every term goes through toSearchText, the function the FTS index was built with, so `اسرائيل` finds
// `إسرائيل` and a search for `الحكومة` finds `حكومة`. A term that folds to nothing (punctuation) is left
// out, as if it had not been typed.
//
// FTS5 has no unary NOT: it can only take matches away from something. So a NOT must sit beside at
// least one positive term it excludes from (`gaza NOT rafah`, `gaza (NOT rafah)`); a query that is only
// exclusions, or an OR with an excluded branch (`a OR NOT b`), is rejected with a SearchSyntaxError
// rather than silently rewritten into a scan of every article.
import { toSearchText } from './text.ts';

/** One node of a parsed search. `at` is the 0-based character offset of what the user typed. */
export type SearchNode =
  | { kind: 'term'; tokens: string[]; field: 'title' | null; at: number }
  | { kind: 'and'; children: SearchNode[]; at: number }
  | { kind: 'or'; children: SearchNode[]; at: number }
  | { kind: 'not'; child: SearchNode; at: number };

export type ParsedSearch = {
  /** A safe FTS5 MATCH expression, or null when the search has no usable word (no filter). */
  match: string | null;
  /** Folded tokens of the positive terms (not those under NOT), for snippets and highlighting. */
  tokens: string[];
  /** The folded query, for matchesSearch; null when there is nothing to search for. */
  tree: SearchNode | null;
};

/** A query that cannot be read; `position` is the 0-based character offset of the problem. */
export class SearchSyntaxError extends Error {
  readonly position: number;
  constructor(problem: string, position: number) {
    super(`search: ${problem} at ${position}`);
    this.name = 'SearchSyntaxError';
    this.position = position;
  }
}

// Deep enough for any query a person writes; stops a pasted `((((…` from overflowing the stack.
const MAX_DEPTH = 32;

type Lexeme =
  | { type: 'word'; text: string; at: number }
  | { type: 'phrase'; text: string; at: number }
  | { type: 'and' | 'or' | 'not' | 'minus' | 'title' | 'open' | 'close'; at: number };

// Maps, not object literals: a typed word such as `constructor` must not find Object.prototype's.
const OPERATORS = new Map<string, 'and' | 'or' | 'not'>([
  ['AND', 'and'],
  ['OR', 'or'],
  ['NOT', 'not'],
]);
const SPACE = /\s/u;
const TITLE_PREFIX = 'title:';
// Phones and word processors type “smart” quotes, and Arabic text often uses «guillemets»; each opening
// quote closes with its partner or a plain " (a phrase typed half with autocorrect on).
const QUOTES = new Map([
  ['"', '"'],
  ['“', '”"'],
  ['«', '»"'],
]);
const BREAKS = `()${[...QUOTES.keys()].join('')}`;

// A prefix (`-`, `title:`) binds only to what follows it without a space.
const startsOperand = (ch: string | undefined): boolean => ch !== undefined && !SPACE.test(ch) && ch !== ')';

function lex(q: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  // True where a new word may start with a prefix: after a space, a `(` or another prefix.
  let atWordStart = true;
  while (i < q.length) {
    const ch = q[i] as string;
    if (SPACE.test(ch)) {
      i++;
      atWordStart = true;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ type: ch === '(' ? 'open' : 'close', at: i });
      i++;
      atWordStart = true;
      continue;
    }
    const closers = QUOTES.get(ch);
    if (closers) {
      let end = i + 1;
      while (end < q.length && !closers.includes(q[end] as string)) end++;
      if (end >= q.length) throw new SearchSyntaxError('unclosed quote', i);
      out.push({ type: 'phrase', text: q.slice(i + 1, end), at: i });
      i = end + 1;
      atWordStart = false;
      continue;
    }
    if (atWordStart && ch === '-' && startsOperand(q[i + 1])) {
      out.push({ type: 'minus', at: i });
      i++;
      continue;
    }
    if (atWordStart && q.slice(i, i + TITLE_PREFIX.length).toLowerCase() === TITLE_PREFIX) {
      if (!startsOperand(q[i + TITLE_PREFIX.length])) {
        throw new SearchSyntaxError('title: needs a word, "phrase" or (group) right after it', i);
      }
      out.push({ type: 'title', at: i });
      i += TITLE_PREFIX.length;
      continue;
    }
    let end = i;
    while (end < q.length && !SPACE.test(q[end] as string) && !BREAKS.includes(q[end] as string)) end++;
    const text = q.slice(i, end);
    const op = OPERATORS.get(text);
    out.push(op ? { type: op, at: i } : { type: 'word', text, at: i });
    i = end;
    atWordStart = false;
  }
  return out;
}

/** The query as typed, before folding: terms keep their raw text. */
type RawNode =
  | { kind: 'term'; text: string; field: 'title' | null; at: number }
  | { kind: 'and' | 'or'; children: RawNode[]; at: number }
  | { kind: 'not'; child: RawNode; at: number };

const OPERATOR_NAMES = { and: 'AND', or: 'OR', not: 'NOT' } as const;

// Recursive descent over: or := and (OR and)* ; and := unary ((AND)? unary)* ;
// unary := (NOT | - | title:) unary | word | "phrase" | ( or )
function parseRaw(lexemes: Lexeme[], q: string): RawNode | null {
  let pos = 0;
  const peek = (): Lexeme | undefined => lexemes[pos];
  const endAt = (): number => peek()?.at ?? q.length;

  const startsUnary = (l: Lexeme | undefined): boolean =>
    l !== undefined && l.type !== 'and' && l.type !== 'or' && l.type !== 'close';

  const parseOr = (depth: number): RawNode => {
    const first = parseAnd(depth);
    const children = [first];
    while (peek()?.type === 'or') {
      const op = peek() as Lexeme;
      pos++;
      if (!startsUnary(peek())) throw new SearchSyntaxError('OR needs a term on both sides', op.at);
      children.push(parseAnd(depth));
    }
    return children.length === 1 ? first : { kind: 'or', children, at: first.at };
  };

  const parseAnd = (depth: number): RawNode => {
    const first = parseUnary(depth);
    const children = [first];
    for (;;) {
      const next = peek();
      if (next?.type === 'and') {
        pos++;
        if (!startsUnary(peek())) throw new SearchSyntaxError('AND needs a term on both sides', next.at);
        children.push(parseUnary(depth));
      } else if (startsUnary(next)) {
        children.push(parseUnary(depth));
      } else {
        break;
      }
    }
    return children.length === 1 ? first : { kind: 'and', children, at: first.at };
  };

  const parseUnary = (depth: number): RawNode => {
    const l = peek();
    if (!l) throw new SearchSyntaxError('expected a term', q.length);
    switch (l.type) {
      case 'not':
      case 'minus': {
        pos++;
        if (!startsUnary(peek())) {
          throw new SearchSyntaxError(`${l.type === 'not' ? 'NOT' : '-'} needs a term after it`, l.at);
        }
        return { kind: 'not', child: parseUnary(depth), at: l.at };
      }
      case 'title': {
        pos++;
        return withTitle(parseUnary(depth));
      }
      case 'word':
      case 'phrase':
        pos++;
        return { kind: 'term', text: l.text, field: null, at: l.at };
      case 'open': {
        pos++;
        if (depth >= MAX_DEPTH)
          throw new SearchSyntaxError(`parentheses nested deeper than ${MAX_DEPTH}`, l.at);
        if (!peek()) throw new SearchSyntaxError('unbalanced parenthesis', l.at);
        if (peek()?.type === 'close') throw new SearchSyntaxError('empty parentheses', l.at);
        if (peek()?.type === 'and' || peek()?.type === 'or') {
          const op = peek() as Lexeme & { type: 'and' | 'or' };
          throw new SearchSyntaxError(`${OPERATOR_NAMES[op.type]} needs a term on both sides`, op.at);
        }
        const inner = parseOr(depth + 1);
        if (peek()?.type !== 'close') throw new SearchSyntaxError('unbalanced parenthesis', l.at);
        pos++;
        return inner;
      }
      case 'and':
      case 'or':
        throw new SearchSyntaxError(`${OPERATOR_NAMES[l.type]} needs a term on both sides`, l.at);
      case 'close':
        throw new SearchSyntaxError('unbalanced parenthesis', l.at);
    }
  };

  if (lexemes.length === 0) return null;
  const tree = parseOr(0);
  const rest = peek();
  if (rest) {
    // parseOr stops only at a `)` it did not open, or at an operator with nothing after it.
    if (rest.type === 'close') throw new SearchSyntaxError('unbalanced parenthesis', rest.at);
    throw new SearchSyntaxError('unexpected input', endAt());
  }
  return tree;
}

function withTitle(node: RawNode): RawNode {
  switch (node.kind) {
    case 'term':
      return { ...node, field: 'title' };
    case 'not':
      return { ...node, child: withTitle(node.child) };
    default:
      return { ...node, children: node.children.map(withTitle) };
  }
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** Folds every term; drops terms with no searchable word and flattens what is left. */
function fold(node: RawNode): SearchNode | null {
  switch (node.kind) {
    case 'term': {
      const tokens = toSearchText(node.text)
        .split(' ')
        .filter((t) => WORDLIKE.test(t));
      return tokens.length ? { kind: 'term', tokens, field: node.field, at: node.at } : null;
    }
    case 'not': {
      const child = fold(node.child);
      if (!child) return null;
      // NOT NOT x is x: the outer NOT cancels, and x then needs no positive partner.
      return child.kind === 'not' ? child.child : { kind: 'not', child, at: node.at };
    }
    default: {
      const children: SearchNode[] = [];
      for (const raw of node.children) {
        const child = fold(raw);
        if (!child) continue;
        // a AND (b AND c) is a AND b AND c; flattening lets `a (NOT b)` find its positive partner.
        if (child.kind === node.kind) children.push(...child.children);
        else children.push(child);
      }
      if (children.length <= 1) return children[0] ?? null;
      return { kind: node.kind, children, at: node.at };
    }
  }
}

const EXCLUDE_FROM_NOTHING = 'NOT needs a term to exclude from (as in "gaza NOT rafah")';

/** Throws where a NOT has nothing positive beside it, which FTS5 cannot express. */
function checkExclusions(node: SearchNode): void {
  switch (node.kind) {
    case 'term':
      return;
    case 'not':
      throw new SearchSyntaxError(EXCLUDE_FROM_NOTHING, node.at);
    case 'or':
      for (const child of node.children) checkExclusions(child);
      return;
    case 'and': {
      const positives = node.children.filter((c) => c.kind !== 'not');
      if (positives.length === 0) {
        throw new SearchSyntaxError(EXCLUDE_FROM_NOTHING, node.children[0]?.at ?? node.at);
      }
      for (const child of node.children) checkExclusions(child.kind === 'not' ? child.child : child);
    }
  }
}

function compile(node: SearchNode): string {
  const group = (n: SearchNode): string => (n.kind === 'term' ? compile(n) : `(${compile(n)})`);
  switch (node.kind) {
    case 'term': {
      // Tokens are letters and digits only, but escape anyway: the quotes are the whole safety story.
      const phrase = `"${node.tokens.join(' ').replaceAll('"', '""')}"`;
      return node.field ? `{title} : ${phrase}` : phrase;
    }
    case 'or':
      return node.children.map(group).join(' OR ');
    case 'and': {
      const positives = node.children.filter((c) => c.kind !== 'not');
      // a NOT b NOT c excludes (b OR c); an excluded OR joins that list rather than nesting in it.
      const negatives = node.children.flatMap((c) =>
        c.kind !== 'not' ? [] : c.child.kind === 'or' ? c.child.children : [c.child],
      );
      const kept = positives.map(group).join(' AND ');
      if (negatives.length === 0) return kept;
      const dropped =
        negatives.length === 1 ? group(negatives[0] as SearchNode) : `(${negatives.map(group).join(' OR ')})`;
      return `${positives.length > 1 ? `(${kept})` : kept} NOT ${dropped}`;
    }
    case 'not':
      // checkExclusions has already rejected a NOT that is not inside an AND.
      throw new SearchSyntaxError(EXCLUDE_FROM_NOTHING, node.at);
  }
}

function positiveTokens(node: SearchNode, out: Set<string>): Set<string> {
  if (node.kind === 'term') for (const t of node.tokens) out.add(t);
  else if (node.kind !== 'not') for (const child of node.children) positiveTokens(child, out);
  return out;
}

/**
 * Parses what a user typed (see the top of this file for the language) into a safe FTS5 MATCH
 * expression, the positive tokens, and a tree for matchesSearch. Every token is double-quoted, so user
 * input can never reach FTS5 syntax (NEAR, *, ^, other columns). Throws a SearchSyntaxError, whose
 * message names the problem and its position, for a query that cannot be read.
 */
export function parseSearch(q: string | null | undefined): ParsedSearch {
  if (!q?.trim()) return { match: null, tokens: [], tree: null };
  const raw = parseRaw(lex(q), q);
  const tree = raw ? fold(raw) : null;
  if (!tree) return { match: null, tokens: [], tree: null };
  checkExclusions(tree);
  return { match: compile(tree), tokens: [...positiveTokens(tree, new Set())], tree };
}

/** An article's text folded once, to test it against many searches (watch topics). */
export type FoldedDocument = { folded: true; title: string; body: string };

/** Folds title and body the way the FTS index does (store.ts feeds it toSearchText of each). */
export function foldDocument(doc: { title: string; body: string }): FoldedDocument {
  // Spaces at both ends let a token or phrase be found as ` a b ` without matching inside a word.
  return { folded: true, title: ` ${toSearchText(doc.title)} `, body: ` ${toSearchText(doc.body)} ` };
}

function evaluate(node: SearchNode, doc: FoldedDocument): boolean {
  switch (node.kind) {
    case 'term': {
      // An FTS5 phrase matches within one column, never across the title/body boundary.
      const needle = ` ${node.tokens.join(' ')} `;
      return doc.title.includes(needle) || (node.field === null && doc.body.includes(needle));
    }
    case 'and':
      return node.children.every((c) => evaluate(c, doc));
    case 'or':
      return node.children.some((c) => evaluate(c, doc));
    case 'not':
      return !evaluate(node.child, doc);
  }
}

/**
 * Whether an article matches a parsed search, without the database: the same answer the FTS index
 * gives, for applying a watch topic to an article as it arrives. A search with nothing to search for
 * matches everything, as it filters nothing in the dashboard. Pass a FoldedDocument to fold an article
 * once for many searches.
 */
export function matchesSearch(
  parsed: ParsedSearch,
  doc: { title: string; body: string } | FoldedDocument,
): boolean {
  if (!parsed.tree) return true;
  return evaluate(parsed.tree, 'folded' in doc ? doc : foldDocument(doc));
}

/**
 * Where the search's positive tokens occur in a text as written: [start, end) character ranges of
 * each word whose folded form is one of `tokens`, in order. For marking matches in a snippet; the
 * caller renders the ranges (as <mark> elements, never as HTML strings).
 */
export function findHighlights(text: string, tokens: string[]): [number, number][] {
  if (tokens.length === 0) return [];
  const wanted = new Set(tokens);
  const ranges: [number, number][] = [];
  // Words as the folding splits them, so `(إسرائيل)` marks the word and not its brackets.
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}\u0640]+/gu)) {
    if (
      toSearchText(m[0])
        .split(' ')
        .some((t) => wanted.has(t))
    )
      ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}
