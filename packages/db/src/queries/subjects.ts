// Subjects from a classifier learned on the user's own corpus. Articles whose desk or URL path names a
// subject (article_topics.source 'section' | 'url') teach it, as do articles filed on a general desk (they
// are labelled GENERAL_NEWS); it then scores the articles that have no such subject, and stores a
// 'classifier' link when it is confident. Keyword-rule links ('rules') are never touched: they are what an
// article has while there is no model, and the classifier only adds to them.
import {
  createSubjectTokenizer,
  createSubjectTrainer,
  GENERAL_NEWS,
  GENERAL_SECTIONS,
  pickConfidentSubject,
  predictSubjects,
  type SubjectDocument,
  type SubjectModel,
  type SubjectTokenizer,
  type TokenizedDocuments,
  type TrainSubjectOptions,
} from '@rasid/parser';
import type Database from 'better-sqlite3';
import type { Db } from '../client.ts';
import { nowIso, prepare, writeTransaction } from './statements.ts';
import { recountRollups } from './store.ts';
import { findSubject, sectionSlug } from './text.ts';

/** The latest model with what it was trained on. */
export type StoredSubjectModel = {
  id: number;
  createdAt: string;
  /** Labelled articles found when it was trained. */
  examples: number;
  labels: number;
  /** Articles up to this id are scored with it. */
  appliedThrough: number;
  model: SubjectModel;
};

export type TrainSubjectModelOptions = {
  /** Labels with fewer examples are dropped: too few to learn from. Default 30. */
  minExamples?: number;
  /**
   * At most this many of the newest unlabelled articles are read for self-training (see
   * trainSubjectClassifier); 0 trains on the labelled articles alone. Default 10,000 (20,000 before: reading
   * half the left-out outlet's articles moved the ANT outlets by −1.8 to +1.2 points, and saves a fifth of
   * the training time on ../shared/corpus).
   */
  maxUnlabelled?: number;
  /**
   * A label with more examples than this learns from a sample of them (a fixed one: chosen by article id),
   * so training time stays bounded as the corpus grows. Default 6,000: on ANT, capping each label of the
   * other outlets at 5,000 moved no left-out outlet by more than a point.
   */
  maxExamplesPerLabel?: number;
  /** Passed to trainSubjectClassifier. */
  train?: TrainSubjectOptions;
  /** What to learn from, when the caller planned it already (planSubjectTraining with the same options). */
  plan?: SubjectTrainingPlan;
  /** Articles of the plan tokenized elsewhere (another thread): their terms are taken, not their text read. */
  tokenized?: TokenizedArticles;
};

/** The articles a model trained now learns from (planSubjectTraining). */
export type SubjectTrainingPlan = {
  /** Labelled articles found (what the model records as its examples). */
  total: number;
  /** The examples chosen among them, by article id (ascending), and their labels. */
  ids: number[];
  labels: string[];
  /** The unlabelled articles read for self-training, newest first. */
  unlabelled: number[];
  /** Why no model can be trained (fewer than two labels with enough examples); ids and unlabelled are then empty. */
  skipped?: string;
};

/**
 * Articles whose terms trainSubjectModel takes from elsewhere. It asks `take` for them in the plan's order
 * (examples by id, then the unlabelled ones newest first), once each.
 */
export type TokenizedArticles = {
  has(id: number): boolean;
  /** Article `id`'s terms (document d of docs), or null: read and tokenize it here after all. */
  take(id: number): { docs: TokenizedDocuments; d: number } | null;
};

export type TrainSubjectModelResult = {
  /** The stored model, or null when the corpus cannot teach one (then any previous model stays). */
  model: StoredSubjectModel | null;
  /** Labelled articles found. */
  examples: number;
  /** Examples trained on (labels with too few examples dropped, large ones sampled). */
  used: number;
  /** Why no model was trained. */
  skipped?: string;
};

/** The subject the classifier keeps for an article (pickConfidentSubject), or null: none confident enough. */
export type SubjectPick = { slug: string; score: number } | null;

export type ApplySubjectModelOptions = {
  /** Only articles the model has not scored yet (after its appliedThrough). Default true. */
  onlyUnlabelled?: boolean;
  /**
   * Picks already made with this model and minScore (pickSubjects, on another thread), by article id: those
   * articles are not read or scored again. Articles it lacks are scored here.
   */
  picks?: ReadonlyMap<number, SubjectPick>;
  /** Articles per transaction. Default 2000. */
  batch?: number;
  /** Probability a subject needs to be stored (pickConfidentSubject). Default MIN_SUBJECT_SCORE. */
  minScore?: number;
};

export type ApplySubjectModelResult = {
  /** Articles scored. */
  scored: number;
  /** Articles whose classifier links changed (added, replaced or removed). */
  changed: number;
  /** Articles that hold a classifier subject after this run, among those scored. */
  linked: number;
};

export type RefreshSubjectsOptions = TrainSubjectModelOptions &
  Omit<ApplySubjectModelOptions, 'onlyUnlabelled'> & {
    /** Retrain when the labelled articles grew by this share since the last model. Default 0.1. */
    growth?: number;
    /** Retrain whatever the growth. */
    force?: boolean;
  };

export type RefreshSubjectsResult = ApplySubjectModelResult & {
  /** A new model was trained (and every classifier link re-scored with it). */
  trained: boolean;
  /** Labelled articles the current model learned from (0: no model). */
  examples: number;
  /** Why no model was trained when one was due. */
  skipped?: string;
};

const GENERAL_SLUGS = JSON.stringify([...new Set(GENERAL_SECTIONS.map((label) => sectionSlug(label)))]);

// An article's taught subject: its best section/URL subject link. Ties go to the first slug, so the
// same corpus always gives the same examples.
const TAUGHT_SUBJECT = `SELECT t.slug FROM article_topics l JOIN topics t ON t.id = l.topic_id
  WHERE l.article_id = a.id AND l.source IN ('section', 'url') AND t.kind = 'subject'
  ORDER BY l.score DESC, t.slug LIMIT 1`;

const LABELLED_IDS = `SELECT l.article_id FROM article_topics l JOIN topics t ON t.id = l.topic_id
    WHERE l.source IN ('section', 'url') AND t.kind = 'subject'
  UNION
  SELECT l.article_id FROM article_topics l JOIN topics t ON t.id = l.topic_id
    WHERE t.slug IN (SELECT value FROM json_each(?))`;

// Articles that no desk or URL path gives a subject: those the classifier scores.
const UNTAUGHT = `NOT EXISTS (SELECT 1 FROM article_topics l JOIN topics t ON t.id = l.topic_id
      WHERE l.article_id = a.id AND l.source IN ('section', 'url') AND t.kind = 'subject')`;

const SQL = {
  countLabelled: `SELECT count(*) FROM (${LABELLED_IDS})`,
  // Every labelled article's label, without its text (general desks when no subject says more).
  labels: `SELECT a.id, coalesce((${TAUGHT_SUBJECT}), ?) AS label
    FROM articles a WHERE a.id IN (${LABELLED_IDS}) ORDER BY a.id`,
  // Articles' text, by id, a window of the plan at a time.
  texts: `SELECT a.id, a.title, a.body, a.language FROM articles a
    WHERE a.id IN (SELECT value FROM json_each(?))`,
  // The newest articles no desk labels: what the model is for, read (never their labels) to adapt to them.
  unlabelled: `SELECT a.id FROM articles a WHERE a.id NOT IN (${LABELLED_IDS}) ORDER BY a.id DESC LIMIT ?`,
  latest: `SELECT id, created_at AS createdAt, examples, labels, applied_through AS appliedThrough
    FROM subject_models ORDER BY id DESC LIMIT 1`,
  modelJson: 'SELECT model FROM subject_models WHERE id = ?',
  insertModel: 'INSERT INTO subject_models (created_at, examples, labels, model) VALUES (?, ?, ?, ?)',
  deleteOlderModels: 'DELETE FROM subject_models WHERE id < ?',
  setAppliedThrough: 'UPDATE subject_models SET applied_through = ? WHERE id = ?',
  targets: `SELECT a.id, a.title, a.body, a.language, a.day FROM articles a
    WHERE a.id > ? AND ${UNTAUGHT} ORDER BY a.id LIMIT ?`,
  // The same, without the text: when the picks were made elsewhere.
  targetDays: `SELECT a.id, a.day FROM articles a WHERE a.id > ? AND ${UNTAUGHT} ORDER BY a.id LIMIT ?`,
  targetIds: `SELECT a.id FROM articles a WHERE a.id > ? AND ${UNTAUGHT} ORDER BY a.id`,
  targetsIn: `SELECT a.id, a.title, a.body, a.language FROM articles a
    WHERE a.id IN (SELECT value FROM json_each(?)) AND ${UNTAUGHT} ORDER BY a.id`,
  // Articles' text in the order their ids are given.
  textsInOrder: `SELECT a.id, a.title, a.body, a.language FROM json_each(?) j JOIN articles a ON a.id = j.value
    ORDER BY j.key`,
  targetText: 'SELECT title, body, language FROM articles WHERE id = ?',
  classifierLinks: `SELECT topic_id AS topicId, score FROM article_topics
    WHERE article_id = ? AND source = 'classifier'`,
  deleteClassifierLinks: `DELETE FROM article_topics WHERE article_id = ? AND source = 'classifier'`,
  // A link the article already has under this topic (a keyword rule) already counts it there: kept as is.
  insertClassifierLink: `INSERT INTO article_topics (article_id, topic_id, score, source)
    VALUES (?, ?, ?, 'classifier') ON CONFLICT (article_id, topic_id) DO NOTHING`,
  insertTopic: `INSERT INTO topics (slug, name, name_ar, kind) VALUES (?, ?, ?, 'subject')
    ON CONFLICT (slug) DO NOTHING`,
  topicBySlug: 'SELECT id FROM topics WHERE slug = ?',
  // Articles that gained a desk or URL subject since they were scored: that subject is theirs now.
  supersededDays: `SELECT DISTINCT a.day FROM articles a WHERE a.id IN (
      SELECT c.article_id FROM article_topics c WHERE c.source = 'classifier' AND EXISTS (
        SELECT 1 FROM article_topics l JOIN topics t ON t.id = l.topic_id
        WHERE l.article_id = c.article_id AND l.source IN ('section', 'url') AND t.kind = 'subject'))`,
  deleteSuperseded: `DELETE FROM article_topics WHERE source = 'classifier' AND article_id IN (
      SELECT l.article_id FROM article_topics l JOIN topics t ON t.id = l.topic_id
      WHERE l.source IN ('section', 'url') AND t.kind = 'subject')`,
} as const;

const DEFAULT_MIN_EXAMPLES = 30;
const DEFAULT_MAX_UNLABELLED = 10_000;
const DEFAULT_MAX_PER_LABEL = 6000;
const DEFAULT_BATCH = 2000;
const DEFAULT_GROWTH = 0.1;

// Parsing a model of tens of thousands of terms takes a while: once per process and model id.
const parsedModels = new WeakMap<Database.Database, { id: number; model: SubjectModel }>();

function checkPositiveInteger(fn: string, name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0))
    throw new RangeError(`${fn}: option ${name} must be a positive whole number, got ${String(value)}`);
}

/** A fixed pseudo-random number in [0, 1) for an article id (Knuth's multiplicative hash). */
function sampleFraction(id: number): number {
  return (Math.imul(id, 2654435761) >>> 0) / 4294967296;
}

/** Labelled articles now: those a model would learn from. */
export function countLabelledArticles(db: Db): number {
  return prepare(db, SQL.countLabelled).pluck().get(GENERAL_SLUGS) as number;
}

/** The latest stored model, or null when none was trained yet. */
export function getSubjectModel(db: Db): StoredSubjectModel | null {
  const row = prepare(db, SQL.latest).get() as Omit<StoredSubjectModel, 'model'> | undefined;
  if (!row) return null;
  const cached = parsedModels.get(db.$client);
  if (cached?.id === row.id) return { ...row, model: cached.model };
  const json = prepare(db, SQL.modelJson).pluck().get(row.id) as string;
  let model: SubjectModel;
  try {
    model = JSON.parse(json) as SubjectModel;
  } catch (error) {
    throw new Error(`getSubjectModel: subject_models row ${row.id} does not hold valid JSON`, {
      cause: error,
    });
  }
  if (model === null || typeof model !== 'object' || model.kind !== 'rasid-subjects')
    throw new Error(`getSubjectModel: subject_models row ${row.id} is not a subject model`);
  parsedModels.set(db.$client, { id: row.id, model });
  return { ...row, model };
}

/**
 * Which articles trainSubjectModel learns from: the labelled ones (a sample of each large label) and the
 * newest unlabelled ones. Reads ids and labels only.
 */
export function planSubjectTraining(db: Db, opts: TrainSubjectModelOptions = {}): SubjectTrainingPlan {
  checkPositiveInteger('trainSubjectModel', 'minExamples', opts.minExamples);
  const minExamples = opts.minExamples ?? DEFAULT_MIN_EXAMPLES;
  const maxUnlabelled = opts.maxUnlabelled ?? DEFAULT_MAX_UNLABELLED;
  if (!(Number.isInteger(maxUnlabelled) && maxUnlabelled >= 0))
    throw new RangeError(
      `trainSubjectModel: option maxUnlabelled must be a whole number ≥ 0, got ${String(maxUnlabelled)}`,
    );
  checkPositiveInteger('trainSubjectModel', 'maxExamplesPerLabel', opts.maxExamplesPerLabel);
  const maxPerLabel = opts.maxExamplesPerLabel ?? DEFAULT_MAX_PER_LABEL;
  const labelOf = new Map<number, string>();
  const perLabel = new Map<string, number>();
  for (const { id, label } of prepare(db, SQL.labels).iterate(
    GENERAL_NEWS,
    GENERAL_SLUGS,
  ) as IterableIterator<{
    id: number;
    label: string;
  }>) {
    labelOf.set(id, label);
    perLabel.set(label, (perLabel.get(label) ?? 0) + 1);
  }
  const total = labelOf.size;
  const keptLabels = new Set([...perLabel].filter(([, n]) => n >= minExamples).map(([label]) => label));
  if (keptLabels.size < 2)
    return {
      total,
      ids: [],
      labels: [],
      unlabelled: [],
      skipped: `${keptLabels.size} label(s) with ${minExamples} or more examples among ${total} labelled articles; at least 2 are needed`,
    };
  const ids: number[] = [];
  const labels: string[] = [];
  for (const [id, label] of labelOf) {
    const n = perLabel.get(label) as number;
    if (keptLabels.has(label) && (n <= maxPerLabel || sampleFraction(id) < maxPerLabel / n)) {
      ids.push(id);
      labels.push(label);
    }
  }
  const unlabelled =
    maxUnlabelled > 0
      ? (prepare(db, SQL.unlabelled).pluck().all(GENERAL_SLUGS, maxUnlabelled) as number[])
      : [];
  return { total, ids, labels, unlabelled };
}

// Articles whose text is read at a time while training: the trainer keeps term ids and counts but no text
// (training on ../shared/corpus held every body when it read them all at once).
const TEXT_WINDOW = 256;

/**
 * Calls `visit` with each of `ids`' documents in that order: from `tokenized` when it has them, else read
 * (an article deleted since it was planned is left out).
 */
function forEachTrainingDocument(
  db: Db,
  ids: readonly number[],
  tokenized: TokenizedArticles | undefined,
  visit: (i: number, doc: SubjectDocument | { docs: TokenizedDocuments; d: number }) => void,
): void {
  const texts = prepare(db, SQL.texts);
  for (let from = 0; from < ids.length; from += TEXT_WINDOW) {
    const window = ids.slice(from, from + TEXT_WINDOW);
    const local = tokenized ? window.filter((id) => !tokenized.has(id)) : window;
    const rows = new Map<number, SubjectDocument>();
    if (local.length > 0)
      for (const row of texts.all(JSON.stringify(local)) as (SubjectDocument & { id: number })[])
        rows.set(row.id, { title: row.title, body: row.body, language: row.language });
    for (const [j, id] of window.entries()) {
      const elsewhere = tokenized?.has(id) ? tokenized.take(id) : null;
      if (elsewhere) {
        visit(from + j, elsewhere);
        continue;
      }
      let doc = rows.get(id);
      if (!doc && tokenized?.has(id)) {
        const row = texts.get(JSON.stringify([id])) as (SubjectDocument & { id: number }) | undefined;
        if (row) doc = { title: row.title, body: row.body, language: row.language };
      }
      if (doc) visit(from + j, doc);
    }
  }
}

/**
 * Trains a model on the labelled articles and stores it as the latest (older ones are deleted). Returns
 * model null, leaving any previous model in place, when fewer than two labels have enough examples.
 */
export function trainSubjectModel(db: Db, opts: TrainSubjectModelOptions = {}): TrainSubjectModelResult {
  const plan = opts.plan ?? planSubjectTraining(db, opts);
  const total = plan.total;
  const used = plan.ids.length;
  if (plan.skipped !== undefined) return { model: null, examples: total, used, skipped: plan.skipped };
  const trainer = createSubjectTrainer(opts.train);
  forEachTrainingDocument(db, plan.ids, opts.tokenized, (i, doc) => {
    const label = plan.labels[i] as string;
    if ('docs' in doc) trainer.addTokenizedExample(doc.docs, doc.d, label);
    else trainer.addExample(doc, label);
  });
  forEachTrainingDocument(db, plan.unlabelled, opts.tokenized, (_, doc) => {
    if ('docs' in doc) trainer.addTokenizedUnlabelled(doc.docs, doc.d);
    else trainer.addUnlabelled(doc);
  });
  const model = trainer.train();
  const createdAt = nowIso();
  const id = writeTransaction(db, () => {
    const id = Number(
      prepare(db, SQL.insertModel).run(createdAt, total, model.labels.length, JSON.stringify(model))
        .lastInsertRowid,
    );
    prepare(db, SQL.deleteOlderModels).run(id);
    return id;
  })();
  parsedModels.set(db.$client, { id, model });
  return {
    model: {
      id,
      createdAt,
      examples: total,
      labels: model.labels.length,
      appliedThrough: 0,
      model,
    },
    examples: total,
    used,
  };
}

type Target = { id: number; title: string | null; body: string | null; language: string | null; day: string };
type Link = { topicId: number; score: number };

function checkMinScore(fn: string, minScore: number | undefined): void {
  if (minScore !== undefined && !(Number.isFinite(minScore) && minScore >= 0 && minScore <= 1))
    throw new RangeError(`${fn}: option minScore must be from 0 to 1, got ${String(minScore)}`);
}

/** The pick for one article's text (what applySubjectModel stores for it). */
function pickOf(model: SubjectModel, doc: SubjectDocument, minScore: number | undefined): SubjectPick {
  const pick = pickConfidentSubject(predictSubjects(model, doc), minScore);
  return pick ? { slug: pick.slug, score: pick.score } : null;
}

/**
 * Ids of the articles applySubjectModel would score after `after` (those no desk or URL path gives a
 * subject), in order: to share the scoring out by ranges.
 */
export function listSubjectTargetIds(db: Db, after: number): number[] {
  return prepare(db, SQL.targetIds).pluck().all(after) as number[];
}

/**
 * Scores, with `stored`, those of `ids` that applySubjectModel would score, and returns their picks; writes
 * nothing, so it can run on a read-only connection of another thread while the writer scores other ids.
 * Pass the result to applySubjectModel as `picks`.
 */
export function pickSubjects(
  db: Db,
  stored: StoredSubjectModel,
  ids: readonly number[],
  opts: { minScore?: number } = {},
): Map<number, SubjectPick> {
  checkMinScore('pickSubjects', opts.minScore);
  checkIds('pickSubjects', ids);
  const picks = new Map<number, SubjectPick>();
  for (const row of prepare(db, SQL.targetsIn).iterate(JSON.stringify(ids)) as IterableIterator<
    SubjectDocument & { id: number }
  >)
    picks.set(row.id, pickOf(stored.model, row, opts.minScore));
  return picks;
}

/** Articles pickSubjects would score, tokenized before the model that scores them exists (it may be training). */
export type SubjectTargetTokens = { tokenizer: SubjectTokenizer; ids: number[] };

/** Room for tokenized targets, for a model trained with `train` (TrainSubjectModelOptions.train). */
export function createSubjectTargetTokens(train: TrainSubjectOptions = {}): SubjectTargetTokens {
  return { tokenizer: createSubjectTokenizer(train), ids: [] };
}

function checkIds(fn: string, ids: readonly number[]): void {
  for (const id of ids)
    if (!Number.isInteger(id))
      throw new RangeError(`${fn}: ids must be whole article ids, got ${String(id)}`);
}

/**
 * Reads and tokenizes into `tokens` those of `ids` that pickSubjects would score; returns how many. Writes
 * nothing: for a read-only connection of another thread.
 */
export function tokenizeSubjectTargets(db: Db, ids: readonly number[], tokens: SubjectTargetTokens): number {
  checkIds('tokenizeSubjectTargets', ids);
  return addTokens(prepare(db, SQL.targetsIn).iterate(JSON.stringify(ids)), tokens);
}

/**
 * Reads and tokenizes into `tokens` the articles of `ids`, in that order, whatever their subjects: articles
 * a trainer elsewhere learns from (TokenizedArticles) that are also to be scored. Returns how many were found.
 */
export function tokenizeSubjectArticles(db: Db, ids: readonly number[], tokens: SubjectTargetTokens): number {
  checkIds('tokenizeSubjectArticles', ids);
  return addTokens(prepare(db, SQL.textsInOrder).iterate(JSON.stringify(ids)), tokens);
}

function addTokens(rows: IterableIterator<unknown>, tokens: SubjectTargetTokens): number {
  let n = 0;
  for (const row of rows as IterableIterator<SubjectDocument & { id: number }>) {
    tokens.tokenizer.add({ title: row.title, body: row.body, language: row.language });
    tokens.ids.push(row.id);
    n++;
  }
  return n;
}

/** The picks of tokenized articles with `stored`: what pickSubjects gives for the same articles. */
export function pickTokenizedSubjects(
  stored: StoredSubjectModel,
  tokens: SubjectTargetTokens,
  opts: { minScore?: number } = {},
): Map<number, SubjectPick> {
  checkMinScore('pickTokenizedSubjects', opts.minScore);
  const picks = new Map<number, SubjectPick>();
  tokens.ids.forEach((id, d) => {
    const pick = pickConfidentSubject(tokens.tokenizer.predict(stored.model, d), opts.minScore);
    picks.set(id, pick ? { slug: pick.slug, score: pick.score } : null);
  });
  return picks;
}

/**
 * Scores, with `stored`, the articles that have no desk or URL subject, and keeps one 'classifier' link
 * per article when the model is confident (replacing the one it had). Works in transactions of `batch`
 * articles; each recounts the rollups of the days it changed and records how far it got, so an
 * interrupted run resumes and a finished one makes the next a no-op. Also drops classifier links of
 * articles that have since gained a desk or URL subject.
 */
export function applySubjectModel(
  db: Db,
  stored: StoredSubjectModel,
  opts: ApplySubjectModelOptions = {},
): ApplySubjectModelResult {
  checkPositiveInteger('applySubjectModel', 'batch', opts.batch);
  const minScore = opts.minScore;
  checkMinScore('applySubjectModel', minScore);
  const batch = opts.batch ?? DEFAULT_BATCH;
  const picks = opts.picks;
  const q = {
    targets: prepare(db, picks ? SQL.targetDays : SQL.targets),
    targetText: prepare(db, SQL.targetText),
    links: prepare(db, SQL.classifierLinks),
    deleteLinks: prepare(db, SQL.deleteClassifierLinks),
    insertLink: prepare(db, SQL.insertClassifierLink),
    insertTopic: prepare(db, SQL.insertTopic),
    topicBySlug: prepare(db, SQL.topicBySlug).pluck(),
    setAppliedThrough: prepare(db, SQL.setAppliedThrough),
  };
  const result: ApplySubjectModelResult = { scored: 0, changed: 0, linked: 0 };

  writeTransaction(db, () => {
    const days = prepare(db, SQL.supersededDays).pluck().all() as string[];
    if (days.length === 0) return;
    prepare(db, SQL.deleteSuperseded).run();
    recountRollups(db, days);
  })();

  const topicIds = new Map<string, number>();
  const topicId = (slug: string): number => {
    let id = topicIds.get(slug);
    if (id === undefined) {
      const subject = findSubject(slug);
      q.insertTopic.run(slug, subject?.en ?? slug, subject?.ar ?? null);
      id = q.topicBySlug.get(slug) as number;
      topicIds.set(slug, id);
    }
    return id;
  };
  const runBatch = writeTransaction(db, (after: number): number | null => {
    const rows = q.targets.all(after, batch) as Target[];
    const last = rows.at(-1);
    if (!last) return null;
    const days = new Set<string>();
    for (const row of rows) {
      let pick = picks?.get(row.id);
      if (pick === undefined) {
        const doc = picks ? (q.targetText.get(row.id) as SubjectDocument) : row;
        pick = pickOf(stored.model, { title: doc.title, body: doc.body, language: doc.language }, minScore);
      }
      const want: Link | null = pick ? { topicId: topicId(pick.slug), score: pick.score } : null;
      const have = q.links.all(row.id) as Link[];
      const same =
        want === null
          ? have.length === 0
          : have.length === 1 && have[0]?.topicId === want.topicId && have[0]?.score === want.score;
      result.scored++;
      if (!same) {
        let changes = q.deleteLinks.run(row.id).changes;
        if (want) changes += q.insertLink.run(row.id, want.topicId, want.score).changes;
        if (changes > 0) {
          days.add(row.day);
          result.changed++;
        }
      }
      if (want) result.linked++;
    }
    if (days.size > 0) recountRollups(db, [...days]);
    q.setAppliedThrough.run(last.id, stored.id);
    return last.id;
  });
  // Topic ids are cached across batches: a topic row, once inserted and committed, stays.
  let after: number | null = opts.onlyUnlabelled === false ? 0 : stored.appliedThrough;
  while (after !== null) {
    try {
      after = runBatch(after);
    } catch (error) {
      topicIds.clear();
      throw error;
    }
  }
  const latest = getSubjectModel(db);
  if (latest?.id === stored.id) stored.appliedThrough = latest.appliedThrough;
  return result;
}

/**
 * Keeps subjects current after new articles were stored: retrains when there is no model or the labelled
 * articles grew by `growth` since the last one (the new model then re-scores every article), and scores
 * the articles the current model has not seen. Running it twice in a row changes nothing the second time.
 */
export function refreshSubjects(db: Db, opts: RefreshSubjectsOptions = {}): RefreshSubjectsResult {
  const { model, trained, skipped } = prepareSubjectModel(db, opts);
  if (!model) return { trained, examples: 0, scored: 0, changed: 0, linked: 0, skipped };
  const applied = applySubjectModel(db, model, { ...opts, onlyUnlabelled: true });
  return { trained, examples: model.examples, ...applied, skipped };
}

/**
 * Whether refreshSubjects would train a model now: there is none yet and two labels' worth of examples,
 * the labelled articles grew by `growth` since the current one, or `force`.
 */
export function isSubjectModelDue(
  db: Db,
  opts: Pick<RefreshSubjectsOptions, 'growth' | 'force' | 'minExamples'> = {},
): boolean {
  const growth = opts.growth ?? DEFAULT_GROWTH;
  if (!(Number.isFinite(growth) && growth >= 0))
    throw new RangeError(`refreshSubjects: option growth must be a number ≥ 0, got ${String(growth)}`);
  if (opts.force) return true;
  const current = getSubjectModel(db);
  const labelled = countLabelledArticles(db);
  // Without two labels' worth of examples no model can be trained: not worth reading them every pass.
  return current
    ? labelled > current.examples * (1 + growth)
    : labelled >= 2 * (opts.minExamples ?? DEFAULT_MIN_EXAMPLES);
}

/**
 * The first half of refreshSubjects: retrains when due (no model yet, the labelled articles grew by
 * `growth`, or `force`) and returns the model to apply, null when there is none. A caller that shares the
 * scoring out (pickSubjects) then calls applySubjectModel with onlyUnlabelled, as refreshSubjects does.
 * `due`: isSubjectModelDue(db, opts), when the caller asked it already.
 */
export function prepareSubjectModel(
  db: Db,
  opts: RefreshSubjectsOptions = {},
  due: boolean = isSubjectModelDue(db, opts),
): { model: StoredSubjectModel | null; trained: boolean; skipped?: string } {
  let current = getSubjectModel(db);
  let trained = false;
  let skipped: string | undefined;
  if (due) {
    const training = trainSubjectModel(db, opts);
    if (training.model) {
      current = training.model;
      trained = true;
    } else skipped = training.skipped;
  }
  return { model: current, trained, skipped };
}
