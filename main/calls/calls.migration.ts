import type { Migration } from '../store/migration';

/**
 * The weekly support calls. Action items and escalations belong to the biller and name the call
 * they were raised on, so carry-over is a query, never a copy. Smartsheet row IDs and the hash of
 * what was last sent live on the action item, so a second sync updates instead of duplicating.
 * Tokens are never here: they live in the OS keychain.
 */
export const callsMigration: Migration = {
  version: 20,
  name: 'weekly support calls',
  sql: `
    CREATE TABLE call_series (
      id TEXT PRIMARY KEY,
      biller_id TEXT UNIQUE REFERENCES billers (id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      meeting_id TEXT NOT NULL,
      passcode TEXT NOT NULL,
      join_url TEXT,
      dial_in TEXT NOT NULL,
      conference_id TEXT NOT NULL,
      weekday INTEGER CHECK (weekday BETWEEN 0 AND 6),
      time TEXT,
      time_zone TEXT NOT NULL,
      host TEXT NOT NULL,
      reminder_minutes INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE calls (
      id TEXT PRIMARY KEY,
      biller_id TEXT NOT NULL REFERENCES billers (id) ON DELETE CASCADE,
      date TEXT NOT NULL,
      summary TEXT NOT NULL,
      blockers TEXT NOT NULL,
      decisions TEXT NOT NULL,
      attendees_json TEXT NOT NULL,
      published_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (biller_id, date)
    );
    CREATE TABLE call_action_items (
      id TEXT PRIMARY KEY,
      biller_id TEXT NOT NULL REFERENCES billers (id) ON DELETE CASCADE,
      call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
      text TEXT NOT NULL,
      owner TEXT NOT NULL,
      role TEXT NOT NULL,
      due_date TEXT,
      status TEXT NOT NULL CHECK (status IN ('open', 'done')),
      done_on TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      smartsheet_row_id INTEGER,
      synced_at TEXT,
      synced_hash TEXT
    );
    CREATE INDEX call_action_items_biller ON call_action_items (biller_id, status);
    CREATE TABLE call_escalations (
      id TEXT PRIMARY KEY,
      biller_id TEXT NOT NULL REFERENCES billers (id) ON DELETE CASCADE,
      call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
      issue TEXT NOT NULL,
      to_whom TEXT NOT NULL,
      channel TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
      resolved_on TEXT,
      created_at TEXT NOT NULL
    );
    CREATE TABLE call_sync_settings (
      biller_id TEXT PRIMARY KEY REFERENCES billers (id) ON DELETE CASCADE,
      smartsheet_url TEXT NOT NULL,
      sheet_id TEXT,
      columns_json TEXT NOT NULL,
      confluence_url TEXT,
      page_id TEXT,
      confluence_email TEXT
    );
  `,
};
