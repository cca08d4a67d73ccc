// parse → store in batches: the one path every worker command takes from a raw document to the database.
import type { Db } from '@rasid/db/client';
import type { IngestItem, RunStats, StoreKeys } from '@rasid/db/queries';
import { emptyRunStats, recordFailure, storeArticles } from '@rasid/db/queries';
import { type Article, parseDocument, type RawInput } from '@rasid/parser';

export type Failure = { location: string; reason: string };

export type PipelineOptions = {
  runId: number | null;
  sourceId?: number | null;
  /** Articles stored per transaction. */
  batchSize?: number;
  /** When the worker collected the input (ISO); also the "first seen" time of undated articles. */
  fetchedAt: string;
  onFailure?: (failure: Failure) => void;
  /**
   * Locations that failed in an earlier run and are still unresolved: failing again records nothing new,
   * storing resolves them.
   */
  pending?: Iterable<string>;
};

export class IngestPipeline {
  readonly stats: RunStats = emptyRunStats();
  private batch: IngestItem[] = [];
  private readonly batchSize: number;
  private readonly pending: Set<string>;
  /** Pending locations that stored this run: resolved by the transaction of the batch that stores them. */
  private resolved: string[] = [];

  constructor(
    private readonly db: Db,
    private readonly options: PipelineOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pending = new Set(options.pending);
  }

  /**
   * Parses one raw document and queues it; a document that cannot be parsed is recorded, not fatal.
   * `alsoFrom`: other places its article came from (a feed item's article page), whose failures the
   * transaction that stores it resolves, as it does the input's own location's.
   */
  add(input: RawInput & { location: string }, alsoFrom: readonly string[] = []): Article | null {
    this.stats.read++;
    let article: Article;
    try {
      article = parseDocument(input);
    } catch (error) {
      this.fail(input.location, error);
      return null;
    }
    this.push(input, article, undefined, alsoFrom);
    return article;
  }

  /**
   * Takes the outcome of parsing an input elsewhere (a parse thread), exactly as `add` would have. The keys
   * hold what the store needs of the raw bytes, so the input comes without its content: a caller that
   * keeps inputs until their outcomes are stored need not keep their text.
   */
  accept(
    input: Omit<RawInput, 'content'> & { location: string },
    outcome: { article: Article; keys: StoreKeys } | { error: string },
  ): void {
    this.stats.read++;
    if ('error' in outcome) this.fail(input.location, new Error(outcome.error));
    else this.push({ ...input, content: '' }, outcome.article, outcome.keys);
  }

  /**
   * Queues an article parsed elsewhere (a feed item) with the raw input it came from, and the store's keys
   * when they were derived already (then the raw bytes are not kept: the keys hold their archive).
   */
  push(
    input: RawInput & { location: string },
    article: Article,
    keys?: StoreKeys,
    alsoFrom: readonly string[] = [],
  ): void {
    if (this.pending.has(input.location)) this.resolved.push(input.location);
    this.resolved.push(...alsoFrom);
    this.batch.push({
      raw: {
        location: input.location,
        url: input.url ?? article.url,
        format: article.format,
        contentType: input.contentType ?? null,
        content: keys ? null : input.content,
        fetchedAt: this.options.fetchedAt,
      },
      article,
      keys,
    });
    if (this.batch.length >= this.batchSize) this.flush();
  }

  /** Counts a document that failed before parsing (unreadable file, bad JSON line). */
  fail(location: string, error: unknown): void {
    const reason = error instanceof Error ? error.message.replace(`${location}: `, '') : String(error);
    this.stats.failed++;
    this.options.onFailure?.({ location, reason });
    if (this.pending.has(location)) return;
    // Kept once per location until it stores; a later run retries it.
    this.pending.add(location);
    recordFailure(this.db, {
      runId: this.options.runId,
      sourceId: this.options.sourceId ?? null,
      location,
      reason,
    });
  }

  flush(): void {
    if (this.batch.length === 0) return;
    const result = storeArticles(this.db, this.batch, {
      runId: this.options.runId ?? undefined,
      resolves: this.resolved,
    });
    this.stats.new += result.new;
    this.stats.updated += result.updated;
    this.stats.duplicate += result.duplicate;
    this.batch = [];
    for (const location of this.resolved) this.pending.delete(location);
    this.resolved = [];
  }
}
