import { callsMigration } from '../calls/calls.migration';
import { billersMigration } from '../billers/billers.migration';
import { mappingMigration } from '../mapping/mapping.migration';
import { jobsMigration } from '../jobs/jobs.migration';
import { jobOptionsMigration } from '../jobs/definitions/job-options.migration';
import {
  paymentBatchTotalsMigration,
  paymentsMigration,
  queueOrderIndexMigration,
} from '../payments/payments.migration';
import { reliabilityMigration } from '../store/reliability.migration';
import { conversionMigration } from '../conversion/conversion.migration';
import { icRateLimitsMigration } from '../clients/invoicecloud/rate-limits.store';
import { icBatchMigration } from '../ic-ops/batch';
import { openDatabase, type Db } from '../store/database';
import type { Migration } from '../store/migration';

/**
 * Every numbered schema migration, in order: a registry of the composition root, since it names
 * every domain. Never edit a shipped one: add the next number. Each domain keeps its SQL next to
 * its code (`*.migration.ts`); this list only orders them.
 */

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'installation and audit log',
    sql: `
      CREATE TABLE installation (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        biller_id TEXT,
        action TEXT NOT NULL,
        subject TEXT,
        detail TEXT
      );
      CREATE INDEX audit_log_biller_at ON audit_log (biller_id, at);
    `,
  },
  billersMigration,
  mappingMigration,
  jobsMigration,
  jobOptionsMigration,
  paymentsMigration,
  paymentBatchTotalsMigration,
  reliabilityMigration,
  conversionMigration,
  callsMigration,
  icRateLimitsMigration,
  icBatchMigration,
  queueOrderIndexMigration,
];

/** The app's database in a data folder: opened, checked and migrated to the latest version. */
export function openAppDatabase(dataDir: string): Db {
  return openDatabase(dataDir, { migrations });
}
