'use client';

import type { AlertRule, SpikeScope } from '@rasid/db/queries';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDelete } from '@/components/confirm-delete';
import { sendChange } from '@/lib/admin-client';
import { useI18n } from '@/lib/i18n-context';
import { useFacets, useTopicName } from '@/lib/queries';

type ScopeKind = SpikeScope['kind'];

const topicGroups = [
  { kind: 'watch', label: 'Watch topics' },
  { kind: 'subject', label: 'Subjects' },
  { kind: 'section', label: 'Sections (as the outlet files them)' },
] as const;

/** A new spike rule: a name, what it watches, how far above the usual a day must be, and a webhook. */
export function AlertRuleForm() {
  const { t, fmt } = useI18n();
  const client = useQueryClient();
  const facets = useFacets();
  const topicName = useTopicName();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ScopeKind>('all');
  const [value, setValue] = useState('');
  const [k, setK] = useState('3');
  const [minCount, setMinCount] = useState('5');
  const [webhookUrl, setWebhookUrl] = useState('');
  const create = useMutation({
    mutationFn: () => {
      const scope =
        kind === 'outlet'
          ? { kind, outletId: Number(value) }
          : kind === 'topic'
            ? { kind, slug: value }
            : kind === 'query'
              ? { kind, q: value }
              : { kind };
      return sendChange<AlertRule>('POST', '/api/alert-rules', {
        name,
        scope,
        k: Number(k),
        minCount: Number(minCount),
        webhookUrl: webhookUrl.trim() || null,
      });
    },
    onSuccess: () => {
      setName('');
      setValue('');
      setWebhookUrl('');
      client.invalidateQueries({ queryKey: ['/api/alerts'] });
    },
  });

  return (
    <form
      className="admin-form"
      data-testid="alert-rule-form"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <div className="field">
        <label htmlFor="rule-name">{t('Name')}</label>
        <input
          id="rule-name"
          dir="auto"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="rule-scope">{t('Watches')}</label>
        <select
          id="rule-scope"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ScopeKind);
            setValue('');
          }}
        >
          <option value="all">{t('Everything')}</option>
          <option value="outlet">{t('An outlet')}</option>
          <option value="topic">{t('A topic')}</option>
          <option value="query">{t('A search')}</option>
        </select>
      </div>
      {kind === 'outlet' ? (
        <div className="field">
          <label htmlFor="rule-value">{t('Outlet')}</label>
          <select id="rule-value" required value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">{t('Pick one…')}</option>
            {(facets.data?.outlets ?? []).map((outlet) => (
              <option key={outlet.id} value={outlet.id}>
                {outlet.name}
              </option>
            ))}
          </select>
        </div>
      ) : kind === 'topic' ? (
        <div className="field">
          <label htmlFor="rule-value">{t('Topic')}</label>
          <select id="rule-value" required value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">{t('Pick one…')}</option>
            {topicGroups.map((group) => {
              const members = (facets.data?.topics ?? []).filter((topic) => topic.kind === group.kind);
              return members.length === 0 ? null : (
                <optgroup key={group.kind} label={t(group.label)}>
                  {members.map((topic) => (
                    <option key={topic.slug} value={topic.slug}>
                      {topicName(topic.slug, topic.name)} ({fmt.count(topic.articles)})
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </div>
      ) : kind === 'query' ? (
        <div className="field field-search">
          <label htmlFor="rule-value">{t('Search')}</label>
          <input
            id="rule-value"
            dir="auto"
            required
            maxLength={300}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
      ) : null}
      <div className="field field-narrow">
        <label htmlFor="rule-k">{t('Standard deviations')}</label>
        <input
          id="rule-k"
          type="number"
          min={0}
          max={50}
          step={0.5}
          required
          value={k}
          onChange={(e) => setK(e.target.value)}
        />
      </div>
      <div className="field field-narrow">
        <label htmlFor="rule-min">{t('At least')}</label>
        <input
          id="rule-min"
          type="number"
          min={1}
          step={1}
          required
          value={minCount}
          onChange={(e) => setMinCount(e.target.value)}
        />
      </div>
      <div className="field field-search">
        <label htmlFor="rule-webhook">{t('Webhook (optional)')}</label>
        <input
          id="rule-webhook"
          type="url"
          dir="ltr"
          placeholder="https://"
          value={webhookUrl}
          onChange={(e) => setWebhookUrl(e.target.value)}
        />
      </div>
      <div className="admin-actions">
        <button type="submit" disabled={create.isPending}>
          {t('Add rule')}
        </button>
      </div>
      {create.isError ? (
        <p className="admin-error" role="alert" data-testid="alert-rule-error">
          <code dir="ltr">{create.error.message}</code>
        </p>
      ) : null}
    </form>
  );
}

/** Enable/disable and delete buttons for one rule. */
export function AlertRuleActions({ rule }: { rule: AlertRule }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['/api/alerts'] });
  const toggle = useMutation({
    mutationFn: () =>
      sendChange<AlertRule>('PATCH', `/api/alert-rules/${rule.id}`, { enabled: !rule.enabled }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => sendChange<unknown>('DELETE', `/api/alert-rules/${rule.id}`),
    onSuccess: refresh,
  });
  const error = toggle.error ?? remove.error;
  return (
    <div className="admin-actions">
      <button
        type="button"
        className="link-button"
        disabled={toggle.isPending}
        onClick={() => toggle.mutate()}
      >
        {rule.enabled ? t('Disable') : t('Enable')}
      </button>
      <ConfirmDelete
        confirmLabel={t('Delete it and its alerts')}
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
      {error ? (
        <p className="admin-error" role="alert">
          <code dir="ltr">{error.message}</code>
        </p>
      ) : null}
    </div>
  );
}
