import type { ExceptionKind } from '../../shared/domain/payments';
import { formatCents } from '../../shared/domain/money';
import type { ForeignStamp } from '../../shared/domain/jobs';
import type { Clock } from '../ground/clock';
import type { BillerProfile } from '../billers/billers.service';
import { ClientError } from '../clients/errors';
import type { ImpresaAccount, ImpresaBatchEntry, ImpresaClient, ImpresaExisting, ImpresaReceipt, NewBatchEntry } from '../clients/impresa';
import type { CrashHook } from './crash-hook';
import type { LedgerPayment, PaymentLedger } from './ledger';
import { exceptionMemo } from './payment-states';

/** What the write path needs from its caller (a job run, or the CLI). */
export interface WriteContext {
  biller: BillerProfile;
  impresa: ImpresaClient;
  installationId: string;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  reportForeignStamp?(stamp: ForeignStamp): void;
}

/** What holds a payment in InHANCE: its batch entry, its receipt, or both once the entry is posted. */
export interface Landed {
  entry: ImpresaBatchEntry | null;
  receipt: ImpresaReceipt | null;
}

export type WriteResult = 'queued' | 'exception' | 'posted' | 'found' | 'not-writable';

/** Payments at or above this are queued as "unusual amount" for a clerk to look at, even in live mode. */
export const ANOMALY_CENTS = 10_000_00;

/** InHANCE accounts looked up during one run (a biller's customers often pay several bills at once). */
export type AccountCache = Map<string, ImpresaAccount | null>;

/** An InHANCE 409 carrying the record that already exists under the external reference. */
export function existingOf(error: unknown): ImpresaExisting | null {
  if (!(error instanceof ClientError) || error.code !== 'IMPRESA_CONFLICT' || !error.existing) return null;
  return error.existing as ImpresaExisting;
}

/** InHANCE understood a post and said no (unknown account, closed or final account, another business rule). */
function refusedPost(error: unknown): error is ClientError {
  return error instanceof ClientError && (error.code === 'IMPRESA_NOT_FOUND' || error.kind === 'BUSINESS');
}

/**
 * Settles one payment in InHANCE: exactly one batch entry or live receipt per PaymentGUID. The
 * intent goes into the ledger before each write; an intent left from an earlier try is first looked
 * up in InHANCE by external reference, and InHANCE's own refusal of a second record with the same
 * reference (409, carrying the existing one) closes the last gap: whatever the moment of a crash,
 * the retry finds or makes the one record, never a second.
 */
export class WritePath {
  constructor(
    private readonly ledger: PaymentLedger,
    private readonly clock: Clock,
    private readonly crash: CrashHook,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  async write(ctx: WriteContext, payment: LedgerPayment, accounts: AccountCache): Promise<{ result: WriteResult; landed: Landed | null }> {
    const { biller, impresa } = ctx;
    const guid = payment.paymentGuid;
    if (payment.intent !== null || payment.attempts > 0) {
      // In flight when the app stopped (or failed before): what landed in InHANCE wins.
      const found = await impresa.lookupExternalRef(guid);
      if (found.entry || found.receipt) {
        this.ledger.settle(biller.id, guid, found, this.now());
        ctx.log('info', `Payment ${guid} was already in InHANCE (${found.receipt ? `receipt ${found.receipt.receiptId}` : `entry ${found.entry!.entryId}`}); recorded, not written again.`);
        return { result: 'found', landed: { entry: found.entry, receipt: found.receipt } };
      }
    }
    if (payment.amountCents <= 0) {
      this.ledger.settleUnwritable(biller.id, guid, `InvoiceCloud sent an amount of ${formatCents(payment.amountCents)}; there is nothing to post.`, this.now());
      return { result: 'not-writable', landed: null };
    }
    const exception = await this.classify(ctx, payment, accounts);
    const live = biller.postingMode === 'live' && exception === null;
    this.ledger.setIntent(biller.id, guid, live ? 'live' : 'entry', exception, this.now());
    this.crash.reach('intent');
    let found: Landed;
    if (live) {
      found = await this.postLive(ctx, payment, accounts);
    } else {
      found = await this.createEntry(ctx, payment, exception);
    }
    this.crash.reach('written');
    const state = this.ledger.settle(biller.id, guid, found, this.now());
    this.crash.reach('settled');
    const result: WriteResult = found.receipt || state === 'posted' ? 'posted' : state === 'exception' ? 'exception' : 'queued';
    return { result, landed: found };
  }

  /** Why a payment cannot simply be posted to its account, or null when it can. */
  private async classify(ctx: WriteContext, p: LedgerPayment, accounts: AccountCache): Promise<{ kind: ExceptionKind; reason: string } | null> {
    if (p.method === 'other') return { kind: 'unsupported-method', reason: `InvoiceCloud payment type ${p.paymentTypeId} is neither card nor ACH; check how it was paid before posting.` };
    const unpostable = await this.accountException(ctx, p, accounts);
    if (unpostable) return unpostable;
    if (p.amountCents >= ANOMALY_CENTS) return { kind: 'amount-anomaly', reason: `${formatCents(p.amountCents)} is an unusually large payment; confirm it before posting.` };
    const twin = this.ledger.similarPayment(ctx.biller.id, p);
    if (twin) return { kind: 'possible-duplicate', reason: `Same account, amount and day as IC payment ${twin}; post only if the customer really paid twice.` };
    return null;
  }

  /** An account InHANCE does not have, or has closed or final: the payment waits for a clerk. */
  private async accountException(ctx: WriteContext, p: LedgerPayment, accounts: AccountCache): Promise<{ kind: ExceptionKind; reason: string } | null> {
    const account = await this.account(ctx, p.accountNumber, accounts);
    if (!account) return { kind: 'account-not-found', reason: `Account ${p.accountNumber || '(blank)'} does not exist in InHANCE.` };
    if (account.status === 'closed') return { kind: 'account-closed', reason: `Account ${account.accountNumber} is closed in InHANCE.` };
    if (account.status === 'final') return { kind: 'account-final', reason: `Account ${account.accountNumber} is final (moved out, last bill sent).` };
    return null;
  }

  private async account(ctx: WriteContext, accountNumber: string, accounts: AccountCache): Promise<ImpresaAccount | null> {
    const key = accountNumber.trim();
    if (!key) return null;
    if (accounts.has(key)) return accounts.get(key)!;
    let account: ImpresaAccount | null;
    try {
      account = await ctx.impresa.getAccount(key);
    } catch (error) {
      if (error instanceof ClientError && error.code === 'IMPRESA_NOT_FOUND') account = null;
      else throw error;
    }
    accounts.set(key, account);
    return account;
  }

  private newEntry(ctx: WriteContext, p: LedgerPayment, exception: { kind: ExceptionKind; reason: string } | null): NewBatchEntry {
    return {
      externalRef: p.paymentGuid,
      accountNumber: p.accountNumber.trim() || '(blank)',
      amountCents: p.amountCents,
      convenienceFeeCents: p.feeCents,
      paymentDate: p.depositDate,
      paymentType: p.method === 'ach' ? 'ach' : 'card',
      ...(p.invoiceNumber ? { invoiceNumber: p.invoiceNumber } : {}),
      ...(p.customerName ? { payerName: p.customerName } : {}),
      memo: exception ? exceptionMemo(exception.kind, exception.reason) : '',
      installationId: ctx.installationId,
    };
  }

  /** Creates the batch entry; a 409 hands over whatever already holds the reference (entry or live receipt). */
  private async createEntry(ctx: WriteContext, p: LedgerPayment, exception: { kind: ExceptionKind; reason: string } | null): Promise<Landed> {
    const entry = this.newEntry(ctx, p, exception);
    for (let attempt = 1; ; attempt++) {
      const batchId = await this.batchFor(ctx, p.depositDate);
      try {
        return { entry: await ctx.impresa.createEntry(batchId, entry), receipt: null };
      } catch (error) {
        const existing = existingOf(error);
        if (existing?.entry || existing?.receipt) return { entry: existing.entry ?? null, receipt: existing.receipt ?? null };
        // A batch remembered here but gone from InHANCE (a test system reset): find or make it again, once.
        if (error instanceof ClientError && error.code === 'IMPRESA_NOT_FOUND' && attempt === 1) {
          this.ledger.forgetBatch(ctx.biller.id, p.depositDate);
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * Live posting as the biller's live-posting user. When InHANCE refuses the post for a business
   * reason (no such account, the account closed or went final since the lookup, any other 4xx
   * refusal), the payment becomes an exception entry in the queue for a clerk: retrying the same
   * post every run would fail the same way. The account is read again to name the reason.
   */
  private async postLive(ctx: WriteContext, p: LedgerPayment, accounts: AccountCache): Promise<Landed> {
    try {
      const receipt = await ctx.impresa.postLive({ ...this.newEntry(ctx, p, null), user: ctx.biller.livePostingUser });
      return { entry: null, receipt };
    } catch (error) {
      const existing = existingOf(error);
      if (existing?.receipt || existing?.entry) return { entry: existing.entry ?? null, receipt: existing.receipt ?? null };
      if (!refusedPost(error)) throw error;
      accounts.delete(p.accountNumber.trim());
      const exception = (await this.accountException(ctx, p, accounts)) ?? { kind: 'post-failed' as const, reason: `InHANCE refused the live post: ${error.message}` };
      this.ledger.setIntent(ctx.biller.id, p.paymentGuid, 'entry', exception, this.now());
      ctx.log('warn', `Payment ${p.paymentGuid} could not be posted live to ${p.accountNumber} (${exception.reason}); queued as an exception.`);
      return this.createEntry(ctx, p, exception);
    }
  }

  /** The deposit day's batch: remembered, or created (InHANCE's 409 hands over the one that exists). */
  private async batchFor(ctx: WriteContext, depositDate: string): Promise<string> {
    const known = this.ledger.batchFor(ctx.biller.id, depositDate);
    if (known) return known;
    let batch;
    try {
      batch = await ctx.impresa.createBatch({ depositDate, description: `InvoiceCloud payments ${depositDate}`, installationId: ctx.installationId });
      this.crash.reach('batch');
    } catch (error) {
      const existing = existingOf(error);
      if (!existing?.batch) throw error;
      batch = existing.batch;
    }
    if (batch.installationId && batch.installationId !== ctx.installationId) {
      ctx.reportForeignStamp?.({ installationId: batch.installationId, seenAt: batch.createdAt, where: `InHANCE batch ${batch.batchId} (${depositDate})` });
    }
    this.ledger.saveBatch(ctx.biller.id, depositDate, batch.batchId, batch.installationId, this.now());
    return batch.batchId;
  }
}
