#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so `npx rasid` works straight from a checkout with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
