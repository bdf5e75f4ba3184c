import type { Clock } from '../ground/clock';
import type { BillerProfile } from '../billers/billers.service';
import { formatCents } from '../../shared/domain/money';
import { ClientError } from '../clients/errors';
import type { ImpresaClient } from '../clients/impresa';
import type { IcPaymentRecord } from '../clients/invoicecloud';
import { mapLimit } from '../ground/map-limit';
import type { CrashHook } from './crash-hook';
import type { LedgerPayment, PaymentLedger } from './ledger';
import type { ReturnsPath } from './returns';
import type { RunContext } from './run-context';
import type { Landed, WriteBack } from './write-back';
import { newWritePass, type WritePass, type WritePath } from './write-path';

/** What one page (or one recovery pass) did. */
export interface PageOutcome {
  /** New payments and returns in the page (first deliveries). */
  received: number;
  /** Records IC delivered again under another sequence: counted, not stored twice. */
  duplicates: number;
  queued: number;
  exceptions: number;
  posted: number;
  /** Already in InHANCE from an earlier, interrupted try: recorded, not written again. */
  found: number;
  returned: number;
  /** Left for the next run (failed, or a return waiting for its payment). */
  failed: number;
  waiting: number;
}

const empty = (): PageOutcome => ({
  received: 0,
  duplicates: 0,
  queued: 0,
  exceptions: 0,
  posted: 0,
  found: 0,
  returned: 0,
  failed: 0,
  waiting: 0,
});

/**
 * Unsettled payments are read from the ledger and written this many at a time: their accounts are
 * read ahead together, then they are written. The page bounds memory however long the backlog.
 */
export const WRITE_CHUNK = 200;

/**
 * Accounts whose payments are written to InHANCE at the same time. The payments of one account are
 * written one after another in ledger order (a later payment is checked against the earlier ones:
 * a possible double payment, an account closed meanwhile), and nothing one account's write does
 * touches another's, so different accounts are written side by side. Each payment keeps its own
 * intent-before-write and its own external reference, so exactly-once holds per payment whatever
 * runs beside it. Six round trips in flight hide the network wait without queueing on InHANCE.
 */
export const WRITE_CONCURRENCY = 6;

/** A chunk's payments by account (trimmed), each account's in ledger order: the indexes into the chunk. */
function byAccount(payments: readonly LedgerPayment[]): number[][] {
  const groups = new Map<string, number[]>();
  payments.forEach((p, i) => {
    const key = p.accountNumber.trim();
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  return [...groups.values()];
}

function isTransient(error: unknown): boolean {
  return error instanceof ClientError ? error.retryable || error.code.endsWith('_TRANSIENT') : false;
}

/**
 * The write half of the Payments job: a downloaded page goes into the ledger first (one
 * transaction), then every payment not yet settled in InHANCE is written, oldest first, then the
 * returns. The ledger is the to-do list, so an interrupted run's leftovers are picked up by the next
 * page or run. A transient InHANCE failure stops the page (the run fails and retries with backoff,
 * the cursor stays); any other failure is counted and left for the next run.
 */
export class PaymentIntake {
  /** Payments that failed in a run are not retried again within that run. */
  private readonly failedInRun = new Map<string, { runId: string; guids: Set<string> }>();

  constructor(
    private readonly deps: {
      ledger: PaymentLedger;
      writeBack: WriteBack;
      write: WritePath;
      returns: ReturnsPath;
      clock: Clock;
      crash: CrashHook;
      impresa(billerId: string): Promise<ImpresaClient>;
      /** The audit trail of what the job itself did to the queue (reversals and pulls). */
      audited(biller: BillerProfile, action: 'payment.reverse' | 'payment.pull', subject: string, detail: string): void;
    },
  ) {}

  /** Records a page in the ledger, then settles everything outstanding in InHANCE. Resolve = safe to commit the cursor. */
  async acceptPage(ctx: RunContext, records: readonly IcPaymentRecord[]): Promise<PageOutcome> {
    const { ledger } = this.deps;
    const { biller } = ctx;
    if (ctx.dryRun) return this.dryRun(biller, records, ctx);
    const recorded = ledger.recordPage(biller.id, records, this.deps.clock.now().toISOString(), ctx.runId);
    this.deps.crash.reach('recorded');
    if (recorded.duplicates > 0)
      ctx.log(
        'info',
        `${recorded.duplicates} record(s) InvoiceCloud had already delivered were counted as duplicates and not stored twice.`,
      );
    ctx.count('skipped', recorded.duplicates + recorded.reread);
    const outcome = await this.settle(ctx);
    outcome.received = recorded.newPayments.length + recorded.newReturns.length;
    outcome.duplicates = recorded.duplicates;
    return outcome;
  }

  /** Settles what the ledger holds unsettled (a crash's leftovers, earlier failures), with no new page. */
  recover(ctx: RunContext): Promise<PageOutcome> {
    if (ctx.dryRun) return Promise.resolve(empty());
    return this.settle(ctx);
  }

  private async settle(ctx: RunContext): Promise<PageOutcome> {
    const { ledger, writeBack } = this.deps;
    const { biller } = ctx;
    const out = empty();
    const pass = newWritePass(ctx, await this.deps.impresa(biller.id));
    const failed = this.failedSet(biller.id, ctx.runId);
    // What InHANCE answered, in ledger order: the queue copy takes it at the end of the pass (the ledger already has it).
    const answers: Landed[] = [];
    try {
      const read = (after: LedgerPayment | null) => {
        const page = ledger.unwrittenPage(biller.id, after, WRITE_CHUNK);
        return { page, chunk: page.filter((p) => !failed.has(p.paymentGuid)) };
      };
      let current = read(null);
      ctx.signal.throwIfAborted();
      // The next chunk's accounts are read while this chunk is written (reads only; it never rejects).
      let ahead: Promise<void> = this.deps.write.prefetch(pass, current.chunk);
      try {
        while (current.page.length > 0) {
          await ahead;
          const { chunk, page } = current;
          const next = read(page[page.length - 1]!);
          ahead = next.chunk.length > 0 ? this.deps.write.prefetch(pass, next.chunk) : Promise.resolve();
          // Each payment's answer in its slot, so the queue copy takes them in ledger order.
          const landed = new Array<Landed | null>(chunk.length).fill(null);
          // The first error that stops the pass (a transient failure, a cancellation): no payment
          // starts after it, the ones in flight finish and are recorded, then it is thrown.
          let stop: { error: unknown } | null = null;
          await mapLimit(byAccount(chunk), WRITE_CONCURRENCY, async (group) => {
            for (const i of group) {
              if (stop) return;
              try {
                ctx.signal.throwIfAborted();
                landed[i] = await this.writeOne(ctx, pass, chunk[i]!, out, failed);
              } catch (error) {
                stop ??= { error };
                return;
              }
            }
          });
          for (const l of landed) if (l) answers.push(l);
          if (stop) throw (stop as { error: unknown }).error;
          current = next;
        }
      } finally {
        // Nothing of this pass is still reading from InHANCE once it has ended.
        await ahead;
      }
      for (const ret of ledger.unappliedReturns(biller.id)) {
        if (failed.has(ret.returnGuid)) continue;
        ctx.signal.throwIfAborted();
        try {
          const { result, landed } = await this.deps.returns.apply(pass, ret);
          if (landed) answers.push(landed);
          if (landed && (result === 'reversed' || result === 'pulled')) {
            const what = ret.kind === 'return' ? `ACH return ${ret.code}` : 'Card reversal';
            const subject = landed.entry?.entryId ?? landed.receipt?.receiptId ?? ret.originalGuid;
            const account = landed.receipt?.accountNumber ?? landed.entry?.accountNumber ?? '';
            this.deps.audited(
              biller,
              result === 'reversed' ? 'payment.reverse' : 'payment.pull',
              subject,
              `${what} (${ret.reason}) of IC payment ${ret.originalGuid} on account ${account}: ${result === 'reversed' ? 'receipt reversed' : 'pulled from the queue'}; account flagged`,
            );
          }
          if (result === 'waiting') {
            failed.add(ret.returnGuid);
            out.waiting++;
            ctx.count('skipped');
          } else {
            out.returned++;
            ctx.count('written');
          }
        } catch (error) {
          if (isTransient(error)) throw error;
          ledger.returnFailed(biller.id, ret.returnGuid, error instanceof Error ? error.message : String(error), false);
          failed.add(ret.returnGuid);
          out.failed++;
          ctx.count('failed');
          ctx.log(
            'error',
            `The ${ret.kind} of payment ${ret.originalGuid} was not applied in InHANCE: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    } finally {
      writeBack.record(biller, answers, { settle: false });
      if (answers.length || out.returned) writeBack.changed(biller.id, 'job');
    }
    return out;
  }

  /**
   * Writes one payment and counts what came of it; its answer for the queue copy, or null. A failure
   * is recorded on the payment; a transient one is thrown (it stops the pass), any other leaves the
   * payment for the next run.
   */
  private async writeOne(
    ctx: RunContext,
    pass: WritePass,
    payment: LedgerPayment,
    out: PageOutcome,
    failed: Set<string>,
  ): Promise<Landed | null> {
    const { ledger } = this.deps;
    const { biller } = ctx;
    try {
      const { result, landed } = await this.deps.write.write(pass, payment);
      if (result === 'not-writable') {
        ctx.count('skipped');
        const detail = `InvoiceCloud sent a payment of ${formatCents(payment.amountCents)} for account ${payment.accountNumber || '(blank)'}; it was not posted and is marked rejected in the ledger.`;
        ctx.anomaly('payment-amount', `Payment ${payment.paymentGuid}`, detail);
        ctx.log('warn', `Payment ${payment.paymentGuid}: ${detail}`);
        return null;
      }
      ctx.count('written');
      out[
        result === 'found' ? 'found' : result === 'exception' ? 'exceptions' : result === 'posted' ? 'posted' : 'queued'
      ]++;
      return landed;
    } catch (error) {
      ledger.recordFailure(
        biller.id,
        payment.paymentGuid,
        error instanceof Error ? error.message : String(error),
        this.deps.clock.now().toISOString(),
      );
      if (isTransient(error)) throw error;
      failed.add(payment.paymentGuid);
      out.failed++;
      ctx.count('failed');
      ctx.log(
        'error',
        `Payment ${payment.paymentGuid} (${payment.accountNumber}) was not written to InHANCE: ${error instanceof Error ? error.message : String(error)} It is tried again on the next run.`,
      );
      return null;
    }
  }

  private failedSet(billerId: string, runId: string): Set<string> {
    const current = this.failedInRun.get(billerId);
    if (current && current.runId === runId) return current.guids;
    const fresh = { runId, guids: new Set<string>() };
    this.failedInRun.set(billerId, fresh);
    return fresh.guids;
  }

  /** A dry run says what the page would add and changes nothing. */
  private dryRun(biller: BillerProfile, records: readonly IcPaymentRecord[], ctx: RunContext): PageOutcome {
    const out = empty();
    const seen = new Set<string>();
    for (const r of records) {
      if (this.deps.ledger.has(biller.id, r.paymentGuid) || seen.has(r.paymentGuid)) {
        out.duplicates++;
        ctx.count('skipped');
        continue;
      }
      seen.add(r.paymentGuid);
      out.received++;
      if (r.recordType === 'Payment') out.queued++;
      else out.returned++;
    }
    ctx.log(
      'info',
      `Dry run: ${out.queued} payment(s) and ${out.returned} reversal(s)/return(s) would be written to InHANCE (${biller.postingMode} mode); ${out.duplicates} already known.`,
    );
    return out;
  }
}
