import { statSync } from 'node:fs';
import path from 'node:path';
import { SourceChangeError } from '@rasid/db/queries';
import { type SourceConfig, sourceStrictSchema } from '@rasid/db/source-config';
import { z } from 'zod';
import { BadParamError } from '../lib/filters';
import { parseBody } from './body';

// Sources added from the Sources page go through the worker's own schema (@rasid/db/source-config), so
// the dashboard accepts exactly what the sources file would; only the checks that need this machine
// (a folder must exist) are added here.

/** A new source: the sources file's fields, unknown keys refused, a folder that exists. */
export function parseNewSource(raw: unknown): SourceConfig {
  const source = parseBody(sourceStrictSchema, raw);
  if (source.kind === 'folder') {
    // The worker resolves a file's relative paths against the file; a page has no such place, so the
    // path must say where it is.
    if (!path.isAbsolute(source.path))
      throw new BadParamError(`path: must be absolute (e.g. /home/me/news), got ${source.path}`);
    const stat = statSync(source.path, { throwIfNoEntry: false });
    if (!stat) throw new BadParamError(`path: no such folder or file on this machine: ${source.path}`);
    if (!stat.isDirectory() && !stat.isFile())
      throw new BadParamError(`path: not a folder or a file: ${source.path}`);
  }
  return source;
}

const hint = (max: number) =>
  z.string('expected text or null').trim().min(1, 'is empty; send null to clear it').max(max);

/** What the page may change on a source it added (the rest is re-checked with the whole source). */
export const sourcePatchSchema = z
  .strictObject({
    enabled: z.boolean('expected true or false').optional(),
    schedule: z.string('expected a cron expression').trim().min(1, 'is empty').optional(),
    outlet: hint(200).nullable().optional(),
    language: hint(2).nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'give enabled, schedule, outlet or language');

/** Runs a change to sources; a SourceChangeError (a taken name, a file source) is the caller's 400. */
export function asBadParam<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof SourceChangeError) throw new BadParamError(error.message);
    // Another writer (the worker syncing its file) took the name between the check and the insert.
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new BadParamError('name: another source has just taken this name; choose another name');
    throw error;
  }
}
