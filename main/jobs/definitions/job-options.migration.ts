import type { Migration } from '../../store/migration';

/**
 * Per biller and job, the options a job reads at run time beyond its schedule (today: the
 * Invoice File's BIF notification dates). A row only once something differs from the defaults.
 */
export const jobOptionsMigration: Migration = {
  version: 5,
  name: 'jobs: per-biller job options (BIF notification dates)',
  sql: `
    CREATE TABLE job_options (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      job TEXT NOT NULL,
      name TEXT NOT NULL,
      value TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (biller_id, job, name)
    );
  `,
};
