import { describe, expect, it } from 'vitest';
import { ParseError, splitDocument, splitItems } from '../src/index.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('splitDocument', () => {
  it('JSON array → one record input per item, located, deterministic content', () => {
    const { inputs, problems } = splitDocument({
      content: bytes('[{"title":"a","text":"x"},{"title":"b"}]'),
      location: 'f.json',
    });
    expect(problems).toEqual([]);
    expect(inputs.map((i) => i.location)).toEqual(['f.json#0', 'f.json#1']);
    expect(inputs.map((i) => i.format)).toEqual(['record', 'record']);
    expect(inputs[0]?.content).toBe('{"title":"a","text":"x"}');
  });

  it('JSON array with a non-object item reports it', () => {
    const { inputs, problems } = splitDocument({ content: '[{"a":1}, 3]', location: 'g.json' });
    expect(inputs).toHaveLength(1);
    expect(problems).toEqual([{ location: 'g.json#1', message: 'item 1: not a JSON object' }]);
  });

  it('JSONL with a bad line keeps the good records and names the bad line', () => {
    const text = '{"title":"a"}\n{"title": oops}\n\n{"title":"c"}\n';
    const { inputs, problems } = splitDocument({ content: bytes(text), location: 'h.jsonl' });
    expect(inputs.map((i) => i.location)).toEqual(['h.jsonl#0', 'h.jsonl#3']);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.location).toBe('h.jsonl#1');
    expect(problems[0]?.message).toMatch(/^line 2: invalid JSON/);
  });

  it('splitItems yields what splitDocument returns, one step at a time, in document order', () => {
    const text = '{"title":"a"}\n[1]\n{"title": oops}\n\n{"title":"c"}\n';
    const steps = [...splitItems({ content: bytes(text), location: 'h.jsonl' })];
    expect(steps.map((s) => ('input' in s ? s.input.location : `problem ${s.problem.location}`))).toEqual([
      'h.jsonl#0',
      'problem h.jsonl#1',
      'problem h.jsonl#2',
      'h.jsonl#4',
    ]);
    expect(steps.map((s) => [s.index, s.of])).toEqual([
      [0, 5],
      [1, 5],
      [2, 5],
      [4, 5],
    ]);
    const whole = splitDocument({ content: bytes(text), location: 'h.jsonl' });
    expect(steps.flatMap((s) => ('input' in s ? [s.input] : []))).toEqual(whole.inputs);
    expect(steps.flatMap((s) => ('problem' in s ? [s.problem] : []))).toEqual(whole.problems);
  });

  it('splitItems on JSON Lines with no valid record throws after its problems, as splitDocument throws', () => {
    const seen: string[] = [];
    const run = () => {
      for (const step of splitItems({ content: '[1]\n{oops}\n', location: 'bad.jsonl' }))
        if ('problem' in step) seen.push(step.problem.location);
    };
    expect(run).toThrow(/bad\.jsonl: invalid JSON Lines: no valid record \(line 1: not a JSON object\)/);
    expect(seen).toEqual(['bad.jsonl#0', 'bad.jsonl#1']);
    expect(() => splitDocument({ content: '[1]\n{oops}\n', location: 'bad.jsonl' })).toThrow(
      /no valid record \(line 1: not a JSON object\)/,
    );
  });

  it('JSON Lines without a .jsonl name are detected by content', () => {
    const { inputs } = splitDocument({ content: '{"a":1}\n{"a":2}', location: 'dump.txt' });
    expect(inputs.map((i) => i.content)).toEqual(['{"a":1}', '{"a":2}']);
  });

  it('one JSON object stays one record', () => {
    const { inputs } = splitDocument({ content: '{"a":1}', location: 'one.json' });
    expect(inputs).toEqual([{ content: '{"a":1}', format: 'record', location: 'one.json' }]);
  });

  it('plain text and HTML come back unchanged', () => {
    const input = { content: 'just a story', location: 's.txt' };
    expect(splitDocument(input)).toEqual({ inputs: [input], problems: [] });
    const html = { content: '<html><body>x</body></html>', format: 'html' as const };
    expect(splitDocument(html).inputs[0]).toBe(html);
  });

  const failures: { name: string; content: string | Uint8Array; location: string; message: string }[] = [
    { name: 'empty', content: '', location: 'e.json', message: 'e.json: empty' },
    { name: 'whitespace only', content: bytes(' \n\t\n'), location: 'w.jsonl', message: 'w.jsonl: empty' },
    {
      name: 'binary (NUL bytes)',
      content: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]),
      location: 'z.json',
      message: 'z.json: binary, not text',
    },
    { name: 'invalid JSON array', content: '[{"a":1},', location: 'i.json', message: 'i.json: invalid JSON' },
    {
      name: 'JSONL with no valid line',
      content: '{nope}\n{nope}',
      location: 'n.jsonl',
      message: 'n.jsonl: invalid JSON Lines: no valid record (line 1: invalid JSON',
    },
    {
      name: '.json that is not JSON',
      content: 'hello',
      location: 'h.json',
      message: 'h.json: invalid JSON (not an object or array)',
    },
  ];
  for (const f of failures) {
    it(`throws for ${f.name}`, () => {
      expect(() => splitDocument({ content: f.content, location: f.location })).toThrow(ParseError);
      expect(() => splitDocument({ content: f.content, location: f.location })).toThrow(f.message);
    });
  }
});

describe('learnBoilerplate', () => {
  it('keeps lines repeated across many texts of one outlet, not story lines', async () => {
    const { learnBoilerplate, extractText } = await import('../src/index.ts');
    const texts = Array.from(
      { length: 10 },
      (_, i) => `عنوان الخبر رقم ${i} هنا\nنص الخبر ${i} طويل بما يكفي.\nعين اليوم – متابعات`,
    );
    const learned = learnBoilerplate(texts);
    expect([...learned]).toEqual(['عين اليوم – متابعات']);
    const t = extractText(texts[0] ?? '', { learnedBoilerplate: learned });
    expect(t.paragraphs).toEqual(['نص الخبر 0 طويل بما يكفي.']);
  });
});
