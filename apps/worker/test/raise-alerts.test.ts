import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { closeDatabase, type Db, openDatabase } from '@rasid/db/client';
import {
  computeSpikes,
  evaluateAlertRules,
  getDateRange,
  listAlerts,
  upsertAlertRule,
} from '@rasid/db/queries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/env.ts';
import { ingestFiles } from '../src/jobs/ingest-files.ts';
import { deliverAlerts, describeAlerts, raiseAlerts } from '../src/jobs/raise-alerts.ts';

const BBC = path.resolve(REPO_ROOT, '../shared/corpus/ant/bbc.jsonl.gz');

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => resolve(body));
  });

describe('spike alerts after ingesting BBC Arabic (ANT)', () => {
  let db: Db;
  let server: Server;
  let url = '';
  let status = 500;
  const received: { day: string; rule: string; count: number }[] = [];

  beforeAll(async () => {
    db = openDatabase(':memory:');
    const summary = await ingestFiles(db, [BBC], { threads: 0 });
    expect(summary.new).toBeGreaterThan(3000);
    server = createServer(async (req, res) => {
      const body = JSON.parse(await readBody(req)) as { day: string; rule: string; count: number };
      if (status === 200) received.push({ day: body.day, rule: body.rule, count: body.count });
      res.writeHead(status).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    upsertAlertRule(db, { name: 'all BBC', scope: { kind: 'all' }, webhookUrl: url });
    upsertAlertRule(db, { name: 'sport, no webhook', scope: { kind: 'topic', slug: 'sport' } });
  });

  afterAll(() => {
    server?.close();
    closeDatabase(db);
  });

  it('raises one alert per spike day of each rule, and keeps them when the webhook fails', async () => {
    const range = getDateRange(db, {});
    const spikeDays = (scope: Parameters<typeof computeSpikes>[1]) =>
      computeSpikes(db, scope, { from: range.from ?? '', to: range.to ?? '' })
        .filter((p) => p.spike)
        .map((p) => p.day);
    const allDays = spikeDays({ kind: 'all' });
    const sportDays = spikeDays({ kind: 'topic', slug: 'sport' });
    expect(allDays.length).toBeGreaterThan(0);

    const first = await raiseAlerts(db);
    expect(first.raised).toBe(allDays.length + sportDays.length);
    expect(first.delivered).toBe(0);
    expect(first.failed).toHaveLength(allDays.length);
    expect(first.failed[0]?.reason).toMatch(/answered HTTP 500$/);
    expect(describeAlerts(first)).toMatch(/not delivered \(tried again next time\)$/);
    expect(listAlerts(db, { undelivered: true, limit: 1000 })).toHaveLength(allDays.length);
  });

  it('delivers the waiting alerts once the webhook answers, and nothing twice', async () => {
    status = 200;
    const second = await raiseAlerts(db);
    expect(second.raised).toBe(0);
    expect(second.failed).toEqual([]);
    const all = listAlerts(db, { ruleId: 1, limit: 1000 });
    expect(second.delivered).toBe(all.length);
    expect(received.map((r) => r.day).sort()).toEqual(all.map((a) => a.day).sort());
    expect(received.every((r) => r.rule === 'all BBC' && r.count >= 5)).toBe(true);
    expect(listAlerts(db, { undelivered: true })).toEqual([]);

    const third = await raiseAlerts(db);
    expect(third).toEqual({ raised: 0, delivered: 0, failed: [] });
    expect(received).toHaveLength(all.length);
  });

  it('delivers the alerts of a rule the dashboard created, without a new pass evaluating the rules', async () => {
    // What the dashboard's POST /api/alert-rules does: store the rule and evaluate it over every day.
    const rule = upsertAlertRule(db, {
      name: 'politics (dashboard)',
      scope: { kind: 'topic', slug: 'politics' },
      webhookUrl: url,
    });
    const range = getDateRange(db, {});
    const raised = evaluateAlertRules(db, { from: range.from ?? '', to: range.to ?? '' });
    expect(raised.length).toBeGreaterThan(0);
    const before = received.length;
    const result = await deliverAlerts(db);
    expect(result).toEqual({ delivered: raised.length, failed: [] });
    const days = listAlerts(db, { ruleId: rule.id, limit: 1000 })
      .map((a) => a.day)
      .sort();
    expect(
      received
        .slice(before)
        .map((r) => r.day)
        .sort(),
    ).toEqual(days);
    expect(received.slice(before).every((r) => r.rule === 'politics (dashboard)')).toBe(true);
    expect(await deliverAlerts(db)).toEqual({ delivered: 0, failed: [] });
  });
});
