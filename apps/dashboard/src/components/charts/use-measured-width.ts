'use client';

import { type RefObject, useLayoutEffect, useRef, useState } from 'react';

/**
 * The element's rendered width in CSS pixels, kept current with a ResizeObserver. Charts draw in these
 * units so their text stays at its CSS size instead of shrinking or growing with a scaled viewBox.
 */
export function useMeasuredWidth<T extends Element>(fallback: number): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => setWidth(Math.max(240, Math.round(element.getBoundingClientRect().width)));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
