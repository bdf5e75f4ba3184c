import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { JOB_KINDS, JOB_LABELS, RUN_STATE_LABELS, RUN_STATES, type JobKind, type RunState } from '../../shared/domain/jobs';
import { RunKindBadges, RunStateBadge } from './badges';
import { formatDateTime, formatDuration, formatExact, formatNumber } from './format';
import { EMPTY_FILTER, HISTORY_PAGE_SIZE, useJobs } from './jobs.store';
import { useNumberStyles, useSharedStyles } from './styles';

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', marginBottom: tokens.spacingVerticalM },
  table: { minWidth: '860px' },
  nowrap: { whiteSpace: 'nowrap' },
  result: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, padding: `${tokens.spacingVerticalXS} 0`, overflowWrap: 'anywhere' },
  scroll: { overflowX: 'auto' },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  message: { color: tokens.colorNeutralForeground2 },
  pager: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalS },
});

/** Every run of the biller, newest first, filtered by job, result and the biller's days; a page at a time. */
export function HistoryTable({ timeZone }: { timeZone: string }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const nums = useNumberStyles();
  const restoreFocus = useRestoreFocusTarget();
  const { history, progress, setFilter, setHistoryPage, openRun } = useJobs();
  const { filter, offset, data, error } = history;
  const filtered = filter.job !== '' || filter.state !== '' || filter.from !== '' || filter.to !== '';
  const total = data?.total ?? 0;

  return (
    <>
      <div className={styles.filters} role="group" aria-label="History filters">
        <Field label="Job">
          <Select value={filter.job} onChange={(_, d) => setFilter({ job: d.value as JobKind | '' })}>
            <option value="">All jobs</option>
            {JOB_KINDS.map((k) => (
              <option key={k} value={k}>
                {JOB_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Result">
          <Select value={filter.state} onChange={(_, d) => setFilter({ state: d.value as RunState | '' })}>
            <option value="">Any result</option>
            {RUN_STATES.map((s) => (
              <option key={s} value={s}>
                {RUN_STATE_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="From">
          <Input type="date" value={filter.from} max={filter.to || undefined} onChange={(_, d) => setFilter({ from: d.value })} />
        </Field>
        <Field label="To">
          <Input type="date" value={filter.to} min={filter.from || undefined} onChange={(_, d) => setFilter({ to: d.value })} />
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
        <Text>{filtered ? 'No run matches these filters.' : 'No runs yet. Runs appear here as soon as a job starts.'}</Text>
      ) : (
        <>
          <div className={styles.scroll}>
            <Table aria-label="Run history" size="small" className={styles.table}>
              <TableHeader>
                <TableRow>
                  {/* Widths exclude the cells' padding; what is left goes to the result and its message. */}
                  <TableHeaderCell style={{ width: '124px' }}>Started</TableHeaderCell>
                  <TableHeaderCell style={{ width: '84px' }}>Job</TableHeaderCell>
                  <TableHeaderCell>Result</TableHeaderCell>
                  <TableHeaderCell style={{ width: '64px' }}>Duration</TableHeaderCell>
                  {(['Read', 'Written', 'Skipped', 'Failed'] as const).map((h) => (
                    <TableHeaderCell key={h} style={{ width: '56px' }} className={nums.header}>
                      {h}
                    </TableHeaderCell>
                  ))}
                  <TableHeaderCell style={{ width: '64px' }}>
                    <span className={shared.visuallyHidden}>Details</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.runs.map((listed) => {
                  // A running run's counts move with its progress events.
                  const live = listed.state === 'running' ? progress[listed.id] : undefined;
                  const run = live ? { ...listed, counts: live.counts } : listed;
                  return (
                    <TableRow key={run.id}>
                      <TableCell className={styles.nowrap}>
                        <time dateTime={run.startedAt} title={formatExact(run.startedAt, timeZone)}>
                          {formatDateTime(run.startedAt, timeZone)}
                        </time>
                      </TableCell>
                      <TableCell>{JOB_LABELS[run.job]}</TableCell>
                      <TableCell>
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
                      </TableCell>
                      <TableCell>{formatDuration(run.durationMs)}</TableCell>
                      <TableCell className={nums.cell}>{formatNumber(run.counts.read)}</TableCell>
                      <TableCell className={nums.cell}>{formatNumber(run.counts.written)}</TableCell>
                      <TableCell className={nums.cell}>{formatNumber(run.counts.skipped)}</TableCell>
                      <TableCell className={nums.cell}>{formatNumber(run.counts.failed)}</TableCell>
                      <TableCell>
                        <Button {...restoreFocus} size="small" onClick={() => openRun(run.id)} aria-label={`Details of ${JOB_LABELS[run.job]} run started ${formatDateTime(run.startedAt, timeZone)}`}>
                          Details
                        </Button>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
          <div className={styles.pager}>
            <Button icon={<ChevronLeft20Regular />} disabled={offset === 0} onClick={() => setHistoryPage(offset - HISTORY_PAGE_SIZE)}>
              Newer
            </Button>
            <Text aria-live="polite">
              Runs {formatNumber(offset + 1)}–{formatNumber(offset + data.runs.length)} of {formatNumber(total)}
            </Text>
            <Button icon={<ChevronRight20Regular />} iconPosition="after" disabled={offset + HISTORY_PAGE_SIZE >= total} onClick={() => setHistoryPage(offset + HISTORY_PAGE_SIZE)}>
              Older
            </Button>
          </div>
        </>
      )}
    </>
  );
}
