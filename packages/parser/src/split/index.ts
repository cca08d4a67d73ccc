// One collected file may hold many documents: a JSON array of records or JSON Lines. Splitting them
// gives each record its own input (and location), so one bad record never sinks the rest.

import { decodeContent, looksBinary } from '../decode/index.ts';
import { ParseError, type RawInput } from '../types.ts';

export type SplitProblem = { location: string; message: string };
export type SplitResult = { inputs: RawInput[]; problems: SplitProblem[] };

const JSONL_EXT = /\.(?:jsonl|ndjson)(?:\.gz)?(?:[?#].*)?$/i;
/** Whether a file name or URL names JSON Lines (.jsonl, .ndjson, gzipped or not). */
export const isJsonLinesName = (location: string): boolean => JSONL_EXT.test(location);

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

/**
 * One step of a split, in document order: a record input, or a problem with one line or item. `index` and
 * `of` place it among the file's lines or array items (for progress).
 */
export type SplitItem =
  | { input: RawInput; index: number; of: number }
  | { problem: SplitProblem; index: number; of: number };

/** Where a JSON Lines split is: the file's next line index, valid lines so far, the first problem. */
type LinesState = { nextLine: number; valid: number; firstProblem?: string };

/** The items of JSON Lines text, the next lines of its file after those `state` has seen. */
function* splitLineRange(
  input: RawInput,
  text: string,
  base: string,
  state: LinesState,
): Generator<SplitItem> {
  const lines = text.split(/\r?\n/);
  const firstLine = state.nextLine;
  state.nextLine += lines.length;
  const of = state.nextLine;
  for (const [k, line] of lines.entries()) {
    if (line.trim().length === 0) continue;
    const i = firstLine + k;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      const message = `line ${i + 1}: invalid JSON (${errorMessage(e)})`;
      state.firstProblem ??= message;
      yield { problem: { location: `${base}#${i}`, message }, index: i, of };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      const message = `line ${i + 1}: not a JSON object`;
      state.firstProblem ??= message;
      yield { problem: { location: `${base}#${i}`, message }, index: i, of };
      continue;
    }
    state.valid++;
    yield { input: recordInput(input, value, `${base}#${i}`), index: i, of };
  }
}

const noValidLine = (base: string, state: LinesState): ParseError =>
  new ParseError(base, `invalid JSON Lines: no valid record (${state.firstProblem ?? 'no lines'})`);

function* splitLines(input: RawInput, text: string, base: string): Generator<SplitItem> {
  const state: LinesState = { nextLine: 0, valid: 0 };
  yield* splitLineRange(input, text, base, state);
  if (state.valid === 0) throw noValidLine(base, state);
}

/**
 * splitItems for a JSON Lines file read a slice at a time, so that a large file is never held whole, as
 * bytes or as text: give each slice's text to `slice` (whole lines, in file order, without the newline that
 * ends the slice), then call `finish`. The items and their line indices are those splitItems gives for the
 * whole text; `finish` throws what it throws for a file that is blank or has no valid line. `input` gives
 * the location and the fields every record input carries; its content is not read.
 */
export class JsonLinesSplitter {
  private readonly base: string;
  private readonly state: LinesState = { nextLine: 0, valid: 0 };
  private started = false;

  constructor(private readonly input: RawInput) {
    this.base = input.location ?? input.url ?? '(input)';
  }

  *slice(text: string): Generator<SplitItem> {
    if (text.includes('\u0000')) throw new ParseError(this.base, 'binary, not text');
    let lines = text;
    // splitItems trims the whole text first: leading blank lines (and a BOM) are not counted.
    if (!this.started) {
      lines = lines.replace(/^\uFEFF/, '').trimStart();
      if (lines.length === 0) return;
      this.started = true;
    }
    yield* splitLineRange(this.input, lines, this.base, this.state);
  }

  finish(): void {
    if (!this.started) throw new ParseError(this.base, 'empty');
    if (this.state.valid === 0) throw noValidLine(this.base, this.state);
  }
}

/**
 * Splits a JSON array of records or a JSON Lines file into one `record` input per object, located as
 * `${location}#${index}` (0-based; for JSON Lines the line index, so a bad line does not shift the
 * others). Bad JSONL lines and non-object array items are reported in `problems`; anything that is not
 * JSON comes back as the single input it was. Throws ParseError for empty, binary or invalid JSON input.
 */
export function splitDocument(input: RawInput): SplitResult {
  const inputs: RawInput[] = [];
  const problems: SplitProblem[] = [];
  for (const item of splitItems(input)) {
    if ('input' in item) inputs.push(item.input);
    else problems.push(item.problem);
  }
  return { inputs, problems };
}

/**
 * splitDocument one record at a time, so a large file never holds all its records at once. Whole-document
 * errors are thrown as splitDocument throws them, before anything is yielded, except that a JSON Lines
 * file with no valid line throws after yielding its problems: a caller that reports problems as they come
 * holds them until the first input arrives (splitDocument reports none then).
 */
export function* splitItems(input: RawInput): Generator<SplitItem> {
  if (input.format && input.format !== 'record') {
    yield { input, index: 0, of: 1 };
    return;
  }
  const text = readText(input);
  const base = input.location ?? input.url ?? '(input)';
  const trimmed = text.trim();
  const where = input.location ?? input.url ?? '';
  if (isJsonLinesName(where)) {
    yield* splitLines(input, trimmed, base);
    return;
  }
  if (trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw new ParseError(base, `invalid JSON (${errorMessage(e)})`);
    }
    const items = value as unknown[];
    const of = items.length;
    for (const [i, item] of items.entries()) {
      if (item && typeof item === 'object' && !Array.isArray(item))
        yield { input: recordInput(input, item, `${base}#${i}`), index: i, of };
      else
        yield {
          problem: { location: `${base}#${i}`, message: `item ${i}: not a JSON object` },
          index: i,
          of,
        };
      // Each record is copied into its input: the parsed array need not keep it.
      items[i] = undefined;
    }
    return;
  }
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      // Several objects, one a line, in a file without a .jsonl name.
      if (trimmed.includes('\n')) {
        yield* splitLines(input, trimmed, base);
        return;
      }
      throw new ParseError(base, `invalid JSON (${errorMessage(e)})`);
    }
    yield { input: recordInput(input, value, base), index: 0, of: 1 };
    return;
  }
  if (JSON_EXT.test(where) || input.format === 'record')
    throw new ParseError(base, 'invalid JSON (not an object or array)');
  yield { input, index: 0, of: 1 };
}
