import { randomUUID } from 'node:crypto';
import {
  errorAction,
  JOB_LABELS,
  type ForeignStamp,
  type JobKind,
  type Run,
  type RunError,
  type RunTrigger,
} from '../../shared/domain/jobs';
import { AppError, isAppError } from '../../shared/errors';
import type { Clock } from '../ground/clock';
import type { Logger } from '../ground/logger';
import type { BillerProfile } from '../billers/billers.service';
import type { EventBus } from '../ipc/router';
import { ANOMALIES_REPORT, type JobDefinition } from './job-definition';
import type { JobStateStore } from './job-state-store';
import type { RunArtifacts } from './run-artifacts';
import type { RunHistory } from './run-history';
import type { RunOwners } from './run-owner';
import { RunRecorder } from './run-recorder';

export interface RunnerOptions {
  progressThrottleMs: number;
  keepAliveMs: number;
  /** A 'running' row not marked alive for this long belongs to a process that is gone. */
  staleAfterMs: number;
  redact: (text: string) => string;
}

export interface RunnerDeps {
  history: RunHistory;
  /** Which processes that own runs are alive (their lock files). */
  owners: RunOwners;
  artifacts: RunArtifacts;
  state: JobStateStore;
  clock: Clock;
  events: Pick<EventBus, 'emit'>;
  log: Logger;
  installationId: string;
  options: RunnerOptions;
  onForeignStamp: (billerId: string, stamp: ForeignStamp) => void;
  /** Whether this run, failing with this code, gets an automatic retry (so its advice may say so). */
  willRetry: (run: Run, code: string) => boolean;
  /** Called once per run that reached the run history, after it is final. */
  onFinished: (run: Run) => void;
}

export interface StartRequest {
  biller: BillerProfile;
  definition: JobDefinition;
  trigger: RunTrigger;
  dryRun: boolean;
  attempt?: number;
  retryOf?: string | null;
  /** Log lines to open the run with (why it runs). */
  notes?: string[];
}

/** A run that has started: its first run-history row, and the promise of its final one. */
export interface StartedRun {
  run: Run;
  finished: Promise<Run>;
}

interface Active {
  recorder: RunRecorder;
  finished: Promise<Run>;
}

const key = (billerId: string, job: JobKind) => `${billerId}/${job}`;

/** How a run cut off by a crash or a power cut is closed in the run history. */
export const INTERRUPTED: RunError = {
  code: 'CANCELLED',
  message: 'The process running this job ended (it was closed, killed or crashed) while the run was in progress.',
  action: 'Nothing to do: work already accepted is kept, and the next run carries on from there.',
  details: null,
};

/**
 * Turns what a job threw into the run history's error: stable code, plain message, what to do.
 * `willRetry` says, for the error's code, whether an automatic retry will follow.
 */
export function toRunError(
  error: unknown,
  redact: (t: string) => string,
  willRetry: (code: string) => boolean = () => false,
): RunError {
  if (isAppError(error)) {
    const details =
      error.cause instanceof Error ? redact(error.cause.message) : error.fields ? JSON.stringify(error.fields) : null;
    return {
      code: error.code,
      message: redact(error.message),
      action: errorAction(error.code, {
        retrying: willRetry(error.code),
        message: `${error.message} ${details ?? ''}`,
      }),
      details,
    };
  }
  const raw = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: 'The job stopped on an unexpected error inside Impresa Bridge.',
    action: errorAction('INTERNAL'),
    details: redact(raw),
  };
}

/**
 * Runs one job at a time per biller: the run history row, the JobContext, the outcome. A job that is
 * already running (here or in another process on the same data folder) is never started twice.
 */
export class JobRunner {
  private readonly active = new Map<string, Active>();
  readonly sessionId = randomUUID();

  constructor(private readonly deps: RunnerDeps) {}

  staleBefore(): string {
    return new Date(this.deps.clock.now().getTime() - this.deps.options.staleAfterMs).toISOString();
  }

  /**
   * Whether the process that owns a 'running' row is alive: this process's own runs while they
   * run; another process's while it holds its lock; a run from before lock files, by its last
   * sign of life.
   */
  private readonly isLive = (row: { id: string; sessionId: string; aliveAt: string }): boolean => {
    if (row.sessionId === this.sessionId) return this.activeRun(row.id) !== null;
    return this.deps.owners.isAlive(row.sessionId) ?? row.aliveAt >= this.staleBefore();
  };

  /** Closes, as interrupted, the runs whose process is gone (all, or a biller's, or one job's); returns them. */
  closeDead(only?: { billerId: string; job?: JobKind }): Run[] {
    const closed = this.deps.history.closeInterrupted(
      (row) => !this.isLive(row),
      this.deps.clock.now().toISOString(),
      INTERRUPTED,
      only,
    );
    for (const run of closed) {
      this.deps.log.warn(
        `${JOB_LABELS[run.job]} run ${run.id} was left running by a process that is gone; closed as interrupted`,
      );
      this.deps.events.emit('jobs:changed', { billerId: run.billerId, job: run.job, runId: run.id });
    }
    return closed;
  }

  /** The run in progress for this job, here (live numbers) or in another live process; or null. */
  running(billerId: string, job: JobKind): Run | null {
    const here = this.active.get(key(billerId, job));
    if (here) return here.recorder.snapshot();
    return this.deps.history.running(billerId, job, this.isLive);
  }

  /** Whether the run is owned by a live process other than this one. */
  runsElsewhere(run: Run): boolean {
    const row = this.deps.history.owner(run.id);
    return row !== null && row.sessionId !== this.sessionId && this.isLive(row);
  }

  /** Asks the process that owns a run elsewhere to stop it. */
  requestCancel(runId: string, by: string): void {
    this.deps.history.requestCancel(runId, by, this.deps.clock.now().toISOString());
  }

  /** Lets go of this process's lock (the app or the command is closing). */
  releaseOwnership(): void {
    if (this.active.size === 0) this.deps.owners.release();
  }

  activeRun(runId: string): RunRecorder | null {
    for (const a of this.active.values()) if (a.recorder.runId === runId) return a.recorder;
    return null;
  }

  /** Starts the run, or returns the run that keeps the job busy. */
  start(req: StartRequest): StartedRun | { busy: Run } {
    const { biller, definition } = req;
    const k = key(biller.id, definition.kind);
    const here = this.active.get(k);
    if (here) return { busy: here.recorder.snapshot() };
    // This process owns runs from now on: its lock tells others it is alive, until it ends.
    try {
      this.deps.owners.hold(this.sessionId);
    } catch (error) {
      // Without its lock the run is still recorded; others then tell a dead owner by its last sign of life.
      this.deps.log.warn('Could not take the run-owner lock in the data folder', error);
    }
    // A run left 'running' by a process that died no longer blocks the job: close it first.
    this.closeDead({ billerId: biller.id, job: definition.kind });
    const startedAt = this.deps.clock.now().toISOString();
    const result = this.deps.history.tryStart(
      {
        id: randomUUID(),
        billerId: biller.id,
        job: definition.kind,
        trigger: req.trigger,
        dryRun: req.dryRun,
        attempt: req.attempt ?? 1,
        retryOf: req.retryOf ?? null,
        startedAt,
        installationId: this.deps.installationId,
        sessionId: this.sessionId,
      },
      this.isLive,
    );
    if (!result.started) return { busy: result.busy };
    const recorder = new RunRecorder(
      {
        history: this.deps.history,
        artifacts: this.deps.artifacts,
        state: this.deps.state,
        clock: this.deps.clock,
        events: this.deps.events,
        log: this.deps.log,
        redact: this.deps.options.redact,
        installationId: this.deps.installationId,
        throttleMs: this.deps.options.progressThrottleMs,
        keepAliveMs: this.deps.options.keepAliveMs,
        onForeignStamp: this.deps.onForeignStamp,
      },
      result.run,
      biller,
    );
    for (const note of req.notes ?? []) recorder.appendLog('info', note);
    if (req.dryRun)
      recorder.appendLog('info', 'Dry run: nothing is changed in InHANCE or InvoiceCloud, and no cursor moves.');
    const finished = this.execute(definition, recorder, result.run);
    // Callers may drop the promise (IPC answers at once): a failure to record must still be seen.
    finished.catch((error: unknown) => this.deps.log.error(`Recording the end of run ${result.run.id} failed`, error));
    this.active.set(k, { recorder, finished });
    this.deps.events.emit('jobs:changed', { billerId: biller.id, job: definition.kind, runId: result.run.id });
    return { run: result.run, finished };
  }

  /** A slot that came while the job was busy: recorded so the history shows it, never run. */
  recordSkipped(biller: BillerProfile, job: JobKind, trigger: RunTrigger, busy: Run, slot: Date): Run {
    const run = this.deps.history.recordSkipped(
      {
        id: randomUUID(),
        billerId: biller.id,
        job,
        trigger,
        dryRun: false,
        attempt: 1,
        retryOf: null,
        startedAt: this.deps.clock.now().toISOString(),
        installationId: this.deps.installationId,
        sessionId: this.sessionId,
      },
      `${JOB_LABELS[job]} was still running (started ${busy.startedAt}), so the ${slot.toISOString()} slot was skipped.`,
    );
    this.deps.events.emit('jobs:changed', { billerId: biller.id, job, runId: run.id });
    return run;
  }

  /** Asks a run to stop; the job sees its signal aborted at its next check. */
  cancel(runId: string, reason: AppError): boolean {
    const recorder = this.activeRun(runId);
    if (!recorder) return false;
    if (!recorder.signal.aborted) {
      recorder.appendLog('warn', reason.message);
      recorder.controller.abort(reason);
    }
    return true;
  }

  /** Aborts every run and waits for them to end (or for `graceMs` on the clock). */
  async stopAll(reason: AppError, graceMs: number): Promise<void> {
    const pending = [...this.active.values()];
    for (const a of pending) this.cancel(a.recorder.runId, reason);
    if (pending.length === 0) return;
    let cancelTimer: () => void = () => undefined;
    const grace = new Promise<void>((resolve) => {
      cancelTimer = this.deps.clock.setTimer(graceMs, resolve);
    });
    await Promise.race([Promise.allSettled(pending.map((a) => a.finished)), grace]);
    cancelTimer();
  }

  private async execute(definition: JobDefinition, recorder: RunRecorder, run: Run): Promise<Run> {
    // Let start() return (and register the run) before the job's first line runs.
    await Promise.resolve();
    let summary: string | null = null;
    let thrown: unknown = null;
    let threw = false;
    try {
      const outcome = await definition.run(recorder.context());
      summary = outcome?.summary ? this.deps.options.redact(outcome.summary) : null;
    } catch (error) {
      threw = true;
      thrown = error;
    }
    return this.finish(definition.kind, recorder, run, { threw, thrown, summary });
  }

  private finish(
    job: JobKind,
    recorder: RunRecorder,
    run: Run,
    outcome: { threw: boolean; thrown: unknown; summary: string | null },
  ): Run {
    recorder.close();
    const { counts, progress } = recorder.current();
    const cancelled = recorder.signal.aborted && outcome.threw;
    let state: 'succeeded' | 'partial' | 'failed' | 'cancelled';
    let error: RunError | null = null;
    if (cancelled) {
      state = 'cancelled';
      const reason: unknown = recorder.signal.reason;
      error = toRunError(
        isAppError(reason) ? reason : new AppError('CANCELLED', 'The run was cancelled.'),
        this.deps.options.redact,
      );
    } else if (outcome.threw) {
      state = 'failed';
      error = toRunError(outcome.thrown, this.deps.options.redact, (code) => this.deps.willRetry(run, code));
      if (!isAppError(outcome.thrown)) this.deps.log.error(`${job} run ${run.id} failed unexpectedly`, outcome.thrown);
      recorder.appendLog('error', `${error.message}${error.details ? ` (${error.details})` : ''}`);
    } else {
      state = counts.failed > 0 ? 'partial' : 'succeeded';
      const anomalies = recorder.anomalyList();
      if (anomalies.length > 0) {
        // An answer that cannot be right is never a silent success: the card shows it.
        state = 'partial';
        const first = anomalies[0]!;
        error = {
          code: 'ANOMALIES',
          message: `${anomalies.length === 1 ? 'One answer' : `${anomalies.length} answers`} could not be right and ${anomalies.length === 1 ? 'was' : 'were'} not counted: ${first.subject}: ${first.detail}${anomalies.length > 1 ? ` (and ${anomalies.length - 1} more)` : ''}`,
          action: `Open the run's "${ANOMALIES_REPORT}" report for the list, and check each with InvoiceCloud or InHANCE.`,
          details: null,
        };
      }
      if (recorder.signal.aborted)
        recorder.appendLog('info', 'The job finished its work before it saw the cancel request.');
    }
    const endedAt = this.deps.clock.now().toISOString();
    let final: Run;
    try {
      final = this.deps.history.finish(run.id, {
        state,
        endedAt,
        counts,
        progress,
        summary: outcome.summary,
        error,
      }) ?? {
        ...run,
        state,
        endedAt,
        counts,
        progress,
        error,
      };
    } catch (e) {
      // The biller may have been deleted mid-run (its runs went with it): report, do not crash.
      this.deps.log.error(`Could not record the end of ${job} run ${run.id}`, e);
      final = { ...run, state, endedAt, counts, progress, error };
    }
    this.active.delete(key(run.billerId, job));
    recorder.emitProgress();
    this.deps.log.info(
      `${JOB_LABELS[job]} run ${run.id} (${run.trigger}${run.dryRun ? ', dry run' : ''}) ended ${state}`,
    );
    this.deps.events.emit('jobs:changed', { billerId: run.billerId, job, runId: run.id });
    try {
      this.deps.onFinished(final);
    } catch (e) {
      this.deps.log.error('After-run handling failed', e);
    }
    return final;
  }
}
