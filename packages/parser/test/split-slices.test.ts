import { describe, expect, it } from 'vitest';
import { JsonLinesSplitter, type RawInput, type SplitItem, splitItems } from '../src/index.ts';
import { HAS_SHARED, sharedText } from './shared.ts';

/** Cuts text into slices of whole lines (about `size` characters each), without the newline that ends one. */
function slices(text: string, size: number): string[] {
  const out: string[] = [];
  let from = 0;
  while (from < text.length) {
    const cut = text.indexOf('\n', from + size);
    if (cut === -1) {
      out.push(text.slice(from));
      break;
    }
    out.push(text.slice(from, cut));
    from = cut + 1;
  }
  return out;
}

/** What the splitter gives for the slices, or what it throws. */
function splitSlices(input: RawInput, parts: string[]): { items: SplitItem[] } | { error: string } {
  const splitter = new JsonLinesSplitter({ ...input, content: '' });
  const items: SplitItem[] = [];
  try {
    for (const part of parts) items.push(...splitter.slice(part));
    splitter.finish();
  } catch (error) {
    return { error: (error as Error).message };
  }
  return { items };
}

function splitWhole(input: RawInput): { items: SplitItem[] } | { error: string } {
  const items: SplitItem[] = [];
  try {
    for (const item of splitItems(input)) items.push(item);
  } catch (error) {
    return { error: (error as Error).message };
  }
  return { items };
}

// Items without `of` (a slice cannot know how many lines the file has; only progress reads it).
const comparable = (result: { items: SplitItem[] } | { error: string }) =>
  'error' in result ? result : result.items.map(({ of: _of, ...rest }) => rest);

describe('JsonLinesSplitter', () => {
  it.runIf(HAS_SHARED)('gives what splitItems gives for a whole ANT file, whatever the slices', () => {
    const text = sharedText('corpus/ant/bbc.jsonl.gz');
    const input: RawInput = { content: text, location: 'bbc.jsonl.gz', referenceDate: '2018-12-31' };
    const whole = comparable(splitWhole(input));
    expect(Array.isArray(whole) && whole.length).toBeGreaterThan(3000);
    for (const size of [1, 50_000, 1 << 20])
      expect(comparable(splitSlices(input, slices(text, size)))).toEqual(whole);
  });

  it.each([
    ['leading blank lines and a BOM', '\uFEFF\n\n  \n{"title":"a"}\n{"title":"b"}\n'],
    ['CRLF line ends and blank lines between', '{"title":"a"}\r\n\r\n{"title":"b"}\r\n{"title":"c"}'],
    ['a bad line and an array line', '{"title":"a"}\n{"title": oops}\n[1,2]\n{"title":"d"}\n'],
    ['trailing blank lines', '{"title":"a"}\n\n\n   \n'],
    ['only bad lines', '{oops}\n[]\n'],
    ['only blank lines', '\n \n\t\n'],
  ])('matches splitItems on %s, line by line and in one slice', (_name, text) => {
    const input: RawInput = { content: text, location: 'f.jsonl' };
    const whole = comparable(splitWhole(input));
    expect(comparable(splitSlices(input, [text]))).toEqual(whole);
    expect(comparable(splitSlices(input, text.split('\n')))).toEqual(whole);
  });

  it('names the file and the problem when there is nothing to split', () => {
    expect(splitSlices({ content: '', location: 'e.jsonl' }, ['  ', ''])).toEqual({
      error: 'e.jsonl: empty',
    });
    expect(splitSlices({ content: '', location: 'n.jsonl' }, ['{"a":1}', 'x\u0000y'])).toEqual({
      error: 'n.jsonl: binary, not text',
    });
  });
});
