'use client';

import type { SpikeScope } from '@rasid/db/queries';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { AdminAccess } from '@/components/admin-access';
import { AlertRuleActions, AlertRuleForm } from '@/components/alert-rule-form';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { type AlertsResponse, fetchJson } from '@/lib/api';
import { useI18n } from '@/lib/i18n-context';
import { useFacets } from '@/lib/queries';

/** Where a rule's scope leads: the overview under the same filter, where its spikes are marked. */
function scopeHref(scope: SpikeScope): string {
  switch (scope.kind) {
    case 'outlet':
      return `/?bucket=day&outlet=${scope.outletId}`;
    case 'topic':
      return `/?bucket=day&topic=${encodeURIComponent(scope.slug)}`;
    case 'query':
      return `/?bucket=day&q=${encodeURIComponent(scope.q)}`;
    default:
      return '/?bucket=day';
  }
}

export function AlertsView() {
  const { t, fmt } = useI18n();
  const url = '/api/alerts';
  const alerts = useQuery({
    queryKey: [url],
    queryFn: ({ signal }) => fetchJson<AlertsResponse>(url, signal),
  });
  // A rule names its topic by slug (watch:3, section:…); the page shows the topic's name.
  const topicNames = new Map((useFacets().data?.topics ?? []).map((topic) => [topic.slug, topic.name]));

  if (alerts.isPending) return <LoadingState />;
  if (alerts.isError)
    return (
      <ErrorState
        title={t('Could not load alerts')}
        error={alerts.error}
        hint={
          <button type="button" className="link-button" onClick={() => alerts.refetch()}>
            {t('Try again')}
          </button>
        }
      />
    );

  const { rules, outletNames } = alerts.data;
  const scopeText = (scope: SpikeScope): string => {
    switch (scope.kind) {
      case 'outlet':
        return t('Outlet: {name}', { name: outletNames[String(scope.outletId)] ?? `#${scope.outletId}` });
      case 'topic':
        return t('Topic: {name}', { name: topicNames.get(scope.slug) ?? scope.slug });
      case 'query':
        return t('Search: {q}', { q: scope.q });
      default:
        return t('Everything');
    }
  };
  const scopeLink = (scope: SpikeScope) => (
    <Link href={scopeHref(scope)} dir="auto">
      {scopeText(scope)}
    </Link>
  );

  return (
    <div className="stack-lg">
      <p className="page-lead">
        {t(
          'A rule watches everything, an outlet, a topic or a search, and raises an alert on a day with far more articles than the 14 days before. The overview marks such days for any filters.',
        )}
      </p>
      <AdminAccess />
      <section className="card" data-testid="alert-rules">
        <header className="card-header">
          <h2>{t('Rules')}</h2>
        </header>
        <AlertRuleForm />
        {rules.length === 0 ? (
          <EmptyState title={t('No alert rules yet')}>
            <p>
              {t(
                'Add a rule with the form above (or npx rasid alerts add): its spike days are listed here at once, and the worker checks it again after every pass.',
              )}
            </p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Name')}</th>
                  <th scope="col">{t('Watches')}</th>
                  <th scope="col">{t('Rule')}</th>
                  <th scope="col">{t('Webhook')}</th>
                  <th scope="col">{t('State')}</th>
                  <th scope="col" aria-label={t('Actions')} />
                </tr>
              </thead>
              <tbody>
                {rules.map((rule) => (
                  <tr key={rule.id} data-testid="alert-rule">
                    <th scope="row" dir="auto">
                      {rule.name}
                    </th>
                    <td>{scopeLink(rule.scope)}</td>
                    <td>
                      {t('over the mean + {k} standard deviations, and at least {min}', {
                        k: fmt.count(rule.k),
                        min: fmt.count(rule.minCount),
                      })}
                    </td>
                    <td>{rule.webhookUrl ? t('yes') : <span className="muted">{t('none')}</span>}</td>
                    <td>{rule.enabled ? t('enabled') : <span className="muted">{t('disabled')}</span>}</td>
                    <td>
                      <AlertRuleActions rule={rule} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" data-testid="alert-list">
        <header className="card-header">
          <h2>{t('Alerts raised')}</h2>
        </header>
        {alerts.data.alerts.length === 0 ? (
          <EmptyState title={t('No alerts raised')}>
            <p>
              {rules.length === 0
                ? t('Alerts appear here once a rule exists and a day it watches jumps.')
                : t(
                    'No day has jumped under the rules yet, or they have not been evaluated since the last articles came in.',
                  )}
            </p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Day')}</th>
                  <th scope="col">{t('Rule')}</th>
                  <th scope="col">{t('Watches')}</th>
                  <th scope="col">{t('Articles')}</th>
                  <th scope="col">{t('Usual')}</th>
                  <th scope="col">{t('Delivered')}</th>
                </tr>
              </thead>
              <tbody>
                {alerts.data.alerts.map((alert) => (
                  <tr key={alert.id} data-testid="alert-row">
                    <td className="nowrap">{fmt.day(alert.day)}</td>
                    <td dir="auto">{alert.ruleName}</td>
                    <td>{scopeLink(alert.scope)}</td>
                    <td className="num">{fmt.count(alert.count)}</td>
                    <td className="num">{t('about {mean}', { mean: fmt.count(Math.round(alert.mean)) })}</td>
                    <td>
                      {alert.deliveredAt ? (
                        fmt.dateTime(alert.deliveredAt)
                      ) : alert.webhookUrl ? (
                        <span className="muted">{t('not yet')}</span>
                      ) : (
                        <span className="muted">{t('no webhook')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
