// Story signatures: what two reports of one event share even when each outlet writes its own copy. Outlets
// paraphrase, but the headline and the first paragraphs name the same people, places and acts (غانتس, الرباط,
// مذكرة تفاهم), so a bag of folded, stemmed content terms from title and lead compares them; the body's tail
// is left out because it drifts into background that unrelated stories share.

import { hammingDistance } from '../fingerprint/index.ts';
import { toSearchText } from '../normalize/search.ts';
import { hashRange } from '../normalize/words.ts';

// Function words, reporting verbs and calendar words of news copy: they occur in every story whatever the
// event, so sharing them says nothing. Written as usually spelled; folded and stemmed once below, exactly as
// the text is, so each spelling removes what it would become.
const STOPWORDS_AR = `
في من على إلى الى عن مع حتى منذ خلال بين عند عبر ضد نحو لدى حول دون بعد قبل فوق تحت أمام وراء ضمن
ثم أو أم بل لكن غير سوى إلا أن إن أنه أنها إنه إنها أنهم لأن كي لكي كما مما ممن عما فيما بينما حيث حين عندما
لما لم لن لا ما ماذا متى أين كيف هل قد لقد سوف ليس ليست كان كانت كانوا يكون تكون أصبح أصبحت
أي كل بعض جميع أحد إحدى نفس ذات أكثر أقل جدا فقط أيضا هذا هذه هذان هؤلاء ذلك تلك أولئك هناك هنا
الذي التي الذين اللذين اللتين هو هي هم هما هن أنا نحن أنت أنتم له لها لهم لنا لي لك به بها بهم فيه فيها
منه منها منهم عليه عليها عليهم إليه إليها عنه عنها معه معها وهو وهي وهم وقد ولا وما وفي ومن وعلى وإلى وأن
وكان وكانت وهذا وهذه وذلك ولم ولن وكل وبعد وقبل وبين وعن ومع وحتى وأيضا وفقا وفق إذا إذ لو كذلك لذلك بذلك
عدة عدد مثل آخر أخرى الآخر يمكن تم يتم وتم بشأن بسبب إطار إثر جراء لدى عبر
قال قالت وقال وقالت يقول تقول أضاف وأضاف أضافت وأضافت أكد وأكد أكدت وأكدت أشار وأشار أشارت وأوضح أوضح
أعلن وأعلن أعلنت وأعلنت ذكر وذكر ذكرت وذكرت تابع وتابع لفت ولفت بحسب حسب نقلا وكالة وكالات مصدر مصادر
يوم اليوم أمس غدا الآن عام العام سنة السنة مساء صباح الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت
عاما شهر الشهر أسبوع الأسبوع الماضي الماضية المقبل المقبلة الحالي الحالية الجاري ساعة ساعات
`;

const STOPWORDS_LATIN = `
a an the and or but if of to in on at by for with from into about over under between after before since
is are was were be been have has had will would can could may not no also more most other some any all
this that these those there here what which who when where how said says told according new
le la les un une des du de au aux et ou mais que qui ce cette ces il elle ils elles est sont dans en sur
par pour avec sans entre selon pas plus
`;

const STOPWORDS: ReadonlySet<string> = new Set(
  toSearchText(`${STOPWORDS_AR} ${STOPWORDS_LATIN}`).split(' ').filter(Boolean),
);

/** How much of an article the signature reads: the headline and the start of the body, in words. */
export const LEAD_WORDS = 60;
/** How much of the body a lead is looked for in, in words. */
export const TEXT_WORDS = 400;
/** At most this many lead terms: the first ones of title then lead, where the event is named. */
export const MAX_TERMS = 40;

/** The lead's terms (what the story is about) and the text's terms (what a lead can be found in), hashed. */
export type StorySignature = { lead: readonly number[]; text: readonly number[] };

// A term's hash is FNV-1a (hashRange), then an avalanche: short Arabic stems must spread over all 32 bits
// to keep collisions rare.
function avalanche(fnvHash: number): number {
  let h = fnvHash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** The stopwords by their FNV-1a hash (as a signed 32-bit number), to test a token where it lies. */
const STOPWORDS_BY_FNV = new Map<number, string[]>();
for (const word of STOPWORDS) {
  const h = hashRange(word, 0, word.length);
  STOPWORDS_BY_FNV.set(h, [...(STOPWORDS_BY_FNV.get(h) ?? []), word]);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Whether text[from, to), `h` its hashRange, is a content term: 3 characters or more, no stopword, and no
 * year (19xx, 20xx), since years and bare counts recur across unrelated stories while longer numbers
 * (scores, tolls) stay. Read where the token lies: no string for it.
 */
function isContentToken(text: string, from: number, to: number, h: number): boolean {
  const length = to - from;
  if (length < 3) return false;
  const stopwords = STOPWORDS_BY_FNV.get(h);
  if (stopwords) for (const w of stopwords) if (w.length === length && text.startsWith(w, from)) return false;
  if (length !== 4 || !isDigit(text.charCodeAt(from))) return true;
  const a = text.charCodeAt(from);
  const b = text.charCodeAt(from + 1);
  const year = (a === 49 && b === 57) || (a === 50 && b === 48);
  return !(year && isDigit(text.charCodeAt(from + 2)) && isDigit(text.charCodeAt(from + 3)));
}

// A signature's working arrays, reused: the hashes to sort (the lead's first, then the text's), the text's
// hashes until the lead is sorted, and where each lead term lies (to tell terms apart by their letters).
const hashes = new Uint32Array(MAX_TERMS + TEXT_WORDS);
const textHashes = new Uint32Array(TEXT_WORDS);
const leadFnv = new Int32Array(MAX_TERMS);
const leadFrom = new Int32Array(MAX_TERMS);
const leadTo = new Int32Array(MAX_TERMS);
const leadInTitle = new Uint8Array(MAX_TERMS);

/** Sorted distinct values of hashes[0..n), which is left sorted. */
function sortedDistinct(n: number): number[] {
  const sorted = hashes.subarray(0, n).sort();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = sorted[i] as number;
    if (i === 0 || h !== sorted[i - 1]) out.push(h);
  }
  return out;
}

/** Whether a[aFrom, aFrom + length) and b[bFrom, bFrom + length) hold the same characters. */
function sameChars(a: string, aFrom: number, b: string, bFrom: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a.charCodeAt(aFrom + i) !== b.charCodeAt(bFrom + i)) return false;
  return true;
}

// Where readTerms left the text's hashes: textHashes[0..textCount).
let textCount = 0;

/**
 * Reads the terms of a title and body as toSearchText gives them, where they lie in the two texts: the lead's
 * (the title's content terms, then those of the body's first LEAD_WORDS words, each once, at most MAX_TERMS)
 * into leadFrom, leadTo and leadInTitle with their hashes in hashes[0..), and the hashes of the content terms
 * of the body's first `bodyWords` words into textHashes[0..textCount). Returns how many lead terms it found.
 * Splitting the texts into strings, a set of the terms seen and a lookup of each in the stopwords cost more
 * than the hashing did.
 */
function readTerms(searchTitle: string, searchBody: string, bodyWords: number): number {
  let leads = 0;
  // Adds a lead term unless it is one already; false once the lead is full.
  const addLead = (text: string, inTitle: boolean, from: number, to: number, h: number): boolean => {
    const length = to - from;
    for (let t = 0; t < leads; t++) {
      if (leadFnv[t] !== h || (leadTo[t] as number) - (leadFrom[t] as number) !== length) continue;
      const other = leadInTitle[t] ? searchTitle : searchBody;
      if (sameChars(text, from, other, leadFrom[t] as number, length)) return true;
    }
    leadFnv[leads] = h;
    leadFrom[leads] = from;
    leadTo[leads] = to;
    leadInTitle[leads] = inTitle ? 1 : 0;
    hashes[leads] = avalanche(h);
    return ++leads < MAX_TERMS;
  };
  let open = true;
  for (let from = 0; open && from <= searchTitle.length; ) {
    let to = searchTitle.indexOf(' ', from);
    if (to < 0) to = searchTitle.length;
    const h = hashRange(searchTitle, from, to);
    if (isContentToken(searchTitle, from, to, h)) open = addLead(searchTitle, true, from, to, h);
    from = to + 1;
  }
  textCount = 0;
  let word = 0;
  for (let from = 0; word < bodyWords && from <= searchBody.length; word++) {
    let to = searchBody.indexOf(' ', from);
    if (to < 0) to = searchBody.length;
    const h = hashRange(searchBody, from, to);
    if (isContentToken(searchBody, from, to, h)) {
      if (open && word < LEAD_WORDS) open = addLead(searchBody, false, from, to, h);
      textHashes[textCount++] = avalanche(h);
    }
    from = to + 1;
  }
  return leads;
}

/** The content terms (folded, stemmed, stopwords and weak numbers dropped) of a title and its lead, in order. */
export function storyTerms(title: string, body: string): string[] {
  const searchTitle = toSearchText(title);
  const searchBody = toSearchText(body);
  const leads = readTerms(searchTitle, searchBody, LEAD_WORDS);
  return Array.from({ length: leads }, (_, t) =>
    (leadInTitle[t] ? searchTitle : searchBody).slice(leadFrom[t], leadTo[t]),
  );
}

/**
 * The signature of an article from its title and body as toSearchText gives them: hashes of its lead terms
 * (storyTerms') and of the terms of its first TEXT_WORDS words. Taking the search text lets the store reuse
 * what it computes for the full-text index instead of folding and stemming the body a second time.
 */
export function storySignatureOfSearchText(searchTitle: string, searchBody: string): StorySignature {
  const leads = readTerms(searchTitle, searchBody, TEXT_WORDS);
  const lead = sortedDistinct(leads);
  hashes.set(textHashes.subarray(0, textCount), leads);
  return { lead, text: sortedDistinct(leads + textCount) };
}

/** The signature of an article: hashes of its story terms and of the terms of its first TEXT_WORDS words. */
export function storySignature(title: string, body: string): StorySignature {
  return storySignatureOfSearchText(toSearchText(title), toSearchText(body));
}

/** Jaccard similarity (0..1) of two sorted hash lists; 0 when either is empty. */
export function jaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const shared = countShared(a, b);
  return shared / (a.length + b.length - shared);
}

/** How many hashes two sorted lists have in common. */
export function countShared(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/**
 * How far two articles tell one event (0..1): the share of each one's lead terms found in the other's text,
 * the smaller of the two. Outlets rewrite headlines but keep the facts of the lead, which the other outlet
 * also reports somewhere in its first paragraphs; taking the smaller share keeps a long background piece
 * (whose text holds everything) from swallowing every short report.
 */
export function storySimilarity(a: StorySignature, b: StorySignature): number {
  if (a.lead.length === 0 || b.lead.length === 0) return 0;
  return Math.min(countShared(a.lead, b.text) / a.lead.length, countShared(b.lead, a.text) / b.lead.length);
}

/**
 * Whether two articles belong to one story. Calibrated on ANT (Feb–Oct 2018, four outlets; the best
 * cross-outlet match of every article within ±3 days, sampled by similarity band): from 0.38 most pairs
 * report one event, below it most share only a subject (Yemen war, trade war); the leads must also
 * share STORY_MIN_JACCARD of their terms, which drops pairs where one rich text merely mentions the other's
 * names. The two seeds (one event, two outlets, fully rewritten) score 0.40 and 0.16.
 */
export const STORY_THRESHOLD = 0.38;
export const STORY_MIN_JACCARD = 0.15;

export function isSameStory(a: StorySignature, b: StorySignature): boolean {
  return jaccard(a.lead, b.lead) >= STORY_MIN_JACCARD && storySimilarity(a, b) >= STORY_THRESHOLD;
}

/**
 * How similar (storySimilarity) an article must also be to its story's first article, beside matching one
 * member. Matching the latest member alone chains running coverage link by link: on ANT, World Cup matches
 * a week apart and a Champions League preview with a Clásico report ended in one story. Lower than
 * STORY_THRESHOLD, since a story's later reports add facts its first one lacked; at 0.3, every pair of the
 * judged sample that is one event stays together, while 4 of the 6 chain ends judged wrong fall apart and
 * stories of more than 20 articles go from 28 to 12 (the multi-outlet share unchanged, 11.1%).
 */
export const STORY_SEED_THRESHOLD = 0.3;

/** Simhash bits two bodies may differ by and still be one text (a re-filed copy, a syndicated wire). */
export const NEAR_DUPLICATE_BITS = 3;

/** Whether two bodies are one text: equal content hashes, or simhashes within NEAR_DUPLICATE_BITS. */
export function isNearDuplicate(
  a: { contentHash: string; simhash: string },
  b: { contentHash: string; simhash: string },
): boolean {
  if (a.contentHash === b.contentHash) return true;
  return hammingDistance(a.simhash, b.simhash) <= NEAR_DUPLICATE_BITS;
}

/** Packs a sorted hash list for storage (4 bytes a hash, little-endian). */
export function encodeHashes(signature: readonly number[]): Uint8Array {
  const out = new Uint8Array(signature.length * 4);
  const view = new DataView(out.buffer);
  signature.forEach((h, i) => {
    view.setUint32(i * 4, h, true);
  });
  return out;
}

/** Reads a packed hash list; throws naming the problem when its length is not a whole number of hashes. */
export function decodeHashes(bytes: Uint8Array): number[] {
  if (bytes.byteLength % 4 !== 0)
    throw new Error(`story signature: ${bytes.byteLength} bytes is not a whole number of 4-byte hashes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = new Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}
