'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useI18n } from '@/lib/i18n-context';
import { truncateLabel } from './scale';
import { useMeasuredWidth } from './use-measured-width';

export type BarItem = {
  key: string;
  label: string;
  count: number;
  note?: string;
  /** The bar's colour: the item's series colour, so it matches the time chart's legend. */
  color: string;
};

type HorizontalBarChartProps = {
  /** "outlet", "topic" (translated): the table's column heading. */
  itemName: string;
  /** "outlets", "topics" (translated): for screen readers and "show all". */
  itemsName: string;
  items: BarItem[];
  hrefFor: (key: string) => string;
  /** data-testid of each bar, e.g. "outlet-bar". */
  barTestId: string;
  initialRows?: number;
  /** Shown under the bars when the colours mean something the time chart's legend does not say. */
  legend?: { label: string; color: string }[];
};

const rowHeight = 26;
const countWidth = 56;

/** A ranked list of bars (articles per outlet, per topic); every bar opens the matching articles. */
export function HorizontalBarChart({
  itemName,
  itemsName,
  items,
  hrefFor,
  barTestId,
  initialRows = 12,
  legend,
}: HorizontalBarChartProps) {
  const { t, tn, fmt, dir } = useI18n();
  // Right to left, the chart mirrors: names on the right, bars growing leftwards, as Arabic reads.
  const rtl = dir === 'rtl';
  const [figureRef, width] = useMeasuredWidth<HTMLElement>(480);
  const labelWidth = Math.round(Math.min(240, Math.max(120, width * 0.38)));
  const labelChars = Math.floor(labelWidth / 7.2);
  const [showAll, setShowAll] = useState(false);
  const sorted = [...items].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const visible = showAll ? sorted : sorted.slice(0, initialRows);
  const max = Math.max(1, ...sorted.map((item) => item.count));
  const barSpace = width - labelWidth - countWidth;
  const height = visible.length * rowHeight + 4;
  const summary = `${t('Articles by {items}', { items: itemsName })}: ${sorted
    .slice(0, 5)
    .map((item) => `${item.label} ${fmt.count(item.count)}`)
    .join(', ')}${sorted.length > 5 ? ` ${t('and {n} more', { n: fmt.count(sorted.length - 5) })}` : ''}.`;

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
      >
        <title>{summary}</title>
        {visible.map((item, index) => {
          const top = index * rowHeight + 2;
          const barLength = Math.max(2, (item.count / max) * (barSpace - 8));
          return (
            // A link (an SVG <a>), not a click handler: the bars come with the server's HTML, so a click
            // before hydration, or without JavaScript, still opens the list; after hydration <Link> navigates
            // client-side.
            <Link
              key={item.key}
              href={hrefFor(item.key)}
              prefetch={false}
              className="bar-group"
              aria-label={`${item.label}: ${tn('articles', item.count)}. ${t('Open the list.')}`}
              data-testid={barTestId}
              data-key={item.key}
              data-count={item.count}
            >
              <rect className="bar-hit" x={0} y={top} width={width} height={rowHeight - 2} />
              <text
                x={rtl ? width - labelWidth + 10 : labelWidth - 10}
                y={top + rowHeight / 2}
                dy="0.32em"
                textAnchor={rtl ? 'start' : 'end'}
                className="bar-label"
              >
                {truncateLabel(item.label, labelChars)}
              </text>
              <rect
                className="bar-segment"
                x={rtl ? width - labelWidth - barLength : labelWidth}
                y={top + 4}
                width={barLength}
                height={rowHeight - 10}
                rx={2}
                fill={item.color}
              />
              <text
                x={rtl ? width - labelWidth - barLength - 6 : labelWidth + barLength + 6}
                y={top + rowHeight / 2}
                dy="0.32em"
                textAnchor={rtl ? 'end' : 'start'}
                className="bar-count"
              >
                {fmt.count(item.count)}
              </text>
              <title>{`${item.label}${item.note ? ` (${item.note})` : ''}: ${fmt.count(item.count)}`}</title>
            </Link>
          );
        })}
      </svg>
      {legend ? (
        <ul className="legend">
          {legend.map((entry) => (
            <li key={entry.label}>
              <span className="swatch" style={{ background: entry.color }} aria-hidden="true" />
              {entry.label}
            </li>
          ))}
        </ul>
      ) : null}
      {sorted.length > initialRows ? (
        <button type="button" className="link-button" onClick={() => setShowAll((value) => !value)}>
          {showAll
            ? t('Show the top {n}', { n: fmt.count(initialRows) })
            : t('Show all {n} {items}', { n: fmt.count(sorted.length), items: itemsName })}
        </button>
      ) : null}
      <details className="chart-data">
        <summary>{t('Show the numbers')}</summary>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{itemName}</th>
                <th scope="col">{t('Articles')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((item) => (
                <tr key={item.key}>
                  <th scope="row" dir="auto">
                    <Link href={hrefFor(item.key)}>{item.label}</Link>
                    {item.note ? <span className="muted"> · {item.note}</span> : null}
                  </th>
                  <td className="num">{fmt.count(item.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
