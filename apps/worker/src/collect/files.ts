// Finding and reading local input files. Decompression happens here (it is part of reading the bytes);
// decoding and everything after belongs to the parser.
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createGunzip, gunzip as gunzipCallback } from 'node:zlib';
import { type Format, looksBinary, ParseError } from '@rasid/parser';

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

// On libuv's threads, not the calling one: an ingest reads the next file while it stores this one.
const gunzip = promisify(gunzipCallback);

/** Reads a file's bytes, decompressing gzip; a corrupt archive is an error that names the file. */
export async function readInputFile(file: InputFile): Promise<Uint8Array> {
  const bytes = await fs.readFile(file.path);
  if (!file.gzipped) return bytes;
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new Error(`${file.path}: not a gzip file (named .gz, but has no gzip header)`);
  }
  try {
    return await gunzip(bytes);
  } catch (error) {
    throw new Error(`${file.path}: corrupt gzip: ${(error as Error).message}`);
  }
}

/**
 * A large JSON Lines file's text a slice at a time (whole lines, about `sliceBytes` each, the newline that
 * ends a slice left out), decompressing as it reads: neither its bytes nor its text are ever held whole.
 * `read` is how many bytes of the file were read so far (for progress). JSON Lines are UTF-8 (RFC 8259);
 * a UTF-8 BOM is dropped, other text is an error that names the file, as is a corrupt gzip.
 */
export async function* readJsonLinesSlices(
  file: InputFile,
  sliceBytes = 1 << 20,
): AsyncGenerator<{ text: string; read: number }> {
  const stream = createReadStream(file.path);
  const source = file.gzipped ? stream.pipe(createGunzip()) : stream;
  // Relayed: an error on the file stream does not reach the gunzip stream it is piped into.
  stream.on('error', (error) => source.destroy(error));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let offset = 0;
  const decode = (bytes: Buffer): string => {
    try {
      return decoder.decode(bytes);
    } catch {
      throw new Error(`${file.path}: not UTF-8 text near byte ${offset} (JSON Lines must be UTF-8)`);
    }
  };
  // What is pending, as one buffer.
  const joined = (): Buffer => {
    if (pending.length !== 1) pending = [Buffer.concat(pending, pendingBytes)];
    return pending[0] as Buffer;
  };
  // One slice: the pending bytes before `end` (a newline, or the end of the file), a trailing CR dropped.
  const take = (end: number): string => {
    const all = joined();
    const text = decode(all.subarray(0, end > 0 && all[end - 1] === 0x0d ? end - 1 : end));
    const next = Math.min(end + 1, all.length);
    offset += next;
    // Copied, so that the slice's buffer can go.
    const rest = all.subarray(next);
    pending = rest.length > 0 ? [Buffer.from(rest)] : [];
    pendingBytes = rest.length;
    return text;
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (offset === 0 && pendingBytes === 0) {
        // As readText checks a whole file: NUL bytes or mostly control characters are no text.
        if (looksBinary(chunk)) throw new ParseError(file.path, 'binary, not text');
        if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
          throw new Error(`${file.path}: UTF-16 text (JSON Lines must be UTF-8)`);
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < sliceBytes) continue;
      const end = joined().lastIndexOf(0x0a);
      if (end === -1) continue;
      yield { text: take(end), read: stream.bytesRead };
    }
  } catch (error) {
    if (file.gzipped && (error as NodeJS.ErrnoException).code?.startsWith('Z_'))
      throw new Error(`${file.path}: corrupt gzip: ${(error as Error).message}`);
    throw error;
  }
  if (pendingBytes === 0) return;
  // The file's last line, less the newline that usually ends it.
  const last = joined();
  yield {
    text: take(last[pendingBytes - 1] === 0x0a ? pendingBytes - 1 : pendingBytes),
    read: stream.bytesRead,
  };
}
