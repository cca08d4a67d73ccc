// Entry of the subjects scoring thread (see jobs/refresh-subjects.ts). Like a parse thread, it registers the
// TypeScript loader itself: threads do not inherit the one bin/rasid.js registers.
import { register } from 'tsx/esm/api';

register();
await import('./subjects-thread-main.ts');
