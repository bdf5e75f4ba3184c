import type { CountKind, ForeignStamp, JobKind, RunLogLevel, RunTrigger } from '../../shared/domain/jobs';
import type { Clock } from '../ground/clock';
import type { BillerProfile } from '../billers/billers.service';

/**
 * What one of the six jobs implements. `run` pages through its source, writes to its target and
 * reports through `ctx`. To fail the run, throw an AppError: a code ending in `_TRANSIENT` (e.g.
 * IC_TRANSIENT) makes a scheduled run retry with backoff; any other code fails the run with the
 * error's message. Finishing with `ctx.count('failed')` > 0 marks the run `partial`.
 */
export interface JobDefinition {
  kind: JobKind;
  run(ctx: JobContext): Promise<JobOutcome | void>;
}

/** What a job may say when it finishes normally. */
export interface JobOutcome {
  /** One line for the dashboard and history, e.g. "12 balances sent, 3 unchanged". */
  summary?: string;
}

/** A job's cursors and watermarks, per biller and job. */
export interface JobCursors {
  /** The value last committed (or, in a dry run, the value this run moved it to), or null. */
  get(name: string): string | null;
  /**
   * Records how far the job got. Call it only after the target accepted the page. A dry run
   * keeps the value for the rest of the run (so paging carries on) and never stores it.
   */
  commit(name: string, value: string): void;
}

/** Rows of a report kept with the run (the Balance All reconciliation), written as they come. */
export interface ReportWriter {
  /** Stores these rows after the ones already appended; nothing is held in memory. */
  append(rows: ReadonlyArray<Record<string, unknown>>): void;
  /** Rows stored so far. */
  readonly rows: number;
}

export interface JobContext {
  readonly biller: BillerProfile;
  readonly job: JobKind;
  readonly runId: string;
  readonly trigger: RunTrigger;
  /** 1 for the first try, 2+ for automatic retries. */
  readonly attempt: number;
  /** Report what would change, change nothing (cursors included). */
  readonly dryRun: boolean;
  /** This installation's id: stamp it on work written to InHANCE or IC where they keep one. */
  readonly installationId: string;
  /** Aborted when someone cancels the run or the app closes: check it between pages. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** A line in the run's log (shown in the run detail); messages are redacted of known secrets. */
  log(level: RunLogLevel, message: string): void;
  /** How far along the run is; `total` null or omitted while unknown. Cheap to call often. */
  progress(done: number, total?: number | null, note?: string | null): void;
  /** Adds to one of the run's counts (read, written, skipped, failed). */
  count(kind: CountKind, n?: number): void;
  readonly cursor: JobCursors;
  /** Keeps a small JSON value with the run under `name` (replaces an earlier one). */
  attach(name: string, data: unknown): void;
  /** Opens (or continues) a report kept with the run; `columns` fixes the CSV column order. */
  report(name: string, columns?: string[]): ReportWriter;
  /** Tells the engine another installation's stamp was seen on this biller's recent work. */
  reportForeignStamp(stamp: ForeignStamp): void;
  /**
   * An answer that cannot be right (a payment of $0.00 or less, RecordsUpdated=-5): listed in the
   * run's "anomalies" report and its log, never counted as work done. A run with any ends
   * "Partly done" with a warning on its card, not "Succeeded".
   */
  anomaly(kind: string, subject: string, detail: string): void;
}

/** The run report that lists a run's anomalies (see JobContext.anomaly). */
export const ANOMALIES_REPORT = 'anomalies';
