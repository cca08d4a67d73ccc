// Arabic folding for matching and search: spellings that readers treat as the same word must compare equal.
// Stored text keeps its original spelling; only indexes and comparisons use the folded form.

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ALEF_FORMS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g; // آ أ إ ٱ ٲ ٳ → ا
const YAA_FORMS = /[\u0649\u06CC\u06D2]/g; // ى ی ے → ي
const TAA_MARBUTA = /\u0629/g; // ة → ه
const HAMZA_ON_CARRIER = /[\u0624]/g; // ؤ → و
const HAMZA_ON_YAA = /[\u0626]/g; // ئ → ي
const KAF_FORMS = /[\u06A9\u06AA]/g; // ک ڪ → ك
const ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Replaces Arabic-Indic (٠-٩) and Persian (۰-۹) digits with ASCII digits. */
export function toAsciiDigits(text: string): string {
  return text.replace(EASTERN_DIGITS, (d) => String((d.charCodeAt(0) & 0x0f) % 10));
}

/**
 * Folds Arabic spelling variants: diacritics and tatweel removed; alef with hamza or madda → ا;
 * alef maqsura → ي; taa marbuta → ه; hamza on waw/yaa → و/ي; Persian kaf/yaa → Arabic; Eastern
 * digits → ASCII; Latin letters lower-cased; invisible direction marks removed.
 */
export function foldArabic(text: string): string {
  return toAsciiDigits(
    text
      .normalize('NFC')
      .replace(ZERO_WIDTH, '')
      .replace(DIACRITICS, '')
      .replace(TATWEEL, '')
      .replace(ALEF_FORMS, 'ا')
      .replace(YAA_FORMS, 'ي')
      .replace(TAA_MARBUTA, 'ه')
      .replace(HAMZA_ON_CARRIER, 'و')
      .replace(HAMZA_ON_YAA, 'ي')
      .replace(KAF_FORMS, 'ك'),
  ).toLowerCase();
}
