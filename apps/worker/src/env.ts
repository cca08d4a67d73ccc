// The worker's environment, validated once; nothing else in the worker reads process.env.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: the database and the sources file default to places inside it, whatever the cwd. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const schema = z.object({
  RASID_DB: z.string().min(1).optional(),
  RASID_SOURCES: z.string().min(1).optional(),
  RASID_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WorkerEnv = {
  dbPath: string;
  sourcesPath: string;
  logLevel: z.infer<typeof schema>['RASID_LOG_LEVEL'];
};

export function readEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const { RASID_DB, RASID_SOURCES, RASID_LOG_LEVEL } = parsed.data;
  return {
    // A relative RASID_DB is the user's own path, so it is taken from where they stand.
    dbPath: RASID_DB ? path.resolve(RASID_DB) : path.join(REPO_ROOT, 'data', 'rasid.db'),
    sourcesPath: RASID_SOURCES ? path.resolve(RASID_SOURCES) : path.join(REPO_ROOT, 'rasid.sources.json'),
    logLevel: RASID_LOG_LEVEL,
  };
}
