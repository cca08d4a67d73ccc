'use client';

import { type RefObject, useEffect, useRef, useState } from 'react';

/**
 * Whether the element has come within `margin` pixels of the viewport (once true, it stays true). A panel
 * whose answer is costly asks only when the reader can see it: top terms take 1–1.6 s of the server's
 * one thread at 1M articles (more on a busy machine), which held up the next page's render when every
 * overview load asked for them below the fold.
 */
export function useNearViewport<T extends Element>(margin = 300): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: `${margin}px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [margin, near]);
  return [ref, near];
}
