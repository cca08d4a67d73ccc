'use client';

import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { fetchJson, type RunsResponse } from '@/lib/api';
import { useI18n } from '@/lib/i18n-context';

function HowToAdd() {
  const { t } = useI18n();
  return (
    <div className="state-hint">
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
} as const;

export function SourcesView() {
  const { t, fmt } = useI18n();
  const runs = useQuery({
    queryKey: ['/api/runs'],
    queryFn: ({ signal }) => fetchJson<RunsResponse>('/api/runs', signal),
    // Runs change while the worker works; a slow poll keeps the page honest without a reload.
    refetchInterval: 15_000,
  });

  if (runs.isPending) return <LoadingState label={t('Loading runs…')} />;
  if (runs.isError)
    return (
      <ErrorState
        title={t('Could not load runs')}
        error={runs.error}
        hint={
          <button type="button" className="link-button" onClick={() => runs.refetch()}>
            {t('Try again')}
          </button>
        }
      />
    );

  const { runs: runList, sources, failures } = runs.data;
  if (runList.length === 0 && sources.length === 0) {
    return (
      <EmptyState title={t('Nothing collected yet')}>
        <HowToAdd />
      </EmptyState>
    );
  }

  return (
    <div className="stack-lg">
      <section className="card">
        <header className="card-header">
          <h2>{t('Configured sources')}</h2>
        </header>
        {sources.length === 0 ? (
          <EmptyState title={t('No scheduled sources')}>
            <HowToAdd />
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('Name')}</th>
                  <th scope="col">{t('Kind')}</th>
                  <th scope="col">{t('Location')}</th>
                  <th scope="col">{t('Schedule')}</th>
                  <th scope="col">{t('Last run')}</th>
                  <th scope="col" className="num">
                    {t('Seen')}
                  </th>
                  <th scope="col" className="num">
                    {t('New')}
                  </th>
                  <th scope="col" className="num">
                    {t('Failed')}
                  </th>
                  <th scope="col">{t('Last error')}</th>
                </tr>
              </thead>
              <tbody>
                {sources.map((source) => (
                  <tr key={source.id} className={source.enabled ? undefined : 'disabled'}>
                    <th scope="row" dir="auto">
                      {source.name}
                      {source.enabled ? null : <span className="muted"> ({t('disabled')})</span>}
                    </th>
                    <td>{source.kind}</td>
                    <td className="break">
                      <code>{source.location}</code>
                    </td>
                    <td>
                      {source.schedule ? (
                        <code>{source.schedule}</code>
                      ) : (
                        <span className="muted">{t('manual')}</span>
                      )}
                    </td>
                    <td>
                      {source.lastRunAt ? (
                        fmt.dateTime(source.lastRunAt)
                      ) : (
                        <span className="muted">{t('never')}</span>
                      )}
                    </td>
                    <td className="num">{fmt.count(source.itemsSeen)}</td>
                    <td className="num">{fmt.count(source.itemsNew)}</td>
                    <td className="num">{fmt.count(source.itemsFailed)}</td>
                    <td className="error-text">{source.lastError ?? ''}</td>
                  </tr>
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
