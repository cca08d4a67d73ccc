import path from 'node:path';
import { z } from 'zod';

// The only place the dashboard reads process.env: validated once, at first import, so a bad value
// fails loudly at start-up instead of deep inside a request.
const envSchema = z.object({
  // Set by next.config.ts at build time; the fallback covers tools that import this file outside Next.
  RASID_REPO_ROOT: z.string().min(1).default(path.resolve(process.cwd(), '../..')),
  RASID_DB: z.string().min(1).optional(),
  RASID_ADMIN_TOKEN: z.string().min(1).optional(),
});

function loadEnv() {
  const parsed = envSchema.safeParse({
    RASID_REPO_ROOT: process.env.RASID_REPO_ROOT,
    RASID_DB: process.env.RASID_DB || undefined,
    RASID_ADMIN_TOKEN: process.env.RASID_ADMIN_TOKEN || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  const { RASID_REPO_ROOT, RASID_DB, RASID_ADMIN_TOKEN } = parsed.data;
  return {
    repoRoot: RASID_REPO_ROOT,
    // Relative paths are taken from the repo root, like the CLI's default `./data/rasid.db`.
    dbPath: path.resolve(RASID_REPO_ROOT, RASID_DB ?? 'data/rasid.db'),
    adminToken: RASID_ADMIN_TOKEN ?? null,
  };
}

export const env = loadEnv();
