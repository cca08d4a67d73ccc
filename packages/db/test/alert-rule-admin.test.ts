import { beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../src/client.ts';
import {
  deleteAlertRule,
  evaluateAlertRules,
  listAlertRules,
  listAlerts,
  setAlertRuleEnabled,
  storeArticles,
  upsertAlertRule,
} from '../src/queries/index.ts';
import { makeArticle, makeItem } from './helpers.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  return () => closeDatabase(db);
});

// Fourteen quiet days (one article each) and then a day of ten: a spike under the default rule.
function storeSpike(): void {
  const items = [];
  for (let d = 1; d <= 14; d++)
    items.push(
      makeItem(
        makeArticle({
          url: `https://x.example.com/q${d}`,
          publishedAt: `2024-03-${String(d).padStart(2, '0')}T09:00:00Z`,
        }),
      ),
    );
  for (let i = 0; i < 10; i++)
    items.push(
      makeItem(
        makeArticle({
          url: `https://x.example.com/s${i}`,
          title: `spike ${i}`,
          publishedAt: '2024-03-15T09:00:00Z',
        }),
      ),
    );
  storeArticles(db, items);
}

describe('alert rules from the dashboard', () => {
  it('disables a rule (not evaluated), enables it again, and deletes it with its alerts', () => {
    storeSpike();
    const rule = upsertAlertRule(db, { name: 'all', scope: { kind: 'all' } });
    expect(setAlertRuleEnabled(db, rule.id, false)).toMatchObject({ id: rule.id, enabled: false });
    expect(evaluateAlertRules(db, { from: '2024-03-01', to: '2024-03-15' })).toEqual([]);
    expect(setAlertRuleEnabled(db, rule.id, true)?.enabled).toBe(true);
    expect(evaluateAlertRules(db, { from: '2024-03-01', to: '2024-03-15' }).map((a) => a.day)).toEqual([
      '2024-03-15',
    ]);
    expect(listAlerts(db)).toHaveLength(1);
    expect(deleteAlertRule(db, rule.id)).toBe(true);
    expect(listAlertRules(db)).toEqual([]);
    expect(listAlerts(db)).toEqual([]);
  });

  it('answers null or false for a rule that does not exist, and refuses a bad id', () => {
    expect(setAlertRuleEnabled(db, 42, true)).toBeNull();
    expect(deleteAlertRule(db, 42)).toBe(false);
    expect(() => deleteAlertRule(db, -1)).toThrow(
      'deleteAlertRule: rule id must be a positive whole number, got -1',
    );
  });
});
