import { defineConfig } from 'vitest/config';
import { reportTo } from '../../vitest.shared.ts';

export default defineConfig({ test: { include: ['test/**/*.test.ts'], ...reportTo('worker') } });
