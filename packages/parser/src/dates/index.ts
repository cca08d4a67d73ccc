// Dates as outlets write them: machine formats (ISO 8601, RFC 2822, SQL-style), numeric day-first dates,
// and written dates in Arabic (standard, Levantine, Maghrebi, Egyptian spellings; Hijri by Umm al-Qura),
// Persian (Solar Hijri months, Persian digits), English, French, German, Dutch, Spanish, Italian, Portuguese,
// Russian and Ukrainian.
// Pure: a relative word resolves only against a reference date passed in, never against the clock.

import { foldArabic, toAsciiDigits } from '../normalize/arabic.ts';
import type { DatePrecision, DateSource, ParsedDate } from '../types.ts';

export type ParseDateOptions = { referenceDate?: string };

/** A date found in text, with how it was found: written out (`text`) or resolved from a relative word. */
export type FoundDate = ParsedDate & { source: Extract<DateSource, 'text' | 'relative-text'> };

const DAY_MS = 86_400_000;

// Folded spellings (see foldArabic: أ/إ/آ → ا, ى → ي, ة → ه; Latin without accents). Arabic (standard,
// Levantine, Maghrebi), French and English first, then German, Dutch, Spanish, Italian and Portuguese,
// whose pages an outlet list also holds. Longer names are matched first, so "كانون الاول" wins over any
// shorter overlap.
const GREGORIAN_MONTHS: readonly (readonly string[])[] = [
  [
    'يناير',
    'كانون الثاني',
    'جانفي',
    'janvier',
    'january',
    'jan',
    'janv',
    'januar',
    'janner',
    'januari',
    'enero',
    'gennaio',
    'janeiro',
  ],
  [
    'فبراير',
    'شباط',
    'فيفري',
    'فبرابر',
    'fevrier',
    'february',
    'feb',
    'fev',
    'fevr',
    'februar',
    'februari',
    'febrero',
    'febbraio',
    'fevereiro',
  ],
  ['مارس', 'اذار', 'mars', 'march', 'mar', 'marz', 'maart', 'marzo', 'marco'],
  ['ابريل', 'نيسان', 'افريل', 'avril', 'april', 'apr', 'avr', 'abril', 'aprile'],
  ['مايو', 'ايار', 'ماي', 'mai', 'may', 'mei', 'mayo', 'maggio', 'maio'],
  ['يونيو', 'يونيه', 'حزيران', 'جوان', 'juin', 'june', 'jun', 'juni', 'junio', 'giugno', 'junho'],
  [
    'يوليو',
    'يوليه',
    'يوليوز',
    'تموز',
    'جويليه',
    'جويليا',
    'juillet',
    'july',
    'jul',
    'juil',
    'juli',
    'julio',
    'luglio',
    'julho',
  ],
  ['اغسطس', 'اغسطوس', 'اب', 'غشت', 'اوت', 'aout', 'august', 'aug', 'augustus', 'agosto'],
  [
    'سبتمبر',
    'ايلول',
    'شتنبر',
    'septembre',
    'september',
    'sep',
    'sept',
    'septiembre',
    'setiembre',
    'settembre',
    'setembro',
  ],
  ['اكتوبر', 'تشرين الاول', 'octobre', 'october', 'oct', 'oktober', 'octubre', 'ottobre', 'outubro'],
  ['نوفمبر', 'تشرين الثاني', 'نونبر', 'novembre', 'november', 'nov', 'noviembre', 'novembro'],
  [
    'ديسمبر',
    'كانون الاول',
    'دجنبر',
    'دسمبر',
    'decembre',
    'december',
    'dec',
    'dece',
    'dezember',
    'diciembre',
    'dicembre',
    'dezembro',
  ],
];

const HIJRI_MONTHS: readonly (readonly string[])[] = [
  ['محرم'],
  ['صفر'],
  ['ربيع الاول'],
  ['ربيع الثاني', 'ربيع الاخر'],
  ['جمادي الاولي', 'جمادي الاول'],
  ['جمادي الاخره', 'جمادي الثانيه', 'جمادي الاخر', 'جمادي الثاني'],
  ['رجب'],
  ['شعبان'],
  ['رمضان'],
  ['شوال'],
  ['ذو القعده', 'ذي القعده'],
  ['ذو الحجه', 'ذي الحجه'],
];

// Iran's Solar Hijri (Jalali) months, folded (آبان → ابان, دی → دي). They only count beside a day and
// a year, so short names such as "تير" or "دي" do not turn ordinary words into dates.
const JALALI_MONTHS: readonly (readonly string[])[] = [
  ['فروردين'],
  ['ارديبهشت'],
  ['خرداد'],
  ['تير'],
  ['مرداد', 'امرداد'],
  ['شهريور'],
  ['مهر'],
  ['ابان'],
  ['اذر'],
  ['دي'],
  ['بهمن'],
  ['اسفند'],
];

// Gregorian months as Persian writes them (ژانویه, اکتبر, ...), folded like the rest.
const PERSIAN_GREGORIAN_MONTHS: readonly (readonly string[])[] = [
  ['ژانويه'],
  ['فوريه'],
  ['مارس'],
  ['اوريل'],
  ['مه', 'مي'],
  ['ژوين'],
  ['ژوييه', 'ژولاي'],
  ['اوت'],
  ['سپتامبر'],
  ['اكتبر'],
  ['نوامبر'],
  ['دسامبر'],
];

// Russian and Ukrainian Gregorian months, in the genitive a date uses ("15 августа 2016") and the
// nominative; folded like the rest (й → и, ї → і).
const CYRILLIC_MONTHS: readonly (readonly string[])[] = [
  ['января', 'январь', 'січня', 'січень'],
  ['февраля', 'февраль', 'лютого', 'лютии'],
  ['марта', 'март', 'березня', 'березень'],
  ['апреля', 'апрель', 'квітня', 'квітень'],
  ['мая', 'маи', 'травня', 'травень'],
  ['июня', 'июнь', 'червня', 'червень'],
  ['июля', 'июль', 'липня', 'липень'],
  ['августа', 'август', 'серпня', 'серпень'],
  ['сентября', 'сентябрь', 'вересня', 'вересень'],
  ['октября', 'октябрь', 'жовтня', 'жовтень'],
  ['ноября', 'ноябрь', 'листопада', 'листопад'],
  ['декабря', 'декабрь', 'грудня', 'грудень'],
];

type Calendar = 'M' | 'H' | 'J';
type MonthName = { name: string; month: number; calendar: Calendar };

const namesOf = (table: readonly (readonly string[])[], calendar: Calendar): MonthName[] =>
  table.flatMap((names, i) => names.map((name) => ({ name, month: i + 1, calendar })));

const MONTH_NAMES: MonthName[] = [
  ...new Map(
    [
      ...namesOf(GREGORIAN_MONTHS, 'M'),
      ...namesOf(PERSIAN_GREGORIAN_MONTHS, 'M'),
      ...namesOf(CYRILLIC_MONTHS, 'M'),
      ...namesOf(HIJRI_MONTHS, 'H'),
      ...namesOf(JALALI_MONTHS, 'J'),
    ].map((m) => [m.name, m]),
  ).values(),
].sort((a, b) => b.name.length - a.name.length);

const MONTH_BY_NAME = new Map(MONTH_NAMES.map((m) => [m.name, m]));
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Letters on either side mean the name is part of another word ("مارس" inside "يمارس").
const MONTH_RE = new RegExp(
  `(?<![\\p{L}])(${MONTH_NAMES.map((m) => escapeRegExp(m.name).replace(/ /g, '\\s+')).join('|')})\\.?(?![\\p{L}])`,
  'gu',
);

const TZ_OFFSETS: Record<string, number> = {
  z: 0,
  gmt: 0,
  ut: 0,
  utc: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  bst: 60,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
};

/** Text reduced to one script-neutral form: folded Arabic, ASCII digits, Latin without accents, lower case. */
export function simplify(text: string): string {
  return foldArabic(toAsciiDigits(text))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const ymd = (year: number, month: number, day: number): string => `${year}-${pad2(month)}-${pad2(day)}`;

/** A date computed from an instant (relative words, epoch values): its day is the UTC day. */
export function dateAt(ms: number, precision: DatePrecision): ParsedDate {
  const iso = toIso(ms);
  return { iso, precision, day: iso.slice(0, 10) };
}

function parseOffset(zone: string | undefined): number | null {
  if (!zone) return 0;
  const z = zone.toLowerCase();
  if (z in TZ_OFFSETS) return TZ_OFFSETS[z] ?? 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

type Parts = {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  offsetMinutes?: number;
  precision: DatePrecision;
};

function build(p: Parts): ParsedDate | null {
  if (p.year < 1800 || p.year > 2200) return null;
  if (!isValidDay(p.year, p.month, p.day)) return null;
  const hour = p.hour ?? 0;
  const minute = p.minute ?? 0;
  const second = p.second ?? 0;
  if (hour > 23 || minute > 59 || second > 60) return null;
  const ms =
    Date.UTC(p.year, p.month - 1, p.day, hour, minute, Math.min(second, 59)) -
    (p.offsetMinutes ?? 0) * 60_000;
  return { iso: toIso(ms), precision: p.precision, day: ymd(p.year, p.month, p.day) };
}

function timePrecision(second: string | undefined): DatePrecision {
  return second === undefined ? 'minute' : 'second';
}

function to24(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = /^(pm|p\.m\.|م|مساء)$/.test(meridiem);
  const am = /^(am|a\.m\.|ص|صباحا)$/.test(meridiem);
  if (pm && hour < 12) return hour + 12;
  if (am && hour === 12) return 0;
  return hour;
}

// Some CMSs drop the leading zeros ("2022-5-5 22:17:36"), so one-digit months and days are read too.
const ISO_RE =
  /^(\d{4})-(\d{1,2})(?:-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?)?)?$/;

function parseIso(s: string): ParsedDate | null {
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, zone] = m;
  if (d === undefined) return build({ year: Number(y), month: Number(mo), day: 1, precision: 'month' });
  if (h === undefined) return build({ year: Number(y), month: Number(mo), day: Number(d), precision: 'day' });
  const offset = parseOffset(zone && zone.length === 3 ? `${zone}00` : zone);
  if (offset === null) return null;
  return build({
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: sec === undefined ? undefined : Number(sec),
    offsetMinutes: offset,
    precision: timePrecision(sec),
  });
}

const RFC2822_RE =
  /^(?:[a-z]{3,9},?\s*)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([+-]\d{4}|[a-z]{1,4})?$/;

function parseRfc2822(s: string): ParsedDate | null {
  const m = RFC2822_RE.exec(s);
  if (!m) return null;
  const [, d, monName, y, h, mi, sec, zone] = m;
  const month = MONTH_BY_NAME.get(monName ?? '');
  if (month?.calendar !== 'M') return null;
  let year = Number(y);
  if (year < 100) year += year < 50 ? 2000 : 1900;
  if (h === undefined) return build({ year, month: month.month, day: Number(d), precision: 'day' });
  const offset = parseOffset(zone);
  if (offset === null) return null;
  return build({
    year,
    month: month.month,
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: sec === undefined ? undefined : Number(sec),
    offsetMinutes: offset,
    precision: timePrecision(sec),
  });
}

const TIME_SUFFIX = String.raw`(?:\s*(?:,|،|-|–|at|a|à|um|الساعه|ساعت|h)?\s*(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|ص|م|صباحا|مساء)?(?:\s*(gmt|utc|z|[+-]\d{2}:?\d{2}))?)?`;

// Numeric dates are read day-first (the order used across the Arab world and France); a first number
// above 12 with a second at most 12 is unambiguous, and a second above 12 means month-first.
const NUMERIC_RE = new RegExp(String.raw`(?<!\d)(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?!\d)${TIME_SUFFIX}`);
// Year first with slashes or dots (2021/11/24, 2021.11.24); with dashes it is ISO 8601, read above.
const YMD_RE = new RegExp(String.raw`(?<!\d)(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?!\d)${TIME_SUFFIX}`);

function withTime(
  base: { year: number; month: number; day: number },
  h: string | undefined,
  mi: string | undefined,
  sec: string | undefined,
  meridiem: string | undefined,
  zone: string | undefined,
): ParsedDate | null {
  if (h === undefined) return build({ ...base, precision: 'day' });
  const offset = parseOffset(zone);
  return build({
    ...base,
    hour: to24(Number(h), meridiem),
    minute: Number(mi),
    second: sec === undefined ? undefined : Number(sec),
    offsetMinutes: offset ?? 0,
    precision: timePrecision(sec),
  });
}

function parseNumeric(s: string, persianDigits = false): ParsedDate | null {
  const ymd = YMD_RE.exec(s);
  if (ymd) return readYearFirst(ymd, s, persianDigits);
  const m = NUMERIC_RE.exec(s);
  if (!m) return null;
  const [, a, , b, y, h, mi, sec, mer, zone] = m;
  let day = Number(a);
  let month = Number(b);
  if (month > 12 && day <= 12) [day, month] = [month, day];
  return withTime({ year: Number(y), month, day }, h, mi, sec, mer, zone);
}

/** A year-first match: [all, year, separator, month, day, hour, minute, second, meridiem, zone]. */
function readYearFirst(m: RegExpMatchArray, s: string, persianDigits: boolean): ParsedDate | null {
  const [, y, , mo, d, h, mi, sec, mer, zone] = m;
  const year = Number(y);
  if (year >= 1300 && year < 1600) {
    const g = hijriNumeric(year, Number(mo), Number(d), s, persianDigits);
    return g && withTime(g, g.lunar ? undefined : h, mi, sec, mer, zone);
  }
  return withTime({ year, month: Number(mo), day: Number(d) }, h, mi, sec, mer, zone);
}

/**
 * "۱۴۰۲/۰۸/۱۵" and "1445/03/12 هـ": a year in 1300–1599 is a Hijri year. Persian digits (۰–۹, not the
 * Arabic-Indic ٠–٩) mean Iran's Solar Hijri calendar; an explicit هـ means the lunar one; a bare number
 * could be either, so it gives null.
 */
function hijriNumeric(
  year: number,
  month: number,
  day: number,
  s: string,
  persianDigits: boolean,
): { year: number; month: number; day: number; lunar: boolean } | null {
  if (month < 1 || month > 12 || day < 1) return null;
  if (persianDigits && year < 1500)
    return day > (month <= 6 ? 31 : 30) ? null : { ...jalaliToGregorian(year, month, day), lunar: false };
  // The lunar date may be a day off the outlet's own sighting, so its time of day is dropped.
  if (/\d\s*ه(?![\p{L}])/u.test(s) && day <= 30)
    return { ...ummAlQuraToGregorian(year, month, day), lunar: true };
  return null;
}

/**
 * Tabular Islamic calendar (30-year cycle, civil epoch 16 July 622 Julian). Outlets' Hijri dates follow
 * local moon sighting or Umm al-Qura, so the result may be a day off; dates are read with ummAlQuraToGregorian.
 */
export function hijriToGregorian(
  year: number,
  month: number,
  day: number,
): { year: number; month: number; day: number } {
  const daysSinceEpoch =
    day + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) - 1;
  // JD of the Islamic epoch (1948439.5) minus JD of 1970-01-01 (2440587.5).
  const unixDays = daysSinceEpoch - 492_148;
  const d = new Date(unixDays * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

// ICU's Umm al-Qura tables (Saudi Arabia's official calendar, the one SPA and most Gulf outlets date by),
// 1300–1600 AH. Without ICU data the formatter falls back to the Gregorian calendar and is not used.
const UMM_AL_QURA = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});
const HAS_UMM_AL_QURA = UMM_AL_QURA.resolvedOptions().calendar === 'islamic-umalqura';

/**
 * A Hijri date as the Umm al-Qura calendar places it: the tabular estimate, moved by up to three days
 * to the day ICU's Umm al-Qura calendar names. Outside its tables (or without ICU data) the tabular
 * date stands.
 */
export function ummAlQuraToGregorian(
  year: number,
  month: number,
  day: number,
): { year: number; month: number; day: number } {
  const tabular = hijriToGregorian(year, month, day);
  if (!HAS_UMM_AL_QURA || year < 1300 || year >= 1600) return tabular;
  const base = Date.UTC(tabular.year, tabular.month - 1, tabular.day);
  for (const shift of [0, -1, 1, -2, 2, -3, 3]) {
    const ms = base + shift * DAY_MS;
    const parts = UMM_AL_QURA.formatToParts(new Date(ms));
    const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    if (part('year') === year && part('month') === month && part('day') === day) {
      const d = new Date(ms);
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    }
  }
  return tabular;
}

/**
 * Iran's Solar Hijri (Jalali) calendar with the 33-year arithmetic leap rule that ICU also uses: it
 * matches the official astronomical calendar for every year from 1178 to 1633 SH. Months 1–6 have 31
 * days, 7–11 have 30, Esfand 29 or 30.
 */
export function jalaliToGregorian(
  year: number,
  month: number,
  day: number,
): { year: number; month: number; day: number } {
  // Julian day number of 1 Farvardin 1 SH is 1948320; each year adds 365 days plus its leap days.
  const monthStart = month <= 7 ? (month - 1) * 31 : 186 + (month - 7) * 30;
  const jdn = 1_948_319 + 365 * (year - 1) + Math.floor((8 * year + 21) / 33) + monthStart + day;
  const d = new Date((jdn - 2_440_588) * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function markMonths(s: string): string {
  // Months become markers: «M12» for December, «H9» for Ramadan, «J8» for Aban; paired spellings such as
  // "كانون الاول/ ديسمبر" collapse into one marker.
  return s
    .replace(MONTH_RE, (name) => {
      const m = MONTH_BY_NAME.get(name.replace(/\.$/, '').replace(/\s+/g, ' '));
      return m ? ` «${m.calendar}${m.month}» ` : name;
    })
    .replace(/«M(\d+)»\s*(?:[/\-(]|\s)\s*«M\1»\s*\)?/g, '«M$1»')
    .replace(/\s+/g, ' ');
}

const WRITTEN_DMY = new RegExp(
  String.raw`(?<!\d)(\d{1,2})(?:st|nd|rd|th|er| er|\.)?\s*(?:de |of )?«([MHJ])(\d+)»\s*,?\s*(?:de )?(\d{4})(?!\d)\s*(?:ه\.?\s?ش|ه|ش|h|م)?(?![\p{L}])${TIME_SUFFIX}`,
  'u',
);
const WRITTEN_MDY = new RegExp(
  String.raw`«M(\d+)»\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})(?!\d)${TIME_SUFFIX}`,
  'u',
);
const WRITTEN_MY = /«([MH])(\d+)»,?\s*(\d{4})(?!\d)/u;

function parseWritten(s: string): ParsedDate | null {
  const marked = markMonths(s);
  // "26 شوال 1436 هـ الموافق 11 أغسطس 2015 م": the Gregorian date is exact, the tabular Hijri one may be a
  // day off, so a Gregorian match anywhere in the phrase wins.
  const matches = [...marked.matchAll(new RegExp(WRITTEN_DMY.source, 'gu'))];
  const dmy = matches.find((m) => m[2] === 'M') ?? matches[0];
  if (dmy) {
    const [, d, kind, mo, y, h, mi, sec, mer, zone] = dmy;
    if (kind === 'H') {
      const hy = Number(y);
      if (hy < 1300 || hy > 1600) return null;
      const g = ummAlQuraToGregorian(hy, Number(mo), Number(d));
      return Number(d) <= 30 ? build({ ...g, precision: 'day' }) : null;
    }
    if (kind === 'J') {
      const jy = Number(y);
      const jm = Number(mo);
      if (jy < 1250 || jy >= 1500 || Number(d) > (jm <= 6 ? 31 : 30)) return null;
      return withTime(jalaliToGregorian(jy, jm, Number(d)), h, mi, sec, mer, zone);
    }
    return withTime({ year: Number(y), month: Number(mo), day: Number(d) }, h, mi, sec, mer, zone);
  }
  const mdy = WRITTEN_MDY.exec(marked);
  if (mdy) {
    const [, mo, d, y, h, mi, sec, mer, zone] = mdy;
    return withTime({ year: Number(y), month: Number(mo), day: Number(d) }, h, mi, sec, mer, zone);
  }
  const my = WRITTEN_MY.exec(marked);
  if (my && my[1] === 'M')
    return build({ year: Number(my[3]), month: Number(my[2]), day: 1, precision: 'month' });
  return null;
}

const WEEKDAYS: readonly (readonly string[])[] = [
  ['الاحد', 'sunday', 'dimanche'],
  ['الاثنين', 'الإثنين', 'monday', 'lundi'],
  ['الثلاثاء', 'tuesday', 'mardi'],
  ['الاربعاء', 'wednesday', 'mercredi'],
  ['الخميس', 'thursday', 'jeudi'],
  ['الجمعه', 'friday', 'vendredi'],
  ['السبت', 'saturday', 'samedi'],
];

// Persian beside Arabic, English and French: امروز (today), دیروز (yesterday), "۳ ساعت پیش" (3 hours ago).
const TODAY_RE = /(?<![\p{L}])(اليوم|امروز|today|aujourd'hui|aujourd’hui)(?![\p{L}])/u;
const YESTERDAY_RE = /(?<![\p{L}])(امس|البارحه|ديروز|yesterday|hier)(?![\p{L}])/u;
const AGO_RE =
  /(?:منذ|قبل|il y a)\s*(\d+)?\s*(دقيقه|دقايق|دقيقتين|ساعه|ساعات|ساعتين|يوم|ايام|يومين|minutes?|heures?|jours?)|(\d+)\s*(minutes?|mins?|hours?|hrs?|days?|دقيقه|ساعت|روز)\s*(?:ago|پيش|قبل)/u;

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function parseReference(referenceDate: string | undefined): number | null {
  if (!referenceDate) return null;
  const ref = parseIso(simplify(referenceDate));
  return ref ? Date.parse(ref.iso) : null;
}

/** Relative expressions against the reference time; the most conservative precision the words allow. */
function parseRelative(s: string, refMs: number): ParsedDate | null {
  const ago = AGO_RE.exec(s);
  if (ago) {
    const unit = ago[2] ?? ago[4] ?? '';
    const dual = /(دقيقتين|ساعتين|يومين)/.test(unit);
    const n = Number(ago[1] ?? ago[3] ?? (dual ? 2 : 1));
    if (/^(دقيق|دقايق|min)/.test(unit)) return dateAt(refMs - n * 60_000, 'minute');
    if (/^(ساع|hour|hr|heure)/.test(unit)) return dateAt(refMs - n * 3_600_000, 'hour');
    return dateAt(startOfDay(refMs - n * DAY_MS), 'day');
  }
  if (YESTERDAY_RE.test(s)) return dateAt(startOfDay(refMs - DAY_MS), 'day');
  if (TODAY_RE.test(s)) return dateAt(startOfDay(refMs), 'day');
  // A bare weekday: the latest such day on or before the reference (news reports past days).
  for (const [i, names] of WEEKDAYS.entries()) {
    const hit = names.some((n) =>
      new RegExp(`(?<![\\p{L}])(?:يوم )?${simplify(n)}(?![\\p{L}])`, 'u').test(s),
    );
    if (!hit) continue;
    const refDay = new Date(refMs).getUTCDay();
    const back = (refDay - i + 7) % 7;
    return dateAt(startOfDay(refMs - back * DAY_MS), 'day');
  }
  return null;
}

// Iranian outlets write Persian digits (U+06F0–06F9); Arab outlets the Arabic-Indic ones (U+0660–0669).
const PERSIAN_DIGIT = /[\u06F0-\u06F9]/;

/** `s` is simplified; `original` is the text as written, whose digits tell a Solar Hijri number apart. */
function parseAbsolute(s: string, original = ''): ParsedDate | null {
  return parseIso(s) ?? parseRfc2822(s) ?? parseNumeric(s, PERSIAN_DIGIT.test(original)) ?? parseWritten(s);
}

type Resolved = { date: ParsedDate; relative: boolean };

function resolve(text: string, opts: ParseDateOptions | undefined): Resolved | null {
  const s = simplify(text);
  if (!s) return null;
  const absolute = parseAbsolute(s, text);
  if (absolute) return { date: absolute, relative: false };
  const refMs = parseReference(opts?.referenceDate);
  if (refMs === null) return null;
  const relative = parseRelative(s, refMs);
  return relative ? { date: relative, relative: true } : null;
}

/**
 * Reads one date expression. Machine formats are read whole; written dates may sit inside a short
 * phrase ("نشر في 24 نوفمبر 2021 - 10:30"). Relative words need `opts.referenceDate`; without it they
 * give null, never a guess from the clock.
 */
export function parseDate(text: string, opts?: ParseDateOptions): ParsedDate | null {
  return resolve(text, opts)?.date ?? null;
}

const DATELINE_MAX_CHARS = 120;

/**
 * A publication date written in a document's visible text. Only short header-like lines are read (the
 * first lines and lines that look like a byline or dateline), because dates inside the story are about
 * events, not publication.
 */
export function findDateInText(
  text: string,
  opts?: ParseDateOptions & { headerLines?: number },
): FoundDate | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const header = lines.slice(0, opts?.headerLines ?? 4);
  const bylineish = lines.filter((l) =>
    /^(نشر|بتاريخ|تاريخ النشر|آخر تحديث|اخر تحديث|published|updated|posted|publié|mis à jour|le \d)/i.test(l),
  );
  const candidates = [...new Set([...header, ...bylineish])].filter((l) => l.length <= DATELINE_MAX_CHARS);
  for (const line of candidates) {
    const absolute = parseAbsolute(simplify(line), line);
    if (absolute) return { ...absolute, source: 'text' };
  }
  const refMs = parseReference(opts?.referenceDate);
  if (refMs === null) return null;
  // Relative words count only in a short line that is about the date itself, not in a sentence of the story.
  for (const line of candidates) {
    if (line.split(/\s+/).length > 6) continue;
    const relative = parseRelative(simplify(line), refMs);
    if (relative) return { ...relative, source: 'relative-text' };
  }
  return null;
}

/** A date written somewhere in running text, with the words just before it (simplified, lower case). */
export type DateMention = { date: ParsedDate; before: string; after: string; offset: number };

// Numeric forms as pages print them in bylines and lists: 2019-11-10, 25.08.2015, 26/10/13, 4. 2. 2022.
// A two-digit year needs a separator repeated on both sides and nothing number-like around it, so
// version numbers (1.10.22.3) and scores stay out.
const MENTION_RES: { re: RegExp; read: (m: RegExpMatchArray, persian: boolean) => ParsedDate | null }[] = [
  {
    re: new RegExp(
      String.raw`(?<![\d.\/-])(\d{4})([\/.\-])(\d{1,2})\2(\d{1,2})(?![\d]|[.\/-]\d)(?:t(?=\d))?${TIME_SUFFIX}`,
      'g',
    ),
    read: (m, persian) => readYearFirst(m, m[0], persian),
  },
  {
    re: new RegExp(
      String.raw`(?<![\d.\/\-,])(\d{1,2})\.?\s?([\/.\-])\s?(\d{1,2})\s?\2\s?((?:19|20)\d{2}(?!\d|:\d)|\d{2}(?=\d{1,2}:\d\d|(?!\d|[.\/,-]\d)))${TIME_SUFFIX}`,
      'g',
    ),
    read: (m) => {
      const [, a, sep, b, y, h, mi, sec, mer, zone] = m;
      let year = Number(y);
      if ((y ?? '').length === 2) {
        if (sep === '-') return null;
        year += year >= 90 ? 1900 : 2000;
      }
      let day = Number(a);
      let month = Number(b);
      if (month > 12 && day <= 12) [day, month] = [month, day];
      return withTime({ year, month, day }, h, mi, sec, mer, zone);
    },
  },
];

const MAYBE_DATE = /(?<!\d)\d{4}(?!\d)|\d[./]\s?\d{1,2}\s?[./]\s?\d{2}|[\u0660-\u0669\u06F0-\u06F9]/;

/**
 * Every date written in a text, in order: numeric (day-first, 2- or 4-digit years) and written forms in
 * every language parseDate reads. Used to look for a page's date in its visible text.
 */
export function findDateMentions(text: string): DateMention[] {
  // Every form needs a four-digit year or a d.m.yy triple: most numbers in a page are neither.
  if (!MAYBE_DATE.test(text)) return [];
  const persian = PERSIAN_DIGIT.test(text);
  const s = markMonths(simplify(text));
  const found: { start: number; end: number; date: ParsedDate }[] = [];
  const add = (start: number, end: number, date: ParsedDate | null): void => {
    if (!date || found.some((f) => start < f.end && end > f.start)) return;
    found.push({ start, end, date });
  };
  for (const re of [WRITTEN_DMY, WRITTEN_MDY]) {
    for (const m of s.matchAll(new RegExp(re.source, 'gu'))) {
      add(m.index ?? 0, (m.index ?? 0) + m[0].length, parseWritten(m[0]));
    }
  }
  for (const { re, read } of MENTION_RES) {
    for (const m of s.matchAll(re)) add(m.index ?? 0, (m.index ?? 0) + m[0].length, read(m, persian));
  }
  return found
    .sort((a, b) => a.start - b.start)
    .map((f) => ({
      date: f.date,
      before: s.slice(Math.max(0, f.start - 60), f.start).replace(/«[MHJ](\d+)»/g, 'm$1'),
      after: s.slice(f.end, f.end + 40).replace(/«[MHJ](\d+)»/g, 'm$1'),
      offset: f.start,
    }));
}
