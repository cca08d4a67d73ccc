'use client';

import type { CoveragePoint } from '@rasid/db/queries';
import { usePathname } from 'next/navigation';
import { Card, Segmented } from '@/components/card';
import { type ShadedBucket, shadeFailures } from '@/components/charts/failure-shading';
import { HeatMap } from '@/components/charts/heat-map';
import { HorizontalBarChart } from '@/components/charts/horizontal-bar-chart';
import { LineChart, type LineSeries, type LineValue } from '@/components/charts/line-chart';
import { assignColors, defaultMaxSeries, otherColor, pickColor } from '@/components/charts/scale';
import { StackedBarChart } from '@/components/charts/stacked-bar-chart';
import { bucketOfDay } from '@/components/charts/time-axis';
import { CompareCard } from '@/components/compare-card';
import { ExportMenu } from '@/components/export-menu';
import { FilterBar } from '@/components/filter-bar';
import { EmptyDatabase, EmptyState, ErrorState, LoadingState } from '@/components/states';
import { TopTermsCard } from '@/components/top-terms-card';
import { ApiError } from '@/lib/api';
import {
  BadParamError,
  type CompareSpec,
  compareParam,
  emptyFilters,
  type Filters,
  type Measure,
  parseCompareParams,
  readStackBy,
  readTimeBucket,
  type StackDimension,
  type TimeBucket,
  timeBuckets,
  toSearchParams,
} from '@/lib/filters';
import { useI18n } from '@/lib/i18n-context';
import {
  useCoverage,
  useFacets,
  useHeatmap,
  useShare,
  useSourceFailures,
  useSpikes,
  useTopicName,
} from '@/lib/queries';
import { useUrlFilters } from '@/lib/use-url-filters';

const subjectColor = '#5b7290';
const bucketLabels = { day: 'Day', week: 'Week', month: 'Month' } as const;
const sectionColor = '#c7a46a';

// View settings of the overview (not filters): they live in the URL too, but never travel to /articles.
// `compare` (repeated) holds the compared series, `hide` the series whose legend entry is switched off.
const viewKeys = ['bucket', 'stackBy', 'measure', 'compare', 'hide'] as const;

function readMeasure(value: string | null): Measure {
  return value === 'share' ? 'share' : 'count';
}

function readCompare(search: URLSearchParams): { specs: CompareSpec[]; error: string | null } {
  try {
    return { specs: parseCompareParams(search).compare, error: null };
  } catch (error) {
    if (error instanceof BadParamError) return { specs: [], error: error.message };
    throw error;
  }
}

function articlesHref(filters: Filters, extra: Record<string, string>): string {
  const params = toSearchParams(filters);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return `/articles?${params}`;
}

/** Where a click on the time chart leads: the bucket, narrowed to the segment's outlet/topic/language. */
function timeDrillHref(
  filters: Filters,
  bucket: TimeBucket,
  stackBy: StackDimension | null,
  key: string,
  stack: string | null,
): string {
  const extra: Record<string, string> = { day: key, bucket };
  if (stack !== null && stackBy === 'outlet') extra.outletId = stack;
  if (stack !== null && stackBy === 'topic') extra.inTopic = stack;
  // Languages are a plain filter: narrowing {ar, fr} to fr is the same set as the segment.
  const narrowed = stack !== null && stackBy === 'language' ? { ...filters, lang: [stack] } : filters;
  return articlesHref(narrowed, extra);
}

export function Overview() {
  const pathname = usePathname();
  const { t, tn, fmt } = useI18n();
  const { filters, error: urlError, setFilters, searchParams } = useUrlFilters();
  const bucket = readTimeBucket(searchParams.get('bucket'));
  const stackBy = readStackBy(searchParams.get('stackBy'));
  const measure = readMeasure(searchParams.get('measure'));
  // Only `compare` is read here: the chart's own bucket and measure settings are lenient like the others.
  const compareOnly = new URLSearchParams();
  for (const value of searchParams.getAll('compare')) compareOnly.append('compare', value);
  const { specs: compareSpecs, error: compareError } = readCompare(compareOnly);
  const hidden = new Set(searchParams.getAll('hide'));

  const facets = useFacets();
  const topicName = useTopicName();
  const ready = !urlError;
  const byTime = useCoverage(filters, bucket, stackBy, ready);
  const byOutlet = useCoverage(filters, 'outlet', null, ready);
  const byTopic = useCoverage(filters, 'topic', null, ready);
  // Better-sqlite3 answers one request at a time: the slower panels (spikes, heat map, top terms) ask once
  // the time chart has its data, so they never hold up the chart (at 1M articles they took it from ~1 s
  // to 4–6 s).
  const drawn = ready && byTime.data !== undefined;
  const spikes = useSpikes(filters, drawn);
  // A share is of each outlet's own output; split by topic or language it would mean something else.
  const shareByOutlet = stackBy === 'outlet';
  const share = useShare(filters, bucket, shareByOutlet, ready && measure === 'share');
  const heatmap = useHeatmap(filters, drawn);
  // Every failing day within the filters' dates (all of them without dates): the ones outside the data's
  // days are said in the note rather than dropped.
  const failures = useSourceFailures(filters.from ?? null, filters.to ?? null, filters.outlet, ready);

  const setView = (key: (typeof viewKeys)[number], value: string) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set(key, value);
    window.history.replaceState(null, '', `${pathname}?${params}`);
  };
  // A new comparison is a new view (Back returns to the previous one); showing or hiding a line is not.
  const setCompare = (next: CompareSpec[]) => {
    const params = new URLSearchParams(searchParams.toString());
    params.delete('compare');
    for (const spec of next) params.append('compare', compareParam(spec));
    const keys = new Set(next.map(compareParam));
    const keptHidden = params.getAll('hide').filter((key) => keys.has(key) || key.startsWith('share:'));
    params.delete('hide');
    for (const key of keptHidden) params.append('hide', key);
    window.history.pushState(null, '', `${pathname}?${params}`);
  };
  const toggleSeries = (key: string) => {
    const params = new URLSearchParams(searchParams.toString());
    const next = params.getAll('hide').filter((other) => other !== key);
    if (!hidden.has(key)) next.push(key);
    params.delete('hide');
    for (const other of next) params.append('hide', other);
    window.history.replaceState(null, '', `${pathname}?${params}`);
  };

  if (urlError) {
    return (
      <ErrorState
        title={t('This link has a filter the dashboard cannot read')}
        error={urlError}
        hint={
          <button type="button" className="link-button" onClick={() => setFilters(emptyFilters)}>
            {t('Start again without filters')}
          </button>
        }
      />
    );
  }
  if (facets.isError)
    return (
      <ErrorState
        title={t('Could not load the dashboard')}
        error={facets.error}
        hint={t(
          'Check that the dashboard server is running and RASID_DB points at the database, then reload.',
        )}
      />
    );
  if (facets.data && facets.data.totals.articles === 0) return <EmptyDatabase />;

  const total = byTime.data?.total;
  // A 400 (a search the server cannot parse, say) fails every chart alike: one message, and the way out.
  const refused = [byTime.error, byOutlet.error, byTopic.error].find(
    (error) => error instanceof ApiError && error.status === 400,
  );
  const outletPoints = byOutlet.data?.points ?? [];
  const topicPoints = byTopic.data?.points ?? [];
  // Outlets keep their time-chart colour in the bar chart; topics too when the time chart stacks by topic.
  const outletColors = assignColors(
    outletPoints.map((point) => ({ key: point.key, total: point.count })),
    defaultMaxSeries,
  );
  const topicColors =
    stackBy === 'topic'
      ? assignColors(
          topicPoints.map((point) => ({ key: point.key, total: point.count })),
          defaultMaxSeries,
        )
      : null;
  const outletItems = outletPoints.map((point) => ({
    key: point.key,
    label: point.label,
    count: point.count,
    color: outletColors.get(point.key) ?? otherColor,
  }));
  const topicKinds = new Map((facets.data?.topics ?? []).map((topic) => [topic.slug, topic.kind]));
  const topicItems = topicPoints.map((point) => {
    const isSection = topicKinds.get(point.key) === 'section';
    return {
      key: point.key,
      label: topicName(point.key, point.label),
      count: point.count,
      note: isSection ? t('section') : undefined,
      color: topicColors?.get(point.key) ?? (isSection ? sectionColor : subjectColor),
    };
  });
  const hasSections = topicItems.some((item) => topicKinds.get(item.key) === 'section');
  const range = byTime.data?.dateRange;
  // Spike days, marked on the bucket holding them: a week or month column says which of its days jumped.
  const spikeDays = spikes.data?.spikes ?? [];
  const spikeMarks = new Map<string, string>();
  for (const spike of spikeDays) {
    const key = bucketOfDay(spike.day, bucket);
    const text = t('spike on {day}: {count} against about {mean} a day in the {n} days before', {
      day: fmt.day(spike.day),
      count: fmt.count(spike.count),
      mean: fmt.count(Math.round(spike.mean)),
      n: fmt.count(spike.history),
    });
    const previous = spikeMarks.get(key);
    spikeMarks.set(key, previous ? `${previous}; ${text}` : text);
  }
  const rule = spikes.data?.rule;
  // Days a source was failing, on the bucket holding them: a low column there may be a gap in collection.
  // Within the chart's dates they are shaded (and put on the axis even with no article that day); before
  // or after them they are named in the note, so an outage after the last article is not left unsaid.
  const failureDays = failures.data?.days ?? [];
  const shading = shadeFailures(
    failureDays,
    bucket,
    filters.from ?? range?.from ?? null,
    filters.to ?? range?.to ?? null,
  );
  const shaded = new Map<string, ShadedBucket>(
    [...shading.shades].map(([key, shade]) => [
      key,
      {
        text: t('collection failing on {days} ({sources}): articles may be missing', {
          days:
            bucket === 'day'
              ? tn('days', shade.days.length)
              : t('{n} of {days}', { n: fmt.count(shade.days.length), days: tn('days', shade.ofDays) }),
          sources: shade.sources.join(', '),
        }),
        spans: shade.spans,
      },
    ]),
  );
  const shadedDays = [...shading.shades.values()].reduce((sum, shade) => sum + shade.days.length, 0);
  const failingSources = new Set([...shading.shades.values()].flatMap((shade) => shade.sources));
  const outsideFirst = shading.outside[0]?.day;
  const outsideLast = shading.outside.at(-1)?.day;
  // Share of output: one line per outlet (its own output), or one for the filtered outlets together.
  const shareSeries: LineSeries[] = [];
  if (share.data) {
    const byStack = new Map<string, { label: string; values: Map<string, LineValue>; count: number }>();
    for (const point of share.data.points) {
      const key = `share:${point.stack ?? 'all'}`;
      const entry = byStack.get(key) ?? {
        label: point.stackLabel ?? t('All matching articles'),
        values: new Map<string, LineValue>(),
        count: 0,
      };
      entry.values.set(point.key, { count: point.count, base: point.base });
      entry.count += point.count;
      byStack.set(key, entry);
    }
    for (const [key, entry] of [...byStack].sort((a, b) => b[1].count - a[1].count)) {
      const outletId = key.slice('share:'.length);
      shareSeries.push({
        key,
        label: entry.label,
        color: shareByOutlet ? (outletColors.get(outletId) ?? otherColor) : pickColor(0),
        values: entry.values,
        hidden: hidden.has(key),
      });
    }
  }
  const shareHref = (seriesKey: string, bucketKey: string) => {
    const stack = seriesKey.slice('share:'.length);
    return articlesHref(filters, {
      day: bucketKey,
      bucket,
      ...(shareByOutlet && stack !== 'all' ? { outletId: stack } : {}),
    });
  };
  // Stack names the interface can say in its own language: subjects and languages (outlets are names).
  const localizeStacks = (points: CoveragePoint[]): CoveragePoint[] =>
    stackBy === 'topic' || stackBy === 'language'
      ? points.map((point) =>
          point.stack === null
            ? point
            : {
                ...point,
                stackLabel:
                  stackBy === 'topic'
                    ? topicName(point.stack, point.stackLabel ?? point.stack)
                    : fmt.language(point.stack),
              },
        )
      : points;

  return (
    <div className="stack-lg">
      <FilterBar filters={filters} facets={facets.data} onChange={(next) => setFilters(next, viewKeys)} />
      <div className="view-actions">
        <ExportMenu params={toSearchParams(filters)} total={total} />
      </div>

      <section className="stats" aria-label={t('Totals')}>
        <Stat
          label={t('Matching articles')}
          value={total === undefined ? '…' : fmt.count(total)}
          testId="total"
        />
        <Stat label={t('Outlets')} value={byOutlet.data ? fmt.count(outletItems.length) : '…'} />
        <Stat
          label={t('Days covered')}
          value={range?.from && range.to ? `${fmt.day(range.from)} – ${fmt.day(range.to)}` : '—'}
          note={t('undated articles count on the day first seen')}
          small
        />
        <Stat
          label={t('In the database')}
          value={facets.data ? fmt.count(facets.data.totals.articles) : '…'}
          note={
            facets.data
              ? `${tn('outlets', facets.data.totals.outlets)} · ${tn('documents collected', facets.data.totals.rawDocuments)}`
              : undefined
          }
        />
      </section>

      {refused ? (
        <ErrorState
          title={t('These filters cannot be applied')}
          error={refused}
          hint={
            <button
              type="button"
              className="link-button"
              onClick={() => setFilters(filters.q ? { ...filters, q: undefined } : emptyFilters, viewKeys)}
            >
              {filters.q ? t('Clear the search') : t('Clear filters')}
            </button>
          }
        />
      ) : total === 0 ? (
        <EmptyState title={t('No articles match these filters')}>
          <p>{t('Widen the dates, pick other outlets or topics, or clear the search.')}</p>
          <button type="button" className="link-button" onClick={() => setFilters(emptyFilters, viewKeys)}>
            {t('Clear filters')}
          </button>
        </EmptyState>
      ) : (
        <>
          <Card
            title={t('Coverage over time')}
            busy={byTime.isFetching}
            testId="time-card"
            controls={
              <>
                <Segmented
                  label={t('Bucket')}
                  name="bucket"
                  value={bucket}
                  options={timeBuckets.map((value) => ({ value, label: t(bucketLabels[value]) }))}
                  onChange={(value) => setView('bucket', value)}
                />
                <Segmented
                  label={measure === 'share' ? t('Split by') : t('Stack by')}
                  name="stackBy"
                  value={stackBy ?? 'none'}
                  options={[
                    { value: 'outlet', label: t('Outlet') },
                    { value: 'topic', label: t('Topic') },
                    { value: 'language', label: t('Language') },
                    { value: 'none', label: t('None') },
                  ]}
                  onChange={(value) => setView('stackBy', value)}
                />
                <Segmented
                  label={t('Measure')}
                  name="measure"
                  value={measure}
                  options={[
                    { value: 'count', label: t('Articles') },
                    { value: 'share', label: t('Share of output') },
                  ]}
                  onChange={(value) => setView('measure', value)}
                />
              </>
            }
          >
            {byTime.isError ? (
              <ErrorState
                title={t('Could not load the chart')}
                error={byTime.error}
                hint={<RetryButton onClick={() => byTime.refetch()} />}
              />
            ) : measure === 'share' ? (
              share.isError ? (
                <ErrorState
                  title={t('Could not load the chart')}
                  error={share.error}
                  hint={<RetryButton onClick={() => share.refetch()} />}
                />
              ) : share.data ? (
                <>
                  <LineChart
                    series={shareSeries}
                    bucket={bucket}
                    measure="share"
                    hrefFor={shareHref}
                    onToggle={toggleSeries}
                    shaded={shaded}
                    span={filters}
                    label={t(`Articles per ${bucket}`)}
                    testId="share-chart"
                  />
                  <p className="card-note" data-testid="share-note">
                    {shareByOutlet
                      ? t(
                          'Each line is an outlet’s matching articles as a share of all its own articles in that period.',
                        )
                      : t(
                          'The line is the matching articles as a share of all articles of the chosen outlets in that period. Split by outlet to see each outlet’s own share.',
                        )}
                  </p>
                </>
              ) : (
                <LoadingState label={t('Counting articles…')} />
              )
            ) : byTime.data ? (
              <StackedBarChart
                points={localizeStacks(byTime.data.points)}
                bucket={bucket}
                stackName={stackBy}
                hrefFor={(key, stack) => timeDrillHref(filters, bucket, stackBy, key, stack)}
                marks={spikeMarks}
                shaded={shaded}
                span={filters}
              />
            ) : (
              <LoadingState label={t('Counting articles…')} />
            )}
            {rule && !byTime.isError ? (
              <p className="card-note spike-note" data-testid="spike-note">
                <svg width="12" height="10" viewBox="0 0 12 10" aria-hidden="true">
                  <path d="M 1 1 h 10 l -5 8 z" className="spike-marker" />
                </svg>{' '}
                {spikeDays.length > 0
                  ? t(
                      '{spikes}: days with far more articles than the {n} days before (over the mean + {k} standard deviations, and at least {min}).',
                      {
                        spikes: tn('spike days', spikeDays.length),
                        n: fmt.count(rule.historyDays),
                        k: fmt.count(rule.k),
                        min: fmt.count(rule.minCount),
                      },
                    )
                  : t('No spike in these dates: no day has far more articles than the {n} days before.', {
                      n: fmt.count(rule.historyDays),
                    })}
              </p>
            ) : null}
            {(shadedDays > 0 || outsideFirst) && !byTime.isError ? (
              <p className="card-note failure-note" data-testid="failure-note">
                <span className="failure-swatch" aria-hidden="true" />{' '}
                {shadedDays > 0
                  ? t(
                      'Shaded: {days} on which a source was failing ({sources}). Fewer articles there may be a gap in collection, not silence.',
                      { days: tn('days', shadedDays), sources: [...failingSources].join(', ') },
                    )
                  : ''}
                {outsideFirst && outsideLast ? (
                  <span data-testid="failure-outside">
                    {shadedDays > 0 ? ' ' : ''}
                    {t(
                      'A source was also failing on {days} outside these dates ({dates}); widen the dates to see them.',
                      {
                        days: tn('days', shading.outside.length),
                        dates:
                          outsideFirst === outsideLast
                            ? fmt.day(outsideFirst)
                            : `${fmt.day(outsideFirst)} – ${fmt.day(outsideLast)}`,
                      },
                    )}
                  </span>
                ) : null}
              </p>
            ) : null}
          </Card>

          <CompareCard
            filters={filters}
            specs={compareSpecs}
            specError={compareError}
            hidden={hidden}
            bucket={bucket}
            measure={measure}
            facets={facets.data}
            onSpecsChange={setCompare}
            onToggle={toggleSeries}
            onMeasureChange={(value) => setView('measure', value)}
            shaded={shaded}
          />

          <div className="grid-2">
            <Card title={t('By outlet')} busy={byOutlet.isFetching} testId="outlet-card">
              {byOutlet.isError ? (
                <ErrorState
                  title={t('Could not load outlets')}
                  error={byOutlet.error}
                  hint={<RetryButton onClick={() => byOutlet.refetch()} />}
                />
              ) : byOutlet.data ? (
                <HorizontalBarChart
                  itemName={t('Outlet')}
                  itemsName={t('outlets')}
                  items={outletItems}
                  barTestId="outlet-bar"
                  hrefFor={(key) => articlesHref(filters, { outletId: key })}
                  initialRows={20}
                />
              ) : (
                <LoadingState />
              )}
            </Card>
            <Card title={t('By topic')} busy={byTopic.isFetching} testId="topic-card">
              {byTopic.isError ? (
                <ErrorState
                  title={t('Could not load topics')}
                  error={byTopic.error}
                  hint={<RetryButton onClick={() => byTopic.refetch()} />}
                />
              ) : byTopic.data ? (
                topicItems.length === 0 ? (
                  <EmptyState title={t('No topics on these articles')}>
                    <p>{t('The parser found no subject or section for them.')}</p>
                  </EmptyState>
                ) : (
                  <HorizontalBarChart
                    itemName={t('Topic')}
                    itemsName={t('topics')}
                    items={topicItems}
                    barTestId="topic-bar"
                    legend={
                      hasSections && !topicColors
                        ? [
                            { label: t('Subject'), color: subjectColor },
                            { label: t('Section, as the outlet files it'), color: sectionColor },
                          ]
                        : undefined
                    }
                    hrefFor={(key) => articlesHref(filters, { inTopic: key })}
                  />
                )
              ) : (
                <LoadingState />
              )}
              <p className="card-note">
                {t('An article can have several topics, so these bars may add up to more than the total.')}
              </p>
            </Card>
          </div>

          <TopTermsCard filters={filters} enabled={drawn} />

          <Card title={t('Outlets by week')} busy={heatmap.isFetching} testId="heatmap-card">
            {heatmap.isError ? (
              <ErrorState
                title={t('Could not load the heat map')}
                error={heatmap.error}
                hint={<RetryButton onClick={() => heatmap.refetch()} />}
              />
            ) : heatmap.data ? (
              <HeatMap
                data={heatmap.data}
                hrefFor={(outletId, week) =>
                  articlesHref(filters, { day: week, bucket: 'week', outletId: String(outletId) })
                }
              />
            ) : (
              <LoadingState />
            )}
          </Card>
        </>
      )}
    </div>
  );
}

function RetryButton({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="link-button" onClick={onClick}>
      {t('Try again')}
    </button>
  );
}

function Stat({
  label,
  value,
  note,
  small,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  small?: boolean;
  testId?: string;
}) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className={small ? 'stat-value stat-value-small' : 'stat-value'} data-testid={testId}>
        {value}
      </span>
      {note ? <span className="stat-note">{note}</span> : null}
    </div>
  );
}
