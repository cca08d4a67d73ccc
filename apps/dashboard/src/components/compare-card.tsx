'use client';

import { type FormEvent, useState } from 'react';
import { Card, Segmented } from '@/components/card';
import type { ShadedBucket } from '@/components/charts/failure-shading';
import { LineChart, type LineSeries, type LineValue } from '@/components/charts/line-chart';
import { pickColor } from '@/components/charts/scale';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import type { FacetsResponse } from '@/lib/api';
import {
  type CompareKind,
  type CompareSpec,
  compareParam,
  type Filters,
  type Measure,
  maxCompare,
  type TimeBucket,
  toSearchParams,
} from '@/lib/filters';
import { useI18n } from '@/lib/i18n-context';
import { useCompare, useTopicName } from '@/lib/queries';

/** A series' own filters: the page's, with the series' one dimension replaced (as the server counts it). */
export function applyCompareSpec(filters: Filters, spec: CompareSpec): Filters {
  if (spec.kind === 'q') return { ...filters, q: spec.value };
  if (spec.kind === 'topic') return { ...filters, topic: [spec.value] };
  return { ...filters, outlet: [Number(spec.value)] };
}

type CompareCardProps = {
  filters: Filters;
  specs: CompareSpec[];
  /** A problem with the URL's `compare=` values, shown instead of the chart. */
  specError: string | null;
  hidden: ReadonlySet<string>;
  bucket: TimeBucket;
  measure: Measure;
  facets: FacetsResponse | undefined;
  onSpecsChange: (next: CompareSpec[]) => void;
  onToggle: (key: string) => void;
  onMeasureChange: (measure: Measure) => void;
  shaded?: ReadonlyMap<string, ShadedBucket>;
};

/**
 * Several searches, topics or outlets side by side on one time axis. The series are `compare=` values
 * in the URL, so a comparison can be shared; the legend's entries show and hide lines.
 */
export function CompareCard({
  filters,
  specs,
  specError,
  hidden,
  bucket,
  measure,
  facets,
  onSpecsChange,
  onToggle,
  onMeasureChange,
  shaded,
}: CompareCardProps) {
  const { t } = useI18n();
  const topicName = useTopicName();
  const compare = useCompare(filters, specError ? [] : specs, bucket, measure);
  const [kind, setKind] = useState<CompareKind>('q');
  const [value, setValue] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const text = value.trim();
    if (!text) {
      setFormError(kind === 'q' ? t('Type a search to compare.') : t('Choose one to compare.'));
      return;
    }
    const spec: CompareSpec = { kind, value: text };
    if (specs.some((other) => compareParam(other) === compareParam(spec))) {
      setFormError(t('This series is already in the chart.'));
      return;
    }
    setFormError(null);
    setValue('');
    onSpecsChange([...specs, spec]);
  };

  const labelOf = (spec: CompareSpec): string => {
    if (spec.kind === 'topic') {
      const topic = facets?.topics.find((item) => item.slug === spec.value);
      return t('Topic: {name}', { name: topicName(spec.value, topic?.name ?? spec.value) });
    }
    if (spec.kind === 'outlet') {
      const outlet = facets?.outlets.find((item) => String(item.id) === spec.value);
      return t('Outlet: {name}', { name: outlet?.name ?? `#${spec.value}` });
    }
    return t('Search: {query}', { query: spec.value });
  };

  const series: LineSeries[] = (compare.data?.series ?? []).map((item, index) => {
    const values = new Map<string, LineValue>();
    for (const point of item.base ?? []) values.set(point.key, { count: 0, base: point.count });
    for (const point of item.points) {
      const base = values.get(point.key)?.base;
      values.set(point.key, base === undefined ? { count: point.count } : { count: point.count, base });
    }
    return {
      key: item.key,
      label: labelOf(item),
      color: pickColor(index),
      values,
      hidden: hidden.has(item.key),
    };
  });

  const hrefFor = (seriesKey: string, bucketKey: string) => {
    const spec = specs.find((item) => compareParam(item) === seriesKey);
    const params = toSearchParams(spec ? applyCompareSpec(filters, spec) : filters);
    params.set('day', bucketKey);
    params.set('bucket', bucket);
    return `/articles?${params}`;
  };

  return (
    <Card
      title={t('Compare')}
      busy={compare.isFetching}
      testId="compare-card"
      controls={
        <Segmented
          label={t('Measure')}
          name="compareMeasure"
          value={measure}
          options={[
            { value: 'count', label: t('Articles') },
            { value: 'share', label: t('Share of output') },
          ]}
          onChange={onMeasureChange}
        />
      }
    >
      <form className="compare-form" onSubmit={add} aria-label={t('Add a series to compare')}>
        <label>
          <span>{t('Compare by')}</span>
          <select
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as CompareKind);
              setValue('');
              setFormError(null);
            }}
          >
            <option value="q">{t('Search')}</option>
            <option value="topic">{t('Topic')}</option>
            <option value="outlet">{t('Outlet')}</option>
          </select>
        </label>
        {kind === 'q' ? (
          <label>
            <span>{t('Search')}</span>
            <input
              type="search"
              dir="auto"
              value={value}
              maxLength={300}
              placeholder={t('e.g. غزة OR رفح')}
              onChange={(event) => setValue(event.target.value)}
              data-testid="compare-input"
            />
          </label>
        ) : (
          <label>
            <span>{kind === 'topic' ? t('Topic') : t('Outlet')}</span>
            <select
              value={value}
              onChange={(event) => setValue(event.target.value)}
              data-testid="compare-select"
            >
              <option value="">{t('Choose…')}</option>
              {kind === 'topic'
                ? facets?.topics.map((topic) => (
                    <option key={topic.slug} value={topic.slug}>
                      {topicName(topic.slug, topic.name)}
                    </option>
                  ))
                : facets?.outlets.map((outlet) => (
                    <option key={outlet.id} value={String(outlet.id)}>
                      {outlet.name}
                    </option>
                  ))}
            </select>
          </label>
        )}
        <button type="submit" className="button-secondary" disabled={specs.length >= maxCompare}>
          {t('Add to the comparison')}
        </button>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
      </form>
      {specs.length > 0 ? (
        <ul className="chips" aria-label={t('Compared series')}>
          {specs.map((spec) => (
            <li key={compareParam(spec)} className="chip">
              <span dir="auto">{labelOf(spec)}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={t('Remove {name}', { name: labelOf(spec) })}
                onClick={() => onSpecsChange(specs.filter((other) => other !== spec))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      {specError ? (
        <ErrorState
          title={t('This link has a comparison the dashboard cannot read')}
          error={specError}
          hint={
            <button type="button" className="link-button" onClick={() => onSpecsChange([])}>
              {t('Remove the comparisons')}
            </button>
          }
        />
      ) : specs.length === 0 ? (
        <EmptyState title={t('Nothing compared yet')}>
          <p>
            {t(
              'Add searches, topics or outlets above: each becomes a line, counted with the dates and other filters of this page.',
            )}
          </p>
        </EmptyState>
      ) : compare.isError ? (
        <ErrorState title={t('Could not load the comparison')} error={compare.error} />
      ) : compare.data ? (
        <>
          <LineChart
            series={series}
            bucket={bucket}
            measure={measure}
            hrefFor={hrefFor}
            onToggle={onToggle}
            shaded={shaded}
            span={filters}
            label={`${t('Compared series')}: ${series
              .filter((item) => !item.hidden)
              .map((item) => item.label)
              .join(', ')}`}
            testId="compare-chart"
          />
          <p className="card-note">
            {measure === 'share'
              ? t(
                  'Each line is the share of its outlets’ own output: matching articles divided by all articles of the same outlets in that period.',
                )
              : t(
                  'Each series keeps this page’s dates and filters and replaces only its own search, topic or outlet.',
                )}
          </p>
        </>
      ) : (
        <LoadingState label={t('Counting articles…')} />
      )}
    </Card>
  );
}
