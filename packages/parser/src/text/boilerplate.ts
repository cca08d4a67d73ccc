// Boilerplate as data: lines that pages around an article carry (navigation, widgets, share/follow bars,
// comment forms, copyright and cookie notices). Phrases are compared after folding (see lineKey), so one
// spelling covers hamza, taa marbuta and case variants.

import { foldArabic, stripAccents } from '../normalize/arabic.ts';
import { collapseWhitespace } from '../normalize/words.ts';

// Bullets, separators and whitespace trimmed off a line's key at either end; '!' at the end only.
const EDGE = new Set([...' .:•·|-–—»«*#'].map((c) => c.charCodeAt(0)));
const BANG = 0x21;

/** The comparison key of a line: folded, punctuation-insensitive at the ends, whitespace collapsed. */
export function lineKey(line: string): string {
  const text = collapseWhitespace(stripAccents(foldArabic(line), false));
  // Index loops, not an end-anchored regex: /[…]+$/ is tried at every position of the line.
  let start = 0;
  while (start < text.length && EDGE.has(text.charCodeAt(start))) start++;
  let end = text.length;
  while (end > start && (EDGE.has(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === BANG)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Whole lines that are never article text. */
export const BOILERPLATE_PHRASES: readonly string[] = [
  // Arabic
  'الأكثر قراءة',
  'الأكثر مشاهدة',
  'الأكثر تداولا',
  'الأكثر تعليقا',
  'الأكثر شعبية',
  'اقرأ أيضا',
  'اقرأ أيضاً',
  'اقرأ المزيد',
  'المزيد',
  'مواضيع ذات صلة',
  'أخبار ذات صلة',
  'مقالات ذات صلة',
  'ذات صلة',
  'شارك',
  'شارك المقال',
  'شارك هذا المقال',
  'شارك الخبر',
  'مشاركة',
  'مشاركة الخبر',
  'تابعونا',
  'تابعنا',
  'تابعونا على',
  'اترك تعليقاً',
  'اترك تعليقا',
  'اترك رداً',
  'أضف تعليقك',
  'أضف تعليق',
  'التعليقات',
  'تعليقات',
  'تعليق',
  'اشترك في النشرة البريدية',
  'اشترك في النشرة الإخبارية',
  'النشرة الإخبارية',
  'النشرة البريدية',
  'جميع الحقوق محفوظة',
  'إعلان',
  'اعلان',
  'شعار',
  'طباعة',
  'أرسل لصديق',
  'حجم الخط',
  'انتهى',
  'يتبع',
  'عاجل',
  'السابق',
  'التالي',
  'الرئيسية',
  // English
  'logo',
  'most read',
  'most popular',
  'most viewed',
  'trending',
  'related',
  'related articles',
  'related stories',
  'related news',
  'read more',
  'read also',
  'see also',
  'share',
  'share this',
  'share this article',
  'share this story',
  'follow us',
  'comments',
  'comment',
  'leave a comment',
  'leave a reply',
  'newsletter',
  'sign up for our newsletter',
  'subscribe',
  'advertisement',
  'sponsored',
  'all rights reserved',
  'no stories found',
  'skip to content',
  'skip to main content',
  'print',
  'email',
  'next',
  'previous',
  'next previous',
  'home',
  'menu',
  'search',
  // French
  'les plus lus',
  'le plus lu',
  'à lire aussi',
  'lire aussi',
  'voir aussi',
  'sur le même sujet',
  'partager',
  'partager cet article',
  'suivez-nous',
  'commentaires',
  'laisser un commentaire',
  'réagir',
  'publicité',
  'tous droits réservés',
  "s'abonner",
  'abonnez-vous',
  'inscrivez-vous à notre newsletter',
  'accueil',
];

/** Patterns for boilerplate lines whose wording varies (names, numbers, channels). */
export const BOILERPLATE_PATTERNS: readonly RegExp[] = [
  /^(?:©|\(c\)|copyright\b)/i,
  /(?:جميع الحقوق محفوظ|all rights reserved|tous droits réservés)/i,
  /(?:we use cookies|this (?:web)?site uses cookies|utilise des cookies|nous utilisons des cookies|ملفات تعريف الارتباط|accept(?:er)? (?:all )?cookies)/i,
  // Comment forms.
  /لن يتم نشر عنوان بريدك الإلكتروني/,
  /الحقول الإلزامية مشار إليها/,
  /your email address will not be published/i,
  /required fields are marked/i,
  /votre adresse (?:e-?mail|de messagerie|courriel) ne sera pas publiée/i,
  /les champs obligatoires sont indiqués/i,
  // Follow and share bars ("تابع آخر الأخبار من مدار21 على WhatsApp", "Follow us on Twitter").
  /^تابع(?:وا|ونا|نا)?\s.{0,60}\s(?:على|عبر)\s+(?:whatsapp|google news|twitter|تويتر|x|facebook|فيسبوك|فيس بوك|telegram|تلغرام|تيليجرام|instagram|انستغرام|إنستغرام|youtube|يوتيوب|تيك توك|tiktok|نبض|جوجل نيوز)/iu,
  /^(?:follow|suivez)\s.{0,60}\s(?:on|sur)\s+(?:whatsapp|google news|twitter|x|facebook|telegram|instagram|youtube|tiktok|linkedin)/i,
  /^(?:شارك|share|partager)(?:\s+(?:on|via|sur|على|عبر))?\s+(?:facebook|twitter|whatsapp|linkedin|telegram|email|فيسبوك|تويتر|واتساب)\b/iu,
  /^(?:facebook|twitter|whatsapp|linkedin|telegram|pinterest|email|فيسبوك|تويتر|واتساب)(?:\s+(?:facebook|twitter|whatsapp|linkedin|telegram|pinterest|email|فيسبوك|تويتر|واتساب))+$/iu,
  /^(?:sign up|subscribe|inscrivez-vous|abonnez-vous|اشترك)\b.{0,80}(?:newsletter|نشرة)/iu,
  // SMS contact lines of Saudi papers (SaudiNewsNet).
  /(?:للتواصل مع الكاتب|ارسل رسالة sms|أرسل sms|أرسل رسالة sms)/iu,
  /^\d{5,6}\s*[-–]\s*(?:stc|zain|mobily|موبايلي|زين)$/iu,
  /تبدأ بالرمز\s*\(\d+\)\s*ثم مسافة/u,
  /^الاتصالات\s*,?\s*\d+/u,
  /^ثم الرسالة$/u,
  // Wire-copy end marks (SPA): "// انتهى //", "//يتبع//".
  /^\/\/\s*(?:انتهى|يتبع)\s*\/\/$/u,
  /^(?:\.\.\.|…)\s*المزيد$/u,
  // Photo credits and source lines ("Foto: dpa", "Credit: Getty Images", "Titelbild: …").
  /^(?:fotos?|photos?|bild|credits?|crédits? photos?|titelbild|beitragsbild|image|abbildung|quelle|source)\s*:\s*.{0,80}$/i,
  // Photo credits in other shapes ("Photo by X on Unsplash", "Bild via Y", "TebNad/Shutterstock.com").
  /^(?:fotos?|photos?|photograph|bild|image|picture|kuva|zdjęcie|fot\.)\s+(?:by|via|von|de|par)\s+.{1,80}$/iu,
  /^[^.!?]{0,60}[/|©]\s*(?:shutterstock|getty ?images|istock(?:photo)?|unsplash|pixabay|adobe ?stock|dpa|afp|reuters|imago|picture[- ]alliance|ap photo)(?:\.com)?\)?$/i,
  // Cookie notices in more languages (German, Spanish, Italian, Polish, Portuguese).
  /(?:wir (?:verwenden|nutzen|setzen) (?:\S+ ){0,3}cookies|(?:web)?seite (?:verwendet|nutzt) cookies|cookie-(?:einstellungen|zustimmung|richtlinie)|was sind cookies|(?:utilizamos|usamos|este sitio (?:web )?(?:utiliza|usa)) cookies|(?:utilizziamo|usiamo) (?:i )?cookie|używamy (?:plików )?cookie|política de cookies)/iu,
  // Comment forms and their notes.
  /(?:e-?mail-adresse wird nicht veröffentlicht|pflichtfelder sind mit|akismet|save my name, email|kommentare? (?:sind )?geschlossen|comments are closed|^pingback\b)/iu,
  /^(?:name|e-?mail|website|webseite|kommentar|comment|nom|courriel)\s*\*?\s*(?:\((?:required|erforderlich|obligatoire|wird nicht veröffentlicht)[^)]*\))?\s*\*?$/iu,
  // Newsletter boxes ("Jetzt Newsletter abonnieren", "GET THE BOING BOING NEWSLETTER").
  /^(?=.{0,70}$)[^.]*\bnewsletter\b[^.]*$/iu,
  // A bare web address line (footer "www.eremnews.com").
  /^(?:https?:\/\/)?(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}\/?$/i,
];

/**
 * Lines after which the article is over: "most read" and comment blocks. Later lines are dropped unless
 * they are long paragraphs (a widget lists short headlines; the story does not resume after it).
 */
export const END_MARKERS: readonly string[] = [
  'الأكثر قراءة',
  'الأكثر مشاهدة',
  'الأكثر تداولا',
  'مواضيع ذات صلة',
  'أخبار ذات صلة',
  'مقالات ذات صلة',
  'اترك تعليقاً',
  'اترك تعليقا',
  'اترك رداً',
  'أضف تعليقك',
  'التعليقات',
  'most read',
  'most popular',
  'related articles',
  'related stories',
  'leave a comment',
  'leave a reply',
  'comments',
  'les plus lus',
  'sur le même sujet',
  'laisser un commentaire',
  'commentaires',
];

/**
 * Headings that open a page's end matter (related links, comments, tags, author box, sharing) in the
 * languages of the pages we read: past the middle of an article, nothing after one is the story.
 */
export const END_MATTER_HEADING =
  /^(ähnliche (beiträge|artikel)|verwandte (beiträge|artikel|themen)|related( (posts?|articles?|stories|content|topics))?|you (may|might) (also )?(like|enjoy)|more (from|on|stories|in)\b|read (also|more|next)\b|see also|das könnte (dich|sie|ihnen) (auch )?(interessieren|gefallen)|mehr (zum thema|zu|themen|interessantes|aus)\b|lesen sie (auch|mehr)|auch interessant|schon gelesen|weitere (artikel|beiträge|themen|news|meldungen|informationen|tourentipps)|zum weiterlesen|empfohlene beiträge|neueste artikel|(\d+ )?(kommentare?|comments?|commentaires?|responses?|antworten)\b|keine kommentare|leave a (reply|comment)|schreibe(n sie)? einen kommentar|kommentieren|über den autor|about the author|zur person|fragen an den autor|à lire aussi|lire aussi|sur le même sujet|articles similaires|dans la même rubrique|temas relacionados|noticias relacionadas|veja também|zobacz (również|też)|اقرأ أيضا|اقرأ أيضاً|اقرا ايضا|مواضيع ذات صلة|أخبار ذات صلة|اخبار ذات صلة|مقالات ذات صلة|التعليقات|تعليقات|شارك|tags?|schlagwörter|themen|share this|teilen( mit)?|diesen artikel teilen|sharen mit|teilen sie dies mit|partager|newsletter|abonniere|zobacz także|notas relacionadas|más noticias|otras noticias|mirá también|más sobre|related coverage|etiquetas|sharing is caring|empfohlene (beiträge|artikel)|teilen mit|sharen mit|kommentar (hinzufügen|verfassen|schreiben)|schreibe einen kommentar|kommentare? anzeigen|explore further|weiterführende (links?|informationen)|mehr zum thema|das könnte (dich|sie) auch interessieren|top[- ]themen|meistgelesen(e artikel)?|neueste (artikel|beiträge)|aktuelle meldungen|weitere beiträge( aus der kolumne)?|dazu passend|passend dazu|quellen(angaben)?|einzelnachweise|references|sources|comment by)\s*[:.!?…]*$/i;

/**
 * Short headings that open a block of other stories or of reader services and may name its subject
 * ("Mehr aus Thüringen", "More from The Verge", "También te puede interesar"): the phrase starts the
 * line, and at most a few words follow.
 */
const END_MATTER_LEAD =
  /^(?:mehr (?:aus|zu|zum|von|über)|more (?:from|on|about|stories)|weitere (?:artikel|beiträge|nachrichten|informationen|themen|news)|(?:ähnliche|verwandte) (?:artikel|beiträge|themen)|related (?:articles?|posts?|stories|content|topics|reading)|you (?:may|might) also|das könnte (?:dich|sie|ihnen)|empfohlen für|recommended (?:for|stories|articles)|meist ?gelesen|most (?:read|popular|viewed)|top[- ]?themen|trending (?:on|now|stories)|también te puede|te puede interesar|lee también|leer también|vous aimerez aussi|à lire aussi|lire aussi|czytaj (?:więcej|także|też)|zobacz (?:także|również|też)|polecamy|leia (?:também|mais)|veja também|read (?:more|also|next)|see also|aktuelle (?:news|nachrichten|artikel)|neueste (?:artikel|beiträge|nachrichten)|schreibe(?:n sie)? einen kommentar|hinterlasse (?:einen kommentar|eine antwort)|kommentieren sie|kommentare? (?:geschlossen|schreiben|verfassen)|leave a (?:comment|reply)|write a comment|comments are closed|post a comment|join the (?:discussion|conversation)|laisser un commentaire|deja (?:un|tu) comentario|dodaj komentarz|اقرأ أيضا|اقرأ أيضاً|اقرا ايضا|مواضيع ذات صلة|أخبار ذات صلة|اخبار ذات صلة|مقالات ذات صلة|الأكثر قراءة|الأكثر مشاهدة|اترك تعليقا|اترك تعليقاً|أضف تعليق)\b/iu;

/** A line that opens end matter: a known end-matter heading, or one of its leads with a few words. */
export function isEndMatterLine(line: string): boolean {
  if (line.length > 60) return false;
  if (END_MATTER_HEADING.test(line)) return true;
  return END_MATTER_LEAD.test(line) && line.split(/\s+/).length <= 7;
}

const SOCIAL_NETWORK =
  /\b(twitter|facebook|instagram|telegram|youtube|whatsapp|tiktok|linkedin|pinterest)\b/giu;
const CALL_TO_ACTION =
  /\b(?:subscribe|subscribers?|sign up for|suscr[ií]b\w*|abonnier\w*|abonnez|abonnement|newsletter|download (?:the|our)\b.{0,30}\bapps?|hazte miembro|únete|support (?:us|our)|unterstütze|follow us|folgen? (?:sie )?uns|síguenos|siguenos|suivez-nous|obserwuj nas|in den kommentaren|ihre meinung|your (?:thoughts|comments)|let us know|puede escribirnos|escríbenos|para comentar|czekamy na wasze|dites-nous)/iu;

/** A line asking the reader to subscribe, follow, comment or install: end matter past a story's middle. */
export function isCallToAction(line: string): boolean {
  if (CALL_TO_ACTION.test(line)) return true;
  return new Set(line.toLowerCase().match(SOCIAL_NETWORK) ?? []).size >= 2;
}

// "Perry Bacon Jr. is a senior writer for …", "Markus Reuter ist Redakteur …": the author box.
const AUTHOR_BIO =
  /^(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}(?:is|was|ist|war|est|es|jest|arbeitet|schreibt|leitet|writes|covers|has been)\b.{0,120}\b(?:writer|editor|reporter|journalist|correspondent|columnist|contributor|professor|lecturer|author|founder|co-founder|redakteur|redaktorin|autorin|autor|journalistin|korrespondent|gründer|rédact\w*|journaliste|periodista|redactor\w*|dziennikar\w*|redaktor\w*|publizist\w*|blogger\w*)/u;

export function isAuthorBio(line: string): boolean {
  return line.length < 700 && AUTHOR_BIO.test(line);
}

const PHRASE_KEYS = new Set(BOILERPLATE_PHRASES.map(lineKey));
export const END_MARKER_KEYS: ReadonlySet<string> = new Set(END_MARKERS.map(lineKey));

/** Leading widget labels glued to a real line ("Next Previous عين اليوم – واس"). */
const LEADING_NOISE = /^(?:next\s+previous|previous\s+next|السابق\s+التالي)\s+/i;

export function stripLeadingNoise(line: string): string {
  return line.replace(LEADING_NOISE, '');
}

/**
 * True when a whole line is boilerplate by the built-in rules or by lines learned for an outlet. `key`:
 * the line's lineKey when the caller has it already.
 */
export function isBoilerplate(line: string, learned?: ReadonlySet<string>, key = lineKey(line)): boolean {
  if (key.length === 0) return true;
  if (PHRASE_KEYS.has(key) || learned?.has(key)) return true;
  return BOILERPLATE_PATTERNS.some((re) => re.test(line.trim()));
}

/**
 * Lines repeated across many texts of one outlet (signatures, SMS boxes, widget labels): the keys (see
 * lineKey) of short lines found in at least `minShare` of the texts and at least `minCount` of them.
 */
export function learnBoilerplate(
  texts: readonly string[],
  opts: { minShare?: number; minCount?: number; maxLength?: number } = {},
): Set<string> {
  const minShare = opts.minShare ?? 0.05;
  const minCount = opts.minCount ?? 3;
  const maxLength = opts.maxLength ?? 120;
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const raw of text.split(/\r?\n/)) {
      const key = lineKey(raw);
      if (key.length === 0 || key.length > maxLength || seen.has(key)) continue;
      seen.add(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const threshold = Math.max(minCount, Math.ceil(minShare * texts.length));
  return new Set([...counts].filter(([, n]) => n >= threshold).map(([key]) => key));
}
