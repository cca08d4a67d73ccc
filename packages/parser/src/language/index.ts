// Language from the text itself: the script first, then letters and stopwords that tell apart languages
// sharing a script. A declared language (HTML lang, feed, config) is used only when the text cannot tell.

export type DetectedLanguage = { language: string | null; direction: 'rtl' | 'ltr' };

const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'he', 'yi', 'ps', 'ckb', 'sd', 'ug', 'dv']);

const SCRIPTS: readonly { script: string; re: RegExp }[] = [
  { script: 'arabic', re: /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g },
  { script: 'hebrew', re: /[\u0590-\u05FF]/g },
  { script: 'cyrillic', re: /[\u0400-\u04FF]/g },
  { script: 'greek', re: /[\u0370-\u03FF]/g },
  { script: 'han', re: /[\u4E00-\u9FFF\u3400-\u4DBF]/g },
  { script: 'kana', re: /[\u3040-\u30FF]/g },
  { script: 'hangul', re: /[\uAC00-\uD7AF\u1100-\u11FF]/g },
  { script: 'devanagari', re: /[\u0900-\u097F]/g },
  { script: 'thai', re: /[\u0E00-\u0E7F]/g },
  { script: 'latin', re: /[A-Za-z\u00C0-\u024F]/g },
];

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

const PERSIAN_LETTERS = /[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/g; // پ چ ژ گ ک ی
const URDU_LETTERS = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06D2]/g; // ٹ ڈ ڑ ں ھ ہ ے
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

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

function wordHits(words: string[], set: ReadonlySet<string>): number {
  let n = 0;
  for (const w of words) if (set.has(w)) n++;
  return n;
}

function arabicScriptLanguage(text: string): string {
  const words = text.split(/[^\p{L}]+/u);
  const urdu = count(text, URDU_LETTERS) + 3 * wordHits(words, URDU_WORDS);
  const persian = count(text, PERSIAN_LETTERS) + 3 * wordHits(words, PERSIAN_WORDS);
  const arabic = 3 * wordHits(words, ARABIC_WORDS) + count(text, /[\u0629\u064A\u0649]/g) * 0.2;
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
  const counts = SCRIPTS.map(({ script, re }) => ({ script, n: count(text, re) })).sort((a, b) => b.n - a.n);
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
