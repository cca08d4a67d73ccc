import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The repo root, found from this file rather than the working directory, so that `next start` run from
// anywhere reads the same default database and Turbopack resolves the workspace packages.
const dashboardDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(dashboardDir, '../..');

const nextConfig: NextConfig = {
  // Native addon: must be required at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
  // The workspace packages export raw TypeScript.
  transpilePackages: ['@rasid/db', '@rasid/parser'],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  typedRoutes: false,
  poweredByHeader: false,
  // Baked in at build time and read only by src/env.ts, which needs it to default RASID_DB.
  env: { RASID_REPO_ROOT: repoRoot },
};

export default nextConfig;
