'use client';

import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { fetchJson, type RunsResponse } from '@/lib/api';
import { formatCount, formatDateTime } from '@/lib/format';

function HowToAdd() {
  return (
    <div className="state-hint">
      <p>
        To add articles once, run <code>npx rasid ingest PATH</code> from the repository root, where PATH is a
        file or folder of .txt, .html, .json or .jsonl files (gzipped too), e.g.{' '}
        <code>npx rasid ingest ../shared/seeds</code>.
      </p>
      <p>
        To collect on a schedule, add the folder or feed to <code>rasid.sources.json</code> (or the file named
        by <code>RASID_SOURCES</code>) and start the worker with <code>npx rasid run</code>.
      </p>
    </div>
  );
}

const statusLabel: Record<string, string> = {
  running: 'Running',
  ok: 'OK',
  partial: 'Partly failed',
  failed: 'Failed',
};

export function SourcesView() {
  const runs = useQuery({
    queryKey: ['/api/runs'],
    queryFn: ({ signal }) => fetchJson<RunsResponse>('/api/runs', signal),
    // Runs change while the worker works; a slow poll keeps the page honest without a reload.
    refetchInterval: 15_000,
  });

  if (runs.isPending) return <LoadingState label="Loading runs…" />;
  if (runs.isError) return <ErrorState title="Could not load runs" error={runs.error} />;

  const { runs: runList, sources, failures } = runs.data;
  if (runList.length === 0 && sources.length === 0) {
    return (
      <EmptyState title="Nothing collected yet">
        <HowToAdd />
      </EmptyState>
    );
  }

  return (
    <div className="stack-lg">
      <section className="card">
        <header className="card-header">
          <h2>Configured sources</h2>
        </header>
        {sources.length === 0 ? (
          <EmptyState title="No scheduled sources">
            <HowToAdd />
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Location</th>
                  <th scope="col">Schedule</th>
                  <th scope="col">Last run</th>
                  <th scope="col" className="num">
                    Seen
                  </th>
                  <th scope="col" className="num">
                    New
                  </th>
                  <th scope="col" className="num">
                    Failed
                  </th>
                  <th scope="col">Last error</th>
                </tr>
              </thead>
              <tbody>
                {sources.map((source) => (
                  <tr key={source.id} className={source.enabled ? undefined : 'disabled'}>
                    <th scope="row" dir="auto">
                      {source.name}
                      {source.enabled ? null : <span className="muted"> (disabled)</span>}
                    </th>
                    <td>{source.kind}</td>
                    <td className="break">
                      <code>{source.location}</code>
                    </td>
                    <td>
                      {source.schedule ? (
                        <code>{source.schedule}</code>
                      ) : (
                        <span className="muted">manual</span>
                      )}
                    </td>
                    <td>
                      {source.lastRunAt ? (
                        formatDateTime(source.lastRunAt)
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                    <td className="num">{formatCount(source.itemsSeen)}</td>
                    <td className="num">{formatCount(source.itemsNew)}</td>
                    <td className="num">{formatCount(source.itemsFailed)}</td>
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
          <h2>Recent runs</h2>
        </header>
        {runList.length === 0 ? (
          <p className="muted">No runs recorded yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="runs-table">
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Read
                  </th>
                  <th scope="col" className="num">
                    New
                  </th>
                  <th scope="col" className="num">
                    Updated
                  </th>
                  <th scope="col" className="num">
                    Duplicates
                  </th>
                  <th scope="col" className="num">
                    Failed
                  </th>
                  <th scope="col">What</th>
                </tr>
              </thead>
              <tbody>
                {runList.map((run) => (
                  <tr key={run.id}>
                    <th scope="row">#{run.id}</th>
                    <td>{run.kind}</td>
                    <td>{formatDateTime(run.startedAt)}</td>
                    <td>
                      <span className={`status status-${run.status}`}>
                        {statusLabel[run.status] ?? run.status}
                      </span>
                      {run.error ? <div className="error-text">{run.error}</div> : null}
                    </td>
                    <td className="num">{formatCount(run.read)}</td>
                    <td className="num">{formatCount(run.new)}</td>
                    <td className="num">{formatCount(run.updated)}</td>
                    <td className="num">{formatCount(run.duplicate)}</td>
                    <td className="num">{formatCount(run.failed)}</td>
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
          <h2>Unresolved failures</h2>
        </header>
        {failures.length === 0 ? (
          <p className="muted">None: every input the worker read was stored or recognised as a duplicate.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="failures-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Input</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Run</th>
                </tr>
              </thead>
              <tbody>
                {failures.map((failure) => (
                  <tr key={failure.id}>
                    <td>{formatDateTime(failure.createdAt)}</td>
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
