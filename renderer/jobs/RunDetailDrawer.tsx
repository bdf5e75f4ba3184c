import {
  Badge,
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  OverlayDrawer,
  ProgressBar,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import { Fragment, useState } from 'react';
import type { RunDetail } from '../../shared/contract/jobs';
import { COUNT_KINDS, JOB_LABELS, type RunLogLevel } from '../../shared/domain/jobs';
import { RunKindBadges, RunStateBadge } from './badges';
import { formatDateTime, formatDuration, formatExact, formatNumber, formatProgress, formatTimeOfDay } from './format';
import { useJobs, type LiveProgress } from './jobs.store';
import { cellText, columnTitle, ReportTable } from './ReportTable';

const useStyles = makeStyles({
  drawer: { width: 'min(880px, 92vw)' },
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalXXL,
  },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0 },
  counts: { display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: tokens.spacingHorizontalM, margin: 0 },
  count: {
    display: 'flex',
    flexDirection: 'column-reverse',
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  countValue: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  pre: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    margin: 0,
  },
  logHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  log: {
    maxHeight: '360px',
    overflow: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
    margin: 0,
    listStyle: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  line: {
    display: 'grid',
    gridTemplateColumns: '11ch 6ch 1fr',
    gap: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: '1px 0',
  },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

const COUNT_TITLES = { read: 'Read', written: 'Written', skipped: 'Skipped', failed: 'Failed' } as const;

function RunLog({ log, timeZone }: { log: RunDetail['log']; timeZone: string }) {
  const styles = useStyles();
  const [debug, setDebug] = useState(false);
  const hidden = log.filter((l) => l.level === 'debug').length;
  const lines = debug ? log : log.filter((l) => l.level !== 'debug');
  const tone: Partial<Record<RunLogLevel, string>> = { warn: styles.warn, error: styles.error };
  return (
    <section aria-label="Run log">
      <div className={styles.logHead}>
        <Text as="h4" weight="semibold" size={400}>
          Log
        </Text>
        <Text size={200}>{log.length === 1 ? '1 line' : `${formatNumber(log.length)} lines`}</Text>
        {hidden > 0 && (
          <Switch
            label={hidden === 1 ? 'Show 1 debug line' : `Show ${formatNumber(hidden)} debug lines`}
            checked={debug}
            onChange={(_, d) => setDebug(d.checked)}
          />
        )}
      </div>
      {/* Focusable so the keyboard can scroll a long log. */}
      <ol className={styles.log} tabIndex={0} aria-label="Log lines">
        {lines.map((l, i) => (
          <li key={i} className={`${styles.line} ${tone[l.level] ?? ''}`}>
            <time dateTime={l.at}>{formatTimeOfDay(l.at, timeZone)}</time>
            <span>{l.level}</span>
            <span>{l.message}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

type Flat = Record<string, string | number | boolean | null>;

function isFlat(data: unknown): data is Flat {
  return (
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    Object.values(data).every((v) => v === null || typeof v !== 'object')
  );
}

/** A small value the job kept with its run (totals, the mapping version): as facts when flat, else as JSON. */
function DataArtifact({ name, data }: { name: string; data: unknown }) {
  const styles = useStyles();
  const title = columnTitle(name);
  return (
    <section aria-label={title}>
      <Text as="h4" weight="semibold" size={400} block>
        {title}
      </Text>
      {isFlat(data) ? (
        <dl className={styles.facts}>
          {Object.entries(data).map(([k, v]) => (
            <Fragment key={k}>
              <dt className={styles.term}>{columnTitle(k)}</dt>
              <dd className={styles.value}>{cellText(k, v)}</dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        <pre className={styles.pre}>{JSON.stringify(data, null, 2)}</pre>
      )}
    </section>
  );
}

export interface RunDetailDrawerProps {
  timeZone: string;
  installationId: string;
  live: Record<string, LiveProgress>;
}

/** One run in full: what started it, how it ended, its counts, error, log and report. */
export function RunDetailDrawer({ timeZone, installationId, live }: RunDetailDrawerProps) {
  const styles = useStyles();
  const { detail, closeRun, setReportPage } = useJobs();
  const data = detail?.data ?? null;
  const run = data?.run ?? null;
  const progress = run && run.state === 'running' ? (live[run.id] ?? { ...run.progress, counts: run.counts }) : null;
  const counts = progress?.counts ?? run?.counts;
  const dataArtifacts = data?.artifacts.filter((a) => a.kind === 'data') ?? [];

  return (
    <OverlayDrawer
      className={styles.drawer}
      position="end"
      open={detail !== null}
      onOpenChange={(_, d) => !d.open && closeRun()}
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label="Close" icon={<Dismiss24Regular />} onClick={closeRun} />}
        >
          {run ? `${JOB_LABELS[run.job]} run of ${formatDateTime(run.startedAt, timeZone)}` : 'Run details'}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {detail?.error && (
          <MessageBar intent="error">
            <MessageBarBody>{detail.error}</MessageBarBody>
          </MessageBar>
        )}
        {!run || !data ? (
          !detail?.error && <Spinner label="Loading the run" />
        ) : (
          <>
            <div className={styles.badges}>
              <RunStateBadge state={run.state} />
              <RunKindBadges run={run} />
              {run.installationId !== installationId && (
                <Badge appearance="tint" color="warning" shape="rounded">
                  Ran on another installation
                </Badge>
              )}
            </div>
            {run.summary && <Text>{run.summary}</Text>}
            <dl className={styles.facts}>
              <dt className={styles.term}>Started</dt>
              <dd className={styles.value}>{formatExact(run.startedAt, timeZone)}</dd>
              <dt className={styles.term}>Ended</dt>
              <dd className={styles.value}>{run.endedAt ? formatExact(run.endedAt, timeZone) : 'Still running'}</dd>
              <dt className={styles.term}>Duration</dt>
              <dd className={styles.value}>{formatDuration(run.durationMs)}</dd>
              {run.attempt > 1 && (
                <>
                  <dt className={styles.term}>Attempt</dt>
                  <dd className={styles.value}>{run.attempt}</dd>
                </>
              )}
              <dt className={styles.term}>Installation</dt>
              <dd className={styles.value}>
                {run.installationId === installationId ? `this one (${run.installationId})` : run.installationId}
              </dd>
            </dl>
            {progress && (
              <div>
                <ProgressBar
                  aria-label="Run progress"
                  thickness="large"
                  value={progress.total ? Math.min(progress.done / progress.total, 1) : undefined}
                />
                <Text size={200}>
                  {formatProgress(progress.done, progress.total)}
                  {progress.note ? ` · ${progress.note}` : ''}
                </Text>
              </div>
            )}
            {counts && (
              <dl className={styles.counts} aria-label="Counts">
                {COUNT_KINDS.map((k) => (
                  <div key={k} className={styles.count}>
                    <dt>{COUNT_TITLES[k]}</dt>
                    <dd className={styles.countValue}>{formatNumber(counts[k])}</dd>
                  </div>
                ))}
              </dl>
            )}
            {run.error && (
              <MessageBar
                intent={run.state === 'cancelled' ? 'info' : run.state === 'interrupted' ? 'warning' : 'error'}
                layout="multiline"
              >
                <MessageBarBody>
                  <MessageBarTitle>{run.error.message}</MessageBarTitle>
                  <div>
                    <strong>What to do:</strong> {run.error.action}
                  </div>
                  <div>Error code {run.error.code}</div>
                  {run.error.details && <pre className={styles.pre}>{run.error.details}</pre>}
                </MessageBarBody>
              </MessageBar>
            )}
            {/* A run that failed before it compared anything has no report to show: an empty table would read as "all matched". */}
            {data.report && !(data.report.total === 0 && (run.state === 'failed' || run.state === 'cancelled')) && (
              <ReportTable runId={run.id} report={data.report} onPage={setReportPage} />
            )}
            {dataArtifacts.map((a) => (
              <DataArtifact key={a.name} name={a.name} data={a.data} />
            ))}
            <RunLog log={data.log} timeZone={timeZone} />
          </>
        )}
      </DrawerBody>
    </OverlayDrawer>
  );
}
