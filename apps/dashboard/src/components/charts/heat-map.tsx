'use client';

import type { OutletWeeks } from '@rasid/db/queries';
import Link from 'next/link';
import { type KeyboardEvent, useRef, useState } from 'react';
import { useI18n } from '@/lib/i18n-context';

type HeatMapProps = {
  data: OutletWeeks;
  /** Where a cell (outlet, week) leads: its articles. */
  hrefFor: (outletId: number, week: string) => string;
};

// One hue from pale to dark: a count reads as "more", and grey-scale printing keeps the order.
function cellColor(count: number, max: number): string {
  if (count === 0) return 'transparent';
  // Square root: one busy week would otherwise leave every other cell the palest shade.
  const level = Math.sqrt(count / Math.max(1, max));
  const lightness = Math.round(94 - level * 58);
  return `hsl(211 55% ${lightness}%)`;
}

/**
 * Outlet × week: a table whose cells are links to that outlet's articles that week. It is one tab stop
 * (a grid): arrow keys move between cells, Home/End to a row's ends, Enter opens the cell.
 */
export function HeatMap({ data, hrefFor }: HeatMapProps) {
  const { t, tn, fmt } = useI18n();
  const counts = new Map(data.cells.map((cell) => [`${cell.outletId}|${cell.week}`, cell.count]));
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const tableRef = useRef<HTMLTableElement>(null);
  const rows = data.outlets.length;
  const cols = data.weeks.length;

  const focusCell = (row: number, col: number) => {
    const r = Math.max(0, Math.min(rows - 1, row));
    const c = Math.max(0, Math.min(cols - 1, col));
    setActive([r, c]);
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${r}-${c}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, row: number, col: number) => {
    // Weeks run left to right in both languages (like the time chart), so the arrows do too.
    const moves: Record<string, [number, number]> = {
      ArrowRight: [row, col + 1],
      ArrowLeft: [row, col - 1],
      ArrowDown: [row + 1, col],
      ArrowUp: [row - 1, col],
      Home: [row, 0],
      End: [row, cols - 1],
    };
    const target = moves[event.key];
    if (!target) return;
    event.preventDefault();
    focusCell(target[0], target[1]);
  };
  const gapText = (week: string) =>
    t('{weeks} with no matching article, before {day}', {
      weeks: tn('weeks', data.gaps[week] ?? 0),
      day: fmt.day(week),
    });
  // Month labels on the first week of each month, so the axis reads without a label per column.
  const monthStarts = new Set(
    data.weeks.filter(
      (week, index) => index === 0 || week.slice(0, 7) !== data.weeks[index - 1]?.slice(0, 7),
    ),
  );

  return (
    <figure className="heatmap" data-testid="heatmap">
      <div className="table-scroll heatmap-scroll">
        <table
          ref={tableRef}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern, a table whose cells are reached with the arrow keys.
          role="grid"
          className="heatmap-table"
          aria-label={t('Articles per outlet and week: {outlets}, {weeks}', {
            outlets: tn('outlets', rows),
            weeks: tn('weeks', cols),
          })}
        >
          <thead>
            <tr>
              <th scope="col" className="heatmap-corner">
                {t('Outlet')}
              </th>
              {data.weeks.map((week) => [
                data.gaps[week] ? (
                  <th key={`gap-${week}`} scope="col" className="heatmap-gap" title={gapText(week)}>
                    <span aria-hidden="true">…</span>
                    <span className="visually-hidden">{gapText(week)}</span>
                  </th>
                ) : null,
                <th key={week} scope="col" className="heatmap-week" title={fmt.bucket(week, 'week')}>
                  {monthStarts.has(week) ? (
                    <span aria-hidden="true">{fmt.tick(new Date(`${week}T00:00:00Z`), 'month').text}</span>
                  ) : null}
                  <span className="visually-hidden">{fmt.bucket(week, 'week')}</span>
                </th>,
              ])}
              <th scope="col" className="num">
                {t('Total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.outlets.map((outlet, row) => (
              <tr key={outlet.id}>
                <th scope="row" className="heatmap-outlet" dir="auto">
                  {outlet.name}
                </th>
                {data.weeks.map((week, col) => {
                  const count = counts.get(`${outlet.id}|${week}`) ?? 0;
                  const isActive = active[0] === row && active[1] === col;
                  return [
                    data.gaps[week] ? <td key={`gap-${week}`} className="heatmap-gap" /> : null,
                    <td
                      key={week}
                      className="heatmap-cell"
                      style={{ background: cellColor(count, data.max) }}
                    >
                      <Link
                        href={hrefFor(outlet.id, week)}
                        // Hundreds of cells in view: prefetching each would ask the server for as many pages.
                        prefetch={false}
                        tabIndex={isActive ? 0 : -1}
                        data-cell={`${row}-${col}`}
                        data-testid="heatmap-cell"
                        data-outlet={outlet.id}
                        data-week={week}
                        data-count={count}
                        aria-label={`${outlet.name}, ${fmt.bucket(week, 'week')}: ${tn('articles', count)}`}
                        title={`${outlet.name} · ${fmt.bucket(week, 'week')}: ${fmt.count(count)}`}
                        onFocus={() => setActive([row, col])}
                        onKeyDown={(event) => onKeyDown(event, row, col)}
                      >
                        <span aria-hidden="true">{count > 0 && cols <= 30 ? fmt.count(count) : ''}</span>
                      </Link>
                    </td>,
                  ];
                })}
                <td className="num">{fmt.count(outlet.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption className="card-note">
        {t(
          'Darker is more articles (the darkest cell: {max}). Arrow keys move between cells; Enter opens one.',
          {
            max: fmt.count(data.max),
          },
        )}
        {data.clippedBefore
          ? ` ${t('Only the latest weeks are shown, from {day}; narrow the dates to see earlier ones.', {
              day: fmt.day(data.clippedBefore),
            })}`
          : ''}
      </figcaption>
    </figure>
  );
}
