import type {
  Counts,
  JobKind,
  Run,
  RunError,
  RunLogLevel,
  RunLogLine,
  RunProgress,
  RunState,
  RunTrigger,
} from '../../shared/domain/jobs';
import type { Db } from '../store/database';

interface RunRow {
  id: string;
  biller_id: string;
  job: JobKind;
  trigger: RunTrigger;
  dry_run: number;
  attempt: number;
  retry_of: string | null;
  started_at: string;
  ended_at: string | null;
  state: RunState;
  read_count: number;
  written_count: number;
  skipped_count: number;
  failed_count: number;
  summary: string | null;
  error_code: string | null;
  error_message: string | null;
  error_action: string | null;
  error_details: string | null;
  progress_done: number;
  progress_total: number | null;
  progress_note: string | null;
  installation_id: string;
  session_id: string;
  alive_at: string;
}

function toRun(r: RunRow): Run {
  return {
    id: r.id,
    billerId: r.biller_id,
    job: r.job,
    trigger: r.trigger,
    dryRun: r.dry_run === 1,
    attempt: r.attempt,
    retryOf: r.retry_of,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    durationMs: r.ended_at ? Date.parse(r.ended_at) - Date.parse(r.started_at) : null,
    state: r.state,
    counts: { read: r.read_count, written: r.written_count, skipped: r.skipped_count, failed: r.failed_count },
    summary: r.summary,
    error: r.error_code
      ? { code: r.error_code, message: r.error_message ?? '', action: r.error_action ?? '', details: r.error_details }
      : null,
    progress: { done: r.progress_done, total: r.progress_total, note: r.progress_note },
    installationId: r.installation_id,
  };
}

export interface NewRun {
  id: string;
  billerId: string;
  job: JobKind;
  trigger: RunTrigger;
  dryRun: boolean;
  attempt: number;
  retryOf: string | null;
  startedAt: string;
  installationId: string;
  sessionId: string;
}

export interface RunFinish {
  state: Exclude<RunState, 'running'>;
  endedAt: string;
  counts: Counts;
  progress: RunProgress;
  summary: string | null;
  error: RunError | null;
}

export interface HistoryFilter {
  billerId: string;
  job?: JobKind | undefined;
  state?: RunState | undefined;
  /** Runs started at or after this instant (ISO, UTC). */
  from?: string | undefined;
  /** Runs started before this instant (ISO, UTC). */
  to?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface StatsPoint {
  runId: string;
  job: JobKind;
  state: RunState;
  startedAt: string;
  durationMs: number;
  /** Records the run went through (its read count). */
  records: number;
  counts: Counts;
}

/** Keeps at most this many log lines per run; a runaway job cannot fill the disk. */
export const MAX_LOG_LINES = 5_000;

/** Every run, its log and its progress, in SQLite. No logic beyond reading and writing. */
export class RunHistory {
  constructor(private readonly db: Db) {}

  /**
   * Inserts a running run unless the job already has a live one (one whose process showed signs
   * of life since `staleBefore`), in one write transaction so two processes cannot both start.
   */
  tryStart(
    run: NewRun,
    isLive: (row: { id: string; sessionId: string; aliveAt: string }) => boolean,
  ): { started: true; run: Run } | { started: false; busy: Run } {
    return this.db
      .transaction(() => {
        const busy = (
          this.db
            .prepare(
              `SELECT * FROM job_runs WHERE biller_id = ? AND job = ? AND state = 'running' ORDER BY started_at DESC`,
            )
            .all(run.billerId, run.job) as RunRow[]
        ).find((r) => isLive({ id: r.id, sessionId: r.session_id, aliveAt: r.alive_at }));
        if (busy) return { started: false as const, busy: toRun(busy) };
        this.insert(run, 'running', null);
        return { started: true as const, run: this.get(run.id)! };
      })
      .immediate();
  }

  /** A slot that came while the job was still busy: recorded (with why, as its summary), never run. */
  recordSkipped(run: NewRun, summary: string): Run {
    this.insert(run, 'skipped-busy', summary);
    return this.get(run.id)!;
  }

  private insert(run: NewRun, state: RunState, summary: string | null): void {
    this.db
      .prepare(
        `INSERT INTO job_runs (id, biller_id, job, trigger, dry_run, attempt, retry_of, started_at, ended_at, state,
           summary, installation_id, session_id, alive_at)
         VALUES (@id, @billerId, @job, @trigger, @dryRun, @attempt, @retryOf, @startedAt, @endedAt, @state,
           @summary, @installationId, @sessionId, @startedAt)`,
      )
      .run({ ...run, dryRun: run.dryRun ? 1 : 0, state, summary, endedAt: state === 'running' ? null : run.startedAt });
  }

  updateProgress(runId: string, progress: RunProgress, counts: Counts, aliveAt: string): void {
    this.db
      .prepare(
        `UPDATE job_runs SET progress_done = ?, progress_total = ?, progress_note = ?, read_count = ?, written_count = ?,
           skipped_count = ?, failed_count = ?, alive_at = ? WHERE id = ? AND state = 'running'`,
      )
      .run(
        progress.done,
        progress.total,
        progress.note,
        counts.read,
        counts.written,
        counts.skipped,
        counts.failed,
        aliveAt,
        runId,
      );
  }

  /** Final state of a run; null if the row is gone (its biller was deleted meanwhile). */
  finish(runId: string, f: RunFinish): Run | null {
    this.db
      .prepare(
        `UPDATE job_runs SET state = @state, ended_at = @endedAt, read_count = @read, written_count = @written,
           skipped_count = @skipped, failed_count = @failed, summary = @summary, error_code = @code,
           error_message = @message, error_action = @action, error_details = @details,
           progress_done = @done, progress_total = @total, progress_note = @note, alive_at = @endedAt
         WHERE id = @id`,
      )
      .run({
        id: runId,
        state: f.state,
        endedAt: f.endedAt,
        ...f.counts,
        summary: f.summary,
        code: f.error?.code ?? null,
        message: f.error?.message ?? null,
        action: f.error?.action ?? null,
        details: f.error?.details ?? null,
        done: f.progress.done,
        total: f.progress.total,
        note: f.progress.note,
      });
    return this.get(runId);
  }

  /** Rewrites what a failed run advises (its retry was called off after it ended). */
  setErrorAction(runId: string, action: string): void {
    this.db.prepare('UPDATE job_runs SET error_action = ? WHERE id = ? AND error_code IS NOT NULL').run(action, runId);
  }

  /**
   * Closes runs left 'running' by a process that is gone (crash, power cut), so the run history never
   * shows a run as running forever. Returns how many were closed.
   */
  closeInterrupted(
    isDead: (row: { id: string; sessionId: string; aliveAt: string }) => boolean,
    endedAt: string,
    error: RunError,
    only?: { billerId: string; job?: JobKind },
  ): Run[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM job_runs WHERE state = 'running' AND (@billerId IS NULL OR biller_id = @billerId) AND (@job IS NULL OR job = @job)`,
      )
      .all({ billerId: only?.billerId ?? null, job: only?.job ?? null }) as RunRow[];
    const closed: Run[] = [];
    for (const r of rows) {
      if (!isDead({ id: r.id, sessionId: r.session_id, aliveAt: r.alive_at })) continue;
      const changed = this.db
        .prepare(
          `UPDATE job_runs SET state = 'interrupted', ended_at = alive_at, error_code = @code, error_message = @message,
             error_action = @action, error_details = @details
           WHERE id = @id AND state = 'running'`,
        )
        .run({ ...error, details: `Closed on ${endedAt}.`, id: r.id }).changes;
      if (changed > 0) closed.push(this.get(r.id)!);
    }
    return closed;
  }

  /** The process a run belongs to, and its last sign of life. */
  owner(runId: string): { id: string; sessionId: string; aliveAt: string } | null {
    const row = this.db
      .prepare('SELECT id, session_id AS sessionId, alive_at AS aliveAt FROM job_runs WHERE id = ?')
      .get(runId) as { id: string; sessionId: string; aliveAt: string } | undefined;
    return row ?? null;
  }

  /** Asks the process that owns a run to stop it (it reads this at its next sign of life). */
  requestCancel(runId: string, by: string, at: string): void {
    this.db
      .prepare(
        `UPDATE job_runs SET cancel_requested_by = ?, cancel_requested_at = ? WHERE id = ? AND state = 'running'`,
      )
      .run(by, at, runId);
  }

  /** Who asked (from another process) to stop this run, if anyone did. */
  cancelRequest(runId: string): { by: string; at: string } | null {
    const row = this.db
      .prepare('SELECT cancel_requested_by AS by, cancel_requested_at AS at FROM job_runs WHERE id = ?')
      .get(runId) as { by: string | null; at: string | null } | undefined;
    return row?.by && row.at ? { by: row.by, at: row.at } : null;
  }

  get(runId: string): Run | null {
    const row = this.db.prepare('SELECT * FROM job_runs WHERE id = ?').get(runId) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  /**
   * The latest finished run of a job, skipped slots aside: real runs by default, or dry runs.
   * They are kept apart so a dry run that works cannot hide that the real ones fail.
   */
  lastFinished(billerId: string, job: JobKind, kind: 'real' | 'dry' = 'real'): Run | null {
    const row = this.db
      .prepare(
        `SELECT * FROM job_runs WHERE biller_id = ? AND job = ? AND dry_run = ? AND state NOT IN ('running', 'skipped-busy')
         ORDER BY started_at DESC, rowid DESC LIMIT 1`,
      )
      .get(billerId, job, kind === 'dry' ? 1 : 0) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  running(
    billerId: string,
    job: JobKind,
    isLive: (row: { id: string; sessionId: string; aliveAt: string }) => boolean,
  ): Run | null {
    const row = (
      this.db
        .prepare(
          `SELECT * FROM job_runs WHERE biller_id = ? AND job = ? AND state = 'running' ORDER BY started_at DESC`,
        )
        .all(billerId, job) as RunRow[]
    ).find((r) => isLive({ id: r.id, sessionId: r.session_id, aliveAt: r.alive_at }));
    return row ? toRun(row) : null;
  }

  /** Failed real runs in a row, newest first; dry, cancelled and skipped runs neither break nor extend it. */
  failureStreak(billerId: string, job: JobKind): number {
    const states = this.db
      .prepare(
        `SELECT state FROM job_runs WHERE biller_id = ? AND job = ? AND dry_run = 0 AND state IN ('succeeded', 'partial', 'failed')
         ORDER BY started_at DESC, rowid DESC LIMIT 100`,
      )
      .pluck()
      .all(billerId, job) as RunState[];
    const firstNotFailed = states.findIndex((s) => s !== 'failed');
    return firstNotFailed === -1 ? states.length : firstNotFailed;
  }

  history(filter: HistoryFilter): { runs: Run[]; total: number } {
    const params = {
      billerId: filter.billerId,
      job: filter.job ?? null,
      state: filter.state ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    };
    const where = `biller_id = @billerId AND (@job IS NULL OR job = @job) AND (@state IS NULL OR state = @state)
      AND (@from IS NULL OR started_at >= @from) AND (@to IS NULL OR started_at < @to)`;
    const total = this.db.prepare(`SELECT COUNT(*) FROM job_runs WHERE ${where}`).pluck().get(params) as number;
    const rows = this.db
      .prepare(`SELECT * FROM job_runs WHERE ${where} ORDER BY started_at DESC, rowid DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: filter.limit ?? 50, offset: filter.offset ?? 0 }) as RunRow[];
    return { runs: rows.map(toRun), total };
  }

  /** Finished runs since `from` (oldest first), for the duration/records chart. */
  stats(billerId: string, from: string): StatsPoint[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM job_runs WHERE biller_id = ? AND started_at >= ? AND state NOT IN ('running', 'skipped-busy')
         ORDER BY started_at, rowid`,
      )
      .all(billerId, from) as RunRow[];
    return rows.map((r) => {
      const run = toRun(r);
      return {
        runId: run.id,
        job: run.job,
        state: run.state,
        startedAt: run.startedAt,
        durationMs: run.durationMs ?? 0,
        records: run.counts.read,
        counts: run.counts,
      };
    });
  }

  /** Appends a log line unless the run already has MAX_LOG_LINES; returns whether it was kept. */
  appendLog(runId: string, at: string, level: RunLogLevel, message: string, lineNo: number): boolean {
    if (lineNo > MAX_LOG_LINES) return false;
    const text =
      lineNo === MAX_LOG_LINES
        ? `Log limit of ${MAX_LOG_LINES} lines reached; further lines are only in the app's log file.`
        : message;
    this.db
      .prepare('INSERT INTO job_run_log (run_id, at, level, message) VALUES (?, ?, ?, ?)')
      .run(runId, at, lineNo === MAX_LOG_LINES ? 'warn' : level, text);
    return lineNo < MAX_LOG_LINES;
  }

  log(runId: string, limit = MAX_LOG_LINES, offset = 0): RunLogLine[] {
    return this.db
      .prepare('SELECT at, level, message FROM job_run_log WHERE run_id = ? ORDER BY id LIMIT ? OFFSET ?')
      .all(runId, limit, offset) as RunLogLine[];
  }

  /** Deletes runs (with their logs and reports) started before `before`. */
  prune(before: string): number {
    return this.db.prepare(`DELETE FROM job_runs WHERE started_at < ? AND state != 'running'`).run(before).changes;
  }
}
