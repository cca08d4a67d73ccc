// What a collecting job needs for one run of one source, beside the source itself.
import type { Db } from '@rasid/db/client';
import type { PoliteFetcher } from '../collect/polite.ts';
import type { IngestPipeline } from '../pipeline.ts';

export type CollectContext = {
  db: Db;
  pipeline: IngestPipeline;
  /** Paced per host, robots.txt for pages; one per run, so hosts found down are skipped for the run. */
  fetcher: PoliteFetcher;
  runId: number;
  sourceId: number;
  /** Locations of this source's failures still waiting for a retry when the run began. */
  pending: ReadonlySet<string>;
  /** Article pages fetched per run at most; the rest wait for a later run. */
  maxPagesPerRun: number;
};

export type Validators = { etag: string | null; lastModified: string | null };

export type CollectResult = Validators & {
  notModified: boolean;
  /** Items (feed items, sitemap URLs, the one page) the source listed this run. */
  items: number;
  /** Article pages fetched this run, and those left for a later run by the per-run cap. */
  pagesFetched: number;
  pagesLeft: number;
  /**
   * Every location the source lists now, when it was read in full: a pending failure at a location not
   * in it can never be retried (the item left the feed or the sitemap). Null when unknown (304, a page).
   */
  listed: ReadonlySet<string> | null;
  /** Problems that failed nothing but are worth a log line (sitemap entries without a usable <loc>). */
  warnings?: string[];
};
