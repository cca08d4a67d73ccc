// Finding and reading local input files. Decompression happens here (it is part of reading the bytes);
// decoding and everything after belongs to the parser.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Format } from '@rasid/parser';

/** Extensions the ingester reads, with the format they imply (undefined: let the parser sniff). */
const EXTENSIONS: Record<string, Format | 'split' | undefined> = {
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'split',
  '.jsonl': 'split',
  '.ndjson': 'split',
  '.xml': 'feed',
  '.rss': 'feed',
  '.atom': 'feed',
};

export type InputFile = { path: string; size: number; gzipped: boolean; kind: Format | 'split' | undefined };

export type FileProblem = { location: string; message: string };

function classify(file: string): {
  supported: boolean;
  gzipped: boolean;
  kind: Format | 'split' | undefined;
} {
  const lower = file.toLowerCase();
  const gzipped = lower.endsWith('.gz');
  const ext = path.extname(gzipped ? lower.slice(0, -3) : lower);
  return { supported: ext in EXTENSIONS, gzipped, kind: EXTENSIONS[ext] };
}

/**
 * Expands paths into the supported files under them, sorted so that every run sees the same order.
 * A folder's unsupported files (READMEs, images) are passed over; a file named explicitly that cannot be
 * read is a problem to report.
 */
export async function listInputFiles(
  paths: string[],
): Promise<{ files: InputFile[]; problems: FileProblem[] }> {
  const files: InputFile[] = [];
  const problems: FileProblem[] = [];

  async function visit(p: string, explicit: boolean): Promise<void> {
    let stat: Awaited<ReturnType<typeof fs.stat>>;
    try {
      stat = await fs.stat(p);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({
        location: p,
        message: code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code}`,
      });
      return;
    }
    if (stat.isDirectory()) {
      let entries: string[];
      try {
        entries = (await fs.readdir(p)).sort();
      } catch (error) {
        problems.push({
          location: p,
          message: `cannot list folder: ${(error as NodeJS.ErrnoException).code}`,
        });
        return;
      }
      for (const entry of entries) {
        if (entry.startsWith('.')) continue;
        await visit(path.join(p, entry), false);
      }
      return;
    }
    if (!stat.isFile()) {
      if (explicit) problems.push({ location: p, message: 'not a regular file' });
      return;
    }
    const { supported, gzipped, kind } = classify(p);
    if (!supported) {
      if (explicit) {
        problems.push({
          location: p,
          message: `unsupported file type (expected .txt, .html, .json, .jsonl, .xml or the same gzipped)`,
        });
      }
      return;
    }
    files.push({ path: p, size: stat.size, gzipped, kind });
  }

  for (const p of paths) await visit(p, true);
  return { files, problems };
}

/** Reads a file's bytes, decompressing gzip; a corrupt archive is an error that names the file. */
export async function readInputFile(file: InputFile): Promise<Uint8Array> {
  const bytes = await fs.readFile(file.path);
  if (!file.gzipped) return bytes;
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new Error(`${file.path}: not a gzip file (named .gz, but has no gzip header)`);
  }
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new Error(`${file.path}: corrupt gzip: ${(error as Error).message}`);
  }
}
