import { centsToDecimal } from '../../../shared/domain/money';
import type { ImpresaAccount } from '../../clients/impresa';
import { IC_MAX_BALANCES_PER_CALL, IC_MAX_PAGE } from '../../clients/invoicecloud/client';
import type { IcAccountBalance, IcBalanceUpdate } from '../../clients/invoicecloud/types';
import type { JobContext, JobDefinition, JobOutcome } from '../job-definition';
import { mergeJoin, OrderedReader, pagesOf } from './merge-join';
import { asJobError, clientsFor, guard, plural, throwIfCancelled, type JobDeps } from './run-support';

export const RECONCILIATION_REPORT = 'reconciliation';
/** The run's totals, kept beside the report (a different name: a report and data cannot share one). */
export const RECONCILIATION_TOTALS = 'reconciliation-totals';
export const RECONCILIATION_COLUMNS = [
  'accountNumber',
  'result',
  'inhanceBalanceCents',
  'icBalanceCents',
  'differenceCents',
  'action',
];

export type ReconciliationResult = 'mismatch' | 'missing-in-invoicecloud' | 'missing-in-inhance';

/** What the run keeps as its `reconciliation` data (the report holds the rows). */
export interface ReconciliationTotals {
  compared: number;
  matched: number;
  mismatched: number;
  missingInInvoiceCloud: number;
  missingInInhance: number;
  corrected: number;
  inhanceTotalCents: number;
  icTotalCents: number;
}

/** Re-throws a page read's failure as the job should (transient ones retried by the engine). */
async function* guarded<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<T>;
    try {
      next = await it.next();
    } catch (error) {
      throw asJobError(error);
    }
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Balance All (weekly): both sides' full balance lists, each in account-number order, walked
 * together a page at a time (merge-join), so memory does not grow with the number of accounts.
 * Every difference goes to the run's "reconciliation" report (exportable as CSV) with both
 * amounts; IC is corrected from InHANCE (InHANCE is the books) unless this is a dry run.
 * Accounts on one side only are reported, not created: IC learns accounts from invoices.
 */
export class BalanceAllJob implements JobDefinition {
  readonly kind = 'balance-all' as const;

  constructor(
    private readonly deps: JobDeps,
    private readonly options: { pageSize: number; reportBatch: number } = { pageSize: IC_MAX_PAGE, reportBatch: 500 },
  ) {}

  async run(ctx: JobContext): Promise<JobOutcome> {
    const { ic, impresa } = await clientsFor(this.deps, ctx);
    const report = ctx.report(RECONCILIATION_REPORT, RECONCILIATION_COLUMNS);
    const inhance = new OrderedReader<ImpresaAccount>(
      guarded(pagesOf(impresa.accountsByNumberPages({ limit: this.options.pageSize }), (p) => p.items)),
      (a) => a.accountNumber,
      { system: 'InHANCE', code: 'IMPRESA_PROTOCOL' },
    );
    const icSide = new OrderedReader<IcAccountBalance>(
      guarded(pagesOf(ic.balancePages({ pageSize: this.options.pageSize }), (p) => p.balances)),
      (b) => b.accountNumber,
      { system: 'InvoiceCloud', code: 'IC_PROTOCOL' },
    );
    const t: ReconciliationTotals = {
      compared: 0,
      matched: 0,
      mismatched: 0,
      missingInInvoiceCloud: 0,
      missingInInhance: 0,
      corrected: 0,
      inhanceTotalCents: 0,
      icTotalCents: 0,
    };
    let rows: Array<Record<string, unknown>> = [];
    let corrections: IcBalanceUpdate[] = [];
    const action = ctx.dryRun ? 'would correct InvoiceCloud' : 'corrected InvoiceCloud';

    const flushRows = () => {
      report.append(rows);
      rows = [];
    };
    const flushCorrections = async () => {
      if (corrections.length === 0) return;
      const batch = corrections;
      corrections = [];
      if (ctx.dryRun) {
        ctx.count('written', batch.length);
        t.corrected += batch.length;
        return;
      }
      const result = await guard(() => ic.updateAccountBalances(batch));
      ctx.count('written', result.recordsUpdated);
      t.corrected += result.recordsUpdated;
      if (result.unknownAccounts.length) {
        ctx.count('failed', result.unknownAccounts.length);
        ctx.log(
          'warn',
          `InvoiceCloud refused corrections for ${plural(result.unknownAccounts.length, 'account')} it had just listed: ${result.unknownAccounts.slice(0, 5).join(', ')}.`,
        );
      }
    };

    await mergeJoin(
      inhance,
      icSide,
      (a) => a.accountNumber,
      (b) => b.accountNumber,
      async (accountNumber, account, balance) => {
        t.compared++;
        ctx.count('read');
        if (account) t.inhanceTotalCents += account.balanceCents;
        if (balance) t.icTotalCents += balance.balanceDueCents;
        if (account && balance) {
          if (account.balanceCents === balance.balanceDueCents) {
            t.matched++;
            ctx.count('skipped');
          } else {
            t.mismatched++;
            rows.push({
              accountNumber,
              result: 'mismatch',
              inhanceBalanceCents: account.balanceCents,
              icBalanceCents: balance.balanceDueCents,
              differenceCents: balance.balanceDueCents - account.balanceCents,
              action,
            });
            corrections.push({ accountNumber, balanceDueCents: account.balanceCents });
          }
        } else if (account) {
          t.missingInInvoiceCloud++;
          rows.push({
            accountNumber,
            result: 'missing-in-invoicecloud',
            inhanceBalanceCents: account.balanceCents,
            icBalanceCents: null,
            differenceCents: null,
            action: 'none: InvoiceCloud learns the account from its first invoice',
          });
        } else if (balance) {
          t.missingInInhance++;
          rows.push({
            accountNumber,
            result: 'missing-in-inhance',
            inhanceBalanceCents: null,
            icBalanceCents: balance.balanceDueCents,
            differenceCents: null,
            action: 'none: check the account in InHANCE',
          });
        }
        if (rows.length >= this.options.reportBatch) flushRows();
        if (corrections.length >= IC_MAX_BALANCES_PER_CALL) await flushCorrections();
        if (t.compared % 1000 === 0) {
          ctx.progress(t.compared, null, `Accounts through ${accountNumber}`);
          throwIfCancelled(ctx);
        }
      },
    );
    flushRows();
    await flushCorrections();
    ctx.progress(t.compared, t.compared, 'Compared');
    if (inhance.repeats + icSide.repeats > 0)
      ctx.log('info', `Read ${plural(inhance.repeats + icSide.repeats, 'repeated record')} once.`);
    ctx.attach(RECONCILIATION_TOTALS, t);
    ctx.log(
      'info',
      `Totals: InHANCE ${centsToDecimal(t.inhanceTotalCents)}, InvoiceCloud ${centsToDecimal(t.icTotalCents)} (before corrections).`,
    );
    const parts = [
      `${plural(t.compared, 'account')} compared: ${t.matched.toLocaleString('en-US')} matched`,
      `${t.mismatched.toLocaleString('en-US')} mismatched${t.mismatched ? (ctx.dryRun ? ' (would be corrected)' : ` (${t.corrected.toLocaleString('en-US')} corrected)`) : ''}`,
    ];
    if (t.missingInInvoiceCloud)
      parts.push(`${t.missingInInvoiceCloud.toLocaleString('en-US')} missing in InvoiceCloud`);
    if (t.missingInInhance) parts.push(`${t.missingInInhance.toLocaleString('en-US')} missing in InHANCE`);
    return { summary: parts.join(', ') };
  }
}
