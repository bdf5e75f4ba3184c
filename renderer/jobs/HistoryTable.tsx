import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { JOB_KINDS, JOB_LABELS, RUN_STATE_LABELS, RUN_STATES, type Run } from '../../shared/domain/jobs';
import { EnumSelect } from '../components/EnumSelect';
import { PagedTable, type PagedColumn } from '../components/PagedTable';
import { RunKindBadges, RunStateBadge } from './badges';
import { formatDateTime, formatDuration, formatExact, formatNumber } from './format';
import { EMPTY_FILTER, HISTORY_PAGE_SIZE, useJobs } from './jobs.store';

const useStyles = makeStyles({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'flex-end',
    marginBottom: tokens.spacingVerticalM,
  },
  table: { minWidth: '860px' },
  nowrap: { whiteSpace: 'nowrap' },
  result: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    overflowWrap: 'anywhere',
  },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  message: { color: tokens.colorNeutralForeground2 },
});

/** The history's columns; widths exclude the cells' padding, and what is left goes to the result and its message. */
function historyColumns(
  styles: ReturnType<typeof useStyles>,
  timeZone: string,
  openRun: (id: string) => void,
  restoreFocus: ReturnType<typeof useRestoreFocusTarget>,
): Array<PagedColumn<Run>> {
  const count = (id: 'read' | 'written' | 'skipped' | 'failed', header: string): PagedColumn<Run> => ({
    id,
    header,
    // Wide enough for "Skipped" whole; a narrower one would end in an ellipsis (its title says it all).
    width: '64px',
    numeric: true,
    cell: (run) => formatNumber(run.counts[id]),
  });
  return [
    {
      id: 'started',
      header: 'Started',
      width: '124px',
      cellClassName: styles.nowrap,
      cell: (run) => (
        <time dateTime={run.startedAt} title={formatExact(run.startedAt, timeZone)}>
          {formatDateTime(run.startedAt, timeZone)}
        </time>
      ),
    },
    { id: 'job', header: 'Job', width: '84px', cell: (run) => JOB_LABELS[run.job] },
    {
      id: 'result',
      header: 'Result',
      cell: (run) => (
        <div className={styles.result}>
          <span className={styles.badges}>
            <RunStateBadge state={run.state} />
            <RunKindBadges run={run} quiet />
          </span>
          {(run.error?.message ?? run.summary) && (
            <Text size={200} className={styles.message}>
              {run.error?.message ?? run.summary}
            </Text>
          )}
        </div>
      ),
    },
    { id: 'duration', header: 'Duration', width: '64px', cell: (run) => formatDuration(run.durationMs) },
    count('read', 'Read'),
    count('written', 'Written'),
    count('skipped', 'Skipped'),
    count('failed', 'Failed'),
    {
      id: 'details',
      header: 'Details',
      headerHidden: true,
      width: '64px',
      cell: (run) => (
        <Button
          {...restoreFocus}
          size="small"
          onClick={() => openRun(run.id)}
          aria-label={`Details of ${JOB_LABELS[run.job]} run started ${formatDateTime(run.startedAt, timeZone)}`}
        >
          Details
        </Button>
      ),
    },
  ];
}

/** Every run of the biller, newest first, filtered by job, result and the biller's days; a page at a time. */
export function HistoryTable({ timeZone }: { timeZone: string }) {
  const styles = useStyles();
  const restoreFocus = useRestoreFocusTarget();
  const { history, progress, setFilter, setHistoryPage, openRun } = useJobs();
  const { filter, offset, data, error } = history;
  const filtered = filter.job !== '' || filter.state !== '' || filter.from !== '' || filter.to !== '';
  const total = data?.total ?? 0;
  // A running run's counts move with its progress events.
  const runs = (data?.runs ?? []).map((listed) => {
    const live = listed.state === 'running' ? progress[listed.id] : undefined;
    return live ? { ...listed, counts: live.counts } : listed;
  });

  return (
    <>
      <div className={styles.filters} role="group" aria-label="History filters">
        <EnumSelect
          label="Job"
          value={filter.job}
          values={JOB_KINDS}
          labels={JOB_LABELS}
          anyLabel="All jobs"
          onChange={(job) => setFilter({ job })}
        />
        <EnumSelect
          label="Result"
          value={filter.state}
          values={RUN_STATES}
          labels={RUN_STATE_LABELS}
          anyLabel="Any result"
          onChange={(state) => setFilter({ state })}
        />
        <Field label="From">
          <Input
            type="date"
            value={filter.from}
            max={filter.to || undefined}
            onChange={(_, d) => setFilter({ from: d.value })}
          />
        </Field>
        <Field label="To">
          <Input
            type="date"
            value={filter.to}
            min={filter.from || undefined}
            onChange={(_, d) => setFilter({ to: d.value })}
          />
        </Field>
        <Button disabled={!filtered} onClick={() => setFilter(EMPTY_FILTER)}>
          Clear filters
        </Button>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {!data ? (
        !error && <Spinner size="small" label="Loading the history" />
      ) : data.runs.length === 0 ? (
        <Text>
          {filtered ? 'No run matches these filters.' : 'No runs yet. Runs appear here as soon as a job starts.'}
        </Text>
      ) : (
        <PagedTable
          label="Run history"
          className={styles.table}
          scroll={{ kind: 'x' }}
          columns={historyColumns(styles, timeZone, openRun, restoreFocus)}
          rows={runs}
          rowKey={(run) => run.id}
          pager={{
            offset,
            pageSize: HISTORY_PAGE_SIZE,
            shown: data.runs.length,
            total,
            onPage: setHistoryPage,
            place: (first, last, of) => `Runs ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(of)}`,
            labels: ['Newer', 'Older'],
            icons: true,
          }}
        />
      )}
    </>
  );
}
