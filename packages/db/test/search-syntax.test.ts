// The search language on its own: parsing, compiling to FTS5 and evaluating without a database.
// Whether FTS5 and matchesSearch agree on real articles is in search.test.ts.
import { describe, expect, it } from 'vitest';
import {
  findHighlights,
  foldDocument,
  matchesSearch,
  parseSearch,
  SearchSyntaxError,
} from '../src/queries/index.ts';

describe('parseSearch: what a query compiles to', () => {
  it.each([
    // Juxtaposition and AND are the same; every token is quoted.
    ['gaza rafah', '"gaza" AND "rafah"'],
    ['gaza AND rafah', '"gaza" AND "rafah"'],
    // NOT > AND > OR.
    ['a OR b c', '"a" OR ("b" AND "c")'],
    ['a b OR c', '("a" AND "b") OR "c"'],
    ['a OR b AND c OR d', '"a" OR ("b" AND "c") OR "d"'],
    ['a NOT b OR c', '("a" NOT "b") OR "c"'],
    ['(a OR b) c', '("a" OR "b") AND "c"'],
    ['a (b OR c) NOT d', '("a" AND ("b" OR "c")) NOT "d"'],
    // `-term` is NOT term; exclusions in one AND are gathered into one OR.
    ['a -b', '"a" NOT "b"'],
    ['a -"b c" -(d OR e)', '"a" NOT ("b c" OR "d" OR "e")'],
    ['a b -(c d)', '("a" AND "b") NOT ("c" AND "d")'],
    ['a (NOT b)', '"a" NOT "b"'],
    ['NOT NOT a', '"a"'],
    // Quotes make a phrase; a word that folds to several tokens is a phrase too.
    ['"west bank" gaza', '"west bank" AND "gaza"'],
    ['al-Quds', '"al quds"'],
    ['"" gaza', '"gaza"'],
    ['“west bank” gaza', '"west bank" AND "gaza"'],
    ['«الضفة الغربية» OR غزة', '"ضفه غرب" OR "غزه"'],
    ['“west bank" gaza', '"west bank" AND "gaza"'],
    // title: applies to a term, a phrase or a whole group, and combines with NOT.
    ['title:gaza', '{title} : "gaza"'],
    ['TITLE:gaza', '{title} : "gaza"'],
    ['title:"west bank" aid', '{title} : "west bank" AND "aid"'],
    ['title:(a OR b) -c', '({title} : "a" OR {title} : "b") NOT "c"'],
    ['a -title:b', '"a" NOT {title} : "b"'],
    ['title:(a -b)', '{title} : "a" NOT {title} : "b"'],
    // Only uppercase operators are operators; lowercase ones and Arabic conjunctions are words.
    ['war and peace', '"war" AND "and" AND "peace"'],
    ['a or not b', '"a" AND "or" AND "not" AND "b"'],
    ['مصر أو السودان', '"مصر" AND "او" AND "سودان"'],
    // FTS5 syntax typed by a user stays text.
    ['NEAR(a b)', '"near" AND "a" AND "b"'],
    ['body:x* ^y', '"body x" AND "y"'],
    ['{title}:x', '"title x"'],
    ['constructor toString __proto__', '"constructor" AND "tostring" AND "proto"'],
    // A lone `-`, and terms with no word in them, are left out.
    ['x - y', '"x" AND "y"'],
    ['؟ OR a', '"a"'],
    ['a NOT !!', '"a"'],
    // Folded like the index: case, accents, Arabic spellings and the article.
    ['Café', '"cafe"'],
    ['إسرائيل', '"اسراييل"'],
    ['الحكومة', '"حكوم"'],
  ])('%s → %s', (q, match) => {
    expect(parseSearch(q).match).toBe(match);
  });

  it('has no filter for blank input or input with no word in it', () => {
    for (const q of [undefined, null, '', '   ', '"" ... ؟ !!', '-', '( ؟ )']) {
      expect(parseSearch(q)).toEqual({ match: null, tokens: [], tree: null });
    }
  });

  it('lets nothing but quoted tokens, operators, parentheses and {title} through to FTS5', () => {
    for (const q of [
      'a* OR b:c',
      'NEAR(x y, 2)',
      '^start +y',
      'title:"x" body:y',
      '"a""b"',
      '{body}:x',
      'x AND (y OR z) -"z w"',
    ]) {
      const { match } = parseSearch(q);
      const outsideQuotes = (match ?? '').replace(/"(?:[^"]|"")*"/g, '');
      expect(outsideQuotes, q).toMatch(/^(?:\s|AND|OR|NOT|\(|\)|\{title\} :)*$/);
    }
  });

  it('treats spellings the index folds together as the same query', () => {
    for (const [a, b] of [
      ['اسرائيل', 'إسرائيل'],
      ['"الأمم المتحدة"', '"الامم المتحده"'],
      ['title:مصر OR القاهرة', 'title:مِصْر OR القاهره'],
    ] as const) {
      expect(parseSearch(a).match).toBe(parseSearch(b).match);
    }
  });

  it('keeps only positive terms as tokens for snippets', () => {
    expect(parseSearch('a (b OR "c d") -e NOT title:f').tokens).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('parseSearch: bad syntax', () => {
  it.each([
    ['(gaza rafah', 'search: unbalanced parenthesis at 0'],
    ['gaza (rafah', 'search: unbalanced parenthesis at 5'],
    ['gaza rafah)', 'search: unbalanced parenthesis at 10'],
    ['(a (b OR c)', 'search: unbalanced parenthesis at 0'],
    ['a ()', 'search: empty parentheses at 2'],
    ['gaza OR', 'search: OR needs a term on both sides at 5'],
    ['OR gaza', 'search: OR needs a term on both sides at 0'],
    ['a OR OR b', 'search: OR needs a term on both sides at 2'],
    ['(OR a)', 'search: OR needs a term on both sides at 1'],
    ['a AND', 'search: AND needs a term on both sides at 2'],
    ['a (b AND) c', 'search: AND needs a term on both sides at 5'],
    ['a NOT', 'search: NOT needs a term after it at 2'],
    ['a (NOT)', 'search: NOT needs a term after it at 3'],
    ['"west bank', 'search: unclosed quote at 0'],
    ['a "b" "c', 'search: unclosed quote at 6'],
    ['«الضفة الغربية', 'search: unclosed quote at 0'],
    ['“west bank“', 'search: unclosed quote at 0'],
    ['title: gaza', 'search: title: needs a word, "phrase" or (group) right after it at 0'],
    ['a title:', 'search: title: needs a word, "phrase" or (group) right after it at 2'],
    // FTS5 can only exclude from something: a query of exclusions only, or an OR with one, is refused.
    ['NOT gaza', 'search: NOT needs a term to exclude from (as in "gaza NOT rafah") at 0'],
    ['-gaza', 'search: NOT needs a term to exclude from (as in "gaza NOT rafah") at 0'],
    ['-a -b', 'search: NOT needs a term to exclude from (as in "gaza NOT rafah") at 0'],
    ['a OR NOT b', 'search: NOT needs a term to exclude from (as in "gaza NOT rafah") at 5'],
    ['a OR -b', 'search: NOT needs a term to exclude from (as in "gaza NOT rafah") at 5'],
    ['a NOT (b OR NOT c)', 'search: NOT needs a term to exclude from (as in "gaza NOT rafah") at 12'],
    // …judged after folding: a "positive" term with no word in it leaves the NOT alone.
    ['؟ NOT a', 'search: NOT needs a term to exclude from (as in "gaza NOT rafah") at 2'],
    [`${'('.repeat(40)}a${')'.repeat(40)}`, 'search: parentheses nested deeper than 32 at 32'],
  ])('%s → %s', (q, message) => {
    let caught: unknown;
    try {
      parseSearch(q);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SearchSyntaxError);
    expect((caught as SearchSyntaxError).message).toBe(message);
    expect((caught as SearchSyntaxError).position).toBe(Number(message.split(' at ').at(-1)));
  });
});

describe('matchesSearch', () => {
  const article = {
    title: 'وزير الخارجية الإسرائيلي يزور الرباط',
    body: 'وصل غانتس إلى المغرب في زيارة رسمية. ووقّعت إسرائيل والمغرب اتفاقاً أمنياً في الرباط، وقال بيني غانتس إن البلدين…',
  };
  it.each([
    ['غانتس', true],
    ['اسرائيل', true], // إسرائيل, spelled without hamza
    ['المغرب الرباط', true],
    ['المغرب تونس', false],
    ['تونس OR الرباط', true],
    ['"بيني غانتس"', true],
    ['"غانتس بيني"', false], // a phrase is ordered
    ['title:غانتس', false], // only in the body
    ['title:الرباط', true],
    ['title:(تونس OR الرباط)', true],
    ['غانتس NOT تونس', true],
    ['غانتس -المغرب', false],
    ['غانتس -(تونس OR الجزائر)', true],
    ['(تونس OR الجزائر) NOT الرباط', false],
    ['"الرباط وصل"', false], // a phrase never spans the title and the body
    ['غانت', false], // a token is a whole word, never a prefix
    ['?', true], // nothing to search for: no filter
  ])('%s → %s', (q, expected) => {
    const parsed = parseSearch(q);
    expect(matchesSearch(parsed, article)).toBe(expected);
    expect(matchesSearch(parsed, foldDocument(article))).toBe(expected);
  });
});

describe('findHighlights', () => {
  it('marks each word of the text, as written, whose folded form is searched for', () => {
    // The light stemmer folds الإسرائيلية (Israeli) onto اسرائيل too, in the index as here.
    const text = 'قالت إسرائيل (الإسرائيلية) إن اسرائيل، والحكومة… Café cafeteria';
    const ranges = findHighlights(text, parseSearch('اسرائيل حكومة cafe').tokens);
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual([
      'إسرائيل',
      'الإسرائيلية',
      'اسرائيل',
      'والحكومة',
      'Café',
    ]);
    expect(findHighlights(text, [])).toEqual([]);
  });
});
