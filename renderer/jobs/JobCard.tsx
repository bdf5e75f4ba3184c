import {
  Badge,
  Button,
  Card,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  tokens,
  Tooltip,
  useId,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import {
  CalendarEdit20Regular,
  DismissCircle20Regular,
  Pause20Regular,
  Play20Regular,
  PlayCircle20Regular,
  Beaker20Regular,
} from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { JobStatus, PauseInfo } from '../../shared/domain/jobs';
import { useMode } from '../mode/mode.store';
import { DryRunBadge, JobConditionBadge, RunStateBadge } from './badges';
import { formatCounts, formatDateTime, formatDuration, formatExact, formatProgress, formatRelative } from './format';
import type { LiveProgress } from './jobs.store';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  title: { margin: 0 },
  badges: { marginLeft: 'auto', display: 'flex', gap: tokens.spacingHorizontalXS },
  muted: { color: tokens.colorNeutralForeground3 },
  rows: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: {
    margin: 0,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '24px',
  },
  line: { flexBasis: '100%' },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    marginTop: 'auto',
    paddingTop: tokens.spacingVerticalS,
  },
});

export interface JobCardProps {
  status: JobStatus;
  timeZone: string;
  isJobHost: boolean;
  /** The latest jobs:progress of the running run, if any arrived since the last re-fetch. */
  live: LiveProgress | undefined;
  now: number;
  onRun(dryRun: boolean): void;
  onCancel(runId: string): void;
  onPause(): void;
  onResume(): void;
  onEditSchedule(): void;
  onOpenRun(runId: string): void;
}

function When({ iso, timeZone, now, tense }: { iso: string; timeZone: string; now: number; tense: 'past' | 'future' }) {
  return (
    <time dateTime={iso} title={formatExact(iso, timeZone)}>
      {formatDateTime(iso, timeZone)} ({formatRelative(iso, now, tense)})
    </time>
  );
}

function pauseText(pause: PauseInfo, timeZone: string): string {
  // Pause-all is explained once, in the banner above the cards.
  if (pause.scope === 'all') return 'Paused with all jobs (see above).';
  const who = `Paused by ${pause.by} on ${formatDateTime(pause.at, timeZone)}`;
  return pause.reason ? `${who}: ${pause.reason}` : `${who}.`;
}

/** One of the six jobs at a glance: schedule and next run, what it is doing, its last run, its buttons. */
export function JobCard(props: JobCardProps) {
  const styles = useStyles();
  const titleId = useId('job-title');
  const restoreFocus = useRestoreFocusTarget();
  const { status, timeZone, now, live } = props;
  const { running, lastRun, lastDryRun, pause } = status;
  const progress = running
    ? live && live.runId === running.id
      ? live
      : { ...running.progress, counts: running.counts }
    : null;
  const canRun = status.available && !running;
  const hostOnly = !props.isJobHost;
  // Clerk mode shows the dashboard read only: main refuses every schedule and run control there.
  const readOnly = useMode((s) => s.state?.mode === 'clerk');

  let next: ReactNode;
  if (status.nextRunAt) next = <When iso={status.nextRunAt} timeZone={timeZone} now={now} tense="future" />;
  else if (pause) next = 'Not scheduled while paused';
  else if (!status.available) next = 'Not available in this version of Impresa Bridge';
  else if (hostOnly) next = 'Scheduled on the biller’s job host';
  else next = 'Not scheduled';

  const showError = lastRun?.error && (lastRun.state === 'failed' || lastRun.state === 'partial');

  return (
    <Card className={styles.card} role="region" aria-labelledby={titleId}>
      <div className={styles.head}>
        <Text as="h4" id={titleId} size={400} weight="semibold" className={styles.title}>
          {status.label}
        </Text>
        <span className={styles.badges}>
          {status.failureStreak >= 2 && (
            <Badge appearance="filled" color="danger" shape="rounded">
              {status.failureStreak} failures in a row
            </Badge>
          )}
          <JobConditionBadge status={status} />
        </span>
      </div>
      <Text size={200} className={styles.muted}>
        {status.description}
      </Text>

      <dl className={styles.rows}>
        <dt className={styles.term}>Schedule</dt>
        <dd className={styles.value}>
          {status.scheduleText}
          {!status.isDefaultSchedule && (
            <Badge appearance="outline" size="small" shape="rounded">
              changed
            </Badge>
          )}
          {!readOnly && (
            <Tooltip relationship="label" content="Edit schedule">
              <Button
                {...restoreFocus}
                size="small"
                appearance="subtle"
                icon={<CalendarEdit20Regular />}
                onClick={props.onEditSchedule}
              />
            </Tooltip>
          )}
        </dd>
        <dt className={styles.term}>Next run</dt>
        <dd className={styles.value}>{next}</dd>
        {status.retryAt && (
          <>
            <dt className={styles.term}>Retry</dt>
            <dd className={styles.value}>
              <When iso={status.retryAt} timeZone={timeZone} now={now} tense="future" />
            </dd>
          </>
        )}
        {pause && (
          <>
            <dt className={styles.term}>Pause</dt>
            <dd className={styles.value}>{pauseText(pause, timeZone)}</dd>
          </>
        )}
        <dt className={styles.term}>Last run</dt>
        <dd className={styles.value}>
          {lastRun ? (
            <>
              <RunStateBadge state={lastRun.state} />
              <When iso={lastRun.startedAt} timeZone={timeZone} now={now} tense="past" />
              <span className={styles.line}>
                Took {formatDuration(lastRun.durationMs)} ·{' '}
                <Link
                  {...restoreFocus}
                  as="button"
                  onClick={() => props.onOpenRun(lastRun.id)}
                  aria-label={`Details of the last ${status.label} run`}
                >
                  Details
                </Link>
              </span>
            </>
          ) : (
            'Never run'
          )}
        </dd>
        {lastRun && (
          <>
            <dt className={styles.term}>Counts</dt>
            <dd className={styles.value}>{formatCounts(lastRun.counts)}</dd>
          </>
        )}
        {lastRun?.summary && (
          <>
            <dt className={styles.term}>Result</dt>
            <dd className={styles.value}>{lastRun.summary}</dd>
          </>
        )}
        {/* Apart from the last run: a dry run that works must not hide that the real runs fail. */}
        {lastDryRun && (
          <>
            <dt className={styles.term}>Last dry run</dt>
            <dd className={styles.value}>
              <RunStateBadge state={lastDryRun.state} />
              <DryRunBadge />
              <When iso={lastDryRun.startedAt} timeZone={timeZone} now={now} tense="past" />
              <span className={styles.line}>
                {lastDryRun.summary ?? lastDryRun.error?.message ?? formatCounts(lastDryRun.counts)} ·{' '}
                <Link
                  {...restoreFocus}
                  as="button"
                  onClick={() => props.onOpenRun(lastDryRun.id)}
                  aria-label={`Details of the last ${status.label} dry run`}
                >
                  Details
                </Link>
              </span>
            </dd>
          </>
        )}
      </dl>

      {running && progress && (
        <div className={styles.progress}>
          <Text size={200}>
            {running.dryRun ? 'Dry run' : 'Run'} started{' '}
            <When iso={running.startedAt} timeZone={timeZone} now={now} tense="past" />
          </Text>
          <ProgressBar
            aria-label={`${status.label} progress`}
            thickness="large"
            value={progress.total ? Math.min(progress.done / progress.total, 1) : undefined}
          />
          <Text size={200} aria-live="polite">
            {formatProgress(progress.done, progress.total)}
            {progress.note ? ` · ${progress.note}` : ''}
          </Text>
          <Text size={200} className={styles.muted}>
            {formatCounts(progress.counts)}
          </Text>
        </div>
      )}

      {showError && lastRun.error && (
        <MessageBar intent={lastRun.state === 'failed' ? 'error' : 'warning'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{lastRun.state === 'failed' ? 'Last run failed' : 'Last run partly done'}</MessageBarTitle>
            {lastRun.error.message} <strong>What to do:</strong> {lastRun.error.action}
          </MessageBarBody>
        </MessageBar>
      )}

      {!readOnly && (
        <div className={styles.actions}>
          {hostOnly ? (
            <Tooltip
              relationship="description"
              content="This installation is not the biller’s job host: only dry runs can be started here."
            >
              <Button size="small" icon={<Play20Regular />} disabledFocusable>
                Run now
              </Button>
            </Tooltip>
          ) : (
            <Button
              size="small"
              appearance="primary"
              icon={<Play20Regular />}
              disabled={!canRun}
              onClick={() => props.onRun(false)}
            >
              Run now
            </Button>
          )}
          <Button size="small" icon={<Beaker20Regular />} disabled={!canRun} onClick={() => props.onRun(true)}>
            Dry run
          </Button>
          {running && (
            <Button size="small" icon={<DismissCircle20Regular />} onClick={() => props.onCancel(running.id)}>
              Cancel
            </Button>
          )}
          {pause ? (
            pause.scope === 'all' ? (
              <Tooltip
                relationship="description"
                content="All jobs are paused: use Resume all at the top of the screen."
              >
                <Button size="small" icon={<PlayCircle20Regular />} disabledFocusable>
                  Resume
                </Button>
              </Tooltip>
            ) : (
              <Button size="small" icon={<PlayCircle20Regular />} onClick={props.onResume}>
                Resume
              </Button>
            )
          ) : (
            <Button {...restoreFocus} size="small" icon={<Pause20Regular />} onClick={props.onPause}>
              Pause
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
