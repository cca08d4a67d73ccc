// Reads the ANT corpus straight from ../shared, independently of the parser, to say what a correct
// ingestion must store.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sharedPath } from './paths.ts';

export type AntRecord = {
  docno: string;
  url: string;
  source: string;
  category: string;
  title: string;
  published: string;
  text: string;
};

export function readAnt(): AntRecord[] {
  const dir = sharedPath('corpus', 'ant');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort()
    .flatMap((file) => readAntFile(`${dir}/${file}`));
}

/** One outlet's file of ANT records: JSON Lines, gzipped or not. */
export function readAntFile(file: string): AntRecord[] {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const records: AntRecord[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as AntRecord);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not a JSON record: ${(error as Error).message}`);
    }
  }
  return records;
}
