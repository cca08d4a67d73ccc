'use client';

import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { HorizontalBarChart } from '@/components/charts/horizontal-bar-chart';
import { assignColors, defaultMaxSeries, otherColor } from '@/components/charts/scale';
import { StackedBarChart } from '@/components/charts/stacked-bar-chart';
import { ExportMenu } from '@/components/export-menu';
import { FilterBar } from '@/components/filter-bar';
import { EmptyDatabase, EmptyState, ErrorState, LoadingState } from '@/components/states';
import {
  emptyFilters,
  type Filters,
  type StackDimension,
  stackDimensions,
  type TimeBucket,
  timeBuckets,
  toSearchParams,
} from '@/lib/filters';
import { formatCount, formatDay } from '@/lib/format';
import { useCoverage, useFacets } from '@/lib/queries';
import { useUrlFilters } from '@/lib/use-url-filters';

const subjectColor = '#5b7290';
const sectionColor = '#c7a46a';

// View settings of the overview (not filters): they live in the URL too, but never travel to /articles.
const viewKeys = ['bucket', 'stackBy'] as const;

function readBucket(value: string | null): TimeBucket {
  return (timeBuckets as readonly string[]).includes(value ?? '') ? (value as TimeBucket) : 'month';
}

function readStack(value: string | null): StackDimension | null {
  if (value === 'none') return null;
  return (stackDimensions as readonly string[]).includes(value ?? '') ? (value as StackDimension) : 'outlet';
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
  const { filters, error: urlError, setFilters, searchParams } = useUrlFilters();
  const bucket = readBucket(searchParams.get('bucket'));
  const stackBy = readStack(searchParams.get('stackBy'));

  const facets = useFacets();
  const ready = !urlError;
  const byTime = useCoverage(filters, bucket, stackBy, ready);
  const byOutlet = useCoverage(filters, 'outlet', null, ready);
  const byTopic = useCoverage(filters, 'topic', null, ready);

  const setView = (key: (typeof viewKeys)[number], value: string) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set(key, value);
    window.history.replaceState(null, '', `${pathname}?${params}`);
  };

  if (urlError) {
    return (
      <ErrorState
        title="This link has a filter the dashboard cannot read"
        error={urlError}
        hint={
          <button type="button" className="link-button" onClick={() => setFilters(emptyFilters)}>
            Start again without filters
          </button>
        }
      />
    );
  }
  if (facets.isError) return <ErrorState title="Could not load the dashboard" error={facets.error} />;
  if (facets.data && facets.data.totals.articles === 0) return <EmptyDatabase />;

  const total = byTime.data?.total;
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
      label: point.label,
      count: point.count,
      note: isSection ? 'section' : undefined,
      color: topicColors?.get(point.key) ?? (isSection ? sectionColor : subjectColor),
    };
  });
  const hasSections = topicItems.some((item) => item.note === 'section');
  const range = byTime.data?.dateRange;

  return (
    <div className="stack-lg">
      <FilterBar filters={filters} facets={facets.data} onChange={(next) => setFilters(next, viewKeys)} />
      <div className="view-actions">
        <ExportMenu params={toSearchParams(filters)} total={total} />
      </div>

      <section className="stats" aria-label="Totals">
        <Stat
          label="Matching articles"
          value={total === undefined ? '…' : formatCount(total)}
          testId="total"
        />
        <Stat label="Outlets" value={byOutlet.data ? formatCount(outletItems.length) : '…'} />
        <Stat
          label="Days covered"
          value={range?.from && range.to ? `${formatDay(range.from)} – ${formatDay(range.to)}` : '—'}
          note="undated articles count on the day first seen"
          small
        />
        <Stat
          label="In the database"
          value={facets.data ? formatCount(facets.data.totals.articles) : '…'}
          note={
            facets.data
              ? `${formatCount(facets.data.totals.outlets)} outlets · ${formatCount(facets.data.totals.rawDocuments)} documents collected`
              : undefined
          }
        />
      </section>

      {total === 0 ? (
        <EmptyState title="No articles match these filters">
          <p>Widen the dates, pick other outlets or topics, or clear the search.</p>
          <button type="button" className="link-button" onClick={() => setFilters(emptyFilters, viewKeys)}>
            Clear filters
          </button>
        </EmptyState>
      ) : (
        <>
          <Card
            title="Coverage over time"
            busy={byTime.isFetching}
            testId="time-card"
            controls={
              <>
                <Segmented
                  label="Bucket"
                  value={bucket}
                  options={timeBuckets.map((value) => ({
                    value,
                    label: value[0]?.toUpperCase() + value.slice(1),
                  }))}
                  onChange={(value) => setView('bucket', value)}
                />
                <Segmented
                  label="Stack by"
                  value={stackBy ?? 'none'}
                  options={[
                    { value: 'outlet', label: 'Outlet' },
                    { value: 'topic', label: 'Topic' },
                    { value: 'language', label: 'Language' },
                    { value: 'none', label: 'None' },
                  ]}
                  onChange={(value) => setView('stackBy', value)}
                />
              </>
            }
          >
            {byTime.isError ? (
              <ErrorState title="Could not load the chart" error={byTime.error} />
            ) : byTime.data ? (
              <StackedBarChart
                points={byTime.data.points}
                bucket={bucket}
                stackName={stackBy}
                hrefFor={(key, stack) => timeDrillHref(filters, bucket, stackBy, key, stack)}
              />
            ) : (
              <LoadingState label="Counting articles…" />
            )}
          </Card>

          <div className="grid-2">
            <Card title="By outlet" busy={byOutlet.isFetching} testId="outlet-card">
              {byOutlet.isError ? (
                <ErrorState title="Could not load outlets" error={byOutlet.error} />
              ) : byOutlet.data ? (
                <HorizontalBarChart
                  itemName="outlet"
                  items={outletItems}
                  barTestId="outlet-bar"
                  hrefFor={(key) => articlesHref(filters, { outletId: key })}
                  initialRows={20}
                />
              ) : (
                <LoadingState />
              )}
            </Card>
            <Card title="By topic" busy={byTopic.isFetching} testId="topic-card">
              {byTopic.isError ? (
                <ErrorState title="Could not load topics" error={byTopic.error} />
              ) : byTopic.data ? (
                topicItems.length === 0 ? (
                  <EmptyState title="No topics on these articles">
                    <p>The parser found no subject or section for them.</p>
                  </EmptyState>
                ) : (
                  <HorizontalBarChart
                    itemName="topic"
                    items={topicItems}
                    barTestId="topic-bar"
                    legend={
                      hasSections && !topicColors
                        ? [
                            { label: 'Subject', color: subjectColor },
                            { label: 'Section, as the outlet files it', color: sectionColor },
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
                An article can have several topics, so these bars may add up to more than the total.
              </p>
            </Card>
          </div>
        </>
      )}
    </div>
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

function Card({
  title,
  controls,
  busy,
  testId,
  children,
}: {
  title: string;
  controls?: ReactNode;
  busy: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-busy={busy} data-testid={testId}>
      <header className="card-header">
        <h2>{title}</h2>
        {controls ? <div className="card-controls">{controls}</div> : null}
      </header>
      {children}
    </section>
  );
}

function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="segmented">
      <legend>{label}</legend>
      {options.map((option) => (
        <label key={option.value} className={option.value === value ? 'active' : undefined}>
          <input
            type="radio"
            name={label}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
