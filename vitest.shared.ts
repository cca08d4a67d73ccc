// Every package's Vitest run also writes a JSON report, so `npm test` can close with one total line.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

export function reportTo(name: string): NonNullable<ViteUserConfig['test']> {
  return {
    reporters: ['default', 'json'],
    outputFile: { json: path.join(root, '.test-results', `${name}.json`) },
  };
}
