const HAS_ZONE = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

/**
 * Milliseconds since the epoch for an ISO 8601 string, reading a time without a zone as UTC (never as
 * the server's local time, which would move articles between days depending on where Rasid runs).
 */
export function parseIsoUtc(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const text = iso.includes('T') && !HAS_ZONE.test(iso) ? `${iso}Z` : iso;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** The UTC day (YYYY-MM-DD) of an ISO timestamp, or null when it cannot be read. */
export function utcDay(iso: string | null | undefined): string | null {
  const ms = parseIsoUtc(iso);
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}

/** Monday (YYYY-MM-DD) of the ISO week containing `day`. */
export function weekStart(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  const offset = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - offset);
  return d.toISOString().slice(0, 10);
}

/** Adds `n` days to a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
