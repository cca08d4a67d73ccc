'use client';

import Link from 'next/link';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import type { TimeBucket } from '@/lib/filters';
import { intlTag } from '@/lib/i18n';
import { useI18n } from '@/lib/i18n-context';
import { FailureShades } from './failure-shades';
import type { ShadedBucket } from './failure-shading';
import { niceTicks } from './scale';
import { fillBuckets, isPartialBucket, spanEdges, tickLabel } from './time-axis';
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
  shaded?: ReadonlyMap<string, ShadedBucket>;
  /** The date filter's days: the axis spans them even where no article falls (see fillBuckets). */
  span?: { from?: string | null; to?: string | null };
  /** Accessible name of the whole chart. */
  label: string;
  testId: string;
  height?: number;
};

const margin = { top: 14, right: 16, bottom: 44, left: 56 };
const bucketLabels = { day: 'Day', week: 'Week', month: 'Month' } as const;

/**
 * Series side by side on one time axis, as lines: compared searches, topics or outlets, or each outlet's
 * share of its own output. The legend's entries are toggle buttons. Every point is a link to its articles
 * and the points are one tab stop (like a grid): the arrow keys move along a line (left, right, Home, End)
 * and between lines (up, down), the focused point's value is written beside it and read out, and Enter
 * opens it. The table below holds every number as well.
 */
export function LineChart({
  series,
  bucket,
  measure,
  hrefFor,
  onToggle,
  shaded,
  span,
  label,
  testId,
  height = 300,
}: LineChartProps) {
  const { t, fmt, locale } = useI18n();
  const [figureRef, width] = useMeasuredWidth<HTMLElement>(960);
  const now = new Date();
  const spanFrom = span?.from ?? null;
  const spanTo = span?.to ?? null;
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
        [...series.flatMap((item) => [...item.values.keys()]), ...(shaded?.keys() ?? [])],
        bucket,
        spanEdges({ from: spanFrom, to: spanTo }, bucket, new Date()),
      ),
    [series, bucket, shaded, spanFrom, spanTo],
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

  // Keyboard: which point holds the chart's one tab stop, and which one has focus (its value is drawn).
  const svgRef = useRef<SVGSVGElement>(null);
  const [active, setActive] = useState<{ series: string; key: string } | null>(null);
  const [focused, setFocused] = useState<{ series: string; key: string } | null>(null);
  // Where each visible line has a point (a share has none where the outlets published nothing).
  const drawnAt = visible.map((item) => columns.map((key) => plotValue(item.values.get(key)) !== null));
  const firstPoint = (() => {
    for (const [row, flags] of drawnAt.entries()) {
      const col = flags.indexOf(true);
      if (col >= 0) return [row, col] as const;
    }
    return null;
  })();
  const activeAt = (() => {
    const row = active ? visible.findIndex((item) => item.key === active.series) : -1;
    const col = active ? columns.indexOf(active.key) : -1;
    return row >= 0 && col >= 0 && drawnAt[row]?.[col] ? ([row, col] as const) : firstPoint;
  })();
  const nearestIn = (row: number, col: number): number => {
    const flags = drawnAt[row] ?? [];
    for (let d = 0; d < flags.length; d++) {
      if (flags[col - d]) return col - d;
      if (flags[col + d]) return col + d;
    }
    return -1;
  };
  const moveFrom = (row: number, col: number, key: string): [number, number] | null => {
    const flags = drawnAt[row] ?? [];
    const step = (from: number, by: -1 | 1) => {
      for (let c = from + by; c >= 0 && c < flags.length; c += by) if (flags[c]) return c;
      return -1;
    };
    const across = (by: -1 | 1): [number, number] | null => {
      for (let r = row + by; r >= 0 && r < drawnAt.length; r += by) {
        const c = nearestIn(r, col);
        if (c >= 0) return [r, c];
      }
      return null;
    };
    // Time runs left to right in both languages (as on the axis), so the arrows do too.
    const target =
      key === 'ArrowRight'
        ? step(col, 1)
        : key === 'ArrowLeft'
          ? step(col, -1)
          : key === 'Home'
            ? flags.indexOf(true)
            : key === 'End'
              ? flags.lastIndexOf(true)
              : null;
    if (target !== null) return target >= 0 ? [row, target] : null;
    if (key === 'ArrowDown') return across(1);
    if (key === 'ArrowUp') return across(-1);
    return null;
  };
  const onPointKey = (event: KeyboardEvent, row: number, col: number) => {
    if (!['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const target = moveFrom(row, col, event.key);
    const series = target ? visible[target[0]] : undefined;
    const key = target ? columns[target[1]] : undefined;
    if (!target || !series || key === undefined) return;
    setActive({ series: series.key, key });
    svgRef.current?.querySelector<SVGElement>(`[data-point="${target[0]}-${target[1]}"]`)?.focus();
  };
  const focusedAt = (() => {
    if (!focused) return null;
    const row = visible.findIndex((item) => item.key === focused.series);
    const col = columns.indexOf(focused.key);
    const item = visible[row];
    const shown = item ? plotValue(item.values.get(focused.key)) : null;
    return item && col >= 0 && shown !== null ? { item, col, shown } : null;
  })();

  return (
    <figure className="chart" ref={figureRef} data-testid={testId}>
      {/* A group, not an image: its points are links, which an image's children would not be. */}
      {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>. */}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="chart-svg"
        ref={svgRef}
        role="group"
        aria-label={label}
        aria-describedby={`${testId}-keys`}
      >
        <title>{label}</title>
        {shaded ? (
          <FailureShades
            keys={columns}
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
        {visible.map((item, row) => {
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
                const isActive = activeAt?.[0] === row && activeAt[1] === index;
                return (
                  // A link, so a click before hydration (or without JavaScript) opens the list too.
                  <Link
                    key={key}
                    href={hrefFor(item.key, key)}
                    prefetch={false}
                    className="line-point-link"
                    tabIndex={isActive ? 0 : -1}
                    aria-label={`${item.label} · ${fmt.bucket(key, bucket)}${key === partialKey ? ` (${t('so far')})` : ''}${shaded?.has(key) ? ` — ${shaded.get(key)?.text}` : ''}: ${show(value)}`}
                    data-point={`${row}-${index}`}
                    onFocus={() => {
                      setActive({ series: item.key, key });
                      setFocused({ series: item.key, key });
                    }}
                    onBlur={() => setFocused(null)}
                    onKeyDown={(event) => onPointKey(event, row, index)}
                  >
                    <circle
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
                    >
                      <title>{`${item.label} · ${fmt.bucket(key, bucket)}: ${show(value)}`}</title>
                    </circle>
                  </Link>
                );
              })}
            </g>
          );
        })}
        {focusedAt ? (
          // The focused point's value, written beside it for sighted keyboard users (a title tooltip
          // shows only under the mouse); screen readers read the link's own label.
          // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG <g> is not focusable; the label repeats the focused link's.
          <g className="line-focus" data-testid="line-focus" aria-hidden="true">
            <circle cx={x(focusedAt.col)} cy={y(focusedAt.shown)} r={6} className="line-focus-ring" />
            <text
              x={Math.min(width - margin.right - 4, Math.max(margin.left + 4, x(focusedAt.col)))}
              y={Math.max(margin.top + 10, y(focusedAt.shown) - 12)}
              textAnchor={
                x(focusedAt.col) > width - margin.right - 120
                  ? 'end'
                  : x(focusedAt.col) < margin.left + 120
                    ? 'start'
                    : 'middle'
              }
              className="line-focus-label"
            >
              {`${focusedAt.item.label} · ${fmt.bucket(columns[focusedAt.col] ?? '', bucket)}: ${show(focusedAt.item.values.get(columns[focusedAt.col] ?? ''))}`}
            </text>
          </g>
        ) : null}
        <line x1={margin.left} x2={width - margin.right} y1={y(0)} y2={y(0)} className="axis-line" />
      </svg>
      <figcaption>
        <p className="visually-hidden" id={`${testId}-keys`}>
          {t(
            'Tab to the points, then use the arrow keys to move along a line and between lines; Enter opens a point’s articles.',
          )}
        </p>
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
                    {shaded?.has(key) ? ` — ${shaded.get(key)?.text}` : ''}
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
