import type { JobKind, Run, RunState } from '../../shared/domain/jobs';
import type { AuditLog } from '../ground/audit';
import type { Clock } from '../ground/clock';
import type { Logger } from '../ground/logger';
import type { BillerProfile } from '../billers/billers.service';
import type { EventBus } from '../ipc/router';
import type { Db } from '../store/database';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff';
import type { JobDefinition } from './job-definition';
import type { ArtifactInfo } from './run-artifacts';
import { DEFAULT_SCHEDULER_OPTIONS, type SchedulerOptions } from './scheduler';

/** A message for the person at the screen; the lead maps it to `app:notice` / an OS notification. */
export interface JobNotice {
  billerId: string;
  job: JobKind | null;
  level: 'warning' | 'error';
  title: string;
  message: string;
}

export interface JobNotifier {
  notify(notice: JobNotice): void;
}

/** What the jobs engine needs to know about billers (BillersService fits). */
export interface BillerLookup {
  profiles(): BillerProfile[];
  profile(id: string): BillerProfile;
}

export interface JobsServiceOptions extends SchedulerOptions {
  retry: RetryPolicy;
  /** For the retry jitter; tests pass a fixed one. */
  random: () => number;
  progressThrottleMs: number;
  keepAliveMs: number;
  staleAfterMs: number;
  /** Failed runs in a row that raise a notification. */
  notifyAfterFailures: number;
  /** Runs older than this are deleted at start. */
  retentionDays: number;
  /** Another installation's stamp counts as "recent work" for this long. */
  foreignStampDays: number;
  /** How long stop() waits for cancelled runs to end. */
  stopGraceMs: number;
  /** Applied to every log line, message and error kept in the ledger. */
  redact: (text: string) => string;
  /** After a slot skipped because the services could not be reached: how often to look again. */
  reachabilityProbeMs: number;
}

export const DEFAULT_JOBS_OPTIONS: JobsServiceOptions = {
  ...DEFAULT_SCHEDULER_OPTIONS,
  retry: DEFAULT_RETRY_POLICY,
  random: Math.random,
  progressThrottleMs: 250,
  keepAliveMs: 30_000,
  staleAfterMs: 120_000,
  notifyAfterFailures: 3,
  retentionDays: 90,
  foreignStampDays: 7,
  stopGraceMs: 10_000,
  redact: (t) => t,
  reachabilityProbeMs: 60_000,
};

export interface JobsServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  events: EventBus;
  notifier: JobNotifier;
  log: Logger;
  billers: BillerLookup;
  installationId: string;
  /** Where each process that runs jobs keeps its lock file (`<data dir>/run-owners`); none: a dead owner is told by its last sign of life only. */
  runOwnersDir?: string;
  /** The jobs this build can run; kinds without one are listed as not available. */
  definitions: JobDefinition[];
  options?: Partial<JobsServiceOptions>;
  /**
   * Whether the biller's services answer (for jobs set to run only when the network is
   * reachable). Default: a short TCP connect to the InvoiceCloud host and the InHANCE URL.
   */
  reachability?: (biller: BillerProfile) => Promise<boolean>;
}

export interface RunOptions {
  dryRun?: boolean;
  /** Run on an installation that is not the biller's job host. */
  force?: boolean;
}

export interface HistoryQuery {
  billerId: string;
  job?: JobKind | undefined;
  state?: RunState | undefined;
  /** YYYY-MM-DD (the biller's day) or an ISO date-time. */
  from?: string | undefined;
  /** YYYY-MM-DD (through the end of that day, biller's time) or an ISO date-time (exclusive). */
  to?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface RunDetail {
  run: Run;
  log: Array<{ at: string; level: 'debug' | 'info' | 'warn' | 'error'; message: string }>;
  artifacts: ArtifactInfo[];
  /** A page of one report (the one asked for, else the run's first). */
  report: {
    name: string;
    columns: string[];
    offset: number;
    total: number;
    rows: Array<Record<string, unknown>>;
  } | null;
}
