import type { Writable } from 'node:stream';
import {
  describeSchedule,
  JOB_DESCRIPTIONS,
  JOB_KINDS,
  JOB_LABELS,
  type BillerJobs,
  type JobKind,
  type JobStatus,
  type Run,
} from '../../shared/domain/jobs';
import { AppError } from '../../shared/errors';
import type { BillerProfile } from '../billers/billers.service';
import type { JobHostWatch } from './job-host-watch';
import type { JobRunner } from './job-runner';
import type { JobSettings } from './job-settings';
import type { JobStateStore } from './job-state-store';
import type { HistoryQuery, JobsServiceDeps, RunDetail } from './jobs.types';
import type { RetryTimers } from './retry-timers';
import type { RunArtifacts } from './run-artifacts';
import type { RunHistory, StatsPoint } from './run-history';
import type { JobScheduler } from './scheduler';
import { addDays, startOfDayIn } from '../ground/dates';

const DAY = 24 * 60 * 60 * 1000;

export interface JobReadsParts {
  deps: Pick<JobsServiceDeps, 'billers' | 'clock' | 'installationId'>;
  ledger: RunHistory;
  state: JobStateStore;
  artifacts: RunArtifacts;
  runner: JobRunner;
  scheduler: JobScheduler;
  retries: RetryTimers;
  hostWatch: JobHostWatch;
  settings: JobSettings;
  /** The jobs this build can run. */
  available(job: JobKind): boolean;
}

/**
 * What the dashboard and the CLI read: each job's status, the run history, the 7-day chart, a run's
 * detail and report pages. A run whose process is gone is closed first, so it reads "Interrupted".
 */
export class JobReads {
  constructor(private readonly p: JobReadsParts) {}

  /** The dashboard's view of one biller: the six jobs, pause-all, job-host warnings. */
  overview(billerId: string): BillerJobs {
    const { deps, runner, hostWatch, state } = this.p;
    const biller = deps.billers.profile(billerId);
    runner.closeDead({ billerId });
    const stamps = hostWatch.recent(billerId);
    return {
      billerId,
      timeZone: biller.timeZone,
      isJobHost: biller.isJobHost,
      installationId: deps.installationId,
      pausedAll: state.pausedAll(billerId),
      hostWarning: hostWatch.warning(biller, stamps),
      foreignStamps: stamps,
      jobs: JOB_KINDS.map((job) => this.status(biller, job)),
    };
  }

  status(billerOrId: BillerProfile | string, job: JobKind): JobStatus {
    const { deps, state, scheduler, retries, ledger, runner, settings } = this.p;
    const biller = typeof billerOrId === 'string' ? deps.billers.profile(billerOrId) : billerOrId;
    const stored = state.settings(biller.id, job);
    const next = scheduler.nextRunAt(biller.id, job);
    const retryAt = retries.at(biller.id, job);
    const lastRun = ledger.lastFinished(biller.id, job);
    const lastDryRun = ledger.lastFinished(biller.id, job, 'dry');
    return {
      job,
      label: JOB_LABELS[job],
      description: JOB_DESCRIPTIONS[job],
      available: this.p.available(job),
      schedule: stored.schedule,
      scheduleText: describeSchedule(stored.schedule),
      isDefaultSchedule: stored.isDefaultSchedule,
      pause: settings.pauseOf(biller.id, job),
      nextRunAt: next ? next.toISOString() : null,
      retryAt: retryAt ? retryAt.toISOString() : null,
      lastRun,
      lastDryRun: lastDryRun && (!lastRun || lastDryRun.startedAt > lastRun.startedAt) ? lastDryRun : null,
      running: runner.running(biller.id, job),
      failureStreak: ledger.failureStreak(biller.id, job),
      runPolicy: settings.runPolicy(biller.id, job),
    };
  }

  getRun(runId: string): Run | null {
    const { runner, ledger } = this.p;
    const here = runner.activeRun(runId);
    if (here) return here.snapshot();
    const run = ledger.get(runId);
    if (run?.state === 'running') runner.closeDead({ billerId: run.billerId, job: run.job });
    return run?.state === 'running' ? ledger.get(runId) : run;
  }

  /** Runs newest first, filtered; dates are the biller's days. */
  history(query: HistoryQuery): { runs: Run[]; total: number } {
    const biller = this.p.deps.billers.profile(query.billerId);
    // A run whose process is gone reads "Interrupted", not "Running".
    this.p.runner.closeDead({ billerId: biller.id });
    const bound = (value: string | undefined, side: 'from' | 'to'): string | undefined => {
      if (!value) return undefined;
      if (/^\d{4}-\d{2}-\d{2}$/.test(value))
        return startOfDayIn(side === 'from' ? value : addDays(value, 1), biller.timeZone).toISOString();
      const t = Date.parse(value);
      if (Number.isNaN(t))
        throw new AppError('INVALID_INPUT', `"${value}" is not a date. Write it as YYYY-MM-DD.`, {
          fields: { [side]: 'Write the date as YYYY-MM-DD.' },
        });
      return new Date(t).toISOString();
    };
    return this.p.ledger.history({
      billerId: biller.id,
      job: query.job,
      state: query.state,
      from: bound(query.from, 'from'),
      to: bound(query.to, 'to'),
      limit: Math.min(Math.max(query.limit ?? 50, 1), 500),
      offset: Math.max(query.offset ?? 0, 0),
    });
  }

  /** Every finished run of the last `days` days, oldest first: duration and records, for the chart. */
  stats(billerId: string, days = 7): { from: string; to: string; points: StatsPoint[] } {
    this.p.deps.billers.profile(billerId);
    const to = this.p.deps.clock.now();
    const from = new Date(to.getTime() - days * DAY).toISOString();
    return { from, to: to.toISOString(), points: this.p.ledger.stats(billerId, from) };
  }

  /** A run with its log, its artifacts and a page of one of its reports. */
  runDetail(
    runId: string,
    page: { report?: string | undefined; offset?: number | undefined; limit?: number | undefined } = {},
  ): RunDetail {
    const { artifacts, ledger } = this.p;
    const run = this.getRun(runId);
    if (!run) throw new AppError('NOT_FOUND', 'That run is not in the history any more.');
    const listed = artifacts.list(runId);
    const reportInfo = page.report
      ? listed.find((a) => a.name === page.report && a.kind === 'report')
      : listed.find((a) => a.kind === 'report');
    if (page.report && !reportInfo) throw new AppError('NOT_FOUND', `This run has no report named "${page.report}".`);
    const offset = Math.max(page.offset ?? 0, 0);
    const limit = Math.min(Math.max(page.limit ?? 100, 1), 1000);
    return {
      run,
      log: ledger.log(runId),
      artifacts: listed,
      report: reportInfo
        ? {
            name: reportInfo.name,
            columns: reportInfo.columns,
            offset,
            total: reportInfo.rows,
            rows: artifacts.reportRows(runId, reportInfo.name, offset, limit),
          }
        : null,
    };
  }

  /** Streams a run's report as CSV to `out` (a file, an HTTP response); resolves with the row count. */
  exportReportCsv(runId: string, report: string, out: Writable): Promise<number> {
    return this.p.artifacts.exportCsv(runId, report, out);
  }

  /** The committed value of a job's cursor (for support and the CLI). */
  cursor(billerId: string, job: JobKind, name: string): string | null {
    return this.p.state.cursor(billerId, job, name);
  }
}
