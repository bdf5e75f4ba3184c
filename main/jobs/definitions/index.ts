import type { JobDefinition } from '../job-definition';
import { AutoPayJob } from './auto-pay.job';
import { BalanceAllJob } from './balance-all.job';
import { BalanceJob } from './balance.job';
import { CustomerJob } from './customer.job';
import { InvoiceFileJob } from './invoice-file.job';
import { PaymentsJob, type PaymentsSink } from './payments.job';
import type { JobDeps } from './run-support';

export type { JobDeps } from './run-support';
export type { PaymentsSink } from './payments.job';
export { AutoPayJob, BalanceAllJob, BalanceJob, CustomerJob, InvoiceFileJob, PaymentsJob };
export { DUMMY_BANK } from './auto-pay.job';
export { RECONCILIATION_REPORT, type ReconciliationTotals } from './balance-all.job';
export { REJECTED_ROWS_REPORT } from './invoice-file.job';
export { NotifyDateSettings, bifHandlers } from './notify-dates';

/**
 * The six jobs as the app runs them. The Payments job exists only with a sink: the payments
 * service (main/payments) is that sink; without one the dashboard lists Payments as not available.
 */
export function createJobDefinitions(deps: JobDeps, options: { paymentsSink?: PaymentsSink } = {}): JobDefinition[] {
  const jobs: JobDefinition[] = [new InvoiceFileJob(deps), new BalanceJob(deps), new BalanceAllJob(deps), new CustomerJob(deps), new AutoPayJob(deps)];
  if (options.paymentsSink) jobs.push(new PaymentsJob(deps, options.paymentsSink));
  return jobs;
}
