import { defineConfig } from 'vitest/config';
import { reportTo } from '../vitest.shared.ts';

export default defineConfig({
  test: {
    include: ['integration/**/*.test.ts'],
    // The cross-package tests ingest whole corpora through the real CLI: minutes, not milliseconds.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    ...reportTo('cross-package'),
  },
});
