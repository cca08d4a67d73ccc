'use client';

import { useCallback, useLayoutEffect, useRef, useState } from 'react';

// A small window over a long list that scrolls with the page: only the rows near the viewport are in the
// DOM, and padding above and below stands in for the rest, so the scrollbar and the page's length stay
// true. Row heights vary (snippets, topics), so each drawn row is measured and remembered by its key;
// rows not yet drawn count at an estimate until they are.

export type WindowRange = { start: number; end: number; padTop: number; padBottom: number };

type Options = {
  keys: readonly (string | number)[];
  /** Height assumed for a row never drawn, in pixels (margins included). */
  estimate: number;
  /** Extra pixels drawn above and below the viewport, so Tab and quick scrolling meet drawn rows. */
  overscan: number;
  /** Space below each row that its box does not include (its bottom margin). */
  gap: number;
};

export function useWindowedRows<T extends HTMLElement>({ keys, estimate, overscan, gap }: Options) {
  const listRef = useRef<T>(null);
  const heights = useRef(new Map<string, number>());
  const [view, setView] = useState<{ top: number; bottom: number }>({ top: 0, bottom: 1200 });
  const [version, setVersion] = useState(0);

  // Where the viewport is, in the list's own coordinates.
  const measureView = useCallback(() => {
    const list = listRef.current;
    if (!list) return;
    const top = -list.getBoundingClientRect().top;
    const next = { top, bottom: top + window.innerHeight };
    setView((previous) =>
      Math.abs(previous.top - next.top) < 1 && Math.abs(previous.bottom - next.bottom) < 1 ? previous : next,
    );
  }, []);

  useLayoutEffect(() => {
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measureView);
    };
    measureView();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, [measureView]);

  // Offsets of every row from the known heights (version changes when a drawn row's height does).
  const offsets: number[] = [0];
  for (const key of keys)
    offsets.push((offsets.at(-1) ?? 0) + (heights.current.get(String(key)) ?? estimate));
  void version;
  const total = offsets.at(-1) ?? 0;
  let start = 0;
  while (start < keys.length && (offsets[start + 1] ?? 0) < view.top - overscan) start++;
  let end = start;
  while (end < keys.length && (offsets[end] ?? 0) < view.bottom + overscan) end++;
  const range: WindowRange = {
    start,
    end,
    padTop: offsets[start] ?? 0,
    padBottom: total - (offsets[end] ?? total),
  };

  // After each draw: remember the drawn rows' heights; a change moves the offsets, so draw again.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    // The list may have just appeared, or moved (a header above it grew): keep the viewport current.
    measureView();
    let changed = false;
    for (const row of list.querySelectorAll<HTMLElement>('[data-row-key]')) {
      const key = row.dataset.rowKey ?? '';
      const height = row.getBoundingClientRect().height + gap;
      if (Math.abs((heights.current.get(key) ?? -1) - height) > 0.5) {
        heights.current.set(key, height);
        changed = true;
      }
    }
    if (changed) setVersion((v) => v + 1);
  });

  return { listRef, range, measureView };
}
