import Database from 'better-sqlite3';

// The tests' own reading of the database the dashboard serves: plain SQL, independent of the queries
// the dashboard uses, so "the chart equals the database" is checked against a second implementation.

export type CountFilter = { outletIds?: number[]; from?: string; to?: string; topicSlug?: string };

function openSample(): Database.Database {
  const dbPath = process.env.RASID_E2E_DB;
  if (!dbPath) throw new Error('RASID_E2E_DB is not set');
  return new Database(dbPath, { readonly: true, fileMustExist: true });
}

export function queryRows<T>(sql: string, ...params: unknown[]): T[] {
  const db = openSample();
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Articles per outlet id under a filter, as `Map<outletId, {name, count}>`. */
export function countByOutlet(filter: CountFilter = {}): Map<string, { name: string; count: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.outletIds?.length) {
    where.push(`a.outlet_id IN (${filter.outletIds.map(() => '?').join(', ')})`);
    params.push(...filter.outletIds);
  }
  if (filter.from) {
    where.push('a.day >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('a.day <= ?');
    params.push(filter.to);
  }
  if (filter.topicSlug) {
    where.push(
      'EXISTS (SELECT 1 FROM article_topics at JOIN topics t ON t.id = at.topic_id WHERE at.article_id = a.id AND t.slug = ?)',
    );
    params.push(filter.topicSlug);
  }
  const rows = queryRows<{ id: number; name: string; n: number }>(
    `SELECT o.id, o.name, count(*) AS n FROM articles a JOIN outlets o ON o.id = a.outlet_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY o.id`,
    ...params,
  );
  return new Map(rows.map((row) => [String(row.id), { name: row.name, count: row.n }]));
}

export function outletIdByName(name: string): number {
  const row = queryRows<{ id: number }>('SELECT id FROM outlets WHERE name = ?', name)[0];
  if (!row) throw new Error(`No outlet named ${name} in the sample database`);
  return row.id;
}
