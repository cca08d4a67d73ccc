import type { Article, TokenizedDocuments } from '@rasid/parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  applySubjectModel,
  countLabelledArticles,
  createSubjectTargetTokens,
  getSubjectModel,
  listSubjectTargetIds,
  pickSubjects,
  pickTokenizedSubjects,
  planSubjectTraining,
  rebuildRollups,
  refreshSubjects,
  storeArticles,
  tokenizeSubjectArticles,
  tokenizeSubjectTargets,
  trainSubjectModel,
} from '../src/queries/index.ts';
import { makeArticle, makeItem } from './helpers.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => closeDatabase(db);
});

const VOCABULARY = {
  sport: ['المباراة', 'الفريق', 'الهدف', 'الدوري', 'اللاعب', 'المدرب', 'الملعب', 'البطولة'],
  economy: ['السوق', 'الأسهم', 'النفط', 'البنك', 'التضخم', 'الاستثمار', 'الأسعار', 'الشركات'],
  general: ['الرئيس', 'الوزير', 'الحكومة', 'البرلمان', 'الزيارة', 'الاجتماع', 'الوفد', 'البيان'],
} as const;
const FILLER = ['اليوم', 'أمس', 'قال', 'وأضاف', 'المدينة', 'العام', 'الأسبوع', 'مصادر'];

type Kind = keyof typeof VOCABULARY;

// Deterministic text: each article draws its own mix of its subject's words and common filler.
function textOf(kind: Kind, n: number): string {
  const words: string[] = [];
  const vocabulary = VOCABULARY[kind];
  for (let i = 0; i < 30; i++) {
    const v = vocabulary[(n * 7 + i * 3) % vocabulary.length] as string;
    const f = FILLER[(n * 5 + i) % FILLER.length] as string;
    words.push(i % 3 === 0 ? f : v);
  }
  return words.join(' ');
}

let serial = 0;
function makeSubjectArticle(kind: Kind, labelled: boolean, overrides: Partial<Article> = {}): Article {
  const n = serial++;
  const day = `2024-03-${String(10 + (n % 4)).padStart(2, '0')}`;
  const section = kind === 'general' ? 'أخبار' : kind === 'sport' ? 'رياضة' : 'اقتصاد';
  return makeArticle({
    url: `https://${n % 2 ? 'a' : 'b'}.example.com/${kind}/${n}`,
    outlet: { name: n % 2 ? 'A' : 'B', domain: n % 2 ? 'a.example.com' : 'b.example.com' },
    title: `${textOf(kind, n + 1).slice(0, 40)} ${n}`,
    body: `${textOf(kind, n)} رقم ${n}`,
    publishedAt: `${day}T10:00:00Z`,
    sections: labelled ? [section] : [],
    topics: labelled && kind !== 'general' ? [{ slug: kind, score: 1, source: 'section' }] : [],
    ...overrides,
  });
}

function storeCorpus(perLabel: number): void {
  const items = [];
  for (const kind of ['sport', 'economy', 'general'] as const)
    for (let i = 0; i < perLabel; i++) items.push(makeItem(makeSubjectArticle(kind, true)));
  for (const kind of ['sport', 'economy'] as const)
    for (let i = 0; i < 10; i++) items.push(makeItem(makeSubjectArticle(kind, false)));
  storeArticles(db, items);
}

const all = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params);
const classifierLinks = () =>
  all(`SELECT a.url, t.slug, l.score FROM article_topics l JOIN topics t ON t.id = l.topic_id
    JOIN articles a ON a.id = l.article_id WHERE l.source = 'classifier' ORDER BY a.id`) as {
    url: string;
    slug: string;
    score: number;
  }[];
const snapshot = () => ({
  links: all('SELECT * FROM article_topics ORDER BY article_id, topic_id'),
  daily: all('SELECT * FROM rollup_daily ORDER BY 1, 2, 3'),
  topics: all('SELECT * FROM rollup_daily_topic ORDER BY 1, 2, 3, 4'),
  models: all('SELECT id, created_at, examples, labels, applied_through FROM subject_models'),
});

describe('refreshSubjects', () => {
  it('learns from desks and gives the articles without one the subject their words say', () => {
    storeCorpus(40);
    expect(countLabelledArticles(db)).toBe(120);
    const result = refreshSubjects(db);
    // General-desk articles have no subject either: they are scored too, and the model calls them general.
    expect(result).toMatchObject({ trained: true, examples: 120, scored: 60, linked: 20, changed: 20 });
    const links = classifierLinks();
    expect(links).toHaveLength(20);
    for (const link of links) {
      expect(link.url).toContain(`/${link.slug}/`);
      expect(link.score).toBeGreaterThanOrEqual(0.6);
    }
    // The classifier only speaks for articles no desk labelled.
    expect(links.every((l) => !l.url.includes('general'))).toBe(true);
    const stored = getSubjectModel(db);
    expect(stored).toMatchObject({ examples: 120, labels: 3 });
    expect(stored?.model.labels.sort()).toEqual(['economy', 'general-news', 'sport']);
  });

  it('keeps the daily rollups equal to a recount after applying', () => {
    storeCorpus(40);
    refreshSubjects(db);
    const before = snapshot();
    expect(before.topics.length).toBeGreaterThan(0);
    rebuildRollups(db);
    expect(snapshot()).toEqual(before);
  });

  it('changes nothing when run again, and scores only what was stored since', () => {
    storeCorpus(40);
    refreshSubjects(db);
    const before = snapshot();
    expect(refreshSubjects(db)).toMatchObject({ trained: false, scored: 0, changed: 0 });
    expect(snapshot()).toEqual(before);

    storeArticles(db, [makeItem(makeSubjectArticle('sport', false))]);
    expect(refreshSubjects(db)).toMatchObject({ trained: false, scored: 1, linked: 1, changed: 1 });
    expect(classifierLinks().at(-1)?.slug).toBe('sport');
  });

  it('articles tokenized before the model was trained get the picks pickSubjects gives', () => {
    storeCorpus(40);
    const ids = listSubjectTargetIds(db, 0);
    expect(ids).toHaveLength(60);
    // Tokenized in two parts, as a thread takes them in chunks, before any model exists.
    const tokens = createSubjectTargetTokens();
    expect(tokenizeSubjectTargets(db, ids.slice(0, 30), tokens)).toBe(30);
    expect(tokenizeSubjectTargets(db, ids.slice(30), tokens)).toBe(30);
    expect(tokens.ids).toEqual(ids);
    const stored = trainSubjectModel(db).model;
    if (!stored) throw new Error('no model');
    const picks = pickTokenizedSubjects(stored, tokens);
    expect(picks).toEqual(pickSubjects(db, stored, ids));
    expect([...picks.values()].filter(Boolean)).toHaveLength(20);
    expect(pickTokenizedSubjects(stored, tokens, { minScore: 0.99 })).toEqual(
      pickSubjects(db, stored, ids, { minScore: 0.99 }),
    );
    // Articles a desk labels are no targets: left out of a chunk that names them.
    const labelled = ids.at(-1) as number;
    expect(tokenizeSubjectTargets(db, [1, 2, labelled], createSubjectTargetTokens())).toBe(1);
    expect(() => tokenizeSubjectTargets(db, [0.5, 3], tokens)).toThrow(/whole article ids/);
  });

  it('a model trained on articles another thread tokenized equals the one trained on their text', () => {
    storeCorpus(40);
    const plan = planSubjectTraining(db);
    expect(plan).toMatchObject({ total: 120 });
    expect(plan.ids).toHaveLength(120);
    expect(plan.unlabelled).toHaveLength(20);
    // As the subject stage shares the work: the general-news examples and the unlabelled articles (which
    // are also to be scored) tokenized elsewhere, in the order the trainer asks for them, in batches of 16.
    const remote = [...plan.ids.filter((_, i) => plan.labels[i] === 'general-news'), ...plan.unlabelled];
    expect(remote).toHaveLength(60);
    const tokens = createSubjectTargetTokens();
    expect(tokenizeSubjectArticles(db, remote, tokens)).toBe(60);
    expect(tokens.ids).toEqual(remote);
    const received = new Map<number, { docs: TokenizedDocuments; d: number }>();
    for (let from = 0; from < remote.length; from += 16) {
      const to = Math.min(from + 16, remote.length);
      const docs = tokens.tokenizer.exportDocuments(from, to);
      for (const [d, id] of remote.slice(from, to).entries()) received.set(id, { docs, d });
    }
    const asked: number[] = [];
    const elsewhere = trainSubjectModel(db, {
      plan,
      tokenized: {
        has: (id) => received.has(id),
        take: (id) => {
          asked.push(id);
          // One article's terms never came: it is read here after all.
          return id === remote[5] ? null : (received.get(id) ?? null);
        },
      },
    }).model;
    expect(asked).toEqual(remote);
    const here = trainSubjectModel(db).model;
    expect(elsewhere?.model).toEqual(here?.model);
  });

  it('re-scoring every article with the same model changes nothing', () => {
    storeCorpus(40);
    const stored = refreshSubjects(db) && getSubjectModel(db);
    if (!stored) throw new Error('no model');
    const before = snapshot().links;
    expect(applySubjectModel(db, stored, { onlyUnlabelled: false, batch: 7 })).toMatchObject({
      scored: 60,
      changed: 0,
    });
    expect(snapshot().links).toEqual(before);
  });

  it('retrains once the labelled articles grew by a tenth, and re-scores with the new model', () => {
    storeCorpus(40);
    refreshSubjects(db);
    const first = getSubjectModel(db)?.id;
    storeArticles(db, [makeItem(makeSubjectArticle('sport', true))]);
    expect(refreshSubjects(db).trained).toBe(false);
    storeArticles(
      db,
      Array.from({ length: 12 }, () => makeItem(makeSubjectArticle('economy', true))),
    );
    const result = refreshSubjects(db);
    expect(result).toMatchObject({ trained: true, examples: 133, scored: 60, linked: 20 });
    const stored = getSubjectModel(db);
    expect(stored?.id).not.toBe(first);
    expect(all('SELECT id FROM subject_models')).toHaveLength(1);
    expect(classifierLinks()).toHaveLength(20);
    const before = snapshot();
    rebuildRollups(db);
    expect(snapshot()).toEqual(before);
  });

  it('drops the classifier link of an article that later gains a desk subject', () => {
    storeCorpus(40);
    refreshSubjects(db);
    const target = classifierLinks()[0];
    if (!target) throw new Error('no classifier link');
    const again = makeSubjectArticle('economy', true, {
      url: target.url,
      topics: [{ slug: 'economy', score: 1, source: 'section' }],
    });
    storeArticles(db, [makeItem(again, 'again')]);
    refreshSubjects(db);
    expect(classifierLinks().map((l) => l.url)).not.toContain(target.url);
    const before = snapshot();
    rebuildRollups(db);
    expect(snapshot()).toEqual(before);
  });

  it('trains no model and leaves keyword-rule links alone when too few labels have enough examples', () => {
    const items = Array.from({ length: 40 }, () => makeItem(makeSubjectArticle('sport', true)));
    for (let i = 0; i < 25; i++) items.push(makeItem(makeSubjectArticle('general', true)));
    items.push(
      makeItem(
        makeSubjectArticle('economy', false, { topics: [{ slug: 'economy', score: 0.5, source: 'rules' }] }),
      ),
    );
    storeArticles(db, items);
    const rules = all(`SELECT * FROM article_topics WHERE source = 'rules'`);
    const result = refreshSubjects(db);
    expect(result).toMatchObject({ trained: false, examples: 0, scored: 0 });
    expect(result.skipped).toMatch(/1 label\(s\) with 30 or more examples among 65 labelled articles/);
    expect(getSubjectModel(db)).toBeNull();
    expect(all(`SELECT * FROM article_topics WHERE source = 'rules'`)).toEqual(rules);
    // With a lower bar both labels count; applying the model still leaves the rule links as they were.
    expect(refreshSubjects(db, { minExamples: 20 })).toMatchObject({ trained: true, examples: 65 });
    expect(all(`SELECT * FROM article_topics WHERE source = 'rules'`)).toEqual(rules);
  });

  it('a label with more examples than maxExamplesPerLabel learns from a fixed sample of them', () => {
    storeCorpus(40);
    const countsOf = (model: { labels: string[]; counts: number[] } | undefined): Record<string, number> =>
      Object.fromEntries(model?.labels.map((l, k) => [l, model.counts[k] ?? 0]) ?? []);
    const whole = trainSubjectModel(db, { maxUnlabelled: 0, maxExamplesPerLabel: 40 });
    expect(whole).toMatchObject({ examples: 120, used: 120 });
    expect(countsOf(whole.model?.model)).toEqual({ sport: 40, economy: 40, 'general-news': 40 });
    const sampled = trainSubjectModel(db, { maxUnlabelled: 0, maxExamplesPerLabel: 20 });
    expect(sampled.examples).toBe(120);
    expect(sampled.used).toBeLessThan(90);
    const counts = countsOf(sampled.model?.model);
    for (const n of Object.values(counts)) expect(n).toBeGreaterThanOrEqual(10);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(sampled.used);
    // The sample is chosen by article id: training again picks the same articles.
    expect(
      countsOf(trainSubjectModel(db, { maxUnlabelled: 0, maxExamplesPerLabel: 20 }).model?.model),
    ).toEqual(counts);
  });

  it('names the option and the problem on bad options', () => {
    expect(() => refreshSubjects(db, { growth: -1 })).toThrow(/refreshSubjects: option growth .* got -1/);
    expect(() => trainSubjectModel(db, { minExamples: 0 })).toThrow(/option minExamples .* got 0/);
    expect(() => trainSubjectModel(db, { maxUnlabelled: 1.5 })).toThrow(/option maxUnlabelled .* got 1.5/);
    expect(() => trainSubjectModel(db, { maxExamplesPerLabel: 0 })).toThrow(
      /trainSubjectModel: option maxExamplesPerLabel .* got 0/,
    );
    storeCorpus(40);
    refreshSubjects(db);
    const stored = getSubjectModel(db);
    if (!stored) throw new Error('no model');
    expect(() => applySubjectModel(db, stored, { batch: 1.5 })).toThrow(/option batch .* got 1.5/);
    expect(() => applySubjectModel(db, stored, { minScore: 2 })).toThrow(/option minScore .* got 2/);
  });

  it('reports a corrupt stored model by its row', () => {
    storeCorpus(40);
    refreshSubjects(db);
    db.$client.prepare(`UPDATE subject_models SET model = '{not json'`).run();
    const other = openDatabase(':memory:');
    try {
      expect(getSubjectModel(other)).toBeNull();
    } finally {
      closeDatabase(other);
    }
    // A fresh connection has no parsed copy and must read the row.
    const id = (all('SELECT id FROM subject_models')[0] as { id: number }).id;
    db.$client.prepare('UPDATE subject_models SET id = ? WHERE id = ?').run(id + 1, id);
    expect(() => getSubjectModel(db)).toThrow(`subject_models row ${id + 1} does not hold valid JSON`);
  });
});
