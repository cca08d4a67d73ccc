'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import type { TimeBucket } from '@/lib/filters';
import { intlTag } from '@/lib/i18n';
import { useI18n } from '@/lib/i18n-context';
import { niceTicks } from './scale';
import { fillBuckets, isPartialBucket, tickLabel } from './time-axis';
import { useMeasuredWidth } from './use-measured-width';

export type LineValue = { count: number; base?: number };

export type LineSeries = {
  key: string;
  label: string;
  color: string;
  /** Bucket key → its numbers; a bucket missing here is 0 articles (or, as a share, nothing to divide). */
  values: ReadonlyMap<string, LineValue>;
  hidden: boolean;
};

type LineChartProps = {
  series: LineSeries[];
  bucket: TimeBucket;
  /** 'share' draws count / base (the outlets' own output) as a percentage. */
  measure: 'count' | 'share';
  /** Where a point (series, bucket) leads. */
  hrefFor: (seriesKey: string, bucketKey: string) => string;
  onToggle: (seriesKey: string) => void;
  /** Buckets to shade behind the lines (days a source was failing), with the shading's text. */
  shaded?: ReadonlyMap<string, string>;
  /** Accessible name of the whole chart. */
  label: string;
  testId: string;
  height?: number;
};

const margin = { top: 14, right: 16, bottom: 44, left: 56 };
const bucketLabels = { day: 'Day', week: 'Week', month: 'Month' } as const;

/**
 * Series side by side on one time axis, as lines: compared searches, topics or outlets, or each outlet's
 * share of its own output. The legend's entries are toggle buttons; the table below holds every number
 * as a link, which is how keyboard and screen-reader users reach each point.
 */
export function LineChart({
  series,
  bucket,
  measure,
  hrefFor,
  onToggle,
  shaded,
  label,
  testId,
  height = 300,
}: LineChartProps) {
  const router = useRouter();
  const { t, fmt, locale } = useI18n();
  const [figureRef, width] = useMeasuredWidth<HTMLElement>(960);
  const now = new Date();
  const percent = useMemo(
    () => new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits: 1 }),
    [locale],
  );

  const plotValue = (value: LineValue | undefined): number | null => {
    if (measure === 'count') return value?.count ?? 0;
    if (!value?.base) return null;
    return (value.count / value.base) * 100;
  };
  const show = (value: LineValue | undefined): string => {
    if (measure === 'count') return fmt.count(value?.count ?? 0);
    if (!value?.base) return '—';
    return `${percent.format(value.count / value.base)} (${fmt.count(value.count)} / ${fmt.count(value.base)})`;
  };

  const columns = useMemo(
    () =>
      fillBuckets(
        series.flatMap((item) => [...item.values.keys()]),
        bucket,
      ),
    [series, bucket],
  );
  const visible = series.filter((item) => !item.hidden);
  const max = Math.max(
    0,
    ...visible.flatMap((item) => columns.map((key) => plotValue(item.values.get(key)) ?? 0)),
  );
  const ticks = niceTicks(measure === 'share' ? Math.min(100, Math.ceil(max)) : max);
  const top = ticks[ticks.length - 1] ?? 1;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const step = plotWidth / Math.max(1, columns.length);
  const x = (index: number) => margin.left + index * step + step / 2;
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(columns.length / Math.max(2, Math.floor(plotWidth / 72))));
  const lastKey = columns[columns.length - 1];
  const partialKey = lastKey !== undefined && isPartialBucket(lastKey, bucket, now) ? lastKey : null;
  const tickText = (value: number) => (measure === 'share' ? percent.format(value / 100) : fmt.count(value));

  return (
    <figure className="chart" ref={figureRef} data-testid={testId}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="chart-svg"
        role="img"
        aria-label={label}
      >
        <title>{label}</title>
        {shaded
          ? columns.map((key, index) => {
              const text = shaded.get(key);
              if (text === undefined) return null;
              return (
                <rect
                  key={`shade-${key}`}
                  className="failure-shade"
                  x={margin.left + index * step}
                  y={margin.top}
                  width={step}
                  height={plotHeight}
                  data-testid="failure-shade"
                  data-key={key}
                >
                  <title>{`${fmt.bucket(key, bucket)}: ${text}`}</title>
                </rect>
              );
            })
          : null}
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
              {tickText(tick)}
            </text>
          </g>
        ))}
        {columns.map((key, index) => {
          if (index % labelEvery !== 0) return null;
          const previous = index < labelEvery ? null : (columns[index - labelEvery] ?? null);
          const [text, year] = tickLabel(key, bucket, previous, fmt.tick);
          return (
            <text
              key={key}
              x={x(index)}
              y={height - margin.bottom + 16}
              textAnchor="middle"
              className="axis-label"
            >
              {text}
              {year ? (
                <tspan x={x(index)} dy="1.2em" className="axis-year">
                  {year}
                </tspan>
              ) : null}
            </text>
          );
        })}
        {visible.map((item) => {
          // A share is undefined where the outlets published nothing: the line breaks there.
          let path = '';
          let pen = false;
          columns.forEach((key, index) => {
            const value = plotValue(item.values.get(key));
            if (value === null) {
              pen = false;
              return;
            }
            path += `${pen ? 'L' : 'M'} ${x(index).toFixed(1)} ${y(value).toFixed(1)} `;
            pen = true;
          });
          return (
            <g key={item.key} data-testid="line-series" data-series={item.key}>
              <path d={path} className="line-path" stroke={item.color} />
              {columns.map((key, index) => {
                const value = item.values.get(key);
                const shown = plotValue(value);
                if (shown === null) return null;
                return (
                  // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; keyboard users open the same list from the table's links.
                  <circle
                    key={key}
                    className={key === partialKey ? 'line-point line-point-partial' : 'line-point'}
                    cx={x(index)}
                    cy={y(shown)}
                    r={columns.length > 120 ? 1.5 : 3}
                    fill={item.color}
                    data-testid="line-point"
                    data-series={item.key}
                    data-key={key}
                    data-count={value?.count ?? 0}
                    data-base={value?.base}
                    onClick={() => router.push(hrefFor(item.key, key))}
                  >
                    <title>{`${item.label} · ${fmt.bucket(key, bucket)}: ${show(value)}`}</title>
                  </circle>
                );
              })}
            </g>
          );
        })}
        <line x1={margin.left} x2={width - margin.right} y1={y(0)} y2={y(0)} className="axis-line" />
      </svg>
      <figcaption>
        <ul className="legend legend-toggles" aria-label={t('Series (press to show or hide)')}>
          {series.map((item) => {
            const total = [...item.values.values()].reduce((sum, value) => sum + value.count, 0);
            return (
              <li key={item.key}>
                <button
                  type="button"
                  className="legend-toggle"
                  aria-pressed={!item.hidden}
                  data-testid="legend-toggle"
                  data-series={item.key}
                  onClick={() => onToggle(item.key)}
                >
                  <span
                    className="swatch"
                    style={{ background: item.hidden ? 'transparent' : item.color, borderColor: item.color }}
                    aria-hidden="true"
                  />
                  <span dir="auto">{item.label}</span>
                  <span className="legend-count">{fmt.count(total)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </figcaption>
      <details className="chart-data">
        <summary>{t('Show the numbers')}</summary>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t(bucketLabels[bucket])}</th>
                {visible.map((item) => (
                  <th key={item.key} scope="col" dir="auto">
                    {item.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {columns.map((key) => (
                <tr key={key}>
                  <th scope="row">
                    {fmt.bucket(key, bucket)}
                    {key === partialKey ? ` (${t('so far')})` : ''}
                    {shaded?.has(key) ? ` — ${shaded.get(key)}` : ''}
                  </th>
                  {visible.map((item) => (
                    <td key={item.key} className="num">
                      <Link href={hrefFor(item.key, key)}>{show(item.values.get(key))}</Link>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
