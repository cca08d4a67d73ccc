import { describe, expect, it } from 'vitest';
import { BadParamError, compareParam, parseCompareParams, parseShareParams } from './filters';

const parse = (query: string) => parseCompareParams(new URLSearchParams(query));

describe('compare parameters', () => {
  it('reads repeated compare= values in order, with their defaults', () => {
    const params = parse(
      `compare=${encodeURIComponent('q:غزة OR رفح')}&compare=topic:sport&compare=outlet:12`,
    );
    expect(params).toEqual({
      compare: [
        { kind: 'q', value: 'غزة OR رفح' },
        { kind: 'topic', value: 'sport' },
        { kind: 'outlet', value: '12' },
      ],
      bucket: 'month',
      measure: 'count',
    });
    // A search may hold colons of its own: only the first one separates the kind.
    expect(parse('compare=q:title:gaza').compare).toEqual([{ kind: 'q', value: 'title:gaza' }]);
    expect(params.compare.map(compareParam)).toEqual(['q:غزة OR رفح', 'topic:sport', 'outlet:12']);
  });

  it('names the parameter and the problem for each bad value', () => {
    const cases: [string, RegExp][] = [
      ['compare=gaza', /^compare: expected q:<search>, topic:<slug> or outlet:<id>, got "gaza"$/],
      ['compare=outlet:0', /^compare: expected an outlet id after outlet:/],
      ['compare=topic:', /^compare: topic: is empty$/],
      [`compare=q:${'x'.repeat(301)}`, /^compare: a search has at most 300 characters$/],
      ['compare=q:a&compare=q:a', /^compare: the same series is listed twice$/],
      [Array.from({ length: 9 }, (_, i) => `compare=q:w${i}`).join('&'), /^compare: at most 8 series$/],
      ['measure=ratio', /^measure: /],
      ['bucket=year', /^bucket: /],
    ];
    for (const [query, message] of cases) {
      expect(() => parse(query), query).toThrow(BadParamError);
      expect(() => parse(query), query).toThrow(message);
    }
  });

  it('reads the share view: by outlet unless told otherwise', () => {
    expect(parseShareParams(new URLSearchParams('bucket=week'))).toEqual({ bucket: 'week', by: 'outlet' });
    expect(() => parseShareParams(new URLSearchParams('by=topic'))).toThrow(/^by: /);
  });
});
