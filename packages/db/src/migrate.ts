// CLI: `tsx src/migrate.ts [PATH]` — applies pending migrations to the database at PATH
// (default ./data/rasid.db, relative to where it is run).
import { resolve } from 'node:path';
import { closeDatabase, openDatabase } from './client.ts';

const path = resolve(process.argv[2] ?? './data/rasid.db');
try {
  const db = openDatabase(path, {
    migrate: true,
    onSearchIndexRefilled: ({ articles, seconds }) =>
      console.log(`${path}: search index refilled from ${articles} articles in ${seconds.toFixed(1)} s`),
  });
  const applied = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  closeDatabase(db);
  console.log(`${path}: schema up to date (${applied.n} migrations applied in total)`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
