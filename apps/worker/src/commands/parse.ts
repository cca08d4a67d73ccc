// `rasid parse`: what the parser makes of each file, one JSON object a line, in input order; stores nothing.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Article, type Format, parseDocument, type RawInput, splitDocument } from '@rasid/parser';
import { z } from 'zod';
import { type InputFile, readInputFile } from '../collect/files.ts';

const FORMATS = ['text', 'html', 'feed', 'record'] as const;

const manifestLine = z.object({
  file: z.string().min(1),
  url: z.string().url().optional(),
  format: z.enum(FORMATS).optional(),
  referenceDate: z.string().datetime({ offset: true }).optional(),
});

export type ParseRequest = z.infer<typeof manifestLine>;

export type ParseOutput =
  | ({ file: string } & Pick<
      Article,
      | 'url'
      | 'outlet'
      | 'title'
      | 'byline'
      | 'body'
      | 'language'
      | 'direction'
      | 'section'
      | 'publishedAt'
      | 'dateSource'
      | 'datePrecision'
    > & { topics: string[] })
  | { file: string; error: string };

/** Reads a manifest: one JSON object a line; a bad line is an error naming its line number. */
export async function readManifest(manifestPath: string): Promise<ParseRequest[]> {
  const text = await fs.readFile(manifestPath, 'utf8');
  const base = path.dirname(manifestPath);
  const requests: ParseRequest[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${manifestPath}:${i + 1}: not valid JSON`);
    }
    const parsed = manifestLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${manifestPath}:${i + 1}: ${issue?.path.join('.') || 'line'}: ${issue?.message}`);
    }
    // Manifest paths are relative to the manifest, as a user writing one would expect.
    requests.push({ ...parsed.data, file: path.resolve(base, parsed.data.file) });
  });
  return requests;
}

function toOutput(file: string, article: Article): ParseOutput {
  return {
    file,
    url: article.url,
    outlet: article.outlet,
    title: article.title,
    byline: article.byline,
    body: article.body,
    language: article.language,
    direction: article.direction,
    section: article.section,
    publishedAt: article.publishedAt,
    dateSource: article.dateSource,
    datePrecision: article.datePrecision,
    topics: article.topics.map((t) => t.slug),
  };
}

function fileKind(file: string): InputFile {
  const gzipped = file.toLowerCase().endsWith('.gz');
  const bare = gzipped ? file.slice(0, -3).toLowerCase() : file.toLowerCase();
  const split = /\.(json|jsonl|ndjson)$/.test(bare);
  return { path: file, size: 0, gzipped, kind: split ? 'split' : undefined };
}

/** Parses one request into one output per article (a JSON file of records gives one per record). */
export async function parseRequest(request: ParseRequest): Promise<ParseOutput[]> {
  const { file } = request;
  let bytes: Uint8Array;
  try {
    bytes = await readInputFile(fileKind(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'no such file' : code ? `cannot read: ${code}` : (error as Error).message;
    return [{ file, error: message.replace(`${file}: `, '') }];
  }
  const base: RawInput = {
    content: bytes,
    location: file,
    url: request.url,
    format: request.format as Format | undefined,
    referenceDate: request.referenceDate,
  };
  const errorOf = (location: string, error: unknown) => ({
    file: location,
    error: error instanceof Error ? error.message.replace(`${location}: `, '') : String(error),
  });
  try {
    const single = request.format !== undefined || fileKind(file).kind !== 'split';
    if (single) return [toOutput(file, parseDocument(base))];
    const split = splitDocument(base);
    const outputs: ParseOutput[] = split.inputs.map((input, i) => {
      const location = input.location ?? `${file}#${i}`;
      try {
        return toOutput(location, parseDocument(input));
      } catch (error) {
        return errorOf(location, error);
      }
    });
    for (const problem of split.problems) outputs.push({ file: problem.location, error: problem.message });
    return outputs;
  } catch (error) {
    return [errorOf(file, error)];
  }
}
