'use client';

import type { SourceDay, SourceHealth, SourceHealthList } from '@rasid/db/queries';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AdminAccess } from '@/components/admin-access';
import { ConfirmDelete } from '@/components/confirm-delete';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { sendChange } from '@/lib/admin-client';
import { fetchJson, type RunsResponse } from '@/lib/api';
import { useI18n } from '@/lib/i18n-context';

const URL_SOURCES = '/api/sources';
const VOLUME_DAYS = 30;

function HowToAdd() {
  const { t } = useI18n();
  return (
    <div className="state-hint" data-testid="how-to-add">
      <p>
        {t(
          'Offline, or a site cannot be reached? Put the articles in a folder (.txt, .html, .json or .jsonl files, gzipped too) and add it above as a source of kind “folder”, with the folder’s full path: the worker collects it without a network.',
        )}
      </p>
      <p>
        {t(
          'To add articles once, run this from the repository root, with a file or folder of .txt, .html, .json or .jsonl files (gzipped too):',
        )}{' '}
        <code dir="ltr">npx rasid ingest ../shared/seeds</code>
      </p>
      <p>
        {t(
          'To collect on a schedule, add the folder or feed to rasid.sources.json (or the file named by RASID_SOURCES) and start the worker:',
        )}{' '}
        <code dir="ltr">npx rasid run</code>
      </p>
    </div>
  );
}

const statusLabel = {
  running: 'Running',
  ok: 'OK',
  partial: 'Partly failed',
  failed: 'Failed',
  interrupted: 'Interrupted',
} as const;

const kinds = ['feed', 'sitemap', 'page', 'folder'] as const;
type Kind = (typeof kinds)[number];

const kindLabel = {
  feed: 'Feed (RSS, Atom, JSON Feed)',
  sitemap: 'Sitemap',
  page: 'Single page',
  folder: 'Folder or file',
} as const;

/** The UTC days of the window, oldest first. */
function windowDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= to;
    d.setUTCDate(d.getUTCDate() + 1)
  )
    days.push(d.toISOString().slice(0, 10));
  return days;
}

/** Articles stored per day by the source's runs: one bar a day; a day with a failed run is marked. */
function VolumeBars({ source, days }: { source: SourceHealth; days: string[] }) {
  const { t, fmt } = useI18n();
  const byDay = new Map<string, SourceDay>(source.days.map((d) => [d.day, d]));
  const max = Math.max(1, ...source.days.map((d) => d.new));
  const total = source.days.reduce((sum, d) => sum + d.new, 0);
  const width = 5;
  const gap = 1;
  const height = 28;
  return (
    <figure className="volume" data-testid="source-volume" data-total={total}>
      <svg
        width={days.length * (width + gap)}
        height={height + 4}
        role="img"
        aria-label={t('{n} articles stored in the last {days} days', {
          n: fmt.count(total),
          days: days.length,
        })}
      >
        {days.map((day, i) => {
          const d = byDay.get(day);
          const h = d && d.new > 0 ? Math.max(2, Math.round((d.new / max) * height)) : 0;
          const failed = d !== undefined && d.failedRuns > 0;
          return (
            <g key={day}>
              <title>
                {d
                  ? t(
                      '{day}: {new} new, {duplicate} duplicates, {failed} failed items, {failedRuns} failed runs of {runs}',
                      {
                        day: fmt.day(day),
                        new: fmt.count(d.new),
                        duplicate: fmt.count(d.duplicate),
                        failed: fmt.count(d.failed),
                        failedRuns: fmt.count(d.failedRuns),
                        runs: fmt.count(d.runs),
                      },
                    )
                  : t('{day}: no run', { day: fmt.day(day) })}
              </title>
              <rect
                x={i * (width + gap)}
                y={0}
                width={width}
                height={height + 4}
                className={failed ? 'volume-failed' : d ? 'volume-ran' : 'volume-idle'}
              />
              {h > 0 ? (
                <rect
                  x={i * (width + gap)}
                  y={height + 4 - h}
                  width={width}
                  height={h}
                  className="volume-bar"
                />
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">
        {t('{n} new in {days} days', { n: fmt.count(total), days: days.length })}
      </figcaption>
    </figure>
  );
}

function Health({ source }: { source: SourceHealth }) {
  const { t, fmt } = useI18n();
  const state = source.failing ? 'failed' : source.lastSuccessAt ? 'ok' : 'never';
  return (
    <div className="source-health" data-testid="source-health" data-state={state}>
      <span className={`status status-${state}`}>
        {state === 'failed' ? t('Failing') : state === 'ok' ? t('OK') : t('Never run')}
      </span>
      <div>
        {t('Last success')}:{' '}
        {source.lastSuccessAt ? (
          fmt.dateTime(source.lastSuccessAt)
        ) : (
          <span className="muted">{t('never')}</span>
        )}
      </div>
      {source.lastError ? (
        <div className="error-text" data-testid="source-last-error">
          {source.lastErrorAt ? `${fmt.dateTime(source.lastErrorAt)}: ` : ''}
          {source.lastError}
        </div>
      ) : null}
    </div>
  );
}

type EditState = { enabled: boolean; schedule: string; outlet: string; language: string };

function EditRow({ source, onDone }: { source: SourceHealth; onDone: (changed: boolean) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<EditState>({
    enabled: source.enabled,
    schedule: source.schedule ?? '',
    outlet: source.outletHint ?? '',
    language: source.languageHint ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      sendChange<SourceHealth>('PATCH', `${URL_SOURCES}/${source.id}`, {
        enabled: form.enabled,
        schedule: form.schedule,
        outlet: form.outlet.trim() || null,
        language: form.language.trim() || null,
      }),
    onSuccess: () => onDone(true),
  });
  const id = `source-${source.id}`;
  return (
    <tr data-testid="source-row" data-name={source.name}>
      <td colSpan={7}>
        <form
          className="admin-form"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
        >
          <strong dir="auto">{source.name}</strong>
          <label className="check">
            <input
              type="checkbox"
              checked={form.enabled}
              onChange={(event) => setForm({ ...form, enabled: event.target.checked })}
            />
            {t('Enabled')}
          </label>
          <div className="field">
            <label htmlFor={`${id}-schedule`}>{t('Schedule (cron, UTC)')}</label>
            <input
              id={`${id}-schedule`}
              dir="ltr"
              value={form.schedule}
              onChange={(event) => setForm({ ...form, schedule: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-outlet`}>{t('Outlet')}</label>
            <input
              id={`${id}-outlet`}
              dir="auto"
              value={form.outlet}
              onChange={(event) => setForm({ ...form, outlet: event.target.value })}
            />
          </div>
          <div className="field field-narrow">
            <label htmlFor={`${id}-language`}>{t('Language')}</label>
            <input
              id={`${id}-language`}
              dir="ltr"
              maxLength={2}
              value={form.language}
              onChange={(event) => setForm({ ...form, language: event.target.value })}
            />
          </div>
          <div className="admin-actions">
            <button type="submit" disabled={save.isPending}>
              {t('Save')}
            </button>
            <button type="button" className="button-secondary" onClick={() => onDone(false)}>
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
}

function SourceRow({
  source,
  days,
  onChanged,
}: {
  source: SourceHealth;
  days: string[];
  onChanged: () => void;
}) {
  const { t, fmt } = useI18n();
  const [editing, setEditing] = useState(false);
  const remove = useMutation({
    mutationFn: () => sendChange<unknown>('DELETE', `${URL_SOURCES}/${source.id}`),
    onSuccess: onChanged,
  });
  if (editing)
    return (
      <EditRow
        source={source}
        onDone={(changed) => {
          setEditing(false);
          if (changed) onChanged();
        }}
      />
    );
  return (
    <tr
      data-testid="source-row"
      data-name={source.name}
      data-origin={source.origin}
      className={source.enabled ? undefined : 'disabled'}
    >
      <th scope="row" dir="auto">
        {source.name}
        {source.enabled ? null : <span className="muted"> ({t('disabled')})</span>}
        <div className="muted source-meta">
          {t(kindLabel[source.kind as Kind] ?? 'Folder or file')}
          {' · '}
          {source.origin === 'dashboard' ? t('added here') : t('from the sources file')}
        </div>
        <div className="source-meta">
          <code dir="ltr" className="break">
            {source.location}
          </code>
        </div>
        {source.outletHint || source.languageHint ? (
          <div className="muted source-meta" dir="auto">
            {[source.outletHint, source.languageHint].filter(Boolean).join(' · ')}
          </div>
        ) : null}
      </th>
      <td>
        {source.schedule ? (
          <code dir="ltr">{source.schedule}</code>
        ) : (
          <span className="muted">{t('manual')}</span>
        )}
        <div className="muted source-meta">
          {t('Last run')}: {source.lastRunAt ? fmt.dateTime(source.lastRunAt) : t('never')}
        </div>
      </td>
      <td>
        <Health source={source} />
      </td>
      <td className="num" data-testid="source-counts">
        <div>
          {t('Seen')} {fmt.count(source.itemsSeen)}
        </div>
        <div>
          {t('New')} {fmt.count(source.itemsNew)}
        </div>
        <div>
          {t('Duplicates')} {fmt.count(source.itemsDuplicate)}
        </div>
        <div className={source.itemsFailed > 0 ? 'error-text' : undefined}>
          {t('Failed')} {fmt.count(source.itemsFailed)}
        </div>
      </td>
      <td className="num">
        <div>
          {t('Waiting for a retry')} {fmt.count(source.pendingFailures)}
        </div>
        <div className={source.givenUp > 0 ? 'error-text' : undefined}>
          {t('Given up')} {fmt.count(source.givenUp)}
        </div>
        {source.pagesWaiting > 0 ? (
          <div title={t('Pages the last run listed but left, by its per-run cap, for the next runs')}>
            {t('Pages for the next runs')} {fmt.count(source.pagesWaiting)}
          </div>
        ) : null}
      </td>
      <td>
        <VolumeBars source={source} days={days} />
      </td>
      <td>
        {source.origin === 'dashboard' ? (
          <div className="admin-actions">
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              {t('Edit')}
            </button>
            <ConfirmDelete
              confirmLabel={t('Delete the source (its articles stay)')}
              pending={remove.isPending}
              onConfirm={() => remove.mutate()}
              error={remove.isError ? remove.error : null}
            />
          </div>
        ) : (
          <span className="muted">{t('Edit it in rasid.sources.json')}</span>
        )}
      </td>
    </tr>
  );
}

type NewSource = {
  kind: Kind;
  name: string;
  location: string;
  outlet: string;
  language: string;
  schedule: string;
  enabled: boolean;
};

const emptySource: NewSource = {
  kind: 'folder',
  name: '',
  location: '',
  outlet: '',
  language: '',
  schedule: '*/30 * * * *',
  enabled: true,
};

function AddSourceForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<NewSource>(emptySource);
  const create = useMutation({
    mutationFn: () =>
      sendChange<SourceHealth>('POST', URL_SOURCES, {
        kind: form.kind,
        name: form.name.trim(),
        ...(form.kind === 'folder' ? { path: form.location.trim() } : { url: form.location.trim() }),
        ...(form.outlet.trim() ? { outlet: form.outlet.trim() } : {}),
        ...(form.language.trim() ? { language: form.language.trim() } : {}),
        schedule: form.schedule.trim(),
        enabled: form.enabled,
      }),
    onSuccess: () => {
      setForm(emptySource);
      onAdded();
    },
  });
  return (
    <section className="card" data-testid="source-form">
      <header className="card-header">
        <h2>{t('Add a source')}</h2>
      </header>
      <form
        className="admin-form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="source-new-kind">{t('Kind')}</label>
          <select
            id="source-new-kind"
            value={form.kind}
            onChange={(event) => setForm({ ...form, kind: event.target.value as Kind })}
          >
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(kindLabel[kind])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="source-new-name">{t('Name')}</label>
          <input
            id="source-new-name"
            dir="auto"
            required
            maxLength={100}
            value={form.name}
            onChange={(event) => setForm({ ...form, name: event.target.value })}
          />
        </div>
        <div className="field field-search">
          <label htmlFor="source-new-location">
            {form.kind === 'folder' ? t('Folder or file path (absolute)') : t('URL')}
          </label>
          <input
            id="source-new-location"
            dir="ltr"
            required
            placeholder={form.kind === 'folder' ? '/home/me/news' : 'https://example.org/rss'}
            value={form.location}
            onChange={(event) => setForm({ ...form, location: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="source-new-outlet">{t('Outlet (optional)')}</label>
          <input
            id="source-new-outlet"
            dir="auto"
            value={form.outlet}
            onChange={(event) => setForm({ ...form, outlet: event.target.value })}
          />
        </div>
        <div className="field field-narrow">
          <label htmlFor="source-new-language">{t('Language (optional)')}</label>
          <input
            id="source-new-language"
            dir="ltr"
            maxLength={2}
            placeholder="ar"
            value={form.language}
            onChange={(event) => setForm({ ...form, language: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="source-new-schedule">{t('Schedule (cron, UTC)')}</label>
          <input
            id="source-new-schedule"
            dir="ltr"
            required
            value={form.schedule}
            onChange={(event) => setForm({ ...form, schedule: event.target.value })}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={form.enabled}
            onChange={(event) => setForm({ ...form, enabled: event.target.checked })}
          />
          {t('Enabled')}
        </label>
        <div className="admin-actions">
          <button type="submit" disabled={create.isPending}>
            {t('Add source')}
          </button>
        </div>
        {create.isError ? (
          <p className="admin-error" role="alert" data-testid="source-error">
            <code dir="ltr">{create.error.message}</code>
          </p>
        ) : null}
        {create.isSuccess ? (
          <p className="muted" role="status" data-testid="source-added">
            {t(
              '“{name}” added: the worker collects it at its next start, or within 30 seconds if it is running.',
              {
                name: create.data.name,
              },
            )}
          </p>
        ) : null}
      </form>
    </section>
  );
}

export function SourcesView() {
  const { t, fmt } = useI18n();
  const client = useQueryClient();
  const health = useQuery({
    queryKey: [URL_SOURCES, VOLUME_DAYS],
    queryFn: ({ signal }) => fetchJson<SourceHealthList>(`${URL_SOURCES}?days=${VOLUME_DAYS}`, signal),
    refetchInterval: 15_000,
  });
  const runs = useQuery({
    queryKey: ['/api/runs'],
    queryFn: ({ signal }) => fetchJson<RunsResponse>('/api/runs', signal),
    // Runs change while the worker works; a slow poll keeps the page honest without a reload.
    refetchInterval: 15_000,
  });
  const onChanged = () => {
    void client.invalidateQueries({ queryKey: [URL_SOURCES] });
    void client.invalidateQueries({ queryKey: ['/api/runs'] });
  };

  if (health.isPending || runs.isPending) return <LoadingState label={t('Loading runs…')} />;
  if (health.isError || runs.isError)
    return (
      <ErrorState
        title={t('Could not load runs')}
        error={health.error ?? runs.error}
        hint={
          <button
            type="button"
            className="link-button"
            onClick={() => {
              void health.refetch();
              void runs.refetch();
            }}
          >
            {t('Try again')}
          </button>
        }
      />
    );

  const { runs: runList, failures } = runs.data;
  const { sources } = health.data;
  const days = windowDays(health.data.from, health.data.to);
  // Sources read over the network whose last attempt failed: offline, the page says how to add a folder.
  const failingFetched = sources.filter((s) => s.enabled && s.failing && s.kind !== 'folder');

  return (
    <div className="stack-lg">
      <p className="page-lead">
        {t(
          'Sources come from the sources file (rasid.sources.json, edited by hand) and from this page. The worker collects both; the ones added here can be edited and deleted here, and deleting one keeps its articles.',
        )}
      </p>
      {failingFetched.length > 0 ? (
        <section className="admin-note offline-note" role="note" data-testid="sources-offline">
          <strong>
            {t('{n} of {total} sources read over the network are failing: {names}', {
              n: fmt.count(failingFetched.length),
              total: fmt.count(sources.filter((s) => s.enabled && s.kind !== 'folder').length),
              names: failingFetched.map((s) => s.name).join(', '),
            })}
          </strong>
          <HowToAdd />
        </section>
      ) : null}
      <AdminAccess />
      <AddSourceForm onAdded={onChanged} />

      <section className="card">
        <header className="card-header">
          <h2>{t('Configured sources')}</h2>
        </header>
        {sources.length === 0 ? (
          <EmptyState title={runList.length === 0 ? t('Nothing collected yet') : t('No scheduled sources')}>
            <HowToAdd />
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="sources-table">
              <thead>
                <tr>
                  <th scope="col">{t('Source')}</th>
                  <th scope="col">{t('Schedule')}</th>
                  <th scope="col">{t('Health')}</th>
                  <th scope="col" className="num">
                    {t('Items')}
                  </th>
                  <th scope="col" className="num">
                    {t('Failures')}
                  </th>
                  <th scope="col">{t('Stored per day (last 30 days)')}</th>
                  <th scope="col" aria-label={t('Actions')} />
                </tr>
              </thead>
              <tbody>
                {sources.map((source) => (
                  <SourceRow
                    key={`${source.id}:${source.updatedAt}`}
                    source={source}
                    days={days}
                    onChanged={onChanged}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <header className="card-header">
          <h2>{t('Recent runs')}</h2>
        </header>
        {runList.length === 0 ? (
          <p className="muted">{t('No runs recorded yet.')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="runs-table">
              <thead>
                <tr>
                  <th scope="col">{t('Run')}</th>
                  <th scope="col">{t('Kind')}</th>
                  <th scope="col">{t('Started')}</th>
                  <th scope="col">{t('Status')}</th>
                  <th scope="col" className="num">
                    {t('Read')}
                  </th>
                  <th scope="col" className="num">
                    {t('New')}
                  </th>
                  <th scope="col" className="num">
                    {t('Updated')}
                  </th>
                  <th scope="col" className="num">
                    {t('Duplicates')}
                  </th>
                  <th scope="col" className="num">
                    {t('Failed')}
                  </th>
                  <th scope="col">{t('What')}</th>
                </tr>
              </thead>
              <tbody>
                {runList.map((run) => (
                  <tr key={run.id}>
                    <th scope="row">#{run.id}</th>
                    <td>{run.kind}</td>
                    <td>{fmt.dateTime(run.startedAt)}</td>
                    <td>
                      <span className={`status status-${run.status}`}>
                        {run.status in statusLabel ? t(statusLabel[run.status]) : run.status}
                      </span>
                      {run.error ? <div className="error-text">{run.error}</div> : null}
                    </td>
                    <td className="num">{fmt.count(run.read)}</td>
                    <td className="num">{fmt.count(run.new)}</td>
                    <td className="num">{fmt.count(run.updated)}</td>
                    <td className="num">{fmt.count(run.duplicate)}</td>
                    <td className="num">{fmt.count(run.failed)}</td>
                    <td className="break">{run.args ? <code>{run.args}</code> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <header className="card-header">
          <h2>{t('Unresolved failures')}</h2>
        </header>
        {failures.length === 0 ? (
          <p className="muted">
            {t('None: every input the worker read was stored or recognised as a duplicate.')}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="failures-table">
              <thead>
                <tr>
                  <th scope="col">{t('When')}</th>
                  <th scope="col">{t('Input')}</th>
                  <th scope="col">{t('Problem')}</th>
                  <th scope="col">{t('Run')}</th>
                </tr>
              </thead>
              <tbody>
                {failures.map((failure) => (
                  <tr key={failure.id}>
                    <td>{fmt.dateTime(failure.createdAt)}</td>
                    <td className="break">
                      <code>{failure.location}</code>
                    </td>
                    <td className="error-text">{failure.reason}</td>
                    <td>{failure.runId ? `#${failure.runId}` : ''}</td>
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
