import { defineConfig } from 'vitest/config';
import { reportTo } from '../../vitest.shared.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests that read the real corpora in ../shared take seconds, more on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    ...reportTo('db'),
  },
});
