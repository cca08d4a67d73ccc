// Sources are data: a JSON file the user edits. Validated here, then mirrored into the database so the
// dashboard and `rasid status` can show each source's health (the dashboard adds rows of its own).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type SourceConfig, sourcesFileSchema } from '@rasid/db/source-config';

// The schema is shared with the dashboard, which adds sources through the same checks.
export {
  DEFAULT_MAX_PAGES_PER_RUN,
  DEFAULT_MAX_SITEMAPS_PER_RUN,
  type SourceConfig,
  sourceLocation,
} from '@rasid/db/source-config';

/** Reads and validates the sources file; every problem names the file and the entry. */
export async function readSourcesConfig(file: string): Promise<SourceConfig[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the sources file: ${(error as NodeJS.ErrnoException).code}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = sourcesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || 'file'}: ${issue?.message}`);
  }
  const names = new Set<string>();
  for (const source of parsed.data.sources) {
    if (names.has(source.name)) throw new Error(`${file}: two sources are named "${source.name}"`);
    names.add(source.name);
  }
  // Folder paths are relative to the sources file, wherever the worker is started from.
  return parsed.data.sources.map((s) =>
    s.kind === 'folder' ? { ...s, path: path.resolve(path.dirname(file), s.path) } : s,
  );
}
