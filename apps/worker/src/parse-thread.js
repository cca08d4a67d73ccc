// Entry of a parse worker thread. Threads do not inherit the TypeScript loader that bin/rasid.js registers
// on the main thread, so it is registered here again before the parser is loaded.
import { register } from 'tsx/esm/api';

register();
await import('./parse-thread-main.ts');
