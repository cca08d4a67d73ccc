import path from 'node:path';
import { z } from 'zod';

// The only place the dashboard reads process.env: validated once, at first import, so a bad value
// fails loudly at start-up instead of deep inside a request.
const envSchema = z.object({
  // Set by next.config.ts at build time; the fallback covers tools that import this file outside Next.
  RASID_REPO_ROOT: z.string().min(1).default(path.resolve(process.cwd(), '../..')),
  RASID_DB: z.string().min(1).optional(),
  // Compared in constant time (server/admin.ts); short secrets are guessable whatever the comparison.
  RASID_ADMIN_TOKEN: z
    .string()
    .min(16, 'use at least 16 characters, e.g. the output of `openssl rand -hex 32`')
    .optional(),
  // The address `next start -H` listens on (scripts/start.sh passes RASID_HOST): changes to data need
  // the admin token anywhere but loopback. Defaults to loopback, as the start script does.
  RASID_HOST: z
    .string()
    .regex(/^[\w.:[\]-]+$/, 'expected a host name or IP address such as 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
});

function loadEnv() {
  const parsed = envSchema.safeParse({
    RASID_REPO_ROOT: process.env.RASID_REPO_ROOT,
    RASID_DB: process.env.RASID_DB || undefined,
    RASID_ADMIN_TOKEN: process.env.RASID_ADMIN_TOKEN || undefined,
    RASID_HOST: process.env.RASID_HOST || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  const { RASID_REPO_ROOT, RASID_DB, RASID_ADMIN_TOKEN, RASID_HOST } = parsed.data;
  return {
    repoRoot: RASID_REPO_ROOT,
    // Relative paths are taken from the repo root, like the CLI's default `./data/rasid.db`.
    dbPath: path.resolve(RASID_REPO_ROOT, RASID_DB ?? 'data/rasid.db'),
    adminToken: RASID_ADMIN_TOKEN ?? null,
    host: RASID_HOST,
  };
}

export const env = loadEnv();
