import { defineConfig } from 'vitest/config';
import { reportTo } from '../../vitest.shared.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Local HTTP servers and real files: generous limits so a busy 2-core machine does not fail them.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    ...reportTo('worker'),
  },
});
