// Spike alerts after new articles: every enabled rule is evaluated over the days the database holds, new
// spikes are written once per rule and day, and alerts of rules with a webhook are POSTed until the
// webhook accepts them (2xx). An alert whose delivery failed stays undelivered and is tried again after
// the next pass, so a webhook that is down loses nothing.
import type { Db } from '@rasid/db/client';
import {
  type Alert,
  evaluateAlertRules,
  getDateRange,
  listAlerts,
  markAlertDelivered,
} from '@rasid/db/queries';

/** Sends one alert; resolves to the HTTP status. Injected so tests and other transports can replace it. */
export type PostAlert = (url: string, body: string) => Promise<number>;

export type RaiseAlertsResult = {
  raised: number;
  delivered: number;
  failed: { id: number; reason: string }[];
};

const WEBHOOK_TIMEOUT_MS = 10_000;

const postJson: PostAlert = async (url, body) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'rasid-alerts' },
    body,
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  await response.body?.cancel();
  return response.status;
};

/** What a webhook receives: the rule, its scope and the day's figures. */
export function alertPayload(alert: Alert): string {
  return JSON.stringify({
    type: 'rasid.spike',
    rule: alert.ruleName,
    scope: alert.scope,
    day: alert.day,
    count: alert.count,
    mean: alert.mean,
    stddev: alert.stddev,
    threshold: alert.threshold,
  });
}

export async function raiseAlerts(db: Db, opts: { post?: PostAlert } = {}): Promise<RaiseAlertsResult> {
  const range = getDateRange(db, {});
  const raised =
    range.from && range.to ? evaluateAlertRules(db, { from: range.from, to: range.to }).length : 0;
  return { raised, ...(await deliverAlerts(db, opts)) };
}

/**
 * POSTs every alert still waiting for its webhook. Alerts are also raised outside the worker's passes
 * (the dashboard evaluates a rule when it is created), so the long-running worker calls this between
 * passes too: their webhooks hear of them within a poll, not at the source's next scheduled run.
 */
export function deliverAlerts(
  db: Db,
  opts: { post?: PostAlert } = {},
): Promise<Omit<RaiseAlertsResult, 'raised'>> {
  // One delivery at a time per database: two overlapping ones would both POST the same waiting alert.
  const previous = DELIVERING.get(db) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => deliverWaiting(db, opts.post ?? postJson));
  DELIVERING.set(db, next);
  return next;
}

const DELIVERING = new WeakMap<Db, Promise<unknown>>();

async function deliverWaiting(db: Db, post: PostAlert): Promise<Omit<RaiseAlertsResult, 'raised'>> {
  let delivered = 0;
  const failed: RaiseAlertsResult['failed'] = [];
  for (const alert of listAlerts(db, { undelivered: true, limit: 1000 })) {
    if (!alert.webhookUrl) continue;
    try {
      const status = await post(alert.webhookUrl, alertPayload(alert));
      if (status >= 200 && status < 300) {
        markAlertDelivered(db, alert.id);
        delivered++;
      } else failed.push({ id: alert.id, reason: `webhook ${alert.webhookUrl} answered HTTP ${status}` });
    } catch (error) {
      failed.push({ id: alert.id, reason: `webhook ${alert.webhookUrl}: ${(error as Error).message}` });
    }
  }
  return { delivered, failed };
}

/** One line for the terminal. */
export function describeAlerts(result: RaiseAlertsResult): string {
  const failures = result.failed.length
    ? `, ${result.failed.length} not delivered (tried again next time)`
    : '';
  return `alerts: ${result.raised} new, ${result.delivered} delivered${failures}`;
}
