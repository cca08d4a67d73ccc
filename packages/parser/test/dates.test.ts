import { describe, expect, it } from 'vitest';
import { findDateMentions, jalaliToGregorian, ummAlQuraToGregorian } from '../src/dates/index.ts';
import { findDateInText, hijriToGregorian, parseDate } from '../src/index.ts';

const REF = '2021-11-24T18:00:00Z'; // a Wednesday

// text, UTC instant, precision, and the day as written when the zone puts it apart from the UTC day.
type Row = [string, string | null, string?, string?];

const ABSOLUTE: Record<string, Row[]> = {
  machine: [
    ['2021-11-24T10:00:00+01:00', '2021-11-24T09:00:00.000Z', 'second'],
    ['2022-05-03T21:30-03:00', '2022-05-04T00:30:00.000Z', 'minute', '2022-05-03'],
    ['2020-02-25T01:10:00+02:00', '2020-02-24T23:10:00.000Z', 'second', '2020-02-25'],
    ['2021-11-24T10:00Z', '2021-11-24T10:00:00.000Z', 'minute'],
    ['2021-11-24', '2021-11-24T00:00:00.000Z', 'day'],
    ['2021-11', '2021-11-01T00:00:00.000Z', 'month'],
    ['2015-07-21 02:51:32', '2015-07-21T02:51:32.000Z', 'second'],
    ['Sun, 18 Feb 2018 21:35:43 +0400', '2018-02-18T17:35:43.000Z', 'second'],
    ['Sun, 18 Feb 2018 17:21:49 GMT', '2018-02-18T17:21:49.000Z', 'second'],
    ['Tue, 10 Jun 2003 04:00:00 EDT', '2003-06-10T08:00:00.000Z', 'second'],
    ['24/11/2021', '2021-11-24T00:00:00.000Z', 'day'],
    ['03/04/2021', '2021-04-03T00:00:00.000Z', 'day'],
    ['11/24/2021', '2021-11-24T00:00:00.000Z', 'day'],
    ['24.11.2021 14:30', '2021-11-24T14:30:00.000Z', 'minute'],
    ['2021/11/24', '2021-11-24T00:00:00.000Z', 'day'],
  ],
  'Arabic standard': [
    ['24 نوفمبر 2021', '2021-11-24T00:00:00.000Z', 'day'],
    ['الأربعاء 24 نوفمبر 2021 - 10:30', '2021-11-24T10:30:00.000Z', 'minute'],
    ['نشر في 1 يناير 2020', '2020-01-01T00:00:00.000Z', 'day'],
    ['12 أغسطس 2020', '2020-08-12T00:00:00.000Z', 'day'],
  ],
  Levantine: [
    ['24 تشرين الثاني 2021', '2021-11-24T00:00:00.000Z', 'day'],
    ['10 كانون الأول/ ديسمبر 2020', '2020-12-10T00:00:00.000Z', 'day'],
    ['3 آب 2019', '2019-08-03T00:00:00.000Z', 'day'],
    ['15 شباط (فبراير) 2018', '2018-02-15T00:00:00.000Z', 'day'],
  ],
  Maghrebi: [
    ['5 دجنبر 2020', '2020-12-05T00:00:00.000Z', 'day'],
    ['15 غشت 2019', '2019-08-15T00:00:00.000Z', 'day'],
    ['1 ماي 2021', '2021-05-01T00:00:00.000Z', 'day'],
    ['20 يوليوز 2021', '2021-07-20T00:00:00.000Z', 'day'],
    ['9 شتنبر 2021', '2021-09-09T00:00:00.000Z', 'day'],
    ['30 نونبر 2021', '2021-11-30T00:00:00.000Z', 'day'],
    ['12 جوان 2021', '2021-06-12T00:00:00.000Z', 'day'],
  ],
  Egyptian: [
    ['7 يوليه 2019', '2019-07-07T00:00:00.000Z', 'day'],
    ['20 يونيه 2019', '2019-06-20T00:00:00.000Z', 'day'],
    ['1 إبريل 2019', '2019-04-01T00:00:00.000Z', 'day'],
  ],
  'Eastern digits': [
    ['٢٤ نوفمبر ٢٠٢١', '2021-11-24T00:00:00.000Z', 'day'],
    ['٢٤/١١/٢٠٢١', '2021-11-24T00:00:00.000Z', 'day'],
    ['۲۰۲۱-۱۱-۲۴', '2021-11-24T00:00:00.000Z', 'day'],
  ],
  Hijri: [
    ['1 رمضان 1445 هـ', '2024-03-11T00:00:00.000Z', 'day'],
    // Umm al-Qura, SPA's calendar, as its record of that day states (the tabular calendar says 12 August).
    ['26 شوال 1436 هـ', '2015-08-11T00:00:00.000Z', 'day'],
    ['1 شوال 1444', '2023-04-21T00:00:00.000Z', 'day'],
    ['10 ذو الحجة 1442', '2021-07-20T00:00:00.000Z', 'day'],
  ],
  // Iran's Solar Hijri calendar by month name or in Persian digits, and Gregorian months in Persian.
  Persian: [
    ['۱۵ آبان ۱۴۰۲', '2023-11-06T00:00:00.000Z', 'day'],
    ['سه‌شنبه ۱۵ آبان ۱۴۰۲ - ۱۲:۳۰', '2023-11-06T12:30:00.000Z', 'minute'],
    ['۲۲ بهمن ۱۳۵۷', '1979-02-11T00:00:00.000Z', 'day'],
    ['۱ فروردین ۱۴۰۳', '2024-03-20T00:00:00.000Z', 'day'],
    ['۳۰ اسفند ۱۴۰۳', '2025-03-20T00:00:00.000Z', 'day'],
    ['۱۰ دی ۱۴۰۲ ساعت ۱۰:۰۰', '2023-12-31T10:00:00.000Z', 'minute'],
    ['۱۴۰۲/۰۸/۱۵', '2023-11-06T00:00:00.000Z', 'day'],
    ['۱۴۰۲/۰۸/۱۵ - ۱۲:۳۰', '2023-11-06T12:30:00.000Z', 'minute'],
    ['۵ اکتبر ۲۰۲۳', '2023-10-05T00:00:00.000Z', 'day'],
    ['۱۰ مه ۲۰۲۳', '2023-05-10T00:00:00.000Z', 'day'],
    ['۱ ژانویه ۲۰۲۴', '2024-01-01T00:00:00.000Z', 'day'],
    // Arabic-Indic digits are not Iran's: a bare 1445/03/12 is not read as a Solar Hijri date.
    ['١٤٤٥/٠٣/١٢', null],
    ['1445/03/12 هـ', '2023-09-27T00:00:00.000Z', 'day'],
    ['۳۲ مهر ۱۴۰۲', null],
  ],
  English: [
    ['December 10, 2021', '2021-12-10T00:00:00.000Z', 'day'],
    ['10 December 2021', '2021-12-10T00:00:00.000Z', 'day'],
    ['Published Nov. 24, 2021 at 10:30 pm', '2021-11-24T22:30:00.000Z', 'minute'],
    ['March 2019', '2019-03-01T00:00:00.000Z', 'month'],
    ['2022-5-5 22:17:36', '2022-05-05T22:17:36.000Z', 'second'],
  ],
  French: [
    ['le 10 décembre 2021 à 14h05', '2021-12-10T14:05:00.000Z', 'minute'],
    ['1er janvier 2020', '2020-01-01T00:00:00.000Z', 'day'],
    ['24 févr. 2021', '2021-02-24T00:00:00.000Z', 'day'],
    ['3 août 2019', '2019-08-03T00:00:00.000Z', 'day'],
  ],
  // Russian and Ukrainian, genitive as dates write them ("15 августа 2016, 13:43": football.ua.podolski.html).
  Cyrillic: [
    ['15 августа 2016, 13:43', '2016-08-15T13:43:00.000Z', 'minute'],
    ['1 мая 2020 г.', '2020-05-01T00:00:00.000Z', 'day'],
    ['3 травня 2022', '2022-05-03T00:00:00.000Z', 'day'],
    ['24 листопада 2021', '2021-11-24T00:00:00.000Z', 'day'],
  ],
  invalid: [
    ['31/02/2021', null],
    ['hello', null],
    ['', null],
    ['صفر', null],
    ['30 رمضان', null],
  ],
};

describe('parseDate: absolute dates', () => {
  for (const [group, rows] of Object.entries(ABSOLUTE)) {
    describe(group, () => {
      for (const [text, iso, precision, day] of rows) {
        it(text || '(empty)', () => {
          const d = parseDate(text);
          if (iso === null) expect(d).toBeNull();
          else expect(d).toEqual({ iso, precision, day: day ?? iso.slice(0, 10) });
        });
      }
    });
  }
});

describe('parseDate: relative words need a reference date', () => {
  const rows: [string, string, string][] = [
    ['اليوم', '2021-11-24T00:00:00.000Z', 'day'],
    ['أمس', '2021-11-23T00:00:00.000Z', 'day'],
    ['yesterday', '2021-11-23T00:00:00.000Z', 'day'],
    ['hier', '2021-11-23T00:00:00.000Z', 'day'],
    ["aujourd'hui", '2021-11-24T00:00:00.000Z', 'day'],
    ['يوم الأربعاء', '2021-11-24T00:00:00.000Z', 'day'],
    ['الثلاثاء', '2021-11-23T00:00:00.000Z', 'day'],
    ['Monday', '2021-11-22T00:00:00.000Z', 'day'],
    ['منذ 3 ساعات', '2021-11-24T15:00:00.000Z', 'hour'],
    ['منذ ساعتين', '2021-11-24T16:00:00.000Z', 'hour'],
    ['2 hours ago', '2021-11-24T16:00:00.000Z', 'hour'],
    ['il y a 2 jours', '2021-11-22T00:00:00.000Z', 'day'],
    ['امروز', '2021-11-24T00:00:00.000Z', 'day'],
    ['دیروز', '2021-11-23T00:00:00.000Z', 'day'],
    ['۳ ساعت پیش', '2021-11-24T15:00:00.000Z', 'hour'],
    ['منذ 5 دقائق', '2021-11-24T17:55:00.000Z', 'minute'],
  ];
  for (const [text, iso, precision] of rows) {
    it(`${text}: null without reference, resolved with one`, () => {
      expect(parseDate(text)).toBeNull();
      expect(parseDate(text, { referenceDate: REF })).toEqual({ iso, precision, day: iso.slice(0, 10) });
    });
  }
});

describe('findDateInText', () => {
  it('reads a dateline in the header', () => {
    expect(findDateInText('العنوان هنا\nالرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\nنص')).toEqual({
      iso: '2015-08-11T00:00:00.000Z',
      precision: 'day',
      day: '2015-08-11',
      source: 'text',
    });
    expect(findDateInText('Title\nPublished: 24 November 2021\nBody')?.iso).toBe('2021-11-24T00:00:00.000Z');
  });

  it('ignores dates inside the story', () => {
    const story = [
      'Title line here',
      'First.',
      'Second.',
      'Third.',
      'Fourth.',
      'On 10 December 2020 the deal was signed.',
    ].join('\n');
    expect(findDateInText(story)).toBeNull();
    const long = `العنوان\n${'كلمة '.repeat(40)} في العاشر من كانون الأول/ ديسمبر 2020 ${'كلمة '.repeat(10)}`;
    expect(findDateInText(long)).toBeNull();
  });

  it('relative header line only with a reference date, as relative-text', () => {
    const text = 'Title of it\nأمس\nBody text';
    expect(findDateInText(text)).toBeNull();
    expect(findDateInText(text, { referenceDate: REF })).toEqual({
      iso: '2021-11-23T00:00:00.000Z',
      precision: 'day',
      day: '2021-11-23',
      source: 'relative-text',
    });
  });
});

describe('hijriToGregorian (tabular)', () => {
  it('known conversions', () => {
    expect(hijriToGregorian(1, 1, 1)).toEqual({ year: 622, month: 7, day: 19 });
    expect(hijriToGregorian(1443, 1, 1)).toEqual({ year: 2021, month: 8, day: 10 });
  });
});

describe('ummAlQuraToGregorian', () => {
  it('gives the days Saudi Arabia announced, where the tabular calendar is a day off', () => {
    // 1 Muharram 1443 (Monday 9 August 2021) and 1 Shawwal 1444 (Eid al-Fitr, Friday 21 April 2023).
    expect(ummAlQuraToGregorian(1443, 1, 1)).toEqual({ year: 2021, month: 8, day: 9 });
    expect(hijriToGregorian(1443, 1, 1)).toEqual({ year: 2021, month: 8, day: 10 });
    expect(ummAlQuraToGregorian(1444, 10, 1)).toEqual({ year: 2023, month: 4, day: 21 });
    expect(ummAlQuraToGregorian(1445, 9, 1)).toEqual({ year: 2024, month: 3, day: 11 });
  });

  it('falls back to the tabular date outside its tables', () => {
    expect(ummAlQuraToGregorian(1, 1, 1)).toEqual(hijriToGregorian(1, 1, 1));
  });
});

describe('jalaliToGregorian', () => {
  it('agrees with the ICU Persian calendar day by day, 1925–2080', () => {
    const persian = new Intl.DateTimeFormat('en-u-ca-persian', {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      timeZone: 'UTC',
    });
    expect(persian.resolvedOptions().calendar).toBe('persian');
    const wrong: string[] = [];
    let days = 0;
    for (let ms = Date.UTC(1925, 0, 1); ms < Date.UTC(2080, 0, 1); ms += 86_400_000, days++) {
      const parts = Object.fromEntries(persian.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
      const g = jalaliToGregorian(Number(parts.year), Number(parts.month), Number(parts.day));
      const got = new Date(Date.UTC(g.year, g.month - 1, g.day)).toISOString().slice(0, 10);
      const want = new Date(ms).toISOString().slice(0, 10);
      if (got !== want) wrong.push(`${parts.year}/${parts.month}/${parts.day} → ${got}, not ${want}`);
    }
    expect(days).toBe(56_613);
    expect(wrong).toEqual([]);
  });
});

describe('findDateMentions', () => {
  // text, days found in order
  const rows: [string, string[]][] = [
    ['Geschrieben von Cooper am 25.08.2015 22:30 (1599 x gelesen)', ['2015-08-25']],
    ['von lupa am 26/10/13, 03:48 pm', ['2013-10-26']],
    ['macbacchi28.09.1912:44', ['2019-09-28']],
    ['(last edited 2019-11-10 13:28:18 by MatsWichmann)', ['2019-11-10']],
    ['Von Deutscher Tennis Bund 4. 2. 2022. Teamchef', ['2022-02-04']],
    ['26 Mai, 2008 | ThE_PaiN', ['2008-05-26']],
    ['jeudi 13 juin 2019, par Attac France', ['2019-06-13']],
    ['نشر في 24 نوفمبر 2021 وتحديث 25/11/2021', ['2021-11-24', '2021-11-25']],
    ['تاریخ انتشار: ۱۴۰۲/۰۸/۱۵ - ۱۲:۳۰', ['2023-11-06']],
    ['Version 1.10.22.3 build 2-1-22', []],
    // A colon after the year opens the item's text; a digit after it is a clock glued to a short year.
    ['12.03.2020: Neue Fallzahlen', ['2020-03-12']],
    ['11/02/2007:22 pm', ['2020-02-11']],
  ];
  for (const [text, days] of rows) {
    it(text, () => {
      expect(findDateMentions(text).map((m) => m.date.day)).toEqual(days);
    });
  }

  it('keeps the words before each date', () => {
    expect(findDateMentions('Datum: 18.10.2021')[0]?.before).toBe('datum: ');
  });
});
