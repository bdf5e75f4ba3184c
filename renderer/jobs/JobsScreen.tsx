import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { Dismiss20Regular, Pause20Regular, PlayCircle20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { JobKind } from '../../shared/domain/jobs';
import { api } from '../app/api';
import { useApp } from '../app/app.store';
import { useEvent } from '../app/use-event';
import { BillerPicker } from '../components/BillerPicker';
import { ScreenHeader } from '../components/ScreenHeader';
import { HistoryTable } from './HistoryTable';
import { JobCard } from './JobCard';
import { JobsBanners } from './JobsBanners';
import { useJobs } from './jobs.store';
import { TextPromptDialog } from '../components/TextPromptDialog';
import { RunDetailDrawer } from './RunDetailDrawer';
import { RunsChart } from './RunsChart';
import { ScheduleDialog } from './ScheduleDialog';
import { ThrottleBanner } from '../ic-tools/ThrottleBanner';
import { useMode } from '../mode/mode.store';
import { useNow } from './use-now';

const useStyles = makeStyles({
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXXL}`,
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionTitle: { margin: 0 },
});

type Dialog = { kind: 'schedule'; job: JobKind } | { kind: 'pause'; job: JobKind } | { kind: 'pause-all' } | null;

/** The live Jobs dashboard of the selected biller: "is it working?" at a glance. */
export function JobsScreen() {
  const styles = useStyles();
  const { billers, billersLoaded, selectedBillerId, go } = useApp();
  const store = useJobs();
  const { overview, stats, progress, actionError, act, dismissActionError } = store;
  const [dialog, setDialog] = useState<Dialog>(null);
  const now = useNow();
  // Dialogs and the run drawer give the keyboard focus back to the button that opened them.
  const restoreFocus = useRestoreFocusTarget();
  const biller = billers.find((b) => b.id === selectedBillerId) ?? null;
  const data = overview.data;
  // Clerk mode: the dashboard is read only (main refuses schedule and run changes there too).
  const readOnly = useMode((s) => s.state?.mode === 'clerk');

  useEffect(() => {
    useJobs.getState().show(biller?.id ?? null);
  }, [biller?.id]);
  useEvent('jobs:changed', (p) => useJobs.getState().changed(p));
  useEvent('jobs:progress', (p) => useJobs.getState().progressed(p));

  if (!billersLoaded || !biller) {
    return (
      <>
        <ScreenHeader title="Jobs">
          <BillerPicker />
        </ScreenHeader>
        <div className={styles.body}>
          {!billersLoaded ? (
            <Spinner size="small" label="Loading billers" />
          ) : billers.length === 0 ? (
            <div>
              <Text block>No billers yet. The six jobs run per biller: add one on the Billers screen first.</Text>
              <Button appearance="primary" onClick={() => go('billers')} style={{ marginTop: tokens.spacingVerticalM }}>
                Go to Billers
              </Button>
            </div>
          ) : (
            <Text>Choose a biller to see its jobs.</Text>
          )}
        </div>
      </>
    );
  }

  const timeZone = data?.timeZone ?? biller.timeZone;
  const billerId = biller.id;
  const jobOf = (job: JobKind) => data?.jobs.find((j) => j.job === job) ?? null;

  return (
    <>
      <ScreenHeader title="Jobs" subtitle={`${biller.name} · times in ${timeZone}`}>
        <BillerPicker />
        {data &&
          !readOnly &&
          (data.pausedAll ? (
            <Button
              {...restoreFocus}
              icon={<PlayCircle20Regular />}
              appearance="primary"
              onClick={() => void act(() => api.jobs.resumeAll({ billerId }))}
            >
              Resume all
            </Button>
          ) : (
            <Button {...restoreFocus} icon={<Pause20Regular />} onClick={() => setDialog({ kind: 'pause-all' })}>
              Pause all
            </Button>
          ))}
      </ScreenHeader>
      <div className={styles.body}>
        {actionError && (
          <MessageBar intent="error">
            <MessageBarBody>{actionError}</MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button
                  appearance="transparent"
                  aria-label="Dismiss"
                  icon={<Dismiss20Regular />}
                  onClick={dismissActionError}
                />
              }
            />
          </MessageBar>
        )}
        {overview.error && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>Cannot read the jobs</MessageBarTitle>
              {overview.error}
            </MessageBarBody>
          </MessageBar>
        )}
        {readOnly && (
          <MessageBar intent="info">
            <MessageBarBody>
              Clerk mode: the job dashboard is read only. Schedules, pauses and runs are changed in project manager
              mode.
            </MessageBarBody>
          </MessageBar>
        )}
        {data && <JobsBanners overview={data} billerName={biller.name} />}
        <ThrottleBanner billerId={biller.id} />

        <section className={styles.section} aria-labelledby="jobs-now">
          <Text as="h3" id="jobs-now" size={500} weight="semibold" className={styles.sectionTitle}>
            The six jobs
          </Text>
          {!data ? (
            !overview.error && <Spinner size="small" label="Loading the jobs" />
          ) : (
            <div className={styles.grid}>
              {data.jobs.map((status) => (
                <JobCard
                  key={status.job}
                  status={status}
                  timeZone={timeZone}
                  isJobHost={data.isJobHost}
                  live={status.running ? progress[status.running.id] : undefined}
                  now={now}
                  onRun={(dryRun) => void act(() => api.jobs.run({ billerId, job: status.job, dryRun }))}
                  onCancel={(runId) => void act(() => api.jobs.cancel({ runId }))}
                  onPause={() => setDialog({ kind: 'pause', job: status.job })}
                  onResume={() => void act(() => api.jobs.resume({ billerId, job: status.job }))}
                  onEditSchedule={() => setDialog({ kind: 'schedule', job: status.job })}
                  onOpenRun={store.openRun}
                />
              ))}
            </div>
          )}
        </section>

        <section className={styles.section} aria-labelledby="jobs-chart">
          <Text as="h3" id="jobs-chart" size={500} weight="semibold" className={styles.sectionTitle}>
            Last 7 days
          </Text>
          {stats.error && (
            <MessageBar intent="error">
              <MessageBarBody>{stats.error}</MessageBarBody>
            </MessageBar>
          )}
          {stats.data ? (
            <RunsChart {...stats.data} timeZone={timeZone} />
          ) : (
            !stats.error && <Spinner size="small" label="Loading the chart" />
          )}
        </section>

        <section className={styles.section} aria-labelledby="jobs-history">
          <Text as="h3" id="jobs-history" size={500} weight="semibold" className={styles.sectionTitle}>
            History
          </Text>
          <HistoryTable timeZone={timeZone} />
        </section>
      </div>

      {!readOnly && dialog?.kind === 'schedule' && jobOf(dialog.job) && (
        <ScheduleDialog
          billerId={billerId}
          timeZone={timeZone}
          status={jobOf(dialog.job)!}
          onClose={() => setDialog(null)}
        />
      )}
      {!readOnly && dialog?.kind === 'pause' && jobOf(dialog.job) && (
        <TextPromptDialog
          open
          title={`Pause ${jobOf(dialog.job)!.label}?`}
          label="Reason"
          required={false}
          hint="Kept in the audit log and shown on the dashboard."
          missingMessage=""
          submitLabel="Pause"
          onSubmit={async (reason) => {
            await api.jobs.pause({ billerId, job: dialog.job, ...(reason ? { reason } : {}) });
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        >
          <Text>
            Its schedule stops until someone resumes it; slots missed while paused are not caught up. A run in progress
            carries on.
          </Text>
        </TextPromptDialog>
      )}
      {!readOnly && dialog?.kind === 'pause-all' && (
        <TextPromptDialog
          open
          title={`Pause all jobs of ${biller.name}?`}
          label="Reason"
          required
          hint="Kept in the audit log and shown on the dashboard."
          missingMessage="Say why the jobs are paused, so others know when to resume them."
          submitLabel="Pause all"
          onSubmit={async (reason) => {
            await api.jobs.pauseAll({ billerId, reason });
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        >
          <Text>
            Every schedule of this biller stops until someone chooses Resume all. Runs in progress carry on. The reason
            is kept in the audit log.
          </Text>
        </TextPromptDialog>
      )}
      <RunDetailDrawer timeZone={timeZone} installationId={data?.installationId ?? ''} live={progress} />
    </>
  );
}
