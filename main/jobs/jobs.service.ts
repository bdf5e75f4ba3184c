import type { Writable } from 'node:stream';
import {
  errorAction,
  isTransientCode,
  JOB_KINDS,
  JOB_LABELS,
  type BillerJobs,
  type ForeignStamp,
  type JobKind,
  type JobStatus,
  type Run,
  type RunPolicy,
  type Schedule,
  type ScheduleDraft,
} from '../../shared/domain/jobs';
import { AppError } from '../../shared/errors';
import type { BillerProfile } from '../billers/billers.service';
import { retryDelay } from './backoff';
import type { JobDefinition } from './job-definition';
import { JobHostWatch } from './job-host-watch';
import { JobReads } from './job-reads';
import { JobRunner, type StartRequest, type StartedRun } from './job-runner';
import { JobSettings, emitJobsChanged } from './job-settings';
import { JobStateStore } from './job-state-store';
import {
  DEFAULT_JOBS_OPTIONS,
  type HistoryQuery,
  type JobsServiceDeps,
  type JobsServiceOptions,
  type RunDetail,
  type RunOptions,
} from './jobs.types';
import { OwedRuns } from './owed-runs';
import { tcpReachability } from './reachability';
import { RetryTimers } from './retry-timers';
import { RunArtifacts } from './run-artifacts';
import { RunHistory, type StatsPoint } from './run-history';
import { RunOwners } from './run-owner';
import type { SchedulePreview } from './schedule';
import { JobScheduler, type SlotEvent } from './scheduler';
import { localDateTime } from '../ground/dates';

export type {
  BillerLookup,
  HistoryQuery,
  JobNotice,
  JobNotifier,
  JobsServiceDeps,
  JobsServiceOptions,
  RunDetail,
  RunOptions,
} from './jobs.types';
export { DEFAULT_JOBS_OPTIONS } from './jobs.types';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The jobs engine: schedules the six jobs of every biller this installation is job host for,
 * runs them (one at a time per job), retries transient failures, keeps the run ledger, and
 * answers the dashboard. Electron, the browser host and the CLI all use this one class.
 */
export class JobsService {
  private readonly options: JobsServiceOptions;
  private readonly ledger: RunHistory;
  private readonly state: JobStateStore;
  private readonly artifacts: RunArtifacts;
  private readonly runner: JobRunner;
  private readonly scheduler: JobScheduler;
  private readonly definitions = new Map<JobKind, JobDefinition>();
  private readonly retries: RetryTimers;
  private readonly hostWatch: JobHostWatch;
  private unsubscribe: (() => void) | null = null;
  private started = false;
  private lastPruneAt = Number.NEGATIVE_INFINITY;
  private readonly reachability: (biller: BillerProfile) => Promise<boolean>;
  /** By concern: what a person sets, what the dashboard reads, and the catch-ups owed after unreachable slots. */
  private readonly settings: JobSettings;
  private readonly reads: JobReads;
  private readonly owed: OwedRuns;

  constructor(private readonly deps: JobsServiceDeps) {
    this.options = { ...DEFAULT_JOBS_OPTIONS, ...deps.options };
    this.reachability = deps.reachability ?? tcpReachability();
    for (const d of deps.definitions) {
      if (this.definitions.has(d.kind)) throw new Error(`Two definitions for the ${d.kind} job`);
      this.definitions.set(d.kind, d);
    }
    this.ledger = new RunHistory(deps.db);
    this.state = new JobStateStore(deps.db);
    this.artifacts = new RunArtifacts(deps.db);
    this.retries = new RetryTimers(deps.clock, (runId) => this.retryDropped(runId));
    this.hostWatch = new JobHostWatch(this.state, deps.clock, deps.installationId, this.options.foreignStampDays);
    this.runner = new JobRunner({
      history: this.ledger,
      owners: new RunOwners(deps.runOwnersDir ?? null),
      artifacts: this.artifacts,
      state: this.state,
      clock: deps.clock,
      events: deps.events,
      log: deps.log,
      installationId: deps.installationId,
      options: this.options,
      onForeignStamp: (billerId, stamp) => this.reportForeignStamp(billerId, stamp),
      willRetry: (run, code) => this.willRetry(run, code),
      onFinished: (run) => this.afterRun(run),
    });
    this.scheduler = new JobScheduler({
      clock: deps.clock,
      state: this.state,
      log: deps.log,
      kinds: JOB_KINDS.filter((k) => this.definitions.has(k)),
      isPaused: (billerId, job) => this.pauseOf(billerId, job) !== null,
      onSlot: (event) => this.onSlot(event),
      onSettingsChanged: (billerId, jobs) => this.settingsChangedElsewhere(billerId, jobs),
      options: this.options,
    });
    this.owed = new OwedRuns({
      deps,
      probeMs: this.options.reachabilityProbeMs,
      reachability: (biller) => this.reachability(biller),
      isScheduled: (billerId, job) => this.isScheduled(billerId, job),
      catchUp: (biller, job, notes) => {
        this.retries.cancel(biller.id, job);
        const started = this.startRun({
          biller,
          definition: this.definition(job),
          trigger: 'catch-up',
          dryRun: false,
          notes,
        });
        if ('busy' in started) this.runner.recordSkipped(biller, job, 'catch-up', started.busy, this.deps.clock.now());
      },
      changed: (billerId, job) => this.changed(billerId, job),
    });
    this.settings = new JobSettings({
      deps,
      options: this.options,
      state: this.state,
      retries: this.retries,
      scheduler: this.scheduler,
      dropOwed: (billerId, job) => this.owed.drop(billerId, job),
    });
    this.reads = new JobReads({
      deps,
      ledger: this.ledger,
      state: this.state,
      artifacts: this.artifacts,
      runner: this.runner,
      scheduler: this.scheduler,
      retries: this.retries,
      hostWatch: this.hostWatch,
      settings: this.settings,
      available: (job) => this.definitions.has(job),
    });
  }

  // ------------------------------------------------------------ lifecycle

  /**
   * Starts scheduling for the billers this installation is job host for: closes runs a crash
   * left open, prunes old runs, catches up missed slots once, and follows biller changes.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.runner.closeDead();
    this.prune();
    this.unsubscribe = this.deps.events.subscribe((event) => {
      if (event === 'billers:changed') this.refresh();
    });
    this.sync(true);
  }

  /** Stops timers, cancels running jobs and waits (bounded) for them to end. */
  async stop(): Promise<void> {
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.scheduler.stop();
    this.retries.clear();
    this.owed.clear();
    await this.runner.stopAll(
      new AppError('CANCELLED', 'Impresa Bridge is closing, so the run was stopped.'),
      this.options.stopGraceMs,
    );
    this.runner.releaseOwnership();
  }

  /** Re-reads the billers: schedules job hosts, drops the rest. Called on `billers:changed`. */
  refresh(): void {
    if (this.started) this.sync(false);
  }

  private sync(catchUp: boolean): void {
    const hosts = this.deps.billers.profiles().filter((b) => b.isJobHost);
    this.retries.keepOnly(new Set(hosts.map((b) => b.id)));
    this.scheduler.sync(hosts, { catchUp });
  }

  /**
   * Sleep, lock screen or shutdown (Electron powerMonitor): every run of this process is asked to
   * stop, and the jobs see it at their next page boundary, so the page in hand is finished and its
   * cursor kept. Schedules stay armed; `wake()` catches up. Resolves when the runs ended (or after the grace time).
   */
  async stopAtPageBoundary(reason: string): Promise<void> {
    await this.runner.stopAll(new AppError('CANCELLED', reason), this.options.stopGraceMs);
  }

  /** After the computer wakes (Electron powerMonitor 'resume'): one catch-up per job that missed slots. */
  wake(): void {
    if (this.started) this.scheduler.resume();
  }

  // ------------------------------------------------------------ runs

  /**
   * Runs a job now. Refused with JOB_BUSY while it runs, and with NOT_JOB_HOST on an installation
   * that is not the biller's job host, unless `force` (dry runs change nothing, so they are allowed).
   */
  run(billerId: string, job: JobKind, options: RunOptions = {}): StartedRun {
    const biller = this.deps.billers.profile(billerId);
    const definition = this.definition(job);
    const dryRun = options.dryRun ?? false;
    if (!biller.isJobHost && !dryRun && !options.force) {
      throw new AppError(
        'NOT_JOB_HOST',
        `This installation is not the job host for ${biller.name}, so it does not run its jobs. Run ${JOB_LABELS[job]} on the job host, use a dry run, or mark this installation as the job host in the biller settings.`,
      );
    }
    const notes = [`Started by hand by ${this.deps.audit.currentActor.name}.`];
    if (!biller.isJobHost) notes.push('This installation is not the biller’s job host; the run was forced.');
    if (this.pauseOf(billerId, job)) notes.push('The schedule is paused; this run was asked for by hand.');
    const started = this.startRun({ biller, definition, trigger: 'manual', dryRun, notes });
    if ('busy' in started) {
      throw new AppError(
        'JOB_BUSY',
        `${JOB_LABELS[job]} is already running (started ${localDateTime(started.busy.startedAt, biller.timeZone)}). Wait for it to finish, or cancel it.`,
      );
    }
    this.retries.cancel(billerId, job);
    this.deps.audit.record('job.run', {
      billerId,
      subject: job,
      detail: [dryRun ? 'dry run' : null, options.force ? 'forced' : null].filter(Boolean).join(', ') || null,
    });
    return started;
  }

  /**
   * Asks a running run to stop at its next check; the run ends as cancelled. A run of another
   * process (another window, a command) is asked through the ledger and stops at its next sign of
   * life; a run whose process is gone is closed as interrupted at once.
   */
  cancel(runId: string): Run {
    let run = this.ledger.get(runId);
    if (!run) throw new AppError('NOT_FOUND', 'That run is not in the history any more.');
    if (run.state === 'running' && !this.runner.activeRun(runId)) {
      this.runner.closeDead({ billerId: run.billerId, job: run.job });
      run = this.ledger.get(runId)!;
      if (run.state === 'interrupted') {
        this.deps.audit.record('job.cancel', {
          billerId: run.billerId,
          subject: run.job,
          detail: `${runId} (its process had ended: closed as interrupted)`,
        });
        return run;
      }
    }
    // A run that ended while the person pressed Cancel: nothing to stop, and nothing went wrong. The
    // run comes back as it ended (the screen shows its real state), never as an error.
    if (run.state !== 'running') return run;
    const who = this.deps.audit.currentActor.name;
    if (!this.runner.cancel(runId, new AppError('CANCELLED', `The run was cancelled by ${who}.`))) {
      this.runner.requestCancel(runId, who);
    }
    this.deps.audit.record('job.cancel', { billerId: run.billerId, subject: run.job, detail: runId });
    return this.runner.activeRun(runId)?.snapshot() ?? run;
  }

  /** Cancels the job's run in progress, wherever it runs (see cancel); NOT_RUNNING when there is none. */
  cancelJob(billerId: string, job: JobKind): Run {
    const biller = this.deps.billers.profile(billerId);
    this.definition(job);
    const closed = this.runner.closeDead({ billerId, job });
    const running = this.runner.running(billerId, job);
    if (running) return this.cancel(running.id);
    const dead = closed[0];
    if (dead) {
      this.deps.audit.record('job.cancel', {
        billerId,
        subject: job,
        detail: `${dead.id} (its process had ended: closed as interrupted)`,
      });
      return dead;
    }
    throw new AppError('CONFLICT', `${JOB_LABELS[job]} is not running for ${biller.name}; there is nothing to cancel.`);
  }

  // ------------------------------------------------------------ pause, schedule, run policy (JobSettings)

  /** Stops the job's schedule (a run in progress carries on); the reason is optional. */
  pause(billerId: string, job: JobKind, reason?: string | null): void {
    this.settings.pause(billerId, job, reason);
  }

  /** Restarts the job's schedule from the next slot; slots passed while paused are not caught up. */
  resume(billerId: string, job: JobKind): void {
    this.settings.resume(billerId, job);
  }

  /** Stops every job's schedule for the biller, with a reason kept in the audit log. */
  pauseAll(billerId: string, reason: string): void {
    this.settings.pauseAll(billerId, reason);
  }

  /** Lifts pause-all; jobs paused one by one stay paused. */
  resumeAll(billerId: string): void {
    this.settings.resumeAll(billerId);
  }

  /** Changes a job's schedule (null: back to the default); invalid ones fail with INVALID_INPUT in plain words. */
  setSchedule(billerId: string, job: JobKind, schedule: Schedule | null): JobStatus {
    this.settings.setSchedule(billerId, job, schedule);
    return this.reads.status(billerId, job);
  }

  /** Changes a job's run policy (null: back to the defaults); invalid values fail with INVALID_INPUT. */
  setRunPolicy(billerId: string, job: JobKind, policy: RunPolicy | null): JobStatus {
    this.settings.setRunPolicy(billerId, job, policy);
    return this.reads.status(billerId, job);
  }

  /** The job's run policy: the stored one, else the defaults (retries as this service is configured). */
  runPolicy(billerId: string, job: JobKind): RunPolicy {
    return this.settings.runPolicy(billerId, job);
  }

  /** The next `count` run times of a schedule in a time zone, or why it cannot be used. */
  previewSchedule(schedule: Schedule | ScheduleDraft, timeZone: string, count = 5): SchedulePreview {
    return this.settings.previewSchedule(schedule, timeZone, count);
  }

  /**
   * Starts a run and, when the job has a time limit, asks it to stop once the limit passes: the
   * runner's cancellation, which the job sees at its next page boundary, so the run ends
   * cancelled with the reason and nothing half-written.
   */
  private startRun(req: StartRequest): StartedRun | { busy: Run } {
    const started = this.runner.start(req);
    if ('busy' in started) return started;
    const limit = this.runPolicy(req.biller.id, req.definition.kind).timeLimitMinutes;
    if (limit !== null && !req.dryRun) {
      const runId = started.run.id;
      const cancelTimer = this.deps.clock.setTimer(limit * 60_000, () => {
        const reason = new AppError(
          'CANCELLED',
          `Time limit of ${limit} minutes reached: the run was stopped at a page boundary.`,
        );
        if (this.runner.cancel(runId, reason))
          this.deps.log.info(`Run ${runId} reached its time limit of ${limit} minutes: cancelled`);
      });
      void started.finished.finally(cancelTimer).catch(() => undefined);
    }
    return started;
  }

  // ------------------------------------------------------------ reading (JobReads)

  /** The dashboard's view of one biller: the six jobs, pause-all, job-host warnings. */
  overview(billerId: string): BillerJobs {
    return this.reads.overview(billerId);
  }

  status(billerOrId: BillerProfile | string, job: JobKind): JobStatus {
    return this.reads.status(billerOrId, job);
  }

  getRun(runId: string): Run | null {
    return this.reads.getRun(runId);
  }

  /** Runs newest first, filtered; dates are the biller's days. */
  history(query: HistoryQuery): { runs: Run[]; total: number } {
    return this.reads.history(query);
  }

  /** Every finished run of the last `days` days, oldest first: duration and records, for the chart. */
  stats(billerId: string, days = 7): { from: string; to: string; points: StatsPoint[] } {
    return this.reads.stats(billerId, days);
  }

  /** A run with its log, its artifacts and a page of one of its reports. */
  runDetail(
    runId: string,
    page: { report?: string | undefined; offset?: number | undefined; limit?: number | undefined } = {},
  ): RunDetail {
    return this.reads.runDetail(runId, page);
  }

  /** Streams a run's report as CSV to `out` (a file, an HTTP response); resolves with the row count. */
  exportReportCsv(runId: string, report: string, out: Writable): Promise<number> {
    return this.reads.exportReportCsv(runId, report, out);
  }

  /** The committed value of a job's cursor (for support and the CLI). */
  cursor(billerId: string, job: JobKind, name: string): string | null {
    return this.reads.cursor(billerId, job, name);
  }

  // ------------------------------------------------------------ job host

  /**
   * Jobs call this when they see another installation's stamp on the biller's recent work (a
   * batch, a run): two job hosts for one biller is a mistake the dashboard must show.
   */
  reportForeignStamp(billerId: string, stamp: ForeignStamp): void {
    const biller = this.deps.billers.profile(billerId);
    const { recorded, newWarning } = this.hostWatch.record(biller, stamp);
    if (!recorded) return;
    if (newWarning)
      this.deps.notifier.notify({
        billerId,
        job: null,
        level: 'warning',
        title: `Two job hosts for ${biller.name}?`,
        message: newWarning,
      });
    this.changed(billerId);
  }

  // ------------------------------------------------------------ internals

  private definition(job: JobKind): JobDefinition {
    const d = this.definitions.get(job);
    if (!d)
      throw new AppError('NOT_FOUND', `The ${JOB_LABELS[job]} job is not available in this version of Impresa Bridge.`);
    return d;
  }

  private pauseOf(billerId: string, job: JobKind) {
    return this.settings.pauseOf(billerId, job);
  }

  /** Deletes runs past the retention period; at start and then at most once a day. */
  private prune(): void {
    const now = this.deps.clock.now().getTime();
    if (now - this.lastPruneAt < DAY) return;
    this.lastPruneAt = now;
    const removed = this.ledger.prune(new Date(now - this.options.retentionDays * DAY).toISOString());
    if (removed > 0)
      this.deps.log.info(`Removed ${removed} run(s) older than ${this.options.retentionDays} days from the ledger`);
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }

  private changed(billerId: string, job?: JobKind): void {
    emitJobsChanged(this.deps.events, billerId, job);
  }

  /** A slot came: run, or record that the job was still busy. */
  private onSlot(event: SlotEvent): void {
    const definition = this.definitions.get(event.job);
    if (!definition) return;
    let biller: BillerProfile;
    try {
      biller = this.deps.billers.profile(event.billerId);
    } catch {
      return;
    }
    // The scheduler checks too; this is the last word, read from SQLite as the slot runs.
    if (this.pauseOf(event.billerId, event.job)) {
      this.deps.log.info(
        `${event.job} of biller ${biller.name} is paused: its ${event.slot.toISOString()} slot is not run`,
      );
      return;
    }
    if (this.runPolicy(event.billerId, event.job).onlyWhenReachable) {
      void this.reachability(biller)
        .catch(() => false)
        .then((ok) => {
          if (!this.isScheduled(event.billerId, event.job)) return;
          if (ok) this.runSlot(biller, definition, event);
          else this.owed.skip(biller, event);
        });
      return;
    }
    this.runSlot(biller, definition, event);
  }

  private runSlot(biller: BillerProfile, definition: JobDefinition, event: SlotEvent): void {
    // This run covers any slot skipped while the services could not be reached.
    this.dropOwed(event.billerId, event.job);
    this.retries.cancel(event.billerId, event.job);
    const notes: string[] = [];
    if (event.trigger === 'catch-up') {
      const count = event.missedCapped ? `more than ${event.missed}` : String(event.missed);
      const since = event.since ? ` since ${localDateTime(event.since, biller.timeZone)}` : '';
      notes.push(`Catching up once for ${count} missed slot(s)${since} (the app was closed or the computer asleep).`);
    }
    const started = this.startRun({ biller, definition, trigger: event.trigger, dryRun: false, notes });
    if ('busy' in started) this.runner.recordSkipped(biller, event.job, event.trigger, started.busy, event.slot);
  }

  private dropOwed(billerId: string, job: JobKind): void {
    this.owed.drop(billerId, job);
  }

  /** Another process paused, resumed or rescheduled these jobs: drop retries that no longer apply, tell the dashboard. */
  private settingsChangedElsewhere(billerId: string, jobs: JobKind[]): void {
    for (const job of jobs) if (!this.isScheduled(billerId, job)) this.retries.cancel(billerId, job);
    this.changed(billerId, jobs.length === 1 ? jobs[0] : undefined);
  }

  private isScheduled(billerId: string, job: JobKind): boolean {
    return (
      this.started &&
      this.scheduler.isScheduling(billerId) &&
      this.definitions.has(job) &&
      this.pauseOf(billerId, job) === null
    );
  }

  /**
   * Whether a run failing with `code` gets an automatic retry: asked when the run ends (its
   * advice says so only then) and again right after, to schedule it.
   */
  private willRetry(run: Run, code: string): boolean {
    return (
      isTransientCode(code) &&
      !run.dryRun &&
      run.trigger !== 'manual' &&
      run.attempt <= this.settings.retryPolicyOf(run.billerId, run.job).maxRetries &&
      this.isScheduled(run.billerId, run.job)
    );
  }

  /** A pending retry was called off (pause, run by hand, biller dropped): its run no longer promises one. */
  private retryDropped(failedRunId: string): void {
    try {
      const run = this.ledger.get(failedRunId);
      if (run?.error)
        this.ledger.setErrorAction(
          failedRunId,
          errorAction(run.error.code, { message: `${run.error.message} ${run.error.details ?? ''}` }),
        );
    } catch (error) {
      // Only the advice is stale then; calling off the retry must not fail for it.
      this.deps.log.warn(`Could not update the advice of run ${failedRunId}`, error);
    }
  }

  /** Retries and the failure-streak notice, once a run is final. */
  private afterRun(run: Run): void {
    if (this.started) this.prune();
    // A dry run changes nothing and is never retried: it neither raises nor repeats the streak notice.
    if (run.state !== 'failed' || run.dryRun) return;
    const streak = this.ledger.failureStreak(run.billerId, run.job);
    if (streak === this.options.notifyAfterFailures) {
      let name = run.billerId;
      try {
        name = this.deps.billers.profile(run.billerId).name;
      } catch {
        // The biller is gone; its id will do.
      }
      this.deps.notifier.notify({
        billerId: run.billerId,
        job: run.job,
        level: 'error',
        title: `${JOB_LABELS[run.job]} keeps failing for ${name}`,
        message:
          `The last ${streak} runs failed. Latest: ${run.error?.message ?? 'no message'} ${run.error?.action ?? ''}`.trim(),
      });
    }
    if (!run.error || !this.willRetry(run, run.error.code)) return;
    const policy = this.settings.retryPolicyOf(run.billerId, run.job);
    const wait = retryDelay(run.attempt, policy, this.options.random);
    this.retries.schedule(run.billerId, run.job, run.id, wait, () => this.retry(run));
    this.ledger.appendLog(
      run.id,
      this.nowIso(),
      'info',
      `Retrying in ${Math.round(wait / 1000)} s (attempt ${run.attempt + 1} of ${policy.maxRetries + 1}).`,
      0,
    );
    this.changed(run.billerId, run.job);
  }

  private retry(failed: Run): void {
    if (!this.isScheduled(failed.billerId, failed.job)) return;
    const definition = this.definitions.get(failed.job)!;
    let biller: BillerProfile;
    try {
      biller = this.deps.billers.profile(failed.billerId);
    } catch {
      return;
    }
    const notes = [
      `Retry ${failed.attempt} of ${this.settings.retryPolicyOf(failed.billerId, failed.job).maxRetries} after: ${failed.error?.message ?? 'a transient failure'}`,
    ];
    const started = this.startRun({
      biller,
      definition,
      trigger: 'retry',
      dryRun: false,
      attempt: failed.attempt + 1,
      retryOf: failed.retryOf ?? failed.id,
      notes,
    });
    if ('busy' in started) this.runner.recordSkipped(biller, failed.job, 'retry', started.busy, this.deps.clock.now());
  }
}
