// Test helpers for reading the shared real data in place (never copied into the repository).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));
export const HAS_SHARED = existsSync(SHARED);

export function sharedBytes(path: string): Uint8Array {
  const bytes = readFileSync(`${SHARED}${path}`);
  return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

export function sharedText(path: string): string {
  return new TextDecoder().decode(sharedBytes(path));
}

/** First `n` records of a JSON Lines corpus file. */
export function jsonlRecords(path: string, n: number): Record<string, unknown>[] {
  return sharedText(path)
    .split('\n')
    .filter(Boolean)
    .slice(0, n)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
