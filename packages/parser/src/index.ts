// The parser's one public entry point. Everything is a pure function: no I/O, no clock.

export {
  type FoundDate,
  findDateInText,
  hijriToGregorian,
  type ParseDateOptions,
  parseDate,
} from './dates/index.ts';
export { type DecodeHints, decodeBytes, looksBinary } from './decode/index.ts';
export { type Feed, type FeedItem, type ParseFeedOptions, parseFeed } from './feed/index.ts';
export {
  type Fingerprints,
  fingerprint,
  hammingDistance,
  hashContent,
  simhash,
} from './fingerprint/index.ts';
export { type ExtractHtmlOptions, extractHtml, type HtmlExtraction } from './html/index.ts';
export { type DetectedLanguage, detectLanguage } from './language/index.ts';
export { foldArabic, stripAccents, toAsciiDigits } from './normalize/arabic.ts';
export { normalizeName, stemArabic, toSearchText } from './normalize/search.ts';
export {
  forEachTerm,
  forEachTermId,
  STOPWORDS,
  termIdGeneration,
  termOfId,
  tokenizeTerms,
} from './normalize/stopwords.ts';
export { hostOf, normalizeUrl, siteOfHost, trustCanonical, urlKey } from './normalize/url.ts';
export {
  findOutletByHost,
  findOutletByName,
  findOutletInText,
  type KnownOutlet,
  OUTLETS,
  type OutletClues,
  resolveOutlet,
} from './outlets/index.ts';
export { detectFormat, parseDocument, sniffFormat } from './parse.ts';
export { seededRandom } from './random.ts';
export { extractRecord, FIELD_ALIASES, type RecordExtraction } from './record/index.ts';
export {
  type ParseSitemapOptions,
  parseSitemap,
  SITEMAP_MAX_ENTRIES,
  type Sitemap,
  type SitemapNews,
  type SitemapRef,
  type SitemapUrl,
} from './sitemap/index.ts';
export {
  isJsonLinesName,
  JsonLinesSplitter,
  readText,
  type SplitItem,
  type SplitProblem,
  type SplitResult,
  splitDocument,
  splitItems,
} from './split/index.ts';
export { countTopTerms, type TermCount, type TopTermsOptions } from './terms/index.ts';
export {
  BOILERPLATE_PATTERNS,
  BOILERPLATE_PHRASES,
  extractText,
  isBoilerplate,
  learnBoilerplate,
  lineKey,
  type TextExtraction,
} from './text/index.ts';
export {
  createSubjectTokenizer,
  createSubjectTrainer,
  GENERAL_NEWS,
  MIN_SUBJECT_SCORE,
  pickConfidentSubject,
  predictSubjects,
  type SubjectDocument,
  type SubjectExample,
  type SubjectModel,
  type SubjectPrediction,
  type SubjectTokenizer,
  type SubjectTrainer,
  type TokenizedDocuments,
  type TrainSubjectOptions,
  trainSubjectClassifier,
} from './topics/classifier.ts';
export {
  classifySubjects,
  GENERAL_SECTIONS,
  KEYWORDS,
  SECTION_SUBJECTS,
  SUBJECTS,
  type Subject,
  type SubjectInput,
  sectionSlug,
} from './topics/index.ts';
export * from './types.ts';
