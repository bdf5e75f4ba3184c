import type { JobDefinition } from '../jobs/job-definition';
import type { InvoiceCloudClient } from '../clients/invoicecloud';
import type { CrashHook } from './crash-hook';
import type { PageOutcome, PaymentIntake } from './intake';
import type { RunContext } from './run-context';

/**
 * The Payments job's one cursor: the last IC feed sequence whose page the ledger holds and InHANCE
 * settled. Named as the jobs branch's download half names it, so either job can run over the other's cursor.
 */
export const PAYMENTS_CURSOR = 'payments';
export const PAYMENTS_PAGE_SIZE = 500;

function add(total: PageOutcome, page: PageOutcome): void {
  for (const k of Object.keys(total) as Array<keyof PageOutcome>) total[k] += page[k];
}

export function describeOutcome(o: PageOutcome, mode: 'pending' | 'live'): string {
  const parts = [
    mode === 'live' ? `${o.posted} posted live` : `${o.queued} queued`,
    o.exceptions ? `${o.exceptions} exception${o.exceptions === 1 ? '' : 's'}` : null,
    mode === 'pending' && o.posted ? `${o.posted} already posted` : null,
    o.returned
      ? `${o.returned} reversal${o.returned === 1 ? '' : 's'}/return${o.returned === 1 ? '' : 's'} applied`
      : null,
    o.found ? `${o.found} found in InHANCE after an interruption` : null,
    o.duplicates ? `${o.duplicates} duplicate deliver${o.duplicates === 1 ? 'y' : 'ies'} skipped` : null,
    o.failed ? `${o.failed} failed (retried next run)` : null,
    o.waiting ? `${o.waiting} waiting` : null,
  ];
  return parts.filter(Boolean).join(', ');
}

/**
 * The Payments job: settle what an earlier run left in flight, then page through IC's payments feed
 * from the committed cursor; each page goes into the ledger and InHANCE (PaymentIntake.acceptPage)
 * before its cursor is committed. A crash anywhere repeats at most one page, which the ledger and
 * InHANCE's external references make harmless. Last, IC's day totals go on the day's batches.
 */
export function paymentsJob(deps: {
  intake: PaymentIntake;
  invoiceCloud(billerId: string): Promise<InvoiceCloudClient>;
  crash: CrashHook;
  pageSize?: number;
  /** Sets IC's day totals on InHANCE's batches for the clerk workstations (ic-totals.ts); must not throw for a failed set. */
  publishIcTotals?(ctx: RunContext): Promise<unknown>;
}): JobDefinition {
  return {
    kind: 'payments',
    async run(ctx) {
      const { biller } = ctx;
      const ic = await deps.invoiceCloud(biller.id);
      const total = await deps.intake.recover(ctx);
      let after = Number(ctx.cursor.get(PAYMENTS_CURSOR) ?? '0');
      if (!Number.isSafeInteger(after) || after < 0) after = 0;
      let read = 0;
      for (;;) {
        ctx.signal.throwIfAborted();
        const page = await ic.downloadPayments({
          afterSequence: after,
          maxRecords: deps.pageSize ?? PAYMENTS_PAGE_SIZE,
        });
        read += page.records.length;
        ctx.count('read', page.records.length);
        add(total, await deps.intake.acceptPage(ctx, page.records));
        if (page.lastSequence > after) {
          ctx.cursor.commit(PAYMENTS_CURSOR, String(page.lastSequence));
          if (!ctx.dryRun) deps.crash.reach('committed');
        }
        ctx.progress(read, null, `Through IC record ${page.lastSequence}`);
        if (!page.hasMore || page.lastSequence <= after) break;
        after = page.lastSequence;
      }
      if (!ctx.dryRun && deps.publishIcTotals) {
        // The payments are settled and the cursor committed: a failure here must not fail the run (the next run sets the totals).
        try {
          await deps.publishIcTotals(ctx);
        } catch (error) {
          ctx.log(
            'warn',
            `IC's day totals were not set in InHANCE: ${error instanceof Error ? error.message : String(error)} The next run tries again.`,
          );
        }
      }
      ctx.attach('payments', total);
      const summary =
        read === 0 && total.found + total.returned + total.queued + total.posted === 0
          ? 'No new payments from InvoiceCloud'
          : describeOutcome(total, biller.postingMode);
      return { summary: ctx.dryRun ? `Dry run: ${summary}` : summary };
    },
  };
}
