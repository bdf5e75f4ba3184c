import type { Migration } from '../store/migration';

export const billersMigration: Migration = {
  version: 2,
  name: 'billers',
  sql: `
    CREATE TABLE billers (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      time_zone TEXT NOT NULL,
      biller_guid TEXT NOT NULL,
      invoice_type_id INTEGER NOT NULL,
      invoice_format_guid TEXT,
      ic_host TEXT NOT NULL,
      impresa_url TEXT NOT NULL,
      impresa_user TEXT NOT NULL,
      posting_mode TEXT NOT NULL CHECK (posting_mode IN ('pending', 'live')),
      live_posting_user TEXT NOT NULL,
      is_job_host INTEGER NOT NULL DEFAULT 0,
      sandbox INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
};
