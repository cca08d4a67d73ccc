'use client';

import type { SaveWatchTopicResult, WatchTopic } from '@rasid/db/queries';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { AdminAccess } from '@/components/admin-access';
import { ConfirmDelete } from '@/components/confirm-delete';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { sendChange } from '@/lib/admin-client';
import { fetchJson } from '@/lib/api';
import { useI18n } from '@/lib/i18n-context';

type WatchTopicsResponse = { topics: WatchTopic[] };

const URL_LIST = '/api/watch-topics';

/** The name and query inputs, for a new topic and for editing one. */
function TopicFields({
  idPrefix,
  name,
  query,
  onName,
  onQuery,
}: {
  idPrefix: string;
  name: string;
  query: string;
  onName: (value: string) => void;
  onQuery: (value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-name`}>{t('Name')}</label>
        <input
          id={`${idPrefix}-name`}
          dir="auto"
          maxLength={80}
          required
          value={name}
          onChange={(event) => onName(event.target.value)}
        />
      </div>
      <div className="field field-search">
        <label htmlFor={`${idPrefix}-query`}>{t('Query')}</label>
        <input
          id={`${idPrefix}-query`}
          dir="auto"
          maxLength={500}
          required
          placeholder={t('e.g. المغرب (اسرائيل OR إسرائيل)')}
          value={query}
          onChange={(event) => onQuery(event.target.value)}
        />
      </div>
    </>
  );
}

function TopicRow({ topic, onChanged }: { topic: WatchTopic; onChanged: () => void }) {
  const { t, fmt } = useI18n();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(topic.name);
  const [query, setQuery] = useState(topic.query);
  const save = useMutation({
    mutationFn: () =>
      sendChange<SaveWatchTopicResult>('PATCH', `${URL_LIST}/${topic.id}`, {
        ...(name !== topic.name ? { name } : {}),
        ...(query !== topic.query ? { query } : {}),
      }),
    onSuccess: () => {
      setEditing(false);
      onChanged();
    },
  });
  const remove = useMutation({
    mutationFn: () => sendChange<unknown>('DELETE', `${URL_LIST}/${topic.id}`),
    onSuccess: onChanged,
  });
  const filterHref = `?topic=${encodeURIComponent(topic.slug)}`;
  if (editing)
    return (
      <tr data-testid="watch-topic" data-slug={topic.slug}>
        <td colSpan={4}>
          <form
            className="admin-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (name === topic.name && query === topic.query) setEditing(false);
              else save.mutate();
            }}
          >
            <TopicFields
              idPrefix={`watch-${topic.id}`}
              name={name}
              query={query}
              onName={setName}
              onQuery={setQuery}
            />
            <div className="admin-actions">
              <button type="submit" disabled={save.isPending}>
                {save.isPending ? t('Applying to every article…') : t('Save')}
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setEditing(false);
                  setName(topic.name);
                  setQuery(topic.query);
                  save.reset();
                }}
              >
                {t('Cancel')}
              </button>
            </div>
            {save.isError ? (
              <p className="admin-error" role="alert">
                <code dir="ltr">{save.error.message}</code>
              </p>
            ) : null}
          </form>
        </td>
      </tr>
    );
  return (
    <tr data-testid="watch-topic" data-slug={topic.slug}>
      <th scope="row" dir="auto">
        <Link href={`/${filterHref}`}>{topic.name}</Link>
      </th>
      <td>
        <code dir="auto">{topic.query}</code>
      </td>
      <td className="num">
        <Link href={`/articles${filterHref}`} data-testid="watch-topic-count">
          {fmt.count(topic.articles)}
        </Link>
      </td>
      <td>
        <div className="admin-actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('Edit')}
          </button>
          <ConfirmDelete
            confirmLabel={t('Delete it and its alert rules')}
            pending={remove.isPending}
            onConfirm={() => remove.mutate()}
            error={remove.isError ? remove.error : null}
          />
        </div>
      </td>
    </tr>
  );
}

export function WatchTopicsView() {
  const { t, fmt } = useI18n();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: [URL_LIST],
    queryFn: ({ signal }) => fetchJson<WatchTopicsResponse>(URL_LIST, signal),
  });
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  // Counts everywhere (facets, charts, lists) change with a topic: refetch them all.
  const onChanged = () => client.invalidateQueries();
  const create = useMutation({
    mutationFn: () => sendChange<SaveWatchTopicResult>('POST', URL_LIST, { name, query }),
    onSuccess: () => {
      setName('');
      setQuery('');
      onChanged();
    },
  });

  return (
    <div className="stack-lg">
      <p className="page-lead">
        {t(
          'A watch topic is a named search, written as in the search box (AND, OR, NOT, "phrases", title:, Arabic-folded). It is applied to every stored article when saved and to new articles as the worker stores them, and it filters the charts, lists, exports and alert rules like any topic.',
        )}
      </p>
      <AdminAccess />
      <section className="card" data-testid="watch-topic-form">
        <header className="card-header">
          <h2>{t('New watch topic')}</h2>
        </header>
        <form
          className="admin-form"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <TopicFields idPrefix="watch-new" name={name} query={query} onName={setName} onQuery={setQuery} />
          <div className="admin-actions">
            <button type="submit" disabled={create.isPending}>
              {create.isPending ? t('Applying to every article…') : t('Create')}
            </button>
          </div>
          {create.isError ? (
            <p className="admin-error" role="alert" data-testid="watch-topic-error">
              <code dir="ltr">{create.error.message}</code>
            </p>
          ) : null}
          {create.isSuccess ? (
            <p className="muted" role="status" data-testid="watch-topic-created">
              {t('“{name}” matches {n} stored articles.', {
                name: create.data.topic.name,
                n: fmt.count(create.data.linked),
              })}
            </p>
          ) : null}
        </form>
      </section>
      <section className="card" data-testid="watch-topics">
        <header className="card-header">
          <h2>{t('Watch topics')}</h2>
        </header>
        {list.isPending ? (
          <LoadingState />
        ) : list.isError ? (
          <ErrorState title={t('Could not load watch topics')} error={list.error} />
        ) : list.data.topics.length === 0 ? (
          <EmptyState title={t('No watch topics yet')}>
            <p>{t('Name a search above to follow it across every outlet.')}</p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Name')}</th>
                  <th scope="col">{t('Query')}</th>
                  <th scope="col">{t('Articles')}</th>
                  <th scope="col" aria-label={t('Actions')} />
                </tr>
              </thead>
              <tbody>
                {list.data.topics.map((topic) => (
                  <TopicRow key={`${topic.id}:${topic.updatedAt}`} topic={topic} onChanged={onChanged} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
