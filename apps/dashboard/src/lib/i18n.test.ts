import { describe, expect, it } from 'vitest';
import { createFormat } from './format';
import { directionOf, readLocale, translate, translatePlural } from './i18n';

describe('i18n', () => {
  it('reads only the locales it has, defaulting to English', () => {
    expect(readLocale('ar')).toBe('ar');
    expect(readLocale('fr')).toBe('en');
    expect(readLocale(undefined)).toBe('en');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });

  it('translates labels and fills placeholders in both languages', () => {
    expect(translate('en', 'Coverage overview')).toBe('Coverage overview');
    expect(translate('ar', 'Coverage overview')).toBe('نظرة عامة على التغطية');
    expect(translate('en', 'Outlet: {name}', { name: 'BBC' })).toBe('Outlet: BBC');
    expect(translate('ar', 'Outlet: {name}', { name: 'BBC' })).toBe('الوسيلة: BBC');
  });

  it('picks the Arabic plural form by count (CLDR: one, two, few 3–10, many 11–99, other)', () => {
    const articles = (n: number) => translatePlural('ar', 'articles', n, String(n));
    expect(articles(1)).toBe('مقال واحد');
    expect(articles(2)).toBe('مقالان');
    expect(articles(7)).toBe('7 مقالات');
    expect(articles(42)).toBe('42 مقالًا');
    expect(articles(100)).toBe('100 مقال');
    expect(translatePlural('en', 'articles', 1, '1')).toBe('1 article');
    expect(translatePlural('en', 'articles', 1197, '1,197')).toBe('1,197 articles');
  });

  it('formats dates and language names in the locale, always in UTC', () => {
    const en = createFormat('en');
    const ar = createFormat('ar');
    expect(en.day('2018-02-18')).toBe('18 Feb 2018');
    expect(ar.day('2018-02-18')).toMatch(/فبراير/);
    expect(en.bucket('2018-02-12', 'week')).toBe('Week of 12 Feb 2018');
    expect(ar.language('ar')).toBe('العربية');
    expect(en.language(null)).toBe('Unknown language');
    expect(ar.articleDate({ day: '2018-02-18', publishedAt: null, dateSource: 'none' }).detail).toBe(
      'لا تاريخ في المقال',
    );
  });
});
