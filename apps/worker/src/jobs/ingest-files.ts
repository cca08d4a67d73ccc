// Ingesting local files and folders: the `rasid ingest` command and the worker's folder sources.
import type { Db } from '@rasid/db/client';
import type { RunStats } from '@rasid/db/queries';
import { finishRun, startRun } from '@rasid/db/queries';
import { splitDocument } from '@rasid/parser';
import { listInputFiles, readInputFile } from '../collect/files.ts';
import { type Failure, IngestPipeline } from '../pipeline.ts';

export type IngestFilesOptions = {
  /** ISO 8601: resolves relative dates in the texts; without it they stay unresolved. */
  referenceDate?: string;
  sourceId?: number | null;
  batchSize?: number;
  onProgress?: (done: number, total: number, stats: RunStats) => void;
  onFailure?: (failure: Failure) => void;
  /** Locations still failed from earlier runs (see PipelineOptions.pending). */
  pending?: Iterable<string>;
};

export type IngestSummary = RunStats & { runId: number; files: number; seconds: number };

export async function ingestFiles(
  db: Db,
  paths: string[],
  options: IngestFilesOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const runId = startRun(db, { kind: 'ingest', sourceId: options.sourceId ?? null, args: paths.join(' ') });
  const pipeline = new IngestPipeline(db, {
    runId,
    sourceId: options.sourceId ?? null,
    batchSize: options.batchSize,
    fetchedAt: new Date().toISOString(),
    onFailure: options.onFailure,
    pending: options.pending,
  });
  const { referenceDate } = options;
  let fileCount = 0;

  try {
    const { files, problems } = await listInputFiles(paths);
    for (const problem of problems) pipeline.fail(problem.location, new Error(problem.message));
    fileCount = files.length;
    const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
    let doneBytes = 0;

    for (const file of files) {
      let bytes: Uint8Array;
      try {
        bytes = await readInputFile(file);
      } catch (error) {
        pipeline.fail(file.path, error);
        doneBytes += file.size;
        continue;
      }
      if (file.kind === 'split') {
        let split: ReturnType<typeof splitDocument>;
        try {
          split = splitDocument({ content: bytes, location: file.path, referenceDate });
        } catch (error) {
          pipeline.fail(file.path, error);
          doneBytes += file.size;
          continue;
        }
        for (const problem of split.problems) pipeline.fail(problem.location, new Error(problem.message));
        split.inputs.forEach((input, i) => {
          pipeline.add({ ...input, location: input.location ?? `${file.path}#${i}` });
          if (i % 200 === 0) {
            options.onProgress?.(
              doneBytes + (file.size * i) / split.inputs.length,
              totalBytes,
              pipeline.stats,
            );
          }
        });
      } else {
        pipeline.add({ content: bytes, location: file.path, format: file.kind, referenceDate });
      }
      doneBytes += file.size;
      options.onProgress?.(doneBytes, totalBytes, pipeline.stats);
    }
    pipeline.flush();
  } catch (error) {
    // Whatever was flushed stays stored; the run says it failed and why.
    finishRun(db, runId, { ...pipeline.stats, status: 'failed', error: (error as Error).message });
    throw error;
  }

  const stats = pipeline.stats;
  const status = stats.failed === 0 ? 'ok' : stats.read > stats.failed ? 'partial' : 'failed';
  finishRun(db, runId, { ...stats, status, error: null });
  return { ...stats, runId, files: fileCount, seconds: (performance.now() - started) / 1000 };
}
