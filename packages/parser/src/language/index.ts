// Language from the text itself: the script first, then letters and stopwords that tell apart languages
// sharing a script. A declared language (HTML lang, feed, config) is used only when the text cannot tell.

import { astralKindAt, hashRange, kindOfUnit, LETTER } from '../normalize/words.ts';

export type DetectedLanguage = { language: string | null; direction: 'rtl' | 'ltr' };

const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'he', 'yi', 'ps', 'ckb', 'sd', 'ug', 'dv']);

// Code-unit ranges of each script (the order breaks ties between equal counts).
const SCRIPTS: readonly { script: string; ranges: readonly [number, number][] }[] = [
  {
    script: 'arabic',
    ranges: [
      [0x0600, 0x06ff],
      [0x0750, 0x077f],
      [0x08a0, 0x08ff],
      [0xfb50, 0xfdff],
      [0xfe70, 0xfeff],
    ],
  },
  { script: 'hebrew', ranges: [[0x0590, 0x05ff]] },
  { script: 'cyrillic', ranges: [[0x0400, 0x04ff]] },
  { script: 'greek', ranges: [[0x0370, 0x03ff]] },
  {
    script: 'han',
    ranges: [
      [0x4e00, 0x9fff],
      [0x3400, 0x4dbf],
    ],
  },
  { script: 'kana', ranges: [[0x3040, 0x30ff]] },
  {
    script: 'hangul',
    ranges: [
      [0xac00, 0xd7af],
      [0x1100, 0x11ff],
    ],
  },
  { script: 'devanagari', ranges: [[0x0900, 0x097f]] },
  { script: 'thai', ranges: [[0x0e00, 0x0e7f]] },
  {
    script: 'latin',
    ranges: [
      [0x41, 0x5a],
      [0x61, 0x7a],
      [0xc0, 0x24f],
    ],
  },
];

// Script of every UTF-16 code unit (index into SCRIPTS + 1; 0 for none): one pass over the text counts
// all scripts at once, where a regex per script built an array of every matching character.
const SCRIPT_OF = new Uint8Array(0x10000);
SCRIPTS.forEach(({ ranges }, i) => {
  for (const [from, to] of ranges) SCRIPT_OF.fill(i + 1, from, to + 1);
});

function countScripts(text: string): { script: string; n: number }[] {
  const n = new Array<number>(SCRIPTS.length + 1).fill(0);
  for (let i = 0; i < text.length; i++) {
    const s = SCRIPT_OF[text.charCodeAt(i)] as number;
    n[s] = (n[s] as number) + 1;
  }
  return SCRIPTS.map(({ script }, i) => ({ script, n: n[i + 1] as number }));
}

// The most frequent function words; long enough lists that a paragraph gives a clear winner.
const LATIN_STOPWORDS: Record<string, readonly string[]> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'in',
    'is',
    'that',
    'for',
    'it',
    'was',
    'on',
    'with',
    'as',
    'are',
    'by',
    'this',
    'be',
    'from',
    'at',
    'have',
    'has',
    'said',
    'which',
    'were',
    'been',
    'their',
    'will',
    'would',
    'not',
    'but',
  ],
  fr: [
    'le',
    'la',
    'les',
    'de',
    'des',
    'du',
    'et',
    'est',
    'une',
    'un',
    'dans',
    'que',
    'qui',
    'pour',
    'pas',
    'sur',
    'au',
    'aux',
    'avec',
    'ce',
    'il',
    'elle',
    'par',
    'sont',
    'ont',
    'été',
    'cette',
    'mais',
    'ses',
    'leur',
  ],
  es: [
    'el',
    'la',
    'los',
    'las',
    'de',
    'del',
    'y',
    'en',
    'que',
    'es',
    'por',
    'un',
    'una',
    'con',
    'para',
    'se',
    'su',
    'al',
    'lo',
    'como',
    'más',
    'pero',
    'sus',
    'fue',
    'ha',
    'este',
    'esta',
    'también',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'ein',
    'eine',
    'zu',
    'den',
    'dem',
    'mit',
    'sich',
    'des',
    'auf',
    'für',
    'im',
    'von',
    'auch',
    'es',
    'an',
    'wird',
    'werden',
    'sind',
    'bei',
    'nach',
    'wie',
    'oder',
  ],
  it: [
    'il',
    'di',
    'che',
    'e',
    'la',
    'per',
    'un',
    'una',
    'del',
    'della',
    'non',
    'sono',
    'le',
    'gli',
    'con',
    'nel',
    'nella',
    'alla',
    'anche',
    'come',
    'più',
    'ha',
    'è',
    'dei',
    'delle',
    'questo',
    'ma',
  ],
  pt: [
    'o',
    'a',
    'os',
    'as',
    'de',
    'do',
    'da',
    'dos',
    'das',
    'e',
    'em',
    'no',
    'na',
    'que',
    'um',
    'uma',
    'para',
    'com',
    'não',
    'por',
    'mais',
    'se',
    'foi',
    'são',
    'ao',
    'também',
    'pelo',
    'pela',
  ],
  tr: [
    've',
    'bir',
    'bu',
    'da',
    'de',
    'için',
    'ile',
    'olarak',
    'çok',
    'daha',
    'olan',
    'gibi',
    'ama',
    'en',
    'sonra',
    'kadar',
    'ancak',
    'değil',
    'şu',
    'ise',
    'tarafından',
    'yapılan',
  ],
  id: [
    'yang',
    'dan',
    'di',
    'ini',
    'itu',
    'dengan',
    'untuk',
    'tidak',
    'dari',
    'dalam',
    'akan',
    'pada',
    'juga',
    'ke',
    'karena',
    'ada',
    'oleh',
    'sudah',
    'bisa',
    'mereka',
    'adalah',
    'saat',
  ],
  nl: [
    'de',
    'het',
    'een',
    'en',
    'van',
    'is',
    'dat',
    'op',
    'te',
    'in',
    'voor',
    'niet',
    'met',
    'zijn',
    'er',
    'aan',
    'ook',
    'als',
    'bij',
    'om',
    'maar',
    'door',
    'wordt',
    'naar',
  ],
};
const STOPWORD_SETS = Object.entries(LATIN_STOPWORDS).map(([lang, words]) => ({
  lang,
  words: new Set(words),
}));

const PERSIAN_WORDS = new Set([
  'است',
  'این',
  'که',
  'را',
  'می',
  'با',
  'برای',
  'های',
  'شده',
  'کرد',
  'یک',
  'آن',
  'بود',
]);
const URDU_WORDS = new Set(['کے', 'ہے', 'میں', 'کی', 'اور', 'سے', 'کو', 'نے', 'ہیں', 'کہ', 'پر']);
const ARABIC_WORDS = new Set([
  'في',
  'من',
  'على',
  'إلى',
  'الى',
  'أن',
  'ان',
  'التي',
  'الذي',
  'عن',
  'مع',
  'هذا',
  'هذه',
  'كان',
  'قال',
]);

const MAX_LISTED_WORD = Math.max(...[...URDU_WORDS, ...PERSIAN_WORDS, ...ARABIC_WORDS].map((w) => w.length));

// The listed words by a hash of their letters, with which lists hold each: a word of the text is looked up
// where it lies, without a string of its own (the detector reads every short word of every Arabic body).
const IN_URDU = 1;
const IN_PERSIAN = 2;
const IN_ARABIC = 4;
const LISTED_BY_HASH = new Map<number, { word: string; lists: number }[]>();
for (const [list, words] of [
  [IN_URDU, URDU_WORDS],
  [IN_PERSIAN, PERSIAN_WORDS],
  [IN_ARABIC, ARABIC_WORDS],
] as const) {
  for (const word of words) {
    const h = hashRange(word, 0, word.length);
    const entries = LISTED_BY_HASH.get(h) ?? [];
    const entry = entries.find((e) => e.word === word);
    if (entry) entry.lists |= list;
    else LISTED_BY_HASH.set(h, [...entries, { word, lists: list }]);
  }
}

/** Which lists (IN_URDU, IN_PERSIAN, IN_ARABIC) hold the word text[from, to), whose hashRange is `hash`. */
function listsOfHashed(text: string, from: number, to: number, hash: number): number {
  const entries = LISTED_BY_HASH.get(hash);
  if (entries)
    for (const { word, lists } of entries)
      if (word.length === to - from && text.startsWith(word, from)) return lists;
  return 0;
}

function wordHits(words: string[], set: ReadonlySet<string>): number {
  let n = 0;
  for (const w of words) if (set.has(w)) n++;
  return n;
}

// Letters that only Urdu or only Persian use among Arabic-script languages, and Arabic's own endings, as
// a table over the Arabic block (1 Urdu, 2 Persian, 3 Arabic ending): one lookup per character.
const URDU_LETTER = 1;
const PERSIAN_LETTER = 2;
const ARABIC_ENDING = 3;
const ARABIC_LETTER_KIND = new Uint8Array(0x0700);
for (const c of [0x0679, 0x0688, 0x0691, 0x06ba, 0x06be, 0x06c1, 0x06d2]) ARABIC_LETTER_KIND[c] = URDU_LETTER; // ٹ ڈ ڑ ں ھ ہ ے
for (const c of [0x067e, 0x0686, 0x0698, 0x06af, 0x06a9, 0x06cc]) ARABIC_LETTER_KIND[c] = PERSIAN_LETTER; // پ چ ژ گ ک ی
for (const c of [0x0629, 0x064a, 0x0649]) ARABIC_LETTER_KIND[c] = ARABIC_ENDING; // ة ي ى

// One pass over the text: its letters counted, and its words (maximal runs of letters, read as wordBounds
// reads them with LETTER, a surrogate pair as one code point) looked up in the lists as they end, each by an
// FNV-1a hash of its code units taken while reading it (hashRange's). The detector read an Arabic body
// three times (letters, word bounds, each short word again): 4% of parsing a record.
function arabicScriptLanguage(text: string): string {
  let urdu = 0;
  let persian = 0;
  let arabicEndings = 0;
  let urduWords = 0;
  let persianWords = 0;
  let arabicWords = 0;
  let start = -1;
  let hash = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    // Past the end, c is 0: no letter, so the last word ends there.
    const c = i < n ? text.charCodeAt(i) : 0;
    if (c < 0x0700) {
      const letter = ARABIC_LETTER_KIND[c];
      if (letter === URDU_LETTER) urdu++;
      else if (letter === PERSIAN_LETTER) persian++;
      else if (letter === ARABIC_ENDING) arabicEndings++;
    }
    let kind: number;
    if (c < 0xd800 || c > 0xdbff) kind = kindOfUnit(c);
    else {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      kind = next >= 0xdc00 && next <= 0xdfff ? astralKindAt(text, i) : 0;
    }
    if ((kind & LETTER) !== 0) {
      if (start < 0) {
        start = i;
        hash = 0x811c9dc5;
      }
      hash = Math.imul(hash ^ c, 0x01000193);
      // A letter of a surrogate pair: its low half is part of the word too.
      if (c >= 0xd800 && c <= 0xdbff) hash = Math.imul(hash ^ text.charCodeAt(++i), 0x01000193);
      continue;
    }
    // Only words as short as the longest listed one can be listed.
    if (start >= 0 && i - start <= MAX_LISTED_WORD) {
      const lists = listsOfHashed(text, start, i, hash | 0);
      if (lists & IN_URDU) urduWords++;
      if (lists & IN_PERSIAN) persianWords++;
      if (lists & IN_ARABIC) arabicWords++;
    }
    start = -1;
  }
  urdu += 3 * urduWords;
  persian += 3 * persianWords;
  const arabic = 3 * arabicWords + arabicEndings * 0.2;
  if (urdu > persian && urdu > arabic) return 'ur';
  if (persian > arabic) return 'fa';
  return 'ar';
}

/** Best stopword profile and how sure it is (the share of the two best scores the winner holds). */
function latinLanguage(text: string): { language: string | null; confident: boolean } {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .filter(Boolean);
  const scores = STOPWORD_SETS.map(({ lang, words: set }) => ({ lang, n: wordHits(words, set) })).sort(
    (a, b) => b.n - a.n,
  );
  const [best, second] = scores;
  if (!best || best.n === 0) return { language: null, confident: false };
  const margin = best.n / (best.n + (second?.n ?? 0));
  return { language: best.lang, confident: best.n >= 3 && margin >= 0.6 };
}

const SCRIPT_LANGUAGE: Record<string, string> = {
  hebrew: 'he',
  cyrillic: 'ru',
  greek: 'el',
  han: 'zh',
  kana: 'ja',
  hangul: 'ko',
  devanagari: 'hi',
  thai: 'th',
};

const directionOf = (language: string | null, script: string | null): 'rtl' | 'ltr' =>
  (language && RTL_LANGUAGES.has(language)) || script === 'arabic' || script === 'hebrew' ? 'rtl' : 'ltr';

/**
 * Detects the language of a text: script ranges decide non-Latin scripts (Arabic vs Persian vs Urdu by
 * their own letters and stopwords; Japanese when kana appear among Han), stopword profiles decide Latin
 * ones. `declared` (e.g. HTML lang) is used only when the text is too short or ambiguous to tell.
 */
export function detectLanguage(text: string, declared?: string | null): DetectedLanguage {
  const declaredCode = declared ? (declared.toLowerCase().split(/[-_]/)[0] ?? null) : null;
  const counts = countScripts(text).sort((a, b) => b.n - a.n);
  const top = counts[0];
  if (!top || top.n === 0) return { language: declaredCode, direction: directionOf(declaredCode, null) };
  let script = top.script;
  // Japanese mixes Han and kana; any real share of kana means Japanese.
  const kana = counts.find((c) => c.script === 'kana')?.n ?? 0;
  if (script === 'han' && kana > top.n * 0.1) script = 'kana';
  if (script === 'arabic') {
    const language = arabicScriptLanguage(text);
    return { language, direction: 'rtl' };
  }
  if (script === 'latin') {
    const { language, confident } = latinLanguage(text);
    const chosen = confident ? language : (declaredCode ?? language);
    return { language: chosen, direction: directionOf(chosen, 'latin') };
  }
  if (script === 'cyrillic' && declaredCode && ['uk', 'bg', 'sr', 'mk', 'be', 'kk'].includes(declaredCode)) {
    return { language: declaredCode, direction: 'ltr' };
  }
  const language = SCRIPT_LANGUAGE[script] ?? null;
  return { language, direction: directionOf(language, script) };
}
