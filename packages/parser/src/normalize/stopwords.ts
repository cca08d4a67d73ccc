// Stopwords and the term tokenizer shared by the subject classifier and top-terms counts. Terms go through
// the same folding and light stemming as search, so a term counted here is one a user can search for.

import { foldArabic, stripAccents } from './arabic.ts';
import { stemArabic } from './search.ts';
import { JOINER, kindOfUnit, LETTER, NUMBER } from './words.ts';

// Function words, pronouns, auxiliaries and the reporting verbs of wire copy (قال, أضاف, said): they occur
// in every story whatever its subject. Written as usually spelled; folded once below.
const ARABIC = `
في من على إلى الى عن مع حتى منذ خلال بين عند عبر ضد نحو لدى لدي حول دون بعد قبل فوق تحت أمام امام وراء
ضمن لـ بـ كـ و ف ثم أو او أم ام بل لكن لكنه لكنها لكن غير سوى إلا الا
أن إن ان أنه أنها انه انها إنه إنها أنهم انهم لأن لان كي لكي كما كأن مما ممن عما فيما بينما حيث حين عندما
بأن بان بأنه بأنها وأنه وأنها وإن وإنه لأنه
لما لم لن لا ما ماذا متى أين اين كيف هل قد لقد سوف سـ ليس ليست كان كانت كانوا يكون تكون يكونوا أصبح أصبحت
أي اي كل بعض جميع كلا كلتا أحد احد إحدى احدى نفس ذات ذاته ذاتها أكثر اكثر أقل اقل جدا فقط أيضا ايضا أيضاً
هذا هذه هذان هاتان هؤلاء ذلك تلك أولئك اولئك هناك هنا هنالك الذي التي الذين اللذين اللتين اللواتي اللاتي
هو هي هم هما هن أنا انا نحن أنت انت أنتم انتم له لها لهم لهما لنا لي لك به بها بهم فيه فيها فيهم منه منها منهم
عليه عليها عليهم إليه إليها اليه اليها عنه عنها معه معها وهو وهي وهم وقد ولا وما وفي ومن وعلى وإلى والى وأن وان
وكان وكانت وهذا وهذه وذلك وتلك ولم ولن وكل وبعد وقبل وبين وعن ومع وحتى وأيضا وهناك وفقا وفق وفقاً
قال قالت وقال وقالت يقول تقول أضاف اضاف وأضاف واضاف أضافت وأضافت أكد اكد وأكد أكدت وأكدت أشار اشار وأشار
أشارت وأشارت أوضح وأوضح أعلن وأعلن أعلنت وأعلنت ذكر وذكر ذكرت وذكرت تابع وتابع لفت ولفت
يوم اليوم أمس امس غدا الآن الان عام العام سنة السنة مساء صباح الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت
عاما شهر الشهر أسبوع الأسبوع الماضي الماضية المقبل المقبلة الحالي الحالية الجاري
إذا اذا إذ اذ لو لولا كذلك لذلك ذلك بذلك عليه إلي عدة عدد مثل وغيرها وغيره غيرها آخر اخر أخرى اخرى
`;

const ENGLISH = `
a an the and or but if then else of to in on at by for with from into onto about above below over under
between through during before after since until against among within without as than so such too very
is are was were be been being am do does did doing done have has had having will would shall should can
could may might must not no nor only own same also just more most other some any each few all both
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
this that these those there here what which who whom whose when where why how
said says say told according mr mrs ms one two new
`;

const FRENCH = `
le la les l un une des du de d au aux et ou mais donc or ni car que qu qui quoi dont où ce cet cette ces
ça cela celui celle ceux celles il elle ils elles on nous vous je j me m te t se s lui leur leurs eux
mon ma mes ton ta tes son sa ses notre nos votre vos
est sont était étaient été être a ont avait avaient avoir eu fait faire sera seront serait
dans en sur sous par pour avec sans chez entre vers contre depuis pendant avant après selon lors
ne pas plus moins très aussi tout tous toute toutes autre autres même si comme ainsi alors encore déjà
y c n dit déclaré selon
`;

/** Folds (Arabic variants, accents) a word or list the way tokenizeTerms folds text. */
function foldTerm(word: string): string {
  // stripAccents skips NFD and NFC for text they would leave as is (nearly all Arabic copy).
  return stripAccents(foldArabic(word));
}

function toSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean).map(foldTerm));
}

/** Folded stopwords per language (`ar`, `en`, `fr`). */
export const STOPWORDS: Readonly<Record<'ar' | 'en' | 'fr', ReadonlySet<string>>> = {
  ar: toSet(ARABIC),
  en: toSet(ENGLISH),
  fr: toSet(FRENCH),
};

// Latin-script words in a text of another language (brand names in Arabic copy) are filtered against both
// Latin lists: neither `the` nor `de` is a subject word.
const LATIN_ANY = new Set([...STOPWORDS.en, ...STOPWORDS.fr]);

const DIGITS = /^\p{N}+$/u;
// Marks (diacritics) and invisible joiners belong to the word they sit in; folding removes them.
const WORD_CHAR = /[\p{L}\p{M}\p{N}\u200b-\u200f\u2066-\u2069\ufeff]/u;

/**
 * Whether the surrogate text[i] is part of a word, asked of the regex: a high one with what follows it, a
 * low one as the code unit before it (BMP code units are read from words.ts's table, see WORD_KINDS).
 */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c <= 0xdbff) return WORD_CHAR.test(text.slice(i, i + 2));
  return i > 0 && isWordChar(text, i - 1);
}

// isWordChar of a BMP code unit but a surrogate, from words.ts's table: the Unicode regex per character of
// punctuation and Latin-1 text was most of tokenizing's cost.
const WORD_KINDS = LETTER | NUMBER | JOINER;

const ALEF_HAMZA = 0x0621;
const ARABIC_LAST = 0x064a;
const AIN = 0x0639;
const BAA = 0x0628;
const DAL = 0x062f;
const WAW = 0x0648;
const FAA = 0x0641;

/** ب, ل or ك: a preposition written onto the word it governs. */
const isPreposition = (c: number): boolean => c === BAA || c === 0x0644 || c === 0x0643;

/** Whether `عبد` starts at `at` in text, before `end`. */
function isAbdAt(text: string, at: number, end: number): boolean {
  return (
    at + 2 < end &&
    text.charCodeAt(at) === AIN &&
    text.charCodeAt(at + 1) === BAA &&
    text.charCodeAt(at + 2) === DAL
  );
}

// Stemming costs far more than a lookup, and a corpus repeats the same few hundred thousand word forms:
// stems are memoised, bounded so a long-running worker does not grow without limit. The memo is keyed by
// the word's code units where it sits in the folded text (an open-addressing table over a pool of code
// units, with a hash taken while the word is scanned), not by a string: a Map keyed by a freshly sliced
// word hashed and compared every word anew, and was two thirds of tokenizing's cost.
const MEMO_LIMIT = 500_000;
const MEMO_SLOTS = 1 << 20; // a power of two above twice MEMO_LIMIT
// Per slot, side by side so a probe reads one cache line: the hash of its word, and its entry + 1 (0: free).
const memoSlot = new Int32Array(2 * MEMO_SLOTS);
// Per entry: where its word's code units start in the pool, and how many there are.
const memoEntry = new Int32Array(2 * MEMO_LIMIT);
const memoStems: string[] = [];
// Per entry: the term id of its stem (termOfId), or -1 when the word is a stopword or too short.
const memoTermIds = new Int32Array(MEMO_LIMIT);
let memoPool = new Uint16Array(1 << 20);
let memoPoolUsed = 0;

/** FNV-1a over code units: the hash a word's code units are memoised under, taken as it is scanned. */
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 16777619;

/** The memo entry of folded[start, end) (hash: its hash), or -1 when it is not memoised. */
function memoLookup(folded: string, start: number, end: number, hash: number): number {
  const length = end - start;
  for (let slot = hash & (MEMO_SLOTS - 1); ; slot = (slot + 1) & (MEMO_SLOTS - 1)) {
    const e = (memoSlot[2 * slot + 1] as number) - 1;
    if (e < 0) return -1;
    if (memoSlot[2 * slot] !== hash || memoEntry[2 * e + 1] !== length) continue;
    const at = (memoEntry[2 * e] as number) - start;
    let j = start;
    while (j < end && memoPool[at + j] === folded.charCodeAt(j)) j++;
    if (j === end) return e;
  }
}

function clearMemo(): void {
  memoSlot.fill(0);
  memoStems.length = 0;
  memoPoolUsed = 0;
}

/** Memoises the stem of folded[start, end) and returns its entry. */
function memoStore(folded: string, start: number, end: number, hash: number, stem: string): number {
  // Interning first: a full term table clears the memo too.
  const id = stem ? termId(stem) : -1;
  if (memoStems.length >= MEMO_LIMIT) clearMemo();
  const length = end - start;
  if (memoPoolUsed + length > memoPool.length) {
    const grown = new Uint16Array(Math.max(memoPool.length * 2, memoPoolUsed + length));
    grown.set(memoPool.subarray(0, memoPoolUsed));
    memoPool = grown;
  }
  for (let j = start; j < end; j++) memoPool[memoPoolUsed + j - start] = folded.charCodeAt(j);
  const e = memoStems.length;
  memoStems.push(stem);
  memoTermIds[e] = id;
  memoEntry[2 * e] = memoPoolUsed;
  memoEntry[2 * e + 1] = length;
  memoPoolUsed += length;
  let slot = hash & (MEMO_SLOTS - 1);
  while (memoSlot[2 * slot + 1] !== 0) slot = (slot + 1) & (MEMO_SLOTS - 1);
  memoSlot[2 * slot] = hash;
  memoSlot[2 * slot + 1] = e + 1;
  return e;
}

// Term ids: each distinct term a number, so a caller can count terms in arrays rather than maps keyed by
// strings (see forEachTermId). Bounded like the memo: past TERM_LIMIT the table starts over under a new
// generation (termIdGeneration), and ids handed out before mean nothing any more.
const TERM_LIMIT = 1_000_000;
const termIds = new Map<string, number>();
const termStrings: string[] = [];
let generation = 0;

function termId(term: string): number {
  let id = termIds.get(term);
  if (id === undefined) {
    if (termStrings.length >= TERM_LIMIT) {
      termIds.clear();
      termStrings.length = 0;
      generation++;
      clearMemo();
    }
    id = termStrings.length;
    termStrings.push(term);
    termIds.set(term, id);
  }
  return id;
}

/** The term of an id forEachTermId gave (in the current generation). */
export function termOfId(id: number): string {
  const term = termStrings[id];
  if (term === undefined) throw new RangeError(`termOfId: no term has id ${id}`);
  return term;
}

/** Changes when term ids start over: a caller that keeps ids across calls drops them then. */
export function termIdGeneration(): number {
  return generation;
}

/** Arabic stem of a folded word, or '' for a stopword or a stem too short to mean anything. */
function stemTerm(folded: string): string {
  if (STOPWORDS.ar.has(folded)) return '';
  const stem = stemArabic(folded);
  return stem.length < 2 || STOPWORDS.ar.has(stem) ? '' : stem;
}

/**
 * Content terms of a text, in order: folded, stopwords removed, Arabic light-stemmed, Latin lower-cased
 * without accents, numbers and one-letter tokens dropped. `عبد` is joined to the next word, so
 * `عبد اللطيف` and `عبداللطيف` are one term. `language` (ISO 639-1) picks the Latin stopword list;
 * Arabic-script words always use the Arabic one, since Arabic copy is where they occur. Only the first
 * `maxTerms` are found (the rest of the text is not scanned).
 */
export function tokenizeTerms(
  text: string,
  language?: string | null,
  maxTerms: number = Number.POSITIVE_INFINITY,
): string[] {
  const out: string[] = [];
  scanTerms(
    text,
    language,
    false,
    maxTerms,
    (term) => {
      out.push(term);
    },
    null,
  );
  return out;
}

/** tokenizeTerms, calling `visit` with each term and the folded word(s) it was made from (for display). */
export function forEachTerm(
  text: string,
  language: string | null | undefined,
  visit: (term: string, surface: string) => void,
): void {
  scanTerms(text, language, true, Number.POSITIVE_INFINITY, visit, null);
}

/**
 * tokenizeTerms, calling `visit` with each term's id (termOfId gives the term back) and stopping after
 * `maxTerms`: no string is touched for an Arabic word already seen. Ids stay valid while termIdGeneration
 * does not change, which it can do during a call: check it before using an id.
 */
export function forEachTermId(
  text: string,
  language: string | null | undefined,
  maxTerms: number,
  visit: (id: number) => void,
): void {
  scanTerms(text, language, false, maxTerms, NO_VISIT, visit);
}

const NO_VISIT = (): void => {};

/** forEachTerm; without `surfaces`, an Arabic term's surface is '' (not sliced out of the text). */
function scanTerms(
  text: string,
  language: string | null | undefined,
  surfaces: boolean,
  max: number,
  visit: (term: string, surface: string) => void,
  visitId: ((id: number) => void) | null,
): void {
  if (!(max > 0)) return;
  let emitted = 0;
  const latinStop = language === 'en' ? STOPWORDS.en : language === 'fr' ? STOPWORDS.fr : LATIN_ANY;
  // Folding whole text at once is far cheaper than word by word; it never joins or splits words.
  const folded = foldTerm(text);
  const n = folded.length;
  // Words are found one ahead, so `عبد` can be joined to the next. Of the pending word: where it is, its
  // hash, and whether it is Arabic letters only (U+0621–U+064A: stemmed against the Arabic stopwords) or
  // numbers only (DIGITS), both worked out while it is scanned. Only a Latin word is sliced out at once.
  let pending = false;
  let pendingStart = 0;
  let pendingEnd = 0;
  let pendingHash = 0;
  let pendingArabic = false;
  let pendingDigits = false;
  let pendingWord = '';
  let i = 0;
  for (;;) {
    while (i < n) {
      const c = folded.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff ? isWordChar(folded, i) : (kindOfUnit(c) & WORD_KINDS) !== 0) break;
      i++;
    }
    const found = i < n;
    const start = i;
    let arabic = false;
    let digits = false;
    let hash = HASH_SEED;
    let word = '';
    if (found) {
      arabic = true;
      digits = true;
      let letter = false;
      for (; i < n; i++) {
        const c = folded.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdfff ? !isWordChar(folded, i) : (kindOfUnit(c) & WORD_KINDS) === 0) break;
        hash = Math.imul(hash ^ c, HASH_PRIME);
        if (c < ALEF_HAMZA || c > ARABIC_LAST) arabic = false;
        if (c < 0x30 || c > 0x39) {
          digits = false;
          if (c >= 0x41 && c <= 0x7a) letter = true;
        }
      }
      if (!arabic) {
        word = folded.slice(start, i);
        // A word with an ASCII letter is no number; others that are not plain ASCII digits ask the regex.
        if (!digits && !letter) digits = DIGITS.test(word);
      }
    }
    if (pending) {
      if (pendingArabic) {
        // عبد… (ain, baa, dal) is a name, kept whole, and so is one behind a conjunction (و, ف) and/or a
        // preposition (ب, ل, ك) written onto it: `وعبد`, `بعبد`, `ولعبد` name the same person, and the
        // clitics go as the stemmer would take them off any other word. Other words are stemmed.
        let from = pendingStart;
        const first = folded.charCodeAt(from);
        if ((first === WAW || first === FAA) && isAbdAt(folded, from + 1, pendingEnd)) from++;
        else if (isPreposition(first) && isAbdAt(folded, from + 1, pendingEnd)) from++;
        else if (
          (first === WAW || first === FAA) &&
          isPreposition(folded.charCodeAt(from + 1)) &&
          isAbdAt(folded, from + 2, pendingEnd)
        )
          from += 2;
        if (isAbdAt(folded, from, pendingEnd)) {
          const token = folded.slice(from, pendingEnd);
          // Compound names (عبد ربه, عبد الله) are one name written as one or two words; the stemmer would
          // cut a joined one differently from its parts, so names are kept whole.
          if (token.length === 3 && found && arabic) {
            const next = folded.slice(start, i);
            if (visitId) visitId(termId(`${token}${next}`));
            else visit(`${token}${next}`, `${token} ${next}`);
            if (++emitted >= max) return;
            pending = false;
            continue;
          }
          if (visitId) visitId(termId(token));
          else visit(token, token);
          if (++emitted >= max) return;
        } else {
          let e = memoLookup(folded, pendingStart, pendingEnd, pendingHash);
          if (e < 0) {
            const stem = stemTerm(folded.slice(pendingStart, pendingEnd));
            e = memoStore(folded, pendingStart, pendingEnd, pendingHash, stem);
          }
          const id = memoTermIds[e] as number;
          if (id >= 0) {
            if (visitId) visitId(id);
            else visit(memoStems[e] as string, surfaces ? folded.slice(pendingStart, pendingEnd) : '');
            if (++emitted >= max) return;
          }
        }
      } else if (pendingWord.length >= 2 && !pendingDigits && !latinStop.has(pendingWord)) {
        if (visitId) visitId(termId(pendingWord));
        else visit(pendingWord, pendingWord);
        if (++emitted >= max) return;
      }
    }
    if (!found) return;
    pending = true;
    pendingStart = start;
    pendingEnd = i;
    pendingHash = hash;
    pendingArabic = arabic;
    pendingDigits = digits;
    pendingWord = word;
  }
}
