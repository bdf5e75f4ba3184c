import type { Migration } from './migration';

/**
 * Version 9: the audit log as exact as the ledger, and runs whose process died.
 *
 * - audit_log.operation: the unique key of the operation a row reports (a clerk's post of entry E
 *   is `payment.post:<biller>:<E>`): the outcome of one operation is recorded once, whatever the
 *   retries. audit_pending: operations sent to InHANCE whose outcome is not recorded yet, so one
 *   learnt later (a lost answer, a killed process) is still recorded.
 * - job_runs.state gains 'interrupted' (its process died while it ran). SQLite cannot change a
 *   CHECK in place: the table is rebuilt with foreign keys off (the SQLite 12-step procedure), so
 *   the runs' logs, artifacts and reports keep pointing at their runs.
 */
export const reliabilityMigration: Migration = {
  version: 9,
  name: 'audit operations and pending outcomes; interrupted runs',
  foreignKeysOff: true,
  sql: `
    ALTER TABLE audit_log ADD COLUMN operation TEXT;
    CREATE UNIQUE INDEX audit_log_operation ON audit_log (operation) WHERE operation IS NOT NULL;
    CREATE TABLE audit_pending (
      operation TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      actor_name TEXT NOT NULL,
      biller_id TEXT,
      action TEXT NOT NULL,
      subject TEXT
    );

    CREATE TABLE job_runs_v9 (
      id TEXT PRIMARY KEY,
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      job TEXT NOT NULL,
      trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'catch-up', 'retry')),
      dry_run INTEGER NOT NULL,
      attempt INTEGER NOT NULL DEFAULT 1,
      retry_of TEXT,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'partial', 'skipped-busy', 'cancelled', 'interrupted')),
      read_count INTEGER NOT NULL DEFAULT 0,
      written_count INTEGER NOT NULL DEFAULT 0,
      skipped_count INTEGER NOT NULL DEFAULT 0,
      failed_count INTEGER NOT NULL DEFAULT 0,
      summary TEXT,
      error_code TEXT,
      error_message TEXT,
      error_action TEXT,
      error_details TEXT,
      progress_done REAL NOT NULL DEFAULT 0,
      progress_total REAL,
      progress_note TEXT,
      installation_id TEXT NOT NULL,
      -- The process that runs it (its session holds a lock file while it lives, see
      -- main/jobs/run-owner.ts) and when it last showed signs of life.
      session_id TEXT NOT NULL,
      alive_at TEXT NOT NULL
    );
    INSERT INTO job_runs_v9 SELECT * FROM job_runs;
    DROP TABLE job_runs;
    ALTER TABLE job_runs_v9 RENAME TO job_runs;
    CREATE INDEX job_runs_biller_job_started ON job_runs (biller_id, job, started_at);
    CREATE INDEX job_runs_biller_started ON job_runs (biller_id, started_at);
    CREATE INDEX job_runs_running ON job_runs (biller_id, job) WHERE state = 'running';
    -- \`jobs cancel\` from another process: the owner reads it at its next sign of life and stops.
    ALTER TABLE job_runs ADD COLUMN cancel_requested_by TEXT;
    ALTER TABLE job_runs ADD COLUMN cancel_requested_at TEXT;
  `,
};
