'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { formatCount } from '@/lib/format';
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
  /** "outlet", "topic": used in labels for screen readers and the table. */
  itemName: string;
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
  items,
  hrefFor,
  barTestId,
  initialRows = 12,
  legend,
}: HorizontalBarChartProps) {
  const router = useRouter();
  const [figureRef, width] = useMeasuredWidth<HTMLElement>(480);
  const labelWidth = Math.round(Math.min(240, Math.max(120, width * 0.38)));
  const labelChars = Math.floor(labelWidth / 7.2);
  const [showAll, setShowAll] = useState(false);
  const sorted = [...items].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const visible = showAll ? sorted : sorted.slice(0, initialRows);
  const max = Math.max(1, ...sorted.map((item) => item.count));
  const barSpace = width - labelWidth - countWidth;
  const height = visible.length * rowHeight + 4;
  const summary = `Articles per ${itemName}: ${sorted
    .slice(0, 5)
    .map((item) => `${item.label} ${formatCount(item.count)}`)
    .join(', ')}${sorted.length > 5 ? ` and ${sorted.length - 5} more` : ''}.`;

  return (
    <figure className="chart" ref={figureRef}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="chart-svg"
        role="img"
        aria-label={summary}
      >
        <title>{summary}</title>
        {visible.map((item, index) => {
          const top = index * rowHeight + 2;
          const barLength = Math.max(2, (item.count / max) * (barSpace - 8));
          const go = () => router.push(hrefFor(item.key));
          return (
            // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; this group is the bar's control.
            <g
              key={item.key}
              className="bar-group"
              role="button"
              tabIndex={0}
              aria-label={`${item.label}: ${formatCount(item.count)} articles. Open the list.`}
              data-testid={barTestId}
              data-key={item.key}
              data-count={item.count}
              onClick={go}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  go();
                }
              }}
            >
              <rect className="bar-hit" x={0} y={top} width={width} height={rowHeight - 2} />
              <text
                x={labelWidth - 10}
                y={top + rowHeight / 2}
                dy="0.32em"
                textAnchor="end"
                className="bar-label"
              >
                {truncateLabel(item.label, labelChars)}
              </text>
              <rect
                className="bar-segment"
                x={labelWidth}
                y={top + 4}
                width={barLength}
                height={rowHeight - 10}
                rx={2}
                fill={item.color}
              />
              <text x={labelWidth + barLength + 6} y={top + rowHeight / 2} dy="0.32em" className="bar-count">
                {formatCount(item.count)}
              </text>
              <title>{`${item.label}${item.note ? ` (${item.note})` : ''}: ${formatCount(item.count)}`}</title>
            </g>
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
          {showAll ? `Show the top ${initialRows}` : `Show all ${sorted.length} ${itemName}s`}
        </button>
      ) : null}
      <details className="chart-data">
        <summary>Show the numbers</summary>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{itemName[0]?.toUpperCase() + itemName.slice(1)}</th>
                <th scope="col">Articles</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((item) => (
                <tr key={item.key}>
                  <th scope="row" dir="auto">
                    <Link href={hrefFor(item.key)}>{item.label}</Link>
                    {item.note ? <span className="muted"> · {item.note}</span> : null}
                  </th>
                  <td className="num">{formatCount(item.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
