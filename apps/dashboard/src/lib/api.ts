import type {
  Alert,
  AlertRule,
  ArticleDetail,
  ArticleSummary,
  CompareSeries,
  CoveragePoint,
  getDateRange,
  getTotals,
  listFailures,
  listLanguages,
  listOutlets,
  listRuns,
  listSources,
  listTopics,
  OutletWeeks,
  SharePoint,
  SourceFailureDay,
  SpikePoint,
  SpikeRule,
  StoryDetail,
  StoryPage,
} from '@rasid/db/queries';

// Response shapes of the route handlers, derived from the queries they call so the two cannot drift.

export type CoverageResponse = {
  groupBy: string;
  stackBy: string | null;
  total: number;
  /** First and last day with matching articles (undated ones count on the day first seen). */
  dateRange: ReturnType<typeof getDateRange>;
  points: CoveragePoint[];
};

/** [start, end) character ranges of the search's words, in order. */
export type HighlightRanges = [number, number][];

export type ListedArticle = ArticleSummary & {
  highlights: { title: HighlightRanges; snippet: HighlightRanges };
};

export type ArticlesResponse = { items: ListedArticle[]; nextCursor: string | null; total: number };

export type CompareResponse = { bucket: string; measure: 'count' | 'share'; series: CompareSeries[] };

export type ShareResponse = { bucket: string; by: 'outlet' | 'none'; points: SharePoint[] };

export type HeatmapResponse = OutletWeeks;

export type SourceFailuresResponse = { days: SourceFailureDay[] };

export type ArticleResponse = ArticleDetail & {
  /** The article's story; null before stories were assigned to it. */
  story: { id: number; size: number; outletCount: number } | null;
};

export type FacetsResponse = {
  outlets: ReturnType<typeof listOutlets>;
  topics: ReturnType<typeof listTopics>;
  languages: ReturnType<typeof listLanguages>;
  dateRange: ReturnType<typeof getDateRange>;
  totals: ReturnType<typeof getTotals>;
  /** Subject slug → Arabic name. */
  subjectNamesAr: Record<string, string>;
};

export type RunsResponse = {
  runs: ReturnType<typeof listRuns>;
  sources: ReturnType<typeof listSources>;
  failures: ReturnType<typeof listFailures>;
};

export type StoriesResponse = StoryPage;

export type StoryResponse = StoryDetail;

export type SpikesResponse = {
  rule: Required<SpikeRule> & { historyDays: number };
  /** Only the days the rule flags. */
  spikes: SpikePoint[];
};

export type AlertsResponse = {
  alerts: Alert[];
  rules: AlertRule[];
  outletNames: Record<string, string>;
};

/** An API error carrying the server's own explanation and the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Could not reach the dashboard server. Is `next start` still running?');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
        ? body.error
        : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return body as T;
}
