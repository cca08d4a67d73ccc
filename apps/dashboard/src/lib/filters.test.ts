import { describe, expect, it } from 'vitest';
import {
  BadParamError,
  emptyFilters,
  hasAnyFilter,
  parseFilters,
  toCoverageFilters,
  toSearchParams,
} from './filters';

const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe('the unique filter in the URL', () => {
  it('reads 1/true as unique texts only and 0/false or nothing as every article', () => {
    const cases: [string, boolean | undefined][] = [
      ['unique=1', true],
      ['unique=true', true],
      ['unique=0', false],
      ['unique=false', false],
      // A blank field is "not set", as for every filter.
      ['unique=', undefined],
      ['', undefined],
    ];
    for (const [query, unique] of cases) expect(parse(query).unique, query).toBe(unique);
  });

  it('names the parameter for any other value', () => {
    for (const query of ['unique=yes', 'unique=2', 'unique=TRUE', 'unique=on']) {
      expect(() => parse(query), query).toThrow(BadParamError);
      expect(() => parse(query), query).toThrow(
        /^unique: expected 1 \(unique texts only\) or 0 \(every article\)$/,
      );
    }
  });

  it('goes to the queries and back to the URL only when set, so equal filters give equal URLs', () => {
    const on = parse('lang=ar&unique=true');
    expect(toCoverageFilters(on)).toEqual({ languages: ['ar'], unique: true });
    expect(toSearchParams(on).toString()).toBe('lang=ar&unique=1');
    expect(parseFilters(toSearchParams(on))).toEqual(on);
    const off = parse('lang=ar&unique=0');
    expect(toCoverageFilters(off)).toEqual({ languages: ['ar'] });
    expect(toSearchParams(off).toString()).toBe('lang=ar');
    // The filter bar offers "Clear filters" for it like for any other.
    expect(hasAnyFilter({ ...emptyFilters, unique: true })).toBe(true);
    expect(hasAnyFilter({ ...emptyFilters, unique: false })).toBe(false);
  });
});
