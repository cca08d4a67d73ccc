// Subjects from the classifier learned on the user's own corpus, as `rasid ingest` leaves them: ANT
// (four outlets, every article filed on a desk) teaches it, and one day of SaudiNewsNet (eleven Saudi
// outlets, no desks at all) is what it must label.
import { closeDatabase, type Db, openDatabase } from '@rasid/db/client';
import { getSubjectModel, rebuildRollups, refreshSubjects } from '@rasid/db/queries';
import { pickConfidentSubject, predictSubjects } from '@rasid/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runRasid } from '../support/cli.ts';
import { hasShared, sharedPath } from '../support/paths.ts';

const SAUDI_DAY = sharedPath('corpus', 'saudinewsnet', '2015-07-21.json.gz');

describe.skipIf(!hasShared())('subjects learned on ANT, applied to SaudiNewsNet', () => {
  const file = `${makeTempDir()}/rasid.db`;
  let db: Db;
  let stdout = '';

  beforeAll(() => {
    const run = runRasid(['ingest', sharedPath('corpus', 'ant'), SAUDI_DAY], { RASID_DB: file });
    stdout = run.stdout;
    // That day holds 19 items with no text at all: reported, the rest stored.
    const failures = run.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(failures.every((l) => l.startsWith(`failed: ${SAUDI_DAY}#`))).toBe(true);
    expect(failures.length).toBeLessThan(50);
    expect(run.status).toBe(failures.length > 0 ? 1 : 0);
    db = openDatabase(file);
  }, 900_000);
  afterAll(() => {
    if (db) closeDatabase(db);
  });

  const all = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params);

  type SaudiArticle = {
    title: string;
    body: string | null;
    language: string | null;
    domain: string;
    /** Subject links as slug/source. */
    links: string[];
  };
  // Every ANT article was filed on a desk; no SaudiNewsNet article was.
  const readSaudi = (): SaudiArticle[] =>
    (
      all(`SELECT a.title, a.body, a.language, o.domain, (SELECT group_concat(t.slug || '/' || l.source)
          FROM article_topics l JOIN topics t ON t.id = l.topic_id
          WHERE l.article_id = a.id AND t.kind = 'subject') AS links
        FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.section IS NULL`) as (Omit<
        SaudiArticle,
        'links'
      > & { links: string | null })[]
    ).map((r) => ({ ...r, links: r.links ? r.links.split(',') : [] }));

  it('learns from the desks and labels the articles that have none', () => {
    const line = stdout.split('\n').find((l) => l.startsWith('subjects: '));
    console.log(line);
    expect(line).toMatch(/^subjects: trained on [\d,]+ labelled articles, applied to [\d,]+ \([\d,]+ with/);
    const stored = getSubjectModel(db);
    if (!stored) throw new Error('no subject model was stored');
    expect(stored.examples).toBeGreaterThan(20_000);
    expect(stored.model.labels).toEqual(expect.arrayContaining(['general-news', 'sport', 'economy']));

    const saudi = readSaudi();
    expect(saudi.length).toBeGreaterThan(2500);
    const byClassifier = saudi.filter((a) => a.links.some((l) => l.endsWith('/classifier'))).length;
    console.log(`SaudiNewsNet 2015-07-21: ${byClassifier} of ${saudi.length} have a classifier link`);
    expect(byClassifier).toBeGreaterThan(100);
    // What is stored is what the model says: each confident subject is a link (its own, or a keyword
    // rule's that already said the same and is kept).
    let confident = 0;
    // Articles whose URL path names a subject are not the classifier's to label.
    const undecided = saudi.filter((a) => !a.links.some((l) => /\/(section|url)$/.test(l)));
    expect(undecided.length).toBeGreaterThan(2500);
    for (const a of undecided) {
      const pick = pickConfidentSubject(predictSubjects(stored.model, a));
      const classifierLinks = a.links.filter((l) => l.endsWith('/classifier'));
      if (!pick) {
        expect(classifierLinks).toEqual([]);
        continue;
      }
      confident++;
      expect(a.links.some((l) => l === `${pick.slug}/classifier` || l === `${pick.slug}/rules`)).toBe(true);
      expect(classifierLinks.every((l) => l === `${pick.slug}/classifier`)).toBe(true);
    }
    console.log(`confident subject for ${confident} of ${undecided.length}`);
    expect(confident / undecided.length).toBeGreaterThan(0.3);
  });

  it('calls a sports paper mostly sport and football headlines sport', () => {
    const saudi = readSaudi();
    const pickOf = (a: SaudiArticle) => {
      const stored = getSubjectModel(db);
      if (!stored) throw new Error('no subject model was stored');
      return pickConfidentSubject(predictSubjects(stored.model, a))?.slug ?? null;
    };
    const sportsPaper = saudi.filter((a) => a.domain === 'arreyadi.com.sa');
    const sport = sportsPaper.filter((a) => pickOf(a) === 'sport').length;
    console.log(`arreyadi.com.sa: ${sport} of ${sportsPaper.length} sport`);
    expect(sportsPaper.length).toBeGreaterThan(100);
    expect(sport / sportsPaper.length).toBeGreaterThan(0.55);

    // Headlines naming a Saudi league club or the league.
    const football = saudi.filter((a) => /الهلال|النصر|الأهلي|الاتحاد|دوري جميل/.test(a.title) && pickOf(a));
    const footballSport = football.filter((a) => pickOf(a) === 'sport').length;
    console.log(`club headlines with a confident subject: ${footballSport} of ${football.length} sport`);
    expect(football.length).toBeGreaterThan(50);
    expect(footballSport / football.length).toBeGreaterThan(0.9);
  });

  it('leaves rollups equal to a recount, and a second refresh changes nothing', () => {
    const snapshot = () => ({
      links: all('SELECT * FROM article_topics ORDER BY article_id, topic_id'),
      topics: all('SELECT * FROM rollup_daily_topic ORDER BY 1, 2, 3, 4'),
      models: all('SELECT id, created_at, examples, applied_through FROM subject_models'),
    });
    const before = snapshot();
    expect(refreshSubjects(db)).toMatchObject({ trained: false, scored: 0, changed: 0 });
    expect(snapshot()).toEqual(before);
    rebuildRollups(db);
    expect(snapshot()).toEqual(before);
  });
});
