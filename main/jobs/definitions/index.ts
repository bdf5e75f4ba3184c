import type { JobDefinition } from '../job-definition';
import { AutoPayJob } from './auto-pay.job';
import { BalanceAllJob } from './balance-all.job';
import { BalanceJob } from './balance.job';
import { CustomerJob } from './customer.job';
import { InvoiceFileJob } from './invoice-file.job';
import type { JobDeps } from './run-support';

export type { JobDeps } from './run-support';
export { AutoPayJob, BalanceAllJob, BalanceJob, CustomerJob, InvoiceFileJob };
export { DUMMY_BANK } from './auto-pay.job';
export { RECONCILIATION_REPORT, type ReconciliationTotals } from './balance-all.job';
export { REJECTED_ROWS_REPORT } from './invoice-file.job';
export { InvoiceFileSettingsStore, bifHandlers } from './invoice-file-settings';

/**
 * The five data jobs. The sixth, Payments, is the payments core's own (main/payments/payments-job.ts):
 * its download, ledger, write path and crash recovery belong together.
 */
export function createJobDefinitions(deps: JobDeps): JobDefinition[] {
  return [
    new InvoiceFileJob(deps),
    new BalanceJob(deps),
    new BalanceAllJob(deps),
    new CustomerJob(deps),
    new AutoPayJob(deps),
  ];
}
