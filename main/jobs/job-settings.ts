import {
  DEFAULT_RUN_POLICY,
  runPolicySchema,
  JOB_KINDS,
  type JobKind,
  type RunPolicy,
  type Schedule,
  type ScheduleDraft,
} from '../../shared/domain/jobs';
import { AppError } from '../../shared/errors';
import type { RetryPolicy } from './backoff';
import type { JobStateStore } from './job-state-store';
import type { JobsServiceDeps, JobsServiceOptions } from './jobs.types';
import type { RetryTimers } from './retry-timers';
import { compileSchedule, previewSchedule, type SchedulePreview } from './schedule';
import type { JobScheduler } from './scheduler';

export interface JobSettingsParts {
  deps: Pick<JobsServiceDeps, 'billers' | 'audit' | 'clock' | 'events'>;
  options: JobsServiceOptions;
  state: JobStateStore;
  retries: RetryTimers;
  scheduler: JobScheduler;
  /** A job no longer runs only when reachable: any catch-up it was owed is called off. */
  dropOwed(billerId: string, job: JobKind): void;
}

/** Tells the dashboards (here and in other windows) that a biller's jobs, or one job, changed. */
export function emitJobsChanged(events: JobsServiceDeps['events'], billerId: string, job?: JobKind): void {
  events.emit('jobs:changed', job ? { billerId, job } : { billerId });
}

/**
 * What a person sets about a biller's jobs: pause and resume (one job or all), the schedule and the
 * run policy. Each change is audited, re-arms the scheduler and calls off a retry that no longer applies.
 */
export class JobSettings {
  constructor(private readonly p: JobSettingsParts) {}

  /** Stops the job's schedule (a run in progress carries on); the reason is optional. */
  pause(billerId: string, job: JobKind, reason?: string | null): void {
    const { deps, state, retries, scheduler } = this.p;
    deps.billers.profile(billerId);
    state.setPaused(billerId, job, {
      reason: reason?.trim() || null,
      by: deps.audit.currentActor.name,
      at: this.nowIso(),
    });
    retries.cancel(billerId, job);
    scheduler.rearm(billerId, job);
    deps.audit.record('job.pause', { billerId, subject: job, detail: reason?.trim() || null });
    emitJobsChanged(deps.events, billerId, job);
  }

  /** Restarts the job's schedule from the next slot; slots passed while paused are not caught up. */
  resume(billerId: string, job: JobKind): void {
    const { deps, state, scheduler } = this.p;
    deps.billers.profile(billerId);
    state.setPaused(billerId, job, null);
    scheduler.rearm(billerId, job);
    deps.audit.record('job.resume', { billerId, subject: job });
    emitJobsChanged(deps.events, billerId, job);
  }

  /** Stops every job's schedule for the biller, with a reason kept in the audit log. */
  pauseAll(billerId: string, reason: string): void {
    const { deps, state, retries, scheduler } = this.p;
    deps.billers.profile(billerId);
    const why = reason.trim();
    if (!why)
      throw new AppError('INVALID_INPUT', 'Say why the jobs are paused, so others know when to resume them.', {
        fields: { reason: 'Say why the jobs are paused.' },
      });
    state.setPausedAll(billerId, { reason: why, by: deps.audit.currentActor.name, at: this.nowIso() });
    for (const job of JOB_KINDS) {
      retries.cancel(billerId, job);
      scheduler.rearm(billerId, job);
    }
    deps.audit.record('jobs.pauseAll', { billerId, detail: why });
    emitJobsChanged(deps.events, billerId);
  }

  /** Lifts pause-all; jobs paused one by one stay paused. */
  resumeAll(billerId: string): void {
    const { deps, state, scheduler } = this.p;
    deps.billers.profile(billerId);
    state.setPausedAll(billerId, null);
    for (const job of JOB_KINDS) scheduler.rearm(billerId, job);
    deps.audit.record('jobs.resumeAll', { billerId });
    emitJobsChanged(deps.events, billerId);
  }

  /** The job's own pause, else the biller's pause-all, else null. */
  pauseOf(billerId: string, job: JobKind) {
    return this.p.state.settings(billerId, job).pause ?? this.p.state.pausedAll(billerId);
  }

  /** Changes a job's schedule (null: back to the default); invalid ones fail with INVALID_INPUT in plain words. */
  setSchedule(billerId: string, job: JobKind, schedule: Schedule | null): void {
    const { deps, state, scheduler } = this.p;
    const biller = deps.billers.profile(billerId);
    const compiled = schedule ? compileSchedule(schedule, biller.timeZone, deps.clock.now()) : null;
    state.setSchedule(billerId, job, compiled ? compiled.schedule : null);
    scheduler.rearm(billerId, job);
    deps.audit.record('job.schedule', { billerId, subject: job, detail: compiled ? compiled.expression : 'default' });
    emitJobsChanged(deps.events, billerId, job);
  }

  /**
   * Changes a job's run policy (null: back to the defaults): run only when the services answer,
   * a time limit, the retry count and interval. Invalid values fail with INVALID_INPUT.
   */
  setRunPolicy(billerId: string, job: JobKind, policy: RunPolicy | null): void {
    const { deps, state } = this.p;
    deps.billers.profile(billerId);
    let value: RunPolicy | null = null;
    if (policy) {
      const parsed = runPolicySchema.safeParse(policy);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = String(issue.path[0] ?? 'runPolicy');
        throw new AppError('INVALID_INPUT', issue.message, { fields: { [field]: issue.message } });
      }
      value = parsed.data;
    }
    state.setRunPolicy(billerId, job, value, deps.audit.currentActor.name, this.nowIso());
    if (value && !value.onlyWhenReachable) this.p.dropOwed(billerId, job);
    deps.audit.record('job.runPolicy', { billerId, subject: job, detail: value ? JSON.stringify(value) : 'default' });
    emitJobsChanged(deps.events, billerId, job);
  }

  /** The job's run policy: the stored one, else the defaults (retries as the service is configured). */
  runPolicy(billerId: string, job: JobKind): RunPolicy {
    return this.p.state.runPolicy(billerId, job) ?? this.defaultRunPolicy();
  }

  private defaultRunPolicy(): RunPolicy {
    const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n)));
    return {
      ...DEFAULT_RUN_POLICY,
      retryCount: clamp(this.p.options.retry.maxRetries, 0, 10),
      retryIntervalSeconds: clamp(this.p.options.retry.baseMs / 1000, 5, 3600),
    };
  }

  /** The backoff of a job: its stored retry count and interval, else the service's. */
  retryPolicyOf(billerId: string, job: JobKind): RetryPolicy {
    const { options } = this.p;
    const stored = this.p.state.runPolicy(billerId, job);
    if (!stored) return options.retry;
    const baseMs = stored.retryIntervalSeconds * 1000;
    return { maxRetries: stored.retryCount, baseMs, capMs: Math.max(options.retry.capMs, baseMs) };
  }

  /** The next `count` run times of a schedule in a time zone, or why it cannot be used. */
  previewSchedule(schedule: Schedule | ScheduleDraft, timeZone: string, count = 5): SchedulePreview {
    return previewSchedule(schedule, timeZone, this.p.deps.clock.now(), count);
  }

  private nowIso(): string {
    return this.p.deps.clock.now().toISOString();
  }
}
