import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../ground/audit';
import type { Clock } from '../ground/clock';
import type { Logger } from '../ground/logger';
import type { Db } from '../store/database';

import { RETENTION_DAYS } from '../../shared/contract/retention';
import type { DomainHandlers } from '../ipc/router';

export const DEFAULT_RETENTION_DAYS = RETENTION_DAYS.default;
export const RETENTION_BOUNDS = { min: RETENTION_DAYS.min, max: RETENTION_DAYS.max } as const;
const SETTING = 'retention.days';
const DAY_MS = 86_400_000;

export interface RetentionPlan {
  days: number;
  /** Everything older than this instant goes (ISO). */
  cutoff: string;
  /** Job runs with their log lines, report rows and artifacts. */
  runs: number;
  runLogLines: number;
  reportRows: number;
  /** CSV batches with their per-row results. */
  batches: number;
  batchRows: number;
  /** Rotated log files in the logs folder (names). */
  logFiles: string[];
  /** What is never pruned, said once. */
  kept: string;
}

/**
 * How long logs, run history, run reports and CSV batch results are kept (default 90 days), and
 * the daily prune. Never pruned: the payments ledger and its deliveries, the audit log, the job
 * cursors, a run still running, the latest run of each biller's job (schedules and catch-up read
 * it), and any run a payment delivery names (the daily report and a payment's history show it).
 */
export class Retention {
  constructor(
    private readonly db: Db,
    private readonly deps: { clock: Clock; audit: AuditLog; log: Logger; logsDir: string },
  ) {}

  days(): number {
    const raw = this.db.prepare('SELECT value FROM installation WHERE key = ?').pluck().get(SETTING) as
      string | undefined;
    const n = raw === undefined ? NaN : Number(raw);
    return Number.isInteger(n) && n >= RETENTION_BOUNDS.min && n <= RETENTION_BOUNDS.max ? n : DEFAULT_RETENTION_DAYS;
  }

  setDays(days: number): number {
    if (!Number.isInteger(days) || days < RETENTION_BOUNDS.min || days > RETENTION_BOUNDS.max) {
      throw new AppError(
        'INVALID_INPUT',
        `Keep logs and run history for a whole number of days from ${RETENTION_BOUNDS.min} to ${RETENTION_BOUNDS.max}.`,
      );
    }
    this.db
      .prepare(
        'INSERT INTO installation (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(SETTING, String(days));
    this.deps.audit.record('retention.set', { subject: 'Retention', detail: `${days} days` });
    return days;
  }

  /** The runs that may go: ended before the cutoff, not the latest of their job, not named by a payment. */
  private prunableRuns = `
    SELECT r.id FROM job_runs r
    WHERE r.state != 'running' AND r.started_at < @cutoff
      AND r.started_at < (SELECT MAX(y.started_at) FROM job_runs y WHERE y.biller_id = r.biller_id AND y.job = r.job)
      AND NOT EXISTS (SELECT 1 FROM payment_deliveries d WHERE d.run_id = r.id)`;

  /** What a prune now would remove, with `days` (default: the setting). Changes nothing. */
  plan(days = this.days()): RetentionPlan {
    const cutoff = new Date(this.deps.clock.now().getTime() - days * DAY_MS).toISOString();
    const p = { cutoff };
    const count = (sql: string) => this.db.prepare(sql).pluck().get(p) as number;
    return {
      days,
      cutoff,
      runs: count(`SELECT COUNT(*) FROM (${this.prunableRuns})`),
      runLogLines: count(`SELECT COUNT(*) FROM job_run_log WHERE run_id IN (${this.prunableRuns})`),
      reportRows: count(`SELECT COUNT(*) FROM job_report_rows WHERE run_id IN (${this.prunableRuns})`),
      batches: count("SELECT COUNT(*) FROM ic_batches WHERE updated_at < @cutoff AND state != 'running'"),
      batchRows: count(
        "SELECT COUNT(*) FROM ic_batch_rows WHERE batch_id IN (SELECT id FROM ic_batches WHERE updated_at < @cutoff AND state != 'running')",
      ),
      logFiles: this.oldLogFiles(cutoff),
      kept: 'The payments ledger, payment deliveries, the audit log, job cursors, running runs, the latest run of every job and runs a payment names are never pruned.',
    };
  }

  /** Removes what `plan()` lists; audited with the counts. */
  prune(days = this.days()): RetentionPlan {
    const plan = this.plan(days);
    const p = { cutoff: plan.cutoff };
    this.db.transaction(() => {
      // Children go with their run (ON DELETE CASCADE): log lines, artifacts, report rows.
      this.db.prepare(`DELETE FROM job_runs WHERE id IN (${this.prunableRuns})`).run(p);
      this.db.prepare("DELETE FROM ic_batches WHERE updated_at < @cutoff AND state != 'running'").run(p);
    })();
    for (const name of plan.logFiles) {
      try {
        fs.rmSync(path.join(this.deps.logsDir, name));
      } catch (error) {
        this.deps.log.warn(`Retention could not remove the log file ${name}`, error);
      }
    }
    if (plan.runs + plan.batches + plan.logFiles.length > 0) {
      this.deps.audit.record('retention.prune', {
        subject: 'Retention',
        detail: `older than ${plan.days} days: ${plan.runs} runs, ${plan.batches} batches, ${plan.logFiles.length} log files`,
      });
    }
    return plan;
  }

  /** Log files (not the one being written) last changed before the cutoff. */
  private oldLogFiles(cutoff: string): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.deps.logsDir);
    } catch {
      return [];
    }
    const before = Date.parse(cutoff);
    return names
      .filter(
        (n) => n !== 'main.log' && /\.log$/.test(n) && fs.statSync(path.join(this.deps.logsDir, n)).mtimeMs < before,
      )
      .sort();
  }

  /** Prunes now and then once a day, on the app's clock; returns the stop function. */
  schedule(): () => void {
    let cancel: () => void = () => {};
    const tick = () => {
      try {
        const plan = this.prune();
        if (plan.runs + plan.batches + plan.logFiles.length > 0)
          this.deps.log.info(
            `Retention: removed ${plan.runs} runs, ${plan.batches} batches and ${plan.logFiles.length} log files older than ${plan.days} days.`,
          );
      } catch (error) {
        this.deps.log.error('Retention prune failed', error);
      }
      cancel = this.deps.clock.setTimer(DAY_MS, tick);
    };
    cancel = this.deps.clock.setTimer(60_000, tick);
    return () => cancel();
  }
}

export function describePlan(plan: RetentionPlan): string {
  return [
    `Kept for ${plan.days} days: anything older than ${plan.cutoff} is pruned.`,
    `Would remove: ${plan.runs} job runs (${plan.runLogLines} log lines, ${plan.reportRows} report rows), ${plan.batches} CSV batches (${plan.batchRows} rows), ${plan.logFiles.length} log files${plan.logFiles.length ? ` (${plan.logFiles.join(', ')})` : ''}.`,
    plan.kept,
  ].join('\n');
}

/** The `retention:*` channels (PM mode only: the router's mode guard refuses them to a clerk). */
export function retentionHandlers(retention: Retention): DomainHandlers<'retention'> {
  return {
    show: ({ days }) => ({ days: retention.days(), plan: retention.plan(days) }),
    set: ({ days }) => {
      const kept = retention.setDays(days);
      return { days: kept, plan: retention.plan(kept) };
    },
  };
}
