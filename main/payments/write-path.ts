import type { ExceptionKind } from '../../shared/domain/payments';
import { formatCents } from '../../shared/domain/money';
import type { Clock } from '../ground/clock';
import { ClientError } from '../clients/errors';
import { existingOf, type ImpresaAccount, type ImpresaClient, type NewBatchEntry } from '../clients/impresa';
import { mapLimit } from '../ground/map-limit';
import type { CrashHook } from './crash-hook';
import type { LedgerPayment, PaymentLedger } from './ledger';
import { exceptionMemo } from './payment-states';
import type { RunContext } from './run-context';
import type { Landed, WriteBack } from './write-back';

export type WriteResult = 'queued' | 'exception' | 'posted' | 'found' | 'not-writable';

/** Payments at or above this are queued as "unusual amount" for a clerk to look at, even in live mode. */
export const ANOMALY_CENTS = 10_000_00;

/** InHANCE accounts looked up during one pass (a biller's customers often pay several bills at once). */
export type AccountCache = Map<string, ImpresaAccount | null>;

/**
 * Account look-ups in flight at once when a chunk's accounts are read ahead (`prefetch`). They are
 * reads: as many as the writes in flight keep InHANCE busy without queueing on its side.
 */
export const LOOKUP_CONCURRENCY = 8;

/**
 * One pass of a run over what the ledger holds unsettled: the run itself, its biller's InHANCE
 * client, and the accounts looked up so far. The write path and the returns path work in it.
 */
export interface WritePass {
  readonly run: RunContext;
  readonly impresa: ImpresaClient;
  readonly accounts: AccountCache;
  /**
   * A look-up read ahead that failed (other than "no such account"), by account number: the next
   * payment that needs the account gets the failure as if it had looked the account up itself.
   */
  readonly lookupFailures: Map<string, unknown>;
  /**
   * The deposit day's batch id, by day, while this pass finds or creates it: payments written
   * side by side for the same day share the one promise, so a day's batch is created once.
   */
  readonly batches: Map<string, Promise<string>>;
}

/** A fresh pass (no account or batch known yet). */
export function newWritePass(run: RunContext, impresa: ImpresaClient): WritePass {
  return { run, impresa, accounts: new Map(), lookupFailures: new Map(), batches: new Map() };
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
  private readonly ledger: PaymentLedger;
  private readonly crash: CrashHook;

  /** `writeBack`: where InHANCE's answer goes into the ledger (the queue row follows from the intake). */
  constructor(private readonly deps: { ledger: PaymentLedger; clock: Clock; crash: CrashHook; writeBack: WriteBack }) {
    this.ledger = deps.ledger;
    this.crash = deps.crash;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async write(pass: WritePass, payment: LedgerPayment): Promise<{ result: WriteResult; landed: Landed | null }> {
    const { impresa } = pass;
    const { biller } = pass.run;
    const guid = payment.paymentGuid;
    if (payment.intent !== null || payment.attempts > 0) {
      // In flight when the app stopped (or failed before): what landed in InHANCE wins.
      const found = await impresa.lookupExternalRef(guid);
      if (found.entry || found.receipt) {
        this.deps.writeBack.settle(biller.id, guid, found, this.now());
        pass.run.log(
          'info',
          `Payment ${guid} was already in InHANCE (${found.receipt ? `receipt ${found.receipt.receiptId}` : `entry ${found.entry!.entryId}`}); recorded, not written again.`,
        );
        return { result: 'found', landed: { entry: found.entry, receipt: found.receipt } };
      }
    }
    if (payment.amountCents <= 0) {
      this.ledger.settleUnwritable(
        biller.id,
        guid,
        `InvoiceCloud sent an amount of ${formatCents(payment.amountCents)}; there is nothing to post.`,
        this.now(),
      );
      return { result: 'not-writable', landed: null };
    }
    const exception = await this.classify(pass, payment);
    const live = biller.postingMode === 'live' && exception === null;
    this.ledger.setIntent(biller.id, guid, live ? 'live' : 'entry', exception, this.now());
    this.crash.reach('intent');
    let found: Landed;
    if (live) {
      found = await this.postLive(pass, payment);
    } else {
      found = await this.createEntry(pass, payment, exception);
    }
    this.crash.reach('written');
    const state = this.deps.writeBack.settle(biller.id, guid, found, this.now());
    this.crash.reach('settled');
    const result: WriteResult =
      found.receipt || state === 'posted' ? 'posted' : state === 'exception' ? 'exception' : 'queued';
    return { result, landed: found };
  }

  /** Why a payment cannot simply be posted to its account, or null when it can. */
  private async classify(pass: WritePass, p: LedgerPayment): Promise<{ kind: ExceptionKind; reason: string } | null> {
    if (p.method === 'other')
      return {
        kind: 'unsupported-method',
        reason: `InvoiceCloud payment type ${p.paymentTypeId} is neither card nor ACH; check how it was paid before posting.`,
      };
    const unpostable = await this.accountException(pass, p);
    if (unpostable) return unpostable;
    if (p.amountCents >= ANOMALY_CENTS)
      return {
        kind: 'amount-anomaly',
        reason: `${formatCents(p.amountCents)} is an unusually large payment; confirm it before posting.`,
      };
    const twin = this.ledger.similarPayment(pass.run.biller.id, p);
    if (twin)
      return {
        kind: 'possible-duplicate',
        reason: `Same account, amount and day as IC payment ${twin}; post only if the customer really paid twice.`,
      };
    return null;
  }

  /** An account InHANCE does not have, or has closed or final: the payment waits for a clerk. */
  private async accountException(
    pass: WritePass,
    p: LedgerPayment,
  ): Promise<{ kind: ExceptionKind; reason: string } | null> {
    const account = await this.account(pass, p.accountNumber);
    if (!account)
      return {
        kind: 'account-not-found',
        reason: `Account ${p.accountNumber || '(blank)'} does not exist in InHANCE.`,
      };
    if (account.status === 'closed')
      return { kind: 'account-closed', reason: `Account ${account.accountNumber} is closed in InHANCE.` };
    if (account.status === 'final')
      return {
        kind: 'account-final',
        reason: `Account ${account.accountNumber} is final (moved out, last bill sent).`,
      };
    return null;
  }

  private async account(pass: WritePass, accountNumber: string): Promise<ImpresaAccount | null> {
    const key = accountNumber.trim();
    if (!key) return null;
    if (pass.accounts.has(key)) return pass.accounts.get(key)!;
    if (pass.lookupFailures.has(key)) {
      // Read ahead and failed: this payment fails as it would have inline; the next one reads again.
      const failure = pass.lookupFailures.get(key);
      pass.lookupFailures.delete(key);
      throw failure;
    }
    const account = await this.lookUp(pass, key);
    pass.accounts.set(key, account);
    return account;
  }

  /** One account from InHANCE; null when InHANCE has no such account. */
  private async lookUp(pass: WritePass, key: string): Promise<ImpresaAccount | null> {
    try {
      return await pass.impresa.getAccount(key);
    } catch (error) {
      if (error instanceof ClientError && error.code === 'IMPRESA_NOT_FOUND') return null;
      throw error;
    }
  }

  /**
   * Reads ahead the accounts these payments will be checked against (each distinct account not
   * yet known to the pass, LOOKUP_CONCURRENCY at a time), so the writes that follow do not wait on
   * them one by one. Only reads: nothing is recorded or written. A look-up that fails is kept for
   * the payment that needs the account (`account`), which fails then exactly as an inline look-up
   * would; after a failure no further look-up starts (the rest are looked up inline).
   */
  async prefetch(pass: WritePass, payments: readonly LedgerPayment[]): Promise<void> {
    const wanted = new Set<string>();
    for (const p of payments) {
      const key = p.accountNumber.trim();
      // Payments that never reach the account check (no amount, an unknown payment type) are left out.
      if (!key || p.amountCents <= 0 || p.method === 'other') continue;
      if (!pass.accounts.has(key) && !pass.lookupFailures.has(key)) wanted.add(key);
    }
    if (wanted.size === 0) return;
    await mapLimit([...wanted], LOOKUP_CONCURRENCY, async (key) => {
      try {
        pass.accounts.set(key, await this.lookUp(pass, key));
      } catch (error) {
        pass.lookupFailures.set(key, error);
        throw error; // no new look-up starts; those in flight finish
      }
    }).catch(() => undefined); // kept in lookupFailures for the payment's own handling
  }

  private newEntry(
    pass: WritePass,
    p: LedgerPayment,
    exception: { kind: ExceptionKind; reason: string } | null,
  ): NewBatchEntry {
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
      installationId: pass.run.installationId,
    };
  }

  /** Creates the batch entry; a 409 hands over whatever already holds the reference (entry or live receipt). */
  private async createEntry(
    pass: WritePass,
    p: LedgerPayment,
    exception: { kind: ExceptionKind; reason: string } | null,
  ): Promise<Landed> {
    const entry = this.newEntry(pass, p, exception);
    for (let attempt = 1; ; attempt++) {
      const batchId = await this.batchFor(pass, p.depositDate);
      try {
        return { entry: await pass.impresa.createEntry(batchId, entry), receipt: null };
      } catch (error) {
        const existing = existingOf(error);
        if (existing?.entry || existing?.receipt)
          return { entry: existing.entry ?? null, receipt: existing.receipt ?? null };
        // A batch remembered here but gone from InHANCE (a test system reset): find or make it again, once.
        if (error instanceof ClientError && error.code === 'IMPRESA_NOT_FOUND' && attempt === 1) {
          this.forgetBatch(pass, p.depositDate, batchId);
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
  private async postLive(pass: WritePass, p: LedgerPayment): Promise<Landed> {
    try {
      const receipt = await pass.impresa.postLive({
        ...this.newEntry(pass, p, null),
        user: pass.run.biller.livePostingUser,
      });
      return { entry: null, receipt };
    } catch (error) {
      const existing = existingOf(error);
      if (existing?.receipt || existing?.entry)
        return { entry: existing.entry ?? null, receipt: existing.receipt ?? null };
      if (!refusedPost(error)) throw error;
      pass.accounts.delete(p.accountNumber.trim());
      const exception = (await this.accountException(pass, p)) ?? {
        kind: 'post-failed' as const,
        reason: `InHANCE refused the live post: ${error.message}`,
      };
      this.ledger.setIntent(pass.run.biller.id, p.paymentGuid, 'entry', exception, this.now());
      pass.run.log(
        'warn',
        `Payment ${p.paymentGuid} could not be posted live to ${p.accountNumber} (${exception.reason}); queued as an exception.`,
      );
      return this.createEntry(pass, p, exception);
    }
  }

  /**
   * The deposit day's batch for this pass. Payments written side by side for the same day share one
   * promise: the batch is found or created once, never by two callers at the same time. A failed
   * attempt is forgotten, so the next payment of that day tries again.
   */
  private batchFor(pass: WritePass, depositDate: string): Promise<string> {
    const shared = pass.batches.get(depositDate);
    if (shared) return shared;
    const made = this.findOrCreateBatch(pass, depositDate);
    pass.batches.set(depositDate, made);
    made.catch(() => {
      if (pass.batches.get(depositDate) === made) pass.batches.delete(depositDate);
    });
    return made;
  }

  /**
   * A batch the ledger remembered that InHANCE no longer has: forgotten once, by the first payment
   * that meets it. The ledger still naming that batch tells it is the first: a later one finds the
   * ledger empty (or naming the new batch) and simply asks `batchFor` again.
   */
  private forgetBatch(pass: WritePass, depositDate: string, staleId: string): void {
    if (this.ledger.batchFor(pass.run.biller.id, depositDate) !== staleId) return;
    this.ledger.forgetBatch(pass.run.biller.id, depositDate);
    pass.batches.delete(depositDate);
  }

  /** The deposit day's batch: remembered, or created (InHANCE's 409 hands over the one that exists). */
  private async findOrCreateBatch(pass: WritePass, depositDate: string): Promise<string> {
    const known = this.ledger.batchFor(pass.run.biller.id, depositDate);
    if (known) return known;
    let batch;
    try {
      batch = await pass.impresa.createBatch({
        depositDate,
        description: `InvoiceCloud payments ${depositDate}`,
        installationId: pass.run.installationId,
      });
      this.crash.reach('batch');
    } catch (error) {
      const existing = existingOf(error);
      if (!existing?.batch) throw error;
      batch = existing.batch;
    }
    if (batch.installationId && batch.installationId !== pass.run.installationId) {
      pass.run.reportForeignStamp({
        installationId: batch.installationId,
        seenAt: batch.createdAt,
        where: `InHANCE batch ${batch.batchId} (${depositDate})`,
      });
    }
    this.ledger.saveBatch(pass.run.biller.id, depositDate, batch.batchId, batch.installationId, this.now());
    return batch.batchId;
  }
}
