// Grows a database that holds the real corpus (stored by `rasid ingest`) into a benchmark load of about a
// million articles: each replica copies every real article, shifted in time by `stepDays` × its number,
// with its topic links, its full-text index row and, at the end, exact daily rollups. The text, outlets,
// languages and topics are the corpus's own; only the days and identities are generated, and the
// copies carry the prefix `bench:<replica>:` in dedupe_key so no one takes them for collected articles.
// Stories and raw documents are not replicated (no dashboard aggregate reads them).
import type { Db } from '../src/client.ts';
import { rebuildRollups } from '../src/queries/store.ts';
import { toSearchText } from '../src/queries/text.ts';

export type ReplicateOptions = {
  /** Total articles wanted, real ones included. */
  target: number;
  /** Days between one replica and the next; default 35, so replicas overlap and spread the range. */
  stepDays?: number;
  onProgress?: (done: number, total: number) => void;
};

export function replicateCorpus(db: Db, opts: ReplicateOptions): { real: number; total: number } {
  const sqlite = db.$client;
  const real = sqlite.prepare(
    "SELECT id, title, body FROM articles WHERE dedupe_key NOT LIKE 'bench:%' ORDER BY id",
  );
  const base = real.all() as { id: number; title: string; body: string }[];
  if (base.length === 0) throw new Error('replicateCorpus: the database holds no real articles to replicate');
  // Each replica is written in one transaction, so a build that was stopped holds whole replicas 1..done
  // and goes on with the next; one that holds anything else is refused.
  const already = sqlite
    .prepare("SELECT count(*) FROM articles WHERE dedupe_key LIKE 'bench:%'")
    .pluck()
    .get() as number;
  const done = Math.floor(already / base.length);
  const lastReplica = sqlite
    .prepare(
      "SELECT max(CAST(substr(dedupe_key, 7, instr(substr(dedupe_key, 7), ':') - 1) AS INTEGER)) FROM articles WHERE dedupe_key LIKE 'bench:%'",
    )
    .pluck()
    .get() as number | null;
  if (already % base.length !== 0 || (lastReplica ?? 0) !== done)
    throw new Error(
      `replicateCorpus: ${already} benchmark copies (last replica ${lastReplica}) are not whole replicas 1..${done} of ${base.length} articles; start from a fresh copy`,
    );
  // Folded once per real article: the index must hold what storing would have put there.
  const folded = base.map((a) => [toSearchText(a.title), toSearchText(a.body)] as const);
  const stepDays = opts.stepDays ?? 35;
  const replicas = Math.max(0, Math.ceil(opts.target / base.length) - 1);

  const copyArticles =
    sqlite.prepare(`INSERT INTO articles (dedupe_key, url, outlet_id, title, byline, body, language,
      direction, section, published_at, date_source, date_precision, first_seen_at, day, content_hash, simhash, updated_at)
    SELECT 'bench:' || @r || ':' || dedupe_key, url, outlet_id, title, byline, body, language, direction, section,
      CASE WHEN published_at IS NULL THEN NULL
        ELSE strftime('%Y-%m-%dT%H:%M:%fZ', published_at, '+' || @shift || ' days') END,
      date_source, date_precision, first_seen_at, date(day, '+' || @shift || ' days'), content_hash, simhash, updated_at
    FROM articles WHERE dedupe_key NOT LIKE 'bench:%' ORDER BY id LIMIT @limit`);
  const copyTopics = sqlite.prepare(`INSERT INTO article_topics (article_id, topic_id, score, source)
    SELECT n.id, t.topic_id, t.score, t.source
    FROM articles b JOIN articles n ON n.dedupe_key = 'bench:' || @r || ':' || b.dedupe_key
    JOIN article_topics t ON t.article_id = b.id
    WHERE b.dedupe_key NOT LIKE 'bench:%'`);
  const copyIds = sqlite
    .prepare(`SELECT b.id AS baseId, n.id AS newId FROM articles b
      JOIN articles n ON n.dedupe_key = 'bench:' || @r || ':' || b.dedupe_key
      WHERE b.dedupe_key NOT LIKE 'bench:%'`)
    .raw();
  const insertFts = sqlite.prepare('INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)');
  const index = new Map(base.map((a, i) => [a.id, i]));

  let total = base.length + already;
  for (let r = done + 1; r <= replicas && total < opts.target; r++) {
    const limit = Math.min(base.length, opts.target - total);
    sqlite.transaction(() => {
      copyArticles.run({ r, shift: r * stepDays, limit });
      copyTopics.run({ r });
      for (const [baseId, newId] of copyIds.all({ r }) as [number, number][]) {
        const text = folded[index.get(baseId) ?? -1];
        if (text) insertFts.run(newId, text[0], text[1]);
      }
    })();
    total += limit;
    opts.onProgress?.(total, opts.target);
  }
  rebuildRollups(db);
  return { real: base.length, total };
}
