import { z } from 'zod';
import { exportFormats } from './export-format';
import { articleParamsSchema, BadParamError, type SearchParamsLike } from './filters';

// An export takes the filters plus what an export needs: its format, and the article list's drill-down
// (so "export" on a narrowed list gives that list), but no paging.
const exportParamsSchema = articleParamsSchema
  .pick({ day: true, bucket: true, outletId: true, inTopic: true })
  .extend({
    format: z.enum(exportFormats, { message: 'expected csv, json or jsonl' }).default('csv'),
  });

export type ExportParams = z.infer<typeof exportParamsSchema>;

export function parseExportParams(search: SearchParamsLike): ExportParams {
  const raw: Record<string, string> = {};
  for (const key of ['format', 'day', 'bucket', 'outletId', 'inTopic']) {
    const value = search.get(key);
    if (value !== null && value !== '') raw[key] = value;
  }
  const result = exportParamsSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new BadParamError(`${String(issue?.path[0] ?? 'query')}: ${issue?.message ?? 'invalid'}`);
}
