import type { Migration } from '../store/migration';

/**
 * Mapping versions are append-only: a save, an import and a revert each add the next version, so
 * every job run can name the version it used and a diff can compare any two. Confirmations are
 * kept per version, so a confirmed older version stays confirmed after a newer save.
 */
export const mappingMigration: Migration = {
  version: 4,
  name: 'crm field mapping',
  sql: `
    CREATE TABLE mapping_versions (
      biller_id TEXT NOT NULL REFERENCES billers (id) ON DELETE CASCADE,
      version INTEGER NOT NULL CHECK (version > 0),
      kind TEXT NOT NULL CHECK (kind IN ('save', 'revert', 'import')),
      comment TEXT NOT NULL,
      author TEXT NOT NULL,
      author_name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      rows_json TEXT NOT NULL,
      reverted_from INTEGER,
      PRIMARY KEY (biller_id, version)
    );
    CREATE TABLE mapping_confirmations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      biller_id TEXT NOT NULL REFERENCES billers (id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      confirmed_by TEXT NOT NULL,
      confirmed_by_name TEXT NOT NULL,
      confirmed_at TEXT NOT NULL
    );
    CREATE INDEX mapping_confirmations_biller ON mapping_confirmations (biller_id, id);
    -- Source fields seen on a biller's real InHANCE records beyond the catalog (the site's API may send more).
    CREATE TABLE mapping_discovered_fields (
      biller_id TEXT NOT NULL REFERENCES billers (id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      type TEXT NOT NULL,
      first_seen_at TEXT NOT NULL,
      PRIMARY KEY (biller_id, path)
    );
  `,
};
