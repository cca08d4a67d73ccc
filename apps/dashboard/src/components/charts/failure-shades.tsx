'use client';

import type { TimeBucket } from '@/lib/filters';
import { useI18n } from '@/lib/i18n-context';
import type { ShadedBucket } from './failure-shading';

type FailureShadesProps = {
  /** The chart's column keys, left to right. */
  keys: readonly string[];
  shaded: ReadonlyMap<string, ShadedBucket>;
  bucket: TimeBucket;
  left: number;
  top: number;
  step: number;
  height: number;
};

/**
 * The shaded columns of days a source was failing, drawn under a time chart's marks, so a gap reads as
 * "not collected" rather than silence. Each failing day sits at its place across its column (a whole
 * column for a day bucket).
 */
export function FailureShades({ keys, shaded, bucket, left, top, step, height }: FailureShadesProps) {
  const { fmt } = useI18n();
  return keys.map((key, index) => {
    const shade = shaded.get(key);
    if (shade === undefined) return null;
    return (
      <g key={`shade-${key}`} data-testid="failure-shade" data-key={key}>
        <title>{`${fmt.bucket(key, bucket)}: ${shade.text}`}</title>
        {shade.spans.map(([start, end]) => (
          <rect
            key={start}
            className="failure-shade"
            x={left + (index + start) * step}
            y={top}
            width={Math.max(1, (end - start) * step)}
            height={height}
          />
        ))}
      </g>
    );
  });
}
