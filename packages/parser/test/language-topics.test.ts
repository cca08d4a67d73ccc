import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  classifySubjects,
  detectLanguage,
  fingerprint,
  hammingDistance,
  SUBJECTS,
  sectionSlug,
  simhash,
} from '../src/index.ts';
import { subjectOfSection } from '../src/topics/index.ts';
import { HAS_SHARED, jsonlRecords, sharedText } from './shared.ts';

describe('detectLanguage', () => {
  const table: [string, string | null, 'rtl' | 'ltr'][] = [
    ['The minister said on Tuesday that the government would present the plan to parliament.', 'en', 'ltr'],
    [
      'Le ministre a déclaré mardi que le gouvernement présentera le plan au Parlement dans les prochains jours.',
      'fr',
      'ltr',
    ],
    [
      'El ministro dijo el martes que el gobierno presentará el plan en el Congreso para su aprobación.',
      'es',
      'ltr',
    ],
    [
      'Der Minister sagte am Dienstag, dass die Regierung den Plan nicht vor dem Sommer vorlegen wird.',
      'de',
      'ltr',
    ],
    [
      'Bakan salı günü yaptığı açıklamada planın bu ay içinde meclise sunulacağını ve çok önemli olduğunu söyledi.',
      'tr',
      'ltr',
    ],
    ['قال الوزير يوم الثلاثاء إن الحكومة ستقدم الخطة إلى البرلمان في الأسابيع المقبلة.', 'ar', 'rtl'],
    ['وزیر روز سه‌شنبه گفت که دولت این برنامه را به مجلس ارائه می‌کند و این کار مهم است.', 'fa', 'rtl'],
    ['وزیر نے منگل کو کہا کہ حکومت یہ منصوبہ پارلیمنٹ میں پیش کرے گی اور یہ اہم ہے۔', 'ur', 'rtl'],
    // An astral character (read as a pair, as the word splitter reads it) leaves the verdict as it was.
    ['😀 قال الوزير يوم الثلاثاء إن الحكومة ستقدم الخطة إلى البرلمان 😀', 'ar', 'rtl'],
    ['وزیر روز سه‌شنبه گفت که دولت این 📰 برنامه را به مجلس ارائه می‌کند و این کار مهم است.', 'fa', 'rtl'],
    ['وزیر نے منگل کو کہا کہ حکومت یہ منصوبہ 𝐀 پارلیمنٹ میں پیش کرے گی اور یہ اہم ہے۔', 'ur', 'rtl'],
    // A letter above the surrogates (the presentation form ﻻ) is one code unit: the space after it ends its word.
    ['ﻻ از ﻻ در ﻻ را ﻻ است', 'fa', 'rtl'],
    ['השר אמר ביום שלישי כי הממשלה תציג את התוכנית לכנסת.', 'he', 'rtl'],
    ['Министр заявил во вторник, что правительство представит план парламенту.', 'ru', 'ltr'],
    ['部长周二表示，政府将向议会提交该计划。', 'zh', 'ltr'],
    ['大臣は火曜日、政府が計画を国会に提出すると述べた。', 'ja', 'ltr'],
    ['12345 — 678', null, 'ltr'],
  ];
  for (const [text, language, direction] of table) {
    it(`${language}: ${text.slice(0, 30)}`, () =>
      expect(detectLanguage(text)).toEqual({ language, direction }));
  }

  it('text wins over a declared language that clearly disagrees; declared fills in when text cannot tell', () => {
    expect(
      detectLanguage('قال الوزير إن الحكومة ستقدم الخطة إلى البرلمان في الأسابيع المقبلة.', 'en').language,
    ).toBe('ar');
    expect(
      detectLanguage('The minister said that the plan was ready and would be presented to the house.', 'fr')
        .language,
    ).toBe('en');
    expect(detectLanguage('OK', 'fr')).toEqual({ language: 'fr', direction: 'ltr' });
  });

  it.skipIf(!HAS_SHARED)('real text: seeds and ANT records are Arabic', () => {
    expect(detectLanguage(sharedText('seeds/000_06f69c84c9046252.txt')).language).toBe('ar');
    for (const r of jsonlRecords('corpus/ant/france24.jsonl.gz', 30)) {
      if (String(r.text).trim()) expect(detectLanguage(String(r.text)).language).toBe('ar');
    }
  });
});

describe('subjects', () => {
  it('taxonomy has the 15 IPTC top-level slugs with English and Arabic names', () => {
    expect(SUBJECTS.map((s) => s.slug)).toEqual([
      'politics',
      'economy',
      'conflict-defence',
      'crime-justice',
      'health',
      'science-technology',
      'environment',
      'sport',
      'arts-culture',
      'religion',
      'education',
      'society',
      'disaster-accident',
      'lifestyle',
      'weather',
    ]);
    for (const s of SUBJECTS) expect(s.ar.length * s.en.length).toBeGreaterThan(0);
  });

  const sections: [string, string | null][] = [
    ['سياسة', 'politics'],
    ['السياسة', 'politics'],
    ['culture', 'arts-culture'],
    ['economy', 'economy'],
    ['sport', 'sport'],
    ['technology', 'science-technology'],
    ['Économie', 'economy'],
    ['رياضة', 'sport'],
    ['internationalNews', null],
    ['middleEast', null],
  ];
  for (const [label, slug] of sections) {
    it(`section ${label} → ${slug}`, () => {
      const topics = classifySubjects({ sections: [label] });
      expect(topics.filter((t) => t.source === 'section').map((t) => t.slug)).toEqual(slug ? [slug] : []);
    });
  }

  // Labels of several words are read word by word: conjunctions, articles and a desk's reach (`دولية`,
  // `française`, `World`) leave the subject as it is; a key of several words (`كرة القدم`) is one desk.
  const multiWordSections: [string, string][] = [
    ['اقتصاد وأعمال', 'economy'],
    ['ثقافة وفنون', 'arts-culture'],
    ['سياسة دولية', 'politics'],
    ['كرة القدم', 'sport'],
    ['جرائم', 'crime-justice'],
    ['أسواق', 'economy'],
    ['Entertainment & Arts', 'arts-culture'],
    ['Religions', 'religion'],
    ['Climat', 'environment'],
    ['Law', 'crime-justice'],
    ['Économie française', 'economy'],
    ['World Sport', 'sport'],
    ['أخبار الرياضة', 'sport'],
    ['culture-and-art', 'arts-culture'],
    ['Catastrophes et accidents', 'disaster-accident'],
  ];
  for (const [label, slug] of multiWordSections) {
    it(`section ${label} → ${slug}`, () => {
      expect(subjectOfSection(label)).toBe(slug);
      expect(classifySubjects({ sections: [label] })).toEqual([{ slug, score: 1, source: 'section' }]);
    });
  }

  // A desk subject teaches the classifier, so a label that may be a headline or names two beats gives none.
  const notDesks: [string, string][] = [
    ['Science & Environment', 'two subjects'],
    ['Politics & Economy', 'two subjects'],
    ['سياسة الحكومة الجديدة', 'a headline: words beside the desk word'],
    ['كرة', 'half of a two-word desk'],
    ['عربي ودولي', 'only general words'],
    ['World Sport News: Football, Tennis, Soccer', 'too many words for a desk'],
  ];
  for (const [label, why] of notDesks) {
    it(`section ${label} names no subject (${why})`, () => {
      expect(subjectOfSection(label)).toBeNull();
    });
  }

  it("every subject's own names (en, ar, fr) name it as a desk", () => {
    for (const s of SUBJECTS)
      for (const name of [s.en, s.ar, s.fr]) expect([name, subjectOfSection(name)]).toEqual([name, s.slug]);
  });

  // Where outlets put the desk: after dates and language codes, in a Guardian/Le Monde/Figaro vocabulary
  // word, or before the article's numeric id in its own slug (the BBC).
  const urlDesks: [string, string[]][] = [
    ['http://www.bbc.co.uk/arabic/sports-43101640', ['sport']],
    ['http://www.bbc.co.uk/arabic/science-and-tech-43189629', ['science-technology']],
    ['https://www.bbc.com/news/business-68012345', ['economy']],
    ['https://www.bbc.co.uk/news/entertainment-arts-35381354', ['arts-culture']],
    ['https://www.alarabiya.net/ar/culture-and-art/2018/02/18/فيلم.html', ['arts-culture']],
    ['https://www.aljazeera.net/ebusiness/2024/1/1/slug', ['economy']],
    ['https://www.theguardian.com/law/2024/jan/01/slug', ['crime-justice']],
    ['https://www.theguardian.com/film/2024/jan/01/slug', ['arts-culture']],
    ['https://www.theguardian.com/music/2024/jan/01/slug', ['arts-culture']],
    ['https://www.theguardian.com/lifeandstyle/2024/jan/01/slug', ['lifestyle']],
    ['https://www.lemonde.fr/religions/article/2024/01/01/slug_6208_3224.html', ['religion']],
    ['https://www.lemonde.fr/climat/article/2024/01/01/slug_6208_3244.html', ['environment']],
    ['https://www.lemonde.fr/economie-francaise/article/2024/01/01/slug_6208_3234.html', ['economy']],
    ['https://www.lefigaro.fr/conjoncture/la-croissance-ralentit-20240101', ['economy']],
    ['https://edition.cnn.com/2024/01/01/politics/slug/index.html', ['politics']],
    ['http://www.arriyadiyah.com/node/907236/رياضة-عالمية/slug', ['sport']],
  ];
  for (const [url, slugs] of urlDesks) {
    it(`URL desk ${url} → ${slugs.join(', ')}`, () => {
      expect(classifySubjects({ url }).map((t) => [t.slug, t.source])).toEqual(slugs.map((s) => [s, 'url']));
    });
  }

  const urlNotDesks: [string, string][] = [
    ['https://www.bbc.co.uk/news/world-us-canada-68012345', 'a general desk before the id'],
    ['https://www.mayoclinic.org/drugs-supplements-vitamin-c/art-20363932', '`art-` abbreviates article'],
    ['https://www.france24.com/ar/20180625-ثقافة-كيف-تعود', 'a headline slug, not desk and id'],
    [
      'https://www.japantimes.co.jp/news/2020/02/25/national/science-health/covid-guidelines/',
      'two subjects',
    ],
    ['https://www.linkedin.com/legal/privacy-policy', "a site's legal pages"],
    [
      'https://www.example.com/news/2024/world/opinion/sport/slug',
      'deeper than three segments that are not dates',
    ],
  ];
  for (const [url, why] of urlNotDesks) {
    it(`URL ${url} names no desk (${why})`, () => {
      expect(classifySubjects({ url })).toEqual([]);
    });
  }

  it('URL path desks', () => {
    expect(classifySubjects({ url: 'https://www.lemonde.fr/economie/article/2021/x.html' })).toEqual([
      { slug: 'economy', score: 0.9, source: 'url' },
    ]);
    expect(classifySubjects({ url: 'https://www.bbc.com/sport/football/123' })[0]?.slug).toBe('sport');
    // The article's own slug is not a desk.
    expect(classifySubjects({ url: 'https://x.com/news/sport' })).toEqual([]);
  });

  it('keyword rules in English and French', () => {
    const en = classifySubjects({
      title: 'Striker scores twice as league leaders win the match',
      body: 'The coach praised the player after the match. The football league title race is open; the team plays its next cup match on Sunday.',
    });
    expect(en[0]?.slug).toBe('sport');
    const fr = classifySubjects({
      title: 'Le Parlement adopte la réforme',
      body: "Le gouvernement a obtenu le vote du Parlement. Les députés de l'opposition ont dénoncé un scrutin précipité; le ministre a salué le vote.",
    });
    expect(fr[0]?.slug).toBe('politics');
  });

  // A phrase counts where its words follow one another as whole words; repeats count up to three times,
  // a title occurrence twice over; below a raw score of 4 the rules say nothing. 'artificial intelligence'
  // weighs 3 and neither of its words is a keyword on its own.
  const phrases: [string, { title?: string; body: string }, number | null][] = [
    ['once', { body: 'Work on artificial intelligence goes on.' }, null],
    ['twice', { body: 'Artificial intelligence here, artificial intelligence there.' }, 0.47],
    ['four times, counted three', { body: 'artificial intelligence '.repeat(4) }, 0.61],
    [
      'a longer word is not the phrase',
      { body: 'artificial intelligences and artificial intelligence' },
      null,
    ],
    ['cut off at the end of the text', { body: 'artificial intelligence, then artificial' }, null],
    [
      'words apart are not the phrase',
      { body: 'artificial flowers, intelligence, artificial intelligence' },
      null,
    ],
    ['in the title', { title: 'Artificial intelligence', body: 'A report.' }, 0.47],
  ];
  for (const [name, text, score] of phrases) {
    it(`keyword phrase: ${name}`, () => {
      const rules = classifySubjects(text).filter((t) => t.source === 'rules');
      expect(rules).toEqual(score === null ? [] : [{ slug: 'science-technology', score, source: 'rules' }]);
    });
  }

  it('sectionSlug', () => {
    expect(sectionSlug('internationalNews')).toBe('section:internationalnews');
    expect(sectionSlug('سياسة')).toBe('section:سياسه');
    expect(sectionSlug(' Middle  East ')).toBe('section:middle-east');
  });
});

describe('fingerprints', () => {
  const body =
    'قال وزير الدفاع الإسرائيلي بيني غانتس إن الرباط وتل أبيب بحاجة لتعميق التحالفات في المنطقة وفق ما أكدته قناة إسرائيلية اليوم';
  it('contentHash ignores spelling variants and whitespace, not wording', () => {
    const a = fingerprint('عنوان', body);
    expect(
      fingerprint('عنوان', body.replace('الإسرائيلي', 'الاسرائيلي').replace(/ /g, '  ')).contentHash,
    ).toBe(a.contentHash);
    expect(fingerprint('عنوان آخر', body).contentHash).not.toBe(a.contentHash);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
  it('simhash: near duplicates are close, different texts far', () => {
    const near = simhash(`${body} وأضاف`);
    const other = simhash(
      'The minister said on Tuesday that the government would present the plan to parliament next week',
    );
    expect(hammingDistance(simhash(body), simhash(body))).toBe(0);
    expect(hammingDistance(simhash(body), near)).toBeLessThan(12);
    expect(hammingDistance(simhash(body), other)).toBeGreaterThan(16);
  });
  it('simhash values stay what they were when stored (bit-sliced counting changed no hash)', () => {
    // Pinned from the per-bit voting implementation: articles stored earlier must stay comparable.
    expect(simhash(body)).toBe('16b65da86129e4c5');
    expect(simhash('The minister said on Tuesday')).toBe('a1af4f5f1dbea651');
    expect(simhash('two words')).toBe('937235d51c5cbf75');
    expect(simhash('')).toBe('4c0550555db4a501');
    expect(simhash(body.repeat(40))).toBe('14b65da86129ec45');
  });
  it.skipIf(!HAS_SHARED)(
    'simhash values of real bodies stay what they were (majority read from the used planes only)',
    () => {
      // Digest of the simhashes of 400 ANT bodies per outlet, pinned before majorityBits skipped empty planes.
      const digest = createHash('sha256');
      for (const outlet of ['alarabia', 'bbc', 'france24', 'skynews'])
        for (const r of jsonlRecords(`corpus/ant/${outlet}.jsonl.gz`, 400))
          digest.update(`${simhash(String(r.text))}\n`);
      expect(digest.digest('hex')).toBe('ecd593ae503182689f6fd2d46cc9d73784446f4e0c296cb157adbe081a594f15');
    },
  );
  it('hammingDistance counts bits and rejects malformed input', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0000000000000001', '8000000000000000')).toBe(2);
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow();
  });
});
