// One collected file may hold many documents: a JSON array of records or JSON Lines. Splitting them
// gives each record its own input (and location), so one bad record never sinks the rest.

import { decodeContent, looksBinary } from '../decode/index.ts';
import { ParseError, type RawInput } from '../types.ts';

export type SplitProblem = { location: string; message: string };
export type SplitResult = { inputs: RawInput[]; problems: SplitProblem[] };

const JSONL_EXT = /\.(?:jsonl|ndjson)(?:\.gz)?(?:[?#].*)?$/i;
const JSON_EXT = /\.json(?:\.gz)?(?:[?#].*)?$/i;

/** Text of an input, refusing binary content and empty files. */
export function readText(input: RawInput): string {
  const where = input.location ?? input.url;
  if (typeof input.content !== 'string' && looksBinary(input.content))
    throw new ParseError(where, 'binary, not text');
  const text = decodeContent(input.content, { contentType: input.contentType, location: where });
  if (text.includes('\u0000')) throw new ParseError(where, 'binary, not text');
  if (text.trim().length === 0) throw new ParseError(where, 'empty');
  return text;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function recordInput(input: RawInput, value: unknown, location: string): RawInput {
  const { content: _content, ...rest } = input;
  return { ...rest, content: JSON.stringify(value), format: 'record', location };
}

function splitLines(input: RawInput, text: string, base: string): SplitResult {
  const inputs: RawInput[] = [];
  const problems: SplitProblem[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim().length === 0) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        problems.push({ location: `${base}#${i}`, message: `line ${i + 1}: not a JSON object` });
        continue;
      }
      inputs.push(recordInput(input, value, `${base}#${i}`));
    } catch (e) {
      problems.push({
        location: `${base}#${i}`,
        message: `line ${i + 1}: invalid JSON (${errorMessage(e)})`,
      });
    }
  }
  if (inputs.length === 0) {
    throw new ParseError(base, `invalid JSON Lines: no valid record (${problems[0]?.message ?? 'no lines'})`);
  }
  return { inputs, problems };
}

/**
 * Splits a JSON array of records or a JSON Lines file into one `record` input per object, located as
 * `${location}#${index}` (0-based; for JSON Lines the line index, so a bad line does not shift the
 * others). Bad JSONL lines and non-object array items are reported in `problems`; anything that is not
 * JSON comes back as the single input it was. Throws ParseError for empty, binary or invalid JSON input.
 */
export function splitDocument(input: RawInput): SplitResult {
  if (input.format && input.format !== 'record') return { inputs: [input], problems: [] };
  const text = readText(input);
  const base = input.location ?? input.url ?? '(input)';
  const trimmed = text.trim();
  const where = input.location ?? input.url ?? '';
  if (JSONL_EXT.test(where)) return splitLines(input, trimmed, base);
  if (trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw new ParseError(base, `invalid JSON (${errorMessage(e)})`);
    }
    const items = value as unknown[];
    const inputs: RawInput[] = [];
    const problems: SplitProblem[] = [];
    for (const [i, item] of items.entries()) {
      if (item && typeof item === 'object' && !Array.isArray(item))
        inputs.push(recordInput(input, item, `${base}#${i}`));
      else problems.push({ location: `${base}#${i}`, message: `item ${i}: not a JSON object` });
    }
    return { inputs, problems };
  }
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      return { inputs: [recordInput(input, value, base)], problems: [] };
    } catch (e) {
      // Several objects, one a line, in a file without a .jsonl name.
      if (trimmed.includes('\n')) return splitLines(input, trimmed, base);
      throw new ParseError(base, `invalid JSON (${errorMessage(e)})`);
    }
  }
  if (JSON_EXT.test(where) || input.format === 'record')
    throw new ParseError(base, 'invalid JSON (not an object or array)');
  return { inputs: [input], problems: [] };
}
