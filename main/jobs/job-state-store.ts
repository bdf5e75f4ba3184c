import {
  DEFAULT_SCHEDULES,
  runPolicySchema,
  scheduleSchema,
  type RunPolicy,
  type ForeignStamp,
  type JobKind,
  type PauseInfo,
  type Schedule,
} from '../../shared/domain/jobs';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';

export interface JobSettings {
  schedule: Schedule;
  isDefaultSchedule: boolean;
  pause: PauseInfo | null;
  lastSlotAt: string | null;
}

interface SettingsRow {
  schedule: string | null;
  paused: number;
  pause_reason: string | null;
  paused_by: string | null;
  paused_at: string | null;
  last_slot_at: string | null;
}

/** Per biller and job: schedule, pause, the scheduler's last slot, cursors; per biller: pause-all and foreign stamps. */
export class JobStateStore {
  private stampQuery: Statement | null = null;

  constructor(private readonly db: Db) {}

  settings(billerId: string, job: JobKind): JobSettings {
    const row = this.db.prepare('SELECT * FROM job_settings WHERE biller_id = ? AND job = ?').get(billerId, job) as
      SettingsRow | undefined;
    let schedule = DEFAULT_SCHEDULES[job];
    let isDefaultSchedule = true;
    if (row?.schedule) {
      // A stored schedule that no longer parses (hand-edited file) falls back to the default.
      const parsed = scheduleSchema.safeParse(JSON.parse(row.schedule));
      if (parsed.success) {
        schedule = parsed.data;
        isDefaultSchedule = false;
      }
    }
    const pause: PauseInfo | null =
      row && row.paused === 1
        ? { scope: 'job', reason: row.pause_reason, by: row.paused_by ?? 'unknown', at: row.paused_at ?? '' }
        : null;
    return { schedule, isDefaultSchedule, pause, lastSlotAt: row?.last_slot_at ?? null };
  }

  private ensureRow(billerId: string, job: JobKind): void {
    this.db.prepare('INSERT OR IGNORE INTO job_settings (biller_id, job) VALUES (?, ?)').run(billerId, job);
  }

  /** Stores a schedule; null goes back to the source document's default. */
  setSchedule(billerId: string, job: JobKind, schedule: Schedule | null): void {
    this.ensureRow(billerId, job);
    this.db
      .prepare('UPDATE job_settings SET schedule = ? WHERE biller_id = ? AND job = ?')
      .run(schedule ? JSON.stringify(schedule) : null, billerId, job);
  }

  setPaused(billerId: string, job: JobKind, pause: { reason: string | null; by: string; at: string } | null): void {
    this.ensureRow(billerId, job);
    this.db
      .prepare(
        'UPDATE job_settings SET paused = ?, pause_reason = ?, paused_by = ?, paused_at = ? WHERE biller_id = ? AND job = ?',
      )
      .run(pause ? 1 : 0, pause?.reason ?? null, pause?.by ?? null, pause?.at ?? null, billerId, job);
  }

  /**
   * What the job's schedule and pause (its own and pause-all) are in SQLite right now, as one
   * string: another process on the same data folder (the CLI, a second window) may change them,
   * and a scheduler that armed the job under a different stamp must re-arm it. The scheduler's
   * own bookkeeping (last slot, and the row it creates) is left out: running a slot is no change.
   */
  settingsStamp(billerId: string, job: JobKind): string {
    // Prepared once: the scheduler asks on every slot and every heartbeat.
    this.stampQuery ??= this.db
      .prepare(
        `SELECT s.schedule, COALESCE(s.paused, 0), s.pause_reason, s.paused_by, s.paused_at, a.reason, a.paused_by, a.paused_at
         FROM (SELECT 1) LEFT JOIN job_settings s ON s.biller_id = @billerId AND s.job = @job
         LEFT JOIN job_biller_pause a ON a.biller_id = @billerId`,
      )
      .raw();
    return JSON.stringify(this.stampQuery.get({ billerId, job }));
  }

  /**
   * The job's run policy (reachability, time limit, retries), kept in job_options (migration 5)
   * under the name 'run-policy'; null while none is stored or the stored one no longer parses
   * (the service's defaults apply then).
   */
  runPolicy(billerId: string, job: JobKind): RunPolicy | null {
    const value = this.db
      .prepare("SELECT value FROM job_options WHERE biller_id = ? AND job = ? AND name = 'run-policy'")
      .pluck()
      .get(billerId, job) as string | undefined;
    if (!value) return null;
    const parsed = runPolicySchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  }

  /** Stores a run policy; null goes back to the defaults. */
  setRunPolicy(billerId: string, job: JobKind, policy: RunPolicy | null, by: string, at: string): void {
    if (!policy) {
      this.db
        .prepare("DELETE FROM job_options WHERE biller_id = ? AND job = ? AND name = 'run-policy'")
        .run(billerId, job);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO job_options (biller_id, job, name, value, updated_by, updated_at) VALUES (?, ?, 'run-policy', ?, ?, ?)
         ON CONFLICT (biller_id, job, name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(billerId, job, JSON.stringify(policy), by, at);
  }

  setLastSlot(billerId: string, job: JobKind, at: string): void {
    this.ensureRow(billerId, job);
    this.db.prepare('UPDATE job_settings SET last_slot_at = ? WHERE biller_id = ? AND job = ?').run(at, billerId, job);
  }

  pausedAll(billerId: string): PauseInfo | null {
    const row = this.db
      .prepare('SELECT reason, paused_by, paused_at FROM job_biller_pause WHERE biller_id = ?')
      .get(billerId) as { reason: string; paused_by: string; paused_at: string } | undefined;
    return row ? { scope: 'all', reason: row.reason, by: row.paused_by, at: row.paused_at } : null;
  }

  setPausedAll(billerId: string, pause: { reason: string; by: string; at: string } | null): void {
    if (!pause) {
      this.db.prepare('DELETE FROM job_biller_pause WHERE biller_id = ?').run(billerId);
      return;
    }
    this.db
      .prepare('INSERT OR REPLACE INTO job_biller_pause (biller_id, reason, paused_by, paused_at) VALUES (?, ?, ?, ?)')
      .run(billerId, pause.reason, pause.by, pause.at);
  }

  cursor(billerId: string, job: JobKind, name: string): string | null {
    const value = this.db
      .prepare('SELECT value FROM job_cursors WHERE biller_id = ? AND job = ? AND name = ?')
      .pluck()
      .get(billerId, job, name) as string | undefined;
    return value ?? null;
  }

  commitCursor(billerId: string, job: JobKind, name: string, value: string, runId: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO job_cursors (biller_id, job, name, value, run_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (biller_id, job, name) DO UPDATE SET value = excluded.value, run_id = excluded.run_id, updated_at = excluded.updated_at`,
      )
      .run(billerId, job, name, value, runId, at);
  }

  /** Records another installation's stamp; returns true the first time that installation is seen. */
  recordForeignStamp(billerId: string, stamp: ForeignStamp, reportedAt: string): boolean {
    const known = this.db
      .prepare('SELECT 1 FROM job_foreign_stamps WHERE biller_id = ? AND installation_id = ?')
      .get(billerId, stamp.installationId);
    this.db
      .prepare(
        `INSERT INTO job_foreign_stamps (biller_id, installation_id, seen_at, where_seen, reported_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (biller_id, installation_id) DO UPDATE SET
           seen_at = MAX(seen_at, excluded.seen_at), where_seen = excluded.where_seen, reported_at = excluded.reported_at`,
      )
      .run(billerId, stamp.installationId, stamp.seenAt, stamp.where, reportedAt);
    return !known;
  }

  /** Stamps seen since `since` (ISO), newest first. */
  foreignStamps(billerId: string, since: string): ForeignStamp[] {
    return this.db
      .prepare(
        `SELECT installation_id AS installationId, seen_at AS seenAt, where_seen AS "where" FROM job_foreign_stamps
         WHERE biller_id = ? AND seen_at >= ? ORDER BY seen_at DESC`,
      )
      .all(billerId, since) as ForeignStamp[];
  }
}
