'use client';

import type { CoveragePoint } from '@rasid/db/queries';
import Link from 'next/link';
import { useMemo } from 'react';
import type { StackDimension, TimeBucket } from '@/lib/filters';
import { useI18n } from '@/lib/i18n-context';
import { FailureShades } from './failure-shades';
import type { ShadedBucket } from './failure-shading';
import { assignColors, compareSeries, defaultMaxSeries, niceTicks, otherColor, pickColor } from './scale';
import { fillBuckets, isPartialBucket, spanEdges, tickLabel } from './time-axis';
import { useMeasuredWidth } from './use-measured-width';

type Series = { key: string | null; label: string; color: string; total: number };

type StackedBarChartProps = {
  points: CoveragePoint[];
  bucket: TimeBucket;
  /** What the stacks are, for the legend and screen readers; null when unstacked. */
  stackName: StackDimension | null;
  /** Where a bar (stack null) or a segment leads. */
  hrefFor: (key: string, stack: string | null) => string;
  maxSeries?: number;
  /** Buckets to flag above their column (spikes), with the text of the flag's tooltip. */
  marks?: ReadonlyMap<string, string>;
  /** The plot's height in pixels: smaller for a chart inside a detail page. */
  height?: number;
  /** Buckets to shade behind their column (days a source was failing), with the shading's text. */
  shaded?: ReadonlyMap<string, ShadedBucket>;
  /** The date filter's days: the axis spans them even where no article falls (see fillBuckets). */
  span?: { from?: string | null; to?: string | null };
};

const margin = { top: 12, right: 12, bottom: 44, left: 52 };
const otherKey = '__other__';
const bucketLabels = { day: 'Day', week: 'Week', month: 'Month' } as const;

/** Coverage over time: one column per bucket, stacked by outlet/topic/language, drawn from API points only. */
export function StackedBarChart({
  points,
  bucket,
  stackName,
  hrefFor,
  maxSeries = defaultMaxSeries,
  marks,
  height = 300,
  shaded,
  span,
}: StackedBarChartProps) {
  const { t, tn, fmt } = useI18n();
  const [figureRef, width] = useMeasuredWidth<HTMLElement>(960);
  // Read once per render: a chart left open past midnight UTC marks the new day on its next data.
  const now = new Date();
  const spanFrom = span?.from ?? null;
  const spanTo = span?.to ?? null;

  const model = useMemo(() => {
    // Series ranked by total; beyond `maxSeries` they are pooled as "Other" so colours stay distinguishable.
    const totals = new Map<string | null, { label: string; total: number }>();
    for (const point of points) {
      const entry = totals.get(point.stack) ?? {
        label: point.stackLabel ?? point.stack ?? t('Articles'),
        total: 0,
      };
      entry.total += point.count;
      totals.set(point.stack, entry);
    }
    const ranked = [...totals.entries()]
      .map(([key, { label, total }]) => ({ key, label, total }))
      .sort(compareSeries);
    const colors = assignColors(ranked, maxSeries);
    const shown = ranked.slice(0, ranked.length > maxSeries ? maxSeries - 1 : maxSeries);
    const pooled = ranked.slice(shown.length);
    const series: Series[] = shown.map(({ key, label, total }) => ({
      key,
      label: key === null && stackName ? t(`No ${stackName}`) : label,
      color: stackName ? (colors.get(key) ?? otherColor) : pickColor(0),
      total,
    }));
    const pooledKeys = new Set(pooled.map(({ key }) => key));
    if (pooled.length > 0) {
      series.push({
        key: otherKey,
        label: t('Other ({n})', { n: fmt.count(pooled.length) }),
        color: otherColor,
        total: pooled.reduce((sum, { total }) => sum + total, 0),
      });
    }

    // Shaded buckets are on the axis even with no article: a failing source's empty days are the point.
    const columns = fillBuckets(
      [...points.map((point) => point.key), ...(shaded?.keys() ?? [])],
      bucket,
      spanEdges({ from: spanFrom, to: spanTo }, bucket, new Date()),
    ).map((key) => ({ key, total: 0, cells: new Map<string | null, number>() }));
    const byKey = new Map(columns.map((column) => [column.key, column]));
    for (const point of points) {
      const column = byKey.get(point.key);
      if (!column) continue;
      const seriesKey = pooledKeys.has(point.stack) ? otherKey : point.stack;
      column.cells.set(seriesKey, (column.cells.get(seriesKey) ?? 0) + point.count);
      column.total += point.count;
    }
    const max = Math.max(0, ...columns.map((column) => column.total));
    return { series, columns, ticks: niceTicks(max) };
  }, [points, bucket, stackName, maxSeries, shaded, spanFrom, spanTo, t, fmt]);

  const { series, columns, ticks } = model;
  const top = ticks[ticks.length - 1] ?? 1;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const step = plotWidth / Math.max(1, columns.length);
  const barWidth = Math.max(1, Math.min(48, step * 0.8));
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  // About one tick label per 72 pixels, so labels never overlap.
  const labelEvery = Math.max(1, Math.ceil(columns.length / Math.max(2, Math.floor(plotWidth / 72))));
  const grandTotal = columns.reduce((sum, column) => sum + column.total, 0);
  const stacked = stackName !== null;
  // A segment of "Other" cannot be drilled into as one stack; it leads to the whole bucket.
  const segmentHref = (key: string, stack: string | null) =>
    hrefFor(key, stack === otherKey || !stacked ? null : stack);

  const summary = `${t(`Articles per ${bucket}`)}${stacked ? ` ${t(`by ${stackName}`)}` : ''}: ${tn('articles', grandTotal)}, ${tn(`${bucket}s`, columns.length)}.`;
  const lastKey = columns[columns.length - 1]?.key;
  const partialKey = lastKey !== undefined && isPartialBucket(lastKey, bucket, now) ? lastKey : null;

  return (
    <figure className="chart" ref={figureRef}>
      {/* A group, not an image: its bars are links, which an image's children would not be. */}
      {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>. */}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="chart-svg"
        role="group"
        aria-label={summary}
        data-testid="time-chart"
      >
        <title>{summary}</title>
        {/* Behind everything: a failing source's days, so an empty column reads as a gap in collection. */}
        {shaded ? (
          <FailureShades
            keys={columns.map((column) => column.key)}
            shaded={shaded}
            bucket={bucket}
            left={margin.left}
            top={margin.top}
            step={step}
            height={plotHeight}
          />
        ) : null}
        {ticks.map((tick) => (
          <g key={tick} className="axis-tick">
            <line
              x1={margin.left}
              x2={width - margin.right}
              y1={y(tick)}
              y2={y(tick)}
              className="grid-line"
            />
            <text x={margin.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" className="axis-label">
              {fmt.count(tick)}
            </text>
          </g>
        ))}
        {columns.map((column, index) => {
          const x = margin.left + index * step + (step - barWidth) / 2;
          const label = fmt.bucket(column.key, bucket);
          const partial = column.key === partialKey;
          // The year is printed on the first label and whenever it differs from the previous *label*'s.
          const previous = index < labelEvery ? null : (columns[index - labelEvery]?.key ?? null);
          const [tickText, yearText] = tickLabel(column.key, bucket, previous, fmt.tick);
          let base = 0;
          return (
            // Links, not click handlers: the chart comes with the server's HTML, so a click before the page
            // has hydrated (or without JavaScript) still opens the list; after hydration <Link> navigates
            // client-side. The column's link (the whole bucket) is its one tab stop; each segment is a link
            // of its own on top of it (a click on it opens that stack within the bucket), left out of the tab
            // order and of the accessibility tree, which reach every cell through the column and the table.
            <g
              key={column.key}
              className={partial ? 'bar-group bar-partial' : 'bar-group'}
              data-partial={partial ? 'true' : undefined}
              data-testid="time-bar"
              data-key={column.key}
              data-count={column.total}
            >
              <Link
                href={hrefFor(column.key, null)}
                prefetch={false}
                className="bar-link"
                tabIndex={column.total > 0 || shaded?.has(column.key) ? 0 : -1}
                aria-label={`${label}${partial ? ` (${t('so far: today is not over (UTC)')})` : ''}: ${tn('articles', column.total)}.${marks?.has(column.key) ? ` ${marks.get(column.key)}.` : ''}${shaded?.has(column.key) ? ` ${shaded.get(column.key)?.text}.` : ''} ${t('Open the list.')}`}
                data-testid="time-bar-link"
              >
                <rect
                  className="bar-hit"
                  x={margin.left + index * step}
                  y={margin.top}
                  width={step}
                  height={plotHeight}
                />
              </Link>
              {series.map((item) => {
                const count = column.cells.get(item.key) ?? 0;
                if (count === 0) return null;
                const y0 = y(base);
                base += count;
                const y1 = y(base);
                return (
                  <Link
                    key={String(item.key)}
                    href={segmentHref(column.key, item.key)}
                    prefetch={false}
                    tabIndex={-1}
                    aria-hidden="true"
                  >
                    <rect
                      className="bar-segment"
                      x={x}
                      y={y1}
                      width={barWidth}
                      height={Math.max(0.5, y0 - y1)}
                      fill={item.color}
                      data-testid="time-segment"
                      data-key={column.key}
                      data-stack={item.key ?? ''}
                      data-count={count}
                    >
                      <title>{`${label} · ${item.label}: ${fmt.count(count)}`}</title>
                    </rect>
                  </Link>
                );
              })}
              {partial && column.total > 0 ? (
                <text
                  x={x + barWidth / 2}
                  y={y(column.total) - 6}
                  textAnchor="middle"
                  className="partial-label"
                  data-testid="partial-label"
                >
                  {t('so far')}
                </text>
              ) : null}
              {index % labelEvery === 0 ? (
                <text
                  x={margin.left + index * step + step / 2}
                  y={height - margin.bottom + 16}
                  textAnchor="middle"
                  className="axis-label"
                >
                  {tickText}
                  {yearText ? (
                    <tspan x={margin.left + index * step + step / 2} dy="1.2em" className="axis-year">
                      {yearText}
                    </tspan>
                  ) : null}
                </text>
              ) : null}
            </g>
          );
        })}
        {/* Outside the columns' groups, so a flag does not change a column's box (what a click aims at). */}
        {marks
          ? columns.map((column, index) => {
              const mark = marks.get(column.key);
              if (mark === undefined) return null;
              const center = margin.left + index * step + step / 2;
              return (
                // A downward triangle just above the column: it points at the bar it flags.
                <path
                  key={column.key}
                  d={`M ${center - 5} ${Math.max(1, y(column.total) - 12)} h 10 l -5 8 z`}
                  className="spike-marker"
                  data-testid="spike-marker"
                  data-key={column.key}
                >
                  <title>{`${fmt.bucket(column.key, bucket)}: ${mark}`}</title>
                </path>
              );
            })
          : null}
        <line x1={margin.left} x2={width - margin.right} y1={y(0)} y2={y(0)} className="axis-line" />
      </svg>
      {partialKey ? (
        <p className="card-note" data-testid="partial-note">
          {t('{bucket} is not over yet (UTC): its bar, drawn paler, counts the articles collected so far.', {
            bucket: fmt.bucket(partialKey, bucket),
          })}
        </p>
      ) : null}
      {stacked ? (
        <figcaption>
          <ul className="legend" aria-label={t(`Colours by ${stackName}`)}>
            {series.map((item) => (
              <li key={String(item.key)}>
                <span className="swatch" style={{ background: item.color }} aria-hidden="true" />
                <span dir="auto">{item.label}</span>
                <span className="legend-count">{fmt.count(item.total)}</span>
              </li>
            ))}
          </ul>
        </figcaption>
      ) : null}
      <details className="chart-data">
        <summary>{t('Show the numbers')}</summary>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t(bucketLabels[bucket])}</th>
                {stacked
                  ? series.map((item) => (
                      <th key={String(item.key)} scope="col" dir="auto">
                        {item.label}
                      </th>
                    ))
                  : null}
                <th scope="col">{t('Total')}</th>
              </tr>
            </thead>
            <tbody>
              {columns
                .filter((column) => column.total > 0)
                .map((column) => (
                  <tr key={column.key}>
                    <th scope="row">
                      <Link href={hrefFor(column.key, null)}>
                        {fmt.bucket(column.key, bucket)}
                        {column.key === partialKey ? ` (${t('so far')})` : ''}
                      </Link>
                    </th>
                    {stacked
                      ? series.map((item) => (
                          <td key={String(item.key)} className="num">
                            {fmt.count(column.cells.get(item.key) ?? 0)}
                          </td>
                        ))
                      : null}
                    <td className="num">{fmt.count(column.total)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
