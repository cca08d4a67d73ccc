import type { ExportRow } from '@rasid/db/queries';

// How an export file is written. Pure functions: the route streams what they return.

export const exportFormats = ['csv', 'json', 'jsonl'] as const;
export type ExportFormat = (typeof exportFormats)[number];

type Column = keyof ExportRow;

/** File header, columns in `columns` order, snake_case as spreadsheets and R/pandas users expect. */
const snake = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function toCsvField(value: string | number | null | readonly string[]): string {
  if (value === null) return '';
  const text = Array.isArray(value) ? value.join(';') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV record with its CRLF terminator (RFC 4180 line breaks, which Excel also expects). */
export function formatCsvRow(row: ExportRow, columns: readonly Column[]): string {
  return `${columns.map((column) => toCsvField(row[column])).join(',')}\r\n`;
}

/**
 * What opens each file: a UTF-8 byte order mark before the CSV header, without which Excel reads the
 * file in the system's legacy code page and Arabic turns into mojibake; "[" for the JSON array.
 */
export function formatHead(format: ExportFormat, columns: readonly Column[]): string {
  if (format === 'csv') return `\uFEFF${columns.map(snake).join(',')}\r\n`;
  return format === 'json' ? '[' : '';
}

/** One row in the file; `index` says whether a separator must come first (JSON array). */
export function formatRow(format: ExportFormat, row: ExportRow, index: number, columns: readonly Column[]) {
  if (format === 'csv') return formatCsvRow(row, columns);
  const json = JSON.stringify(row);
  return format === 'json' ? `${index === 0 ? '\n' : ',\n'}${json}` : `${json}\n`;
}

export function formatTail(format: ExportFormat, rows: number): string {
  if (format !== 'json') return '';
  return rows === 0 ? ']\n' : '\n]\n';
}

export const exportContentType: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** "rasid-articles-2026-11-24.csv": the UTC day the export was made, so repeated exports sort by date. */
export function exportFileName(format: ExportFormat, now: Date): string {
  return `rasid-articles-${now.toISOString().slice(0, 10)}.${format}`;
}
