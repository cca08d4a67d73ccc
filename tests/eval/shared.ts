// Locating and reading ../shared (beside the repository root), where the evaluation data lives.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const SHARED_DIR = resolve(import.meta.dirname, '../../../shared');

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

export function hasShared(): boolean {
  return existsSync(join(SHARED_DIR, 'README.md'));
}

/** Decodes page bytes with the charset the page declares (Content-Type meta), UTF-8 otherwise. */
export function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m =
    /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head) ??
    /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  const label = m?.[1]?.toLowerCase();
  if (label && label !== 'utf-8' && label !== 'utf8') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // Unknown label: fall through to UTF-8.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Undeclared legacy encoding: Windows-1252 is what browsers assume.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function readGzipText(path: string): string {
  return decodeHtml(gunzipSync(readFileSync(path)));
}

export function readText(path: string): string {
  return decodeHtml(readFileSync(path));
}

/** Whitespace-normalised text for snippet matching. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}
