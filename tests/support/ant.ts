// Reads the ANT corpus straight from ../shared, independently of the parser, to say what a correct
// ingestion must store.
import { readdirSync, readFileSync } from 'node:fs';
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
  const records: AntRecord[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort()) {
    const text = gunzipSync(readFileSync(`${dir}/${file}`)).toString('utf8');
    for (const line of text.split('\n')) if (line.trim()) records.push(JSON.parse(line) as AntRecord);
  }
  return records;
}
