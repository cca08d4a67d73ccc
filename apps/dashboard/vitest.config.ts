import { defineConfig } from 'vitest/config';
import { reportTo } from '../../vitest.shared.ts';

export default defineConfig({ test: { include: ['src/**/*.test.{ts,tsx}'], ...reportTo('dashboard') } });
