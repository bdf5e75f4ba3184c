import type { IcPaymentRecord } from '../../clients/invoicecloud/types';
import type { ImpresaClient } from '../../clients/impresa';
import type { JobContext, JobDefinition, JobOutcome } from '../job-definition';
import { clientsFor, guard, numericCursor, plural, throwIfCancelled, type JobDeps } from './run-support';

/**
 * Where the Payments job hands what it downloads: the payments service (main/payments) records
 * each record in its ledger and writes InHANCE batch entries or live receipts.
 *
 * The contract between the two:
 * - `accept` gets one page of IC's feed in feed order (a record repeated by IC, a redelivery, keeps
 *   its PaymentGUID: the sink is idempotent by PaymentGUID). It resolves only once every record of
 *   the page is durably recorded; the job then commits the feed cursor. If it throws, the cursor
 *   stays, and the same page comes again on the next run (an error whose code ends in _TRANSIENT is
 *   retried by the engine).
 * - The sink counts what it did through `ctx.count('written' | 'skipped' | 'failed')` and may log
 *   through `ctx.log`; the job counts `read`.
 * - In a dry run `accept` is never called: `preview`, when the sink has one, is called instead and
 *   must change nothing (it may count and log what it would do).
 */
export interface PaymentsSink {
  accept(billerId: string, records: readonly IcPaymentRecord[], ctx: JobContext): Promise<void>;
  preview?(billerId: string, records: readonly IcPaymentRecord[], ctx: JobContext): Promise<void>;
}

export interface PaymentsJobOptions {
  pageSize: number;
}

/**
 * Payments (every 15 minutes), the download half: IC's payments feed (payments, reversals, ACH
 * returns) from the committed sequence, a page at a time, each page handed to the PaymentsSink;
 * the sequence is committed once the sink accepted the page. On the way it looks at InHANCE's
 * batches for the deposit days it saw: a batch stamped by another installation means a second job
 * host, which the dashboard must show.
 */
export class PaymentsJob implements JobDefinition {
  readonly kind = 'payments' as const;
  private readonly options: PaymentsJobOptions;

  constructor(
    private readonly deps: JobDeps,
    private readonly sink: PaymentsSink,
    options: Partial<PaymentsJobOptions> = {},
  ) {
    this.options = { pageSize: 500, ...options };
  }

  async run(ctx: JobContext): Promise<JobOutcome> {
    const { ic, impresa } = await clientsFor(this.deps, ctx);
    let after = numericCursor(ctx, 'payments');
    const seen = { Payment: 0, Reversal: 0, Return: 0 };
    const depositDays = new Set<string>();
    let pages = 0;
    for (;;) {
      throwIfCancelled(ctx);
      const page = await guard(() => ic.downloadPayments({ afterSequence: after, maxRecords: this.options.pageSize }));
      // A record repeated inside one answer (same sequence) is a transport repeat: hand it over once.
      const bySequence = new Map<number, IcPaymentRecord>();
      for (const r of page.records) if (!bySequence.has(r.sequence)) bySequence.set(r.sequence, r);
      const records = [...bySequence.values()].sort((a, b) => a.sequence - b.sequence);
      if (records.length > 0) {
        pages++;
        ctx.count('read', records.length);
        for (const r of records) {
          seen[r.recordType]++;
          depositDays.add(r.depositDate);
        }
        if (ctx.dryRun) {
          if (this.sink.preview) await this.sink.preview(ctx.biller.id, records, ctx);
          else ctx.log('info', `Would hand ${plural(records.length, 'record')} (#${records[0]!.sequence} to #${records.at(-1)!.sequence}) to the payments service.`);
        } else {
          await this.sink.accept(ctx.biller.id, records, ctx);
        }
      }
      if (page.lastSequence > after) {
        ctx.cursor.commit('payments', String(page.lastSequence));
        after = page.lastSequence;
      }
      ctx.progress(seen.Payment + seen.Reversal + seen.Return, null, `IC payments through #${after}`);
      if (!page.hasMore || page.records.length === 0) break;
    }
    await this.lookForOtherJobHosts(ctx, impresa, depositDays);
    const total = seen.Payment + seen.Reversal + seen.Return;
    const verb = ctx.dryRun ? 'would be handed' : 'handed';
    return { summary: `${plural(total, 'record')} ${verb} to the payments service (${seen.Payment} payments, ${seen.Reversal} reversals, ${seen.Return} returns) in ${plural(pages, 'page')}` };
  }

  /** Batches of the deposit days just seen, stamped by another installation, go to the host watch. */
  private async lookForOtherJobHosts(ctx: JobContext, impresa: ImpresaClient, days: Set<string>): Promise<void> {
    // Only the most recent days: the question is who does the work now, not who did it last year.
    const recent = [...days].sort().slice(-7);
    for (const depositDate of recent) {
      const batches = await guard(() => impresa.listBatches({ depositDate }));
      for (const b of batches) {
        if (b.installationId && b.installationId !== ctx.installationId) {
          // Seen now, on the deposit days being downloaded now: recent work by definition (the batch's
          // own createdAt is InHANCE's clock, which need not agree with ours).
          ctx.reportForeignStamp({ installationId: b.installationId, seenAt: ctx.clock.now().toISOString(), where: `InHANCE batch ${b.batchId} (deposit date ${b.depositDate})` });
          ctx.log('warn', `InHANCE batch ${b.batchId} for ${b.depositDate} was created by another installation (${b.installationId.slice(0, 8)}).`);
        }
      }
    }
  }
}
