import type { Migration } from '../store/migration';

/** A biller's conversion setup (one JSON document, validated by shared/domain/setup.ts) and its checklist's hand-set state. */
export const conversionMigration: Migration = {
  version: 12,
  name: 'conversion setup and checklist',
  sql: `
    CREATE TABLE biller_setup (
      biller_id TEXT PRIMARY KEY REFERENCES billers(id) ON DELETE CASCADE,
      fields TEXT NOT NULL,
      pdf_check TEXT,
      sample_image TEXT,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE checklist_items (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      item_id TEXT NOT NULL,
      status TEXT CHECK (status IS NULL OR status IN ('not-started', 'in-progress', 'blocked', 'done')),
      owner TEXT,
      due TEXT,
      notes TEXT,
      evidence TEXT,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      PRIMARY KEY (biller_id, item_id)
    );
  `,
};
