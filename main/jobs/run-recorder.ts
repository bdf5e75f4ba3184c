import {
  zeroCounts,
  type CountKind,
  type Counts,
  type ForeignStamp,
  type Run,
  type RunLogLevel,
  type RunProgress,
} from '../../shared/domain/jobs';
import { AppError } from '../../shared/errors';
import type { Clock } from '../ground/clock';
import type { Logger } from '../ground/logger';
import type { BillerProfile } from '../billers/billers.service';
import type { EventBus } from '../ipc/router';
import { ANOMALIES_REPORT, type JobContext } from './job-definition';
import type { JobStateStore } from './job-state-store';
import type { RunArtifacts } from './run-artifacts';
import type { RunHistory } from './run-history';

export interface RecorderDeps {
  history: RunHistory;
  artifacts: RunArtifacts;
  state: JobStateStore;
  clock: Clock;
  events: Pick<EventBus, 'emit'>;
  log: Logger;
  redact: (text: string) => string;
  installationId: string;
  /** Progress reaches SQLite and the renderer at most this often while running. */
  throttleMs: number;
  /** How often a long quiet run still marks itself alive in the run history. */
  keepAliveMs: number;
  onForeignStamp: (billerId: string, stamp: ForeignStamp) => void;
}

/**
 * One running run: the JobContext handed to the job, plus what it has said so far. Counts and
 * progress live in memory and reach the run history (and the `jobs:progress` event) throttled; log
 * lines, cursors and reports are written as they come.
 */
export class RunRecorder {
  readonly controller = new AbortController();
  private counts: Counts = zeroCounts();
  private progress: RunProgress = { done: 0, total: null, note: null };
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private flushTimer: (() => void) | null = null;
  private keepAlive: (() => void) | null = null;
  private logLines = 0;
  private closed = false;
  private anomalies: Array<{ kind: string; subject: string; detail: string }> = [];
  /** A dry run's cursor moves, kept for the run only. */
  private readonly dryCursors = new Map<string, string>();

  constructor(
    private readonly deps: RecorderDeps,
    private readonly run: Run,
    private readonly biller: BillerProfile,
  ) {
    this.armKeepAlive();
  }

  get runId(): string {
    return this.run.id;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The run as it stands right now (fresher than the throttled run-history row). */
  snapshot(): Run {
    return { ...this.run, counts: { ...this.counts }, progress: { ...this.progress } };
  }

  current(): { counts: Counts; progress: RunProgress } {
    return { counts: { ...this.counts }, progress: { ...this.progress } };
  }

  context(): JobContext {
    const { run, biller, deps } = this;
    const now = () => deps.clock.now().toISOString();
    return {
      biller,
      job: run.job,
      runId: run.id,
      trigger: run.trigger,
      attempt: run.attempt,
      dryRun: run.dryRun,
      installationId: deps.installationId,
      signal: this.controller.signal,
      clock: deps.clock,
      log: (level, message) => this.appendLog(level, message),
      progress: (done, total, note) => {
        if (this.closed) return;
        this.progress = {
          done: Math.max(0, done),
          total: total === undefined ? this.progress.total : total === null ? null : Math.max(0, total),
          note: note === undefined ? this.progress.note : note === null ? null : deps.redact(note),
        };
        this.changed();
      },
      count: (kind: CountKind, n = 1) => {
        if (this.closed) return;
        this.counts[kind] += Math.max(0, Math.trunc(n));
        this.changed();
      },
      cursor: {
        get: (name) =>
          run.dryRun && this.dryCursors.has(name)
            ? this.dryCursors.get(name)!
            : deps.state.cursor(run.billerId, run.job, name),
        commit: (name, value) => {
          if (this.closed) throw new Error(`Run ${run.id} has finished; its cursor "${name}" cannot move any more.`);
          if (run.dryRun) {
            this.dryCursors.set(name, value);
            return;
          }
          deps.state.commitCursor(run.billerId, run.job, name, value, run.id, now());
        },
      },
      attach: (name, data) => deps.artifacts.putData(run.id, name, data, now()),
      report: (name, columns) => deps.artifacts.openReport(run.id, name, columns, now()),
      reportForeignStamp: (stamp) => deps.onForeignStamp(run.billerId, stamp),
      anomaly: (kind, subject, detail) => {
        if (this.closed) return;
        const row = { kind, subject: deps.redact(subject), detail: deps.redact(detail) };
        this.anomalies.push(row);
        deps.artifacts.openReport(run.id, ANOMALIES_REPORT, ['kind', 'subject', 'detail'], now()).append([row]);
        this.appendLog('warn', `Anomaly (${kind}) ${row.subject}: ${row.detail}`);
      },
    };
  }

  /** The anomalies reported so far (JobContext.anomaly). */
  anomalyList(): ReadonlyArray<{ kind: string; subject: string; detail: string }> {
    return this.anomalies;
  }

  appendLog(level: RunLogLevel, message: string): void {
    const text = this.deps.redact(message);
    this.logLines++;
    this.deps.history.appendLog(this.run.id, this.deps.clock.now().toISOString(), level, text, this.logLines);
    if (level === 'warn' || level === 'error')
      this.deps.log[level](`[${this.run.job} ${this.run.id.slice(0, 8)}] ${text}`);
  }

  /** Throttle: flush now if the last flush is old enough, else once when it is. */
  private changed(): void {
    if (this.flushTimer) return;
    const wait = this.lastFlushAt + this.deps.throttleMs - this.deps.clock.now().getTime();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.flushTimer = this.deps.clock.setTimer(wait, () => {
      this.flushTimer = null;
      this.flush();
    });
  }

  private flush(): void {
    if (this.closed) return;
    // `jobs cancel` from another process (the CLI, another window) asks through the run history.
    const asked = this.signal.aborted ? null : this.deps.history.cancelRequest(this.run.id);
    if (asked) {
      const reason = new AppError('CANCELLED', `The run was cancelled by ${asked.by}.`);
      this.appendLog('warn', reason.message);
      this.controller.abort(reason);
    }
    const now = this.deps.clock.now();
    this.lastFlushAt = now.getTime();
    this.deps.history.updateProgress(this.run.id, this.progress, this.counts, now.toISOString());
    this.emitProgress();
  }

  emitProgress(): void {
    this.deps.events.emit('jobs:progress', {
      runId: this.run.id,
      billerId: this.run.billerId,
      job: this.run.job,
      done: this.progress.done,
      total: this.progress.total,
      note: this.progress.note,
      counts: { ...this.counts },
    });
  }

  private armKeepAlive(): void {
    this.keepAlive = this.deps.clock.setTimer(this.deps.keepAliveMs, () => {
      if (this.closed) return;
      this.flush();
      this.armKeepAlive();
    });
  }

  /** Stops timers; from here on the job's calls to progress and count are ignored. */
  close(): void {
    this.closed = true;
    this.flushTimer?.();
    this.flushTimer = null;
    this.keepAlive?.();
    this.keepAlive = null;
  }
}
