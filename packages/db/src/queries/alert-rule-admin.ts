// What the dashboard's Alerts page changes on a rule besides creating it (upsertAlertRule in alerts.ts):
// switching it on or off, and deleting it with the alerts it raised.
import type { Db } from '../client.ts';
import { type AlertRule, listAlertRules } from './alerts.ts';
import { nowIso, prepare } from './statements.ts';

function checkRuleId(fn: string, id: number): void {
  if (!(Number.isInteger(id) && id > 0))
    throw new RangeError(`${fn}: rule id must be a positive whole number, got ${String(id)}`);
}

/** Enables or disables a rule; a disabled rule is not evaluated. Returns null when no rule has that id. */
export function setAlertRuleEnabled(db: Db, id: number, enabled: boolean): AlertRule | null {
  checkRuleId('setAlertRuleEnabled', id);
  const changed = prepare(db, 'UPDATE alert_rules SET enabled = ?, updated_at = ? WHERE id = ?').run(
    enabled ? 1 : 0,
    nowIso(),
    id,
  ).changes;
  if (changed === 0) return null;
  return listAlertRules(db).find((rule) => rule.id === id) ?? null;
}

/** Deletes a rule and (ON DELETE CASCADE) its alerts. Returns false when no rule has that id. */
export function deleteAlertRule(db: Db, id: number): boolean {
  checkRuleId('deleteAlertRule', id);
  return prepare(db, 'DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
}
