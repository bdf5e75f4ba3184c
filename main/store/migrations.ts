/**
 * Numbered schema migrations, applied in order by `openDatabase`. Never edit a shipped one:
 * add the next number. Each domain keeps its SQL next to its code; this list only orders them.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Run with foreign keys off (checked before commit): a migration that rebuilds a table other
   * tables point at, which SQLite cannot otherwise do without cascading deletes.
   */
  foreignKeysOff?: boolean;
}

import { callsMigration } from '../calls/calls.schema';
import { billersMigration } from '../billers/billers.schema';
import { mappingMigration } from '../mapping/mapping.schema';
import { jobsMigration } from '../jobs/jobs.schema';
import { jobOptionsMigration } from '../jobs/definitions/job-options.schema';
import { paymentBatchTotalsMigration, paymentsMigration } from '../payments/payments.schema';
import { reliabilityMigration } from './reliability.schema';
import { conversionMigration } from '../conversion/conversion.schema';
import { icRateLimitsMigration } from '../clients/invoicecloud/rate-limits.store';
import { icBatchMigration } from '../ic-ops/batch';

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
];
