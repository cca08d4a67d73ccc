import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { reportTo } from '../../vitest.shared.ts';

export default defineConfig({
  // The `@/` imports of route handlers, as tsconfig.json maps them, so API tests can call the handlers.
  resolve: { alias: { '@': path.join(path.dirname(fileURLToPath(import.meta.url)), 'src') } },
  test: { include: ['src/**/*.test.{ts,tsx}'], ...reportTo('dashboard') },
});
