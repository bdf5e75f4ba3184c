import type { Migration } from '../store/migration';

/**
 * The run history and the scheduler's own state. Times are ISO strings in UTC (sortable as text).
 * Everything belongs to a biller and goes with it when the biller is deleted.
 */
export const jobsMigration: Migration = {
  version: 3,
  name: 'jobs: run ledger, cursors, schedules',
  sql: `
    CREATE TABLE job_runs (
      id TEXT PRIMARY KEY,
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      job TEXT NOT NULL,
      trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'catch-up', 'retry')),
      dry_run INTEGER NOT NULL,
      attempt INTEGER NOT NULL DEFAULT 1,
      retry_of TEXT,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'partial', 'skipped-busy', 'cancelled')),
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
      -- Which process runs it and when it last showed signs of life: a run whose process died
      -- stops counting as busy, and is closed as interrupted on the next start.
      session_id TEXT NOT NULL,
      alive_at TEXT NOT NULL
    );
    CREATE INDEX job_runs_biller_job_started ON job_runs (biller_id, job, started_at);
    CREATE INDEX job_runs_biller_started ON job_runs (biller_id, started_at);
    CREATE INDEX job_runs_running ON job_runs (biller_id, job) WHERE state = 'running';

    CREATE TABLE job_run_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      run_id TEXT NOT NULL REFERENCES job_runs(id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
      message TEXT NOT NULL
    );
    CREATE INDEX job_run_log_run ON job_run_log (run_id, id);

    -- Named outputs of a run: a small JSON value ('data') or a table of rows ('report').
    CREATE TABLE job_run_artifacts (
      run_id TEXT NOT NULL REFERENCES job_runs(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('data', 'report')),
      data TEXT,
      columns TEXT,
      row_count INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      PRIMARY KEY (run_id, name)
    );
    CREATE TABLE job_report_rows (
      run_id TEXT NOT NULL,
      name TEXT NOT NULL,
      seq INTEGER NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (run_id, name, seq),
      FOREIGN KEY (run_id, name) REFERENCES job_run_artifacts (run_id, name) ON DELETE CASCADE
    ) WITHOUT ROWID;

    -- Cursors and watermarks: written only when a job commits after the target accepted a page.
    CREATE TABLE job_cursors (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      job TEXT NOT NULL,
      name TEXT NOT NULL,
      value TEXT NOT NULL,
      run_id TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (biller_id, job, name)
    );

    -- A row only once something differs from the defaults.
    CREATE TABLE job_settings (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      job TEXT NOT NULL,
      schedule TEXT,
      paused INTEGER NOT NULL DEFAULT 0,
      pause_reason TEXT,
      paused_by TEXT,
      paused_at TEXT,
      -- The latest slot the scheduler dealt with (ran, skipped, or caught up): missed slots are
      -- counted from here after a restart or a sleep.
      last_slot_at TEXT,
      PRIMARY KEY (biller_id, job)
    );

    CREATE TABLE job_biller_pause (
      biller_id TEXT PRIMARY KEY REFERENCES billers(id) ON DELETE CASCADE,
      reason TEXT NOT NULL,
      paused_by TEXT NOT NULL,
      paused_at TEXT NOT NULL
    );

    -- Stamps of other installations seen on this biller's recent work: signs of a second job host.
    CREATE TABLE job_foreign_stamps (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      installation_id TEXT NOT NULL,
      seen_at TEXT NOT NULL,
      where_seen TEXT NOT NULL,
      reported_at TEXT NOT NULL,
      PRIMARY KEY (biller_id, installation_id)
    );
  `,
};
