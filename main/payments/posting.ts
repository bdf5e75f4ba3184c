import { randomUUID } from 'node:crypto';
import type { ActionableState, BulkResult, ItemOutcome, ItemResult } from '../../shared/domain/payments';
import { formatCents } from '../../shared/domain/money';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { AuditLog } from '../ground/audit';
import type { BillerProfile } from '../billers/billers.service';
import { ClientError } from '../clients/errors';
import { existingOf, type ImpresaBatchEntry, type ImpresaClient, type ImpresaReceipt } from '../clients/impresa';
import type { EventBus } from '../ipc/router';
import type { PaymentLedger } from './ledger';
import { localMoment, NACHA_REASONS, parsePulledReason } from './payment-states';
import { describeEntry } from './payments-audit';
import type { WriteBack } from './write-back';

type Action = 'post' | 'hold' | 'reject' | 'undo' | 'reassign';

/** The audit log's key for a clerk's post of an entry: InHANCE posts an entry once, so it is recorded once. */
export function postOperation(billerId: string, entryId: string): string {
  return `payment.post:${billerId}:${entryId}`;
}

/** A clerk's action on entries as the contract checks it; `expectedState` may be left out by the CLI (nothing is compared then). */
export interface BulkInput {
  billerId: string;
  entryIds: string[];
  /** The state the clerk saw the entries in; an entry InHANCE holds otherwise is left alone. */
  expectedState?: ActionableState | undefined;
  operationId?: string | undefined;
}

export interface ReassignInput {
  billerId: string;
  entryId: string;
  accountNumber: string;
  /** Post the entry once it is on the new account. */
  post?: boolean | undefined;
  expectedState?: ActionableState | undefined;
}

/**
 * How many of a clerk's entries are sent to InHANCE at once. Bounded so a bulk action of thousands
 * never floods InHANCE; each entry keeps its own expect-then-record, so a crash with several in
 * flight loses or duplicates none of them (the next look at each entry settles it).
 */
export const POSTING_CONCURRENCY = 8;

export interface PostingDeps {
  ledger: PaymentLedger;
  writeBack: WriteBack;
  audit: AuditLog;
  events: EventBus;
  biller(id: string): BillerProfile;
  impresa(billerId: string): Promise<ImpresaClient>;
}

function result(
  entryId: string,
  outcome: ItemOutcome,
  message: string,
  extra: Partial<Omit<ItemResult, 'entryId' | 'outcome' | 'message' | 'ok'>> = {},
): ItemResult {
  return {
    entryId,
    outcome,
    ok: outcome !== 'failed' && outcome !== 'already-posted',
    message,
    by: extra.by ?? null,
    at: extra.at ?? null,
    receiptId: extra.receiptId ?? null,
    amountCents: extra.amountCents ?? null,
    code: extra.code ?? null,
  };
}

/** "Already posted by X at T": the one answer for an entry InHANCE had posted before this clerk's action reached it. */
function alreadyPosted(
  entryId: string,
  posted: { by: string; at: string | null; receiptId: string | null; amountCents: number },
  timeZone: string,
): ItemResult {
  return result(entryId, 'already-posted', `Already posted by ${posted.by} at ${localMoment(posted.at, timeZone)}.`, {
    ...posted,
    code: 'ALREADY_POSTED',
  });
}

function codeOf(error: unknown): ErrorCode {
  return error instanceof AppError ? error.code : 'INTERNAL';
}

function messageOf(error: unknown): string {
  return error instanceof AppError
    ? error.message
    : 'Something went wrong inside Impresa Bridge; the details are in the log file.';
}

/**
 * What a clerk does to the queue: post, hold, reject, undo, reassign. Every action goes to InHANCE
 * (so every workstation sees it), each entry gets its own result, InHANCE's answer is written back
 * to this installation's copy and ledger, and the audit log says who did it and when. InHANCE posts
 * an entry once: a second clerk gets "already posted by X at T", never a second receipt.
 */
export class Posting {
  constructor(private readonly deps: PostingDeps) {}

  private get user(): string {
    return this.deps.audit.currentActor.id;
  }

  /** `expectedState`: the state the clerk saw the entries in; an entry InHANCE holds otherwise is left alone. */
  post({ billerId, entryIds, operationId, expectedState: expected }: BulkInput): Promise<BulkResult> {
    return this.bulk('post', billerId, entryIds, operationId, async (impresa, biller, entryId) => {
      const seen = await this.check(impresa, biller, entryId, 'post', expected);
      return 'outcome' in seen ? seen : this.postOne(impresa, biller, entryId);
    });
  }

  hold({
    billerId,
    entryIds,
    operationId,
    expectedState: expected,
    reason,
  }: BulkInput & { reason?: string | undefined }): Promise<BulkResult> {
    return this.bulk('hold', billerId, entryIds, operationId, async (impresa, biller, entryId) => {
      const seen = await this.check(impresa, biller, entryId, 'hold', expected);
      if ('outcome' in seen) return seen;
      const entry = await impresa.holdEntry(entryId, this.user, reason?.trim() || undefined);
      this.record(
        biller,
        entry,
        null,
        'payment.hold',
        `Held ${this.describe(entry)}${reason?.trim() ? `: ${reason.trim()}` : ''}`,
      );
      return result(entryId, 'held', reason?.trim() ? `Held: ${reason.trim()}.` : 'Held.', {
        by: entry.stateBy,
        at: entry.stateAt,
        amountCents: entry.amountCents,
      });
    });
  }

  reject({
    billerId,
    entryIds,
    operationId,
    expectedState: expected,
    reason,
  }: BulkInput & { reason: string }): Promise<BulkResult> {
    const why = reason.trim();
    if (!why)
      throw new AppError('INVALID_INPUT', 'Say why the entries are rejected.', {
        fields: { reason: 'Say why the entries are rejected.' },
      });
    return this.bulk('reject', billerId, entryIds, operationId, async (impresa, biller, entryId) => {
      const seen = await this.check(impresa, biller, entryId, 'reject', expected);
      if ('outcome' in seen) return seen;
      const entry = await impresa.rejectEntry(entryId, this.user, why);
      this.record(biller, entry, null, 'payment.reject', `Rejected ${this.describe(entry)}: ${why}`);
      return result(entryId, 'rejected', `Rejected: ${why}.`, {
        by: entry.stateBy,
        at: entry.stateAt,
        amountCents: entry.amountCents,
      });
    });
  }

  /** Puts held or rejected entries back; never an entry pulled for an ACH return or card reversal. */
  undo({ billerId, entryIds, operationId, expectedState: expected }: BulkInput): Promise<BulkResult> {
    return this.bulk('undo', billerId, entryIds, operationId, async (impresa, biller, entryId) => {
      const before = await this.check(impresa, biller, entryId, 'undo', expected);
      if ('outcome' in before) return before;
      const what = before.entry?.state === 'rejected' ? 'rejection' : 'hold';
      const entry = await impresa.undoEntry(entryId, this.user);
      this.record(biller, entry, null, 'payment.undo', `Undid the ${what} of ${this.describe(entry)}`);
      return result(entryId, 'undone', `Back in the queue (the ${what} was undone).`, {
        by: entry.stateBy,
        at: entry.stateAt,
        amountCents: entry.amountCents,
      });
    });
  }

  /**
   * Before a clerk's action: what InHANCE holds now against what the clerk saw. An entry posted in
   * the meantime answers "already posted by X at T"; a payment IC took back (the Payments job
   * pulled its entry, or the ledger holds its return) is never undone or posted; an entry in
   * another state than the screen showed is left alone. Read from InHANCE when the clerk said
   * what they saw, and always for an undo (the pulled marker lives in InHANCE).
   */
  private async check(
    impresa: ImpresaClient,
    biller: BillerProfile,
    entryId: string,
    action: Action,
    expected: ActionableState | undefined,
  ): Promise<ItemResult | { entry: ImpresaBatchEntry | null }> {
    const takesMoneyBack = action === 'undo' || action === 'post';
    if (takesMoneyBack)
      this.refuseReturned(biller, entryId, this.deps.ledger.byEntryId(biller.id, entryId)?.paymentGuid ?? null, '');
    if (expected === undefined && action !== 'undo') return { entry: null };
    const entry = await impresa.getEntry(entryId);
    if (entry.state === 'posted') {
      // A post of this clerk's whose answer was lost is recorded now, whatever the action asked.
      const mine = this.postLanded(biller, entry, null);
      if (mine && action === 'post') return mine;
      return alreadyPosted(
        entryId,
        { by: entry.stateBy, at: entry.stateAt, receiptId: entry.receiptId, amountCents: entry.amountCents },
        biller.timeZone,
      );
    }
    if (takesMoneyBack)
      this.refuseReturned(biller, entryId, entry.externalRef, entry.state === 'rejected' ? entry.stateReason : '');
    if (expected !== undefined && entry.state !== expected) {
      this.writeBack(biller, entry, null);
      const who = entry.stateBy ? ` by ${entry.stateBy} at ${localMoment(entry.stateAt, biller.timeZone)}` : '';
      throw new AppError(
        'STATE_CHANGED',
        `Entry ${entryId} was made ${entry.state}${who}, not ${expected} as your screen showed; nothing was done to it. Look at it again in the refreshed queue.`,
      );
    }
    return { entry };
  }

  /** Refuses (PAYMENT_RETURNED) when IC took the payment back: InHANCE's pulled marker, or the ledger's return. */
  private refuseReturned(
    biller: BillerProfile,
    entryId: string,
    paymentGuid: string | null,
    rejectedReason: string,
  ): void {
    const pulled = parsePulledReason(rejectedReason);
    const ret = paymentGuid ? this.deps.ledger.returnFor(biller.id, paymentGuid) : null;
    const applied = ret && (ret.state === 'pulled' || ret.state === 'reversed') ? ret : null;
    if (!pulled && !applied) return;
    const kind = pulled?.kind ?? applied!.kind;
    const code = pulled?.code ?? applied!.code;
    const why = pulled?.reason || applied?.reason || NACHA_REASONS[code] || '';
    const what =
      kind === 'return' ? `an ACH return ${code}${why ? ` (${why})` : ''}` : `a card reversal${why ? ` (${why})` : ''}`;
    throw new AppError(
      'PAYMENT_RETURNED',
      `Entry ${entryId} was taken back by ${what}: the money never reached the biller, so it cannot be put back in the queue or posted. Ask the customer for a new payment.`,
    );
  }

  /** Moves an entry to another (active) account, then posts it when asked. */
  async reassign({
    billerId,
    entryId,
    accountNumber,
    post = false,
    expectedState: expected,
  }: ReassignInput): Promise<{ reassigned: ItemResult; posted: ItemResult | null }> {
    const biller = this.deps.biller(billerId);
    const impresa = await this.deps.impresa(billerId);
    const target = accountNumber.trim();
    let account;
    try {
      account = await impresa.getAccount(target);
    } catch (error) {
      if (error instanceof ClientError && error.code === 'IMPRESA_NOT_FOUND') {
        throw new AppError(
          'INVALID_INPUT',
          `Account ${target} does not exist in InHANCE. Search again and pick an account from the list.`,
          { fields: { accountNumber: 'No such account in InHANCE.' } },
        );
      }
      throw error;
    }
    if (account.status !== 'active') {
      throw new AppError(
        'INVALID_INPUT',
        `Account ${target} is ${account.status} in InHANCE. Choose an active account.`,
        { fields: { accountNumber: `This account is ${account.status}.` } },
      );
    }
    let reassigned: ItemResult;
    try {
      const seen = await this.check(impresa, biller, entryId, 'reassign', expected ?? 'pending');
      if ('outcome' in seen) {
        reassigned = seen;
      } else {
        const before = seen.entry!;
        const entry = await impresa.reassignEntry(entryId, this.user, target);
        this.record(
          biller,
          entry,
          null,
          'payment.reassign',
          `Reassigned ${this.describe(entry)} from ${before.accountNumber} to ${target} (${account.name})`,
        );
        reassigned = result(entryId, 'reassigned', `Moved to account ${target} (${account.name}).`, {
          by: entry.stateBy,
          at: entry.stateAt,
          amountCents: entry.amountCents,
        });
      }
    } catch (error) {
      reassigned = this.failure(biller, entryId, error);
    }
    this.deps.writeBack.changed(billerId, 'reassign');
    if (!post || !reassigned.ok) return { reassigned, posted: null };
    const posted = (await this.post({ billerId, entryIds: [entryId], expectedState: 'pending' })).results[0] ?? null;
    return { reassigned, posted };
  }

  /**
   * Posts one entry. The post is expected in the audit log before it is sent (audit_pending, keyed
   * by the operation `payment.post:<biller>:<entry>`); InHANCE's answer, the ledger's and the queue
   * copy's record of it and the audit row are then written in one transaction, once. An answer that
   * was lost (no answer, a broken one, a killed process) is learnt later from InHANCE: an entry
   * posted by this user while this installation still expects the post is recorded then; one whose
   * post is already recorded is "already posted", never a second "Posted" row.
   */
  private async postOne(impresa: ImpresaClient, biller: BillerProfile, entryId: string): Promise<ItemResult> {
    const op = postOperation(biller.id, entryId);
    if (!this.deps.audit.hasRecorded(op))
      this.deps.audit.expect(op, 'payment.post', { billerId: biller.id, subject: entryId });
    try {
      const { entry, receipt } = await impresa.postEntry(entryId, this.user);
      this.recordPost(biller, entry, receipt);
      return result(entryId, 'posted', `Posted ${formatCents(entry.amountCents)} to account ${entry.accountNumber}.`, {
        by: receipt.postedBy,
        at: receipt.postedAt,
        receiptId: receipt.receiptId,
        amountCents: entry.amountCents,
      });
    } catch (error) {
      if (error instanceof ClientError && (error.code === 'IMPRESA_TRANSIENT' || error.retryable)) {
        // The answer was lost (no answer, or a broken one): InHANCE knows whether the post landed.
        const entry = await impresa.getEntry(entryId).catch(() => null);
        if (entry?.state === 'posted') {
          return (
            this.postLanded(biller, entry, null) ??
            alreadyPosted(
              entryId,
              { by: entry.stateBy, at: entry.stateAt, receiptId: entry.receiptId, amountCents: entry.amountCents },
              biller.timeZone,
            )
          );
        }
        // Not known yet: the expectation stays, so the next look at the entry records it.
      } else if (!existingOf(error)) {
        // InHANCE understood the post and refused it: nothing was posted, nothing to record later.
        this.deps.audit.forget(op);
      }
      throw error;
    }
  }

  /**
   * InHANCE says the entry is posted. When this installation sent that post (it still expects it)
   * and InHANCE names this user, the post is recorded now (once) and is this clerk's "posted";
   * else (posted elsewhere, or already recorded here) the copy and ledger take it in and the
   * caller answers "already posted".
   */
  private postLanded(
    biller: BillerProfile,
    entry: ImpresaBatchEntry,
    receipt: ImpresaReceipt | null,
  ): ItemResult | null {
    const op = postOperation(biller.id, entry.entryId);
    const by = receipt?.postedBy ?? entry.stateBy;
    if (by !== this.user || !this.deps.audit.isExpected(op)) {
      this.deps.audit.atomically(() => {
        this.writeBack(biller, entry, receipt);
        if (by !== this.user) this.deps.audit.forget(op);
      });
      return null;
    }
    if (!this.recordPost(biller, entry, receipt)) return null;
    return result(
      entry.entryId,
      'posted',
      `Posted ${formatCents(entry.amountCents)} to account ${entry.accountNumber}.`,
      {
        by,
        at: receipt?.postedAt ?? entry.stateAt,
        receiptId: receipt?.receiptId ?? entry.receiptId,
        amountCents: entry.amountCents,
      },
    );
  }

  /** The post into the copy, the ledger and the audit log, in one transaction; false if the audit already had it. */
  private recordPost(biller: BillerProfile, entry: ImpresaBatchEntry, receipt: ImpresaReceipt | null): boolean {
    return this.deps.audit.atomically(() => {
      this.writeBack(biller, entry, receipt);
      return this.deps.audit.recordOnce(postOperation(biller.id, entry.entryId), 'payment.post', {
        billerId: biller.id,
        subject: entry.entryId,
        detail: `Posted ${this.describe(entry)}; receipt ${receipt?.receiptId ?? entry.receiptId ?? '?'}`,
        // InHANCE's time of the post, the one the queue and the daily report show: one minute everywhere,
        // even when this PC's clock and InHANCE's differ.
        at: receipt?.postedAt ?? entry.stateAt,
      });
    });
  }

  private async bulk(
    action: Exclude<Action, 'reassign'>,
    billerId: string,
    entryIds: string[],
    operationId: string | undefined,
    one: (impresa: ImpresaClient, biller: BillerProfile, entryId: string) => Promise<ItemResult>,
  ): Promise<BulkResult> {
    const biller = this.deps.biller(billerId);
    const impresa = await this.deps.impresa(billerId);
    const ids = [...new Set(entryIds.map((id) => id.trim()).filter(Boolean))];
    const opId = operationId ?? randomUUID();
    // Entries are independent (each is expected in the audit log before its own call goes out, and
    // recorded once from InHANCE's answer), so a few are in flight at once: InHANCE has no batch
    // post (CONTRACT.md), and one call at a time made 500 posts wait on 500 round trips in a row.
    // Results keep the order of the entries asked for; progress counts them as they finish.
    const results = new Array<ItemResult>(ids.length);
    let next = 0;
    let finished = 0;
    const worker = async () => {
      while (next < ids.length) {
        const i = next++;
        const entryId = ids[i]!;
        let r: ItemResult;
        try {
          r = await one(impresa, biller, entryId);
        } catch (error) {
          r = this.failure(biller, entryId, error);
        }
        results[i] = r;
        finished++;
        this.deps.events.emit('payments:progress', {
          billerId,
          operationId: opId,
          action,
          done: finished,
          total: ids.length,
          entryId,
          outcome: r.outcome,
          ok: r.ok,
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(POSTING_CONCURRENCY, ids.length) }, worker));
    this.deps.writeBack.changed(billerId, action);
    const done = results.filter((r) => r.ok);
    return {
      operationId: opId,
      results,
      done: done.length,
      doneCents: done.reduce((s, r) => s + (r.amountCents ?? 0), 0),
      alreadyPosted: results.filter((r) => r.outcome === 'already-posted').length,
      failed: results.filter((r) => r.outcome === 'failed').length,
    };
  }

  /** An action InHANCE refused: "already posted by X at T" when it was, else its reason. */
  private failure(biller: BillerProfile, entryId: string, error: unknown): ItemResult {
    const existing = existingOf(error);
    if (existing?.entry?.state === 'posted') {
      const mine = this.postLanded(biller, existing.entry, existing.receipt ?? null);
      if (mine) return mine;
    } else if (existing?.entry) this.writeBack(biller, existing.entry, existing.receipt ?? null);
    if (existing?.entry?.state === 'posted') {
      const e = existing.entry;
      return alreadyPosted(
        entryId,
        {
          by: existing.receipt?.postedBy ?? e.stateBy,
          at: existing.receipt?.postedAt ?? e.stateAt,
          receiptId: e.receiptId,
          amountCents: e.amountCents,
        },
        biller.timeZone,
      );
    }
    const hint =
      error instanceof ClientError && error.code === 'IMPRESA_NOT_FOUND' && /account/i.test(error.message)
        ? ' Reassign it to an account that exists.'
        : error instanceof ClientError && error.kind === 'BUSINESS' && /closed|final/i.test(error.message)
          ? ' Reassign it to an active account.'
          : '';
    return result(entryId, 'failed', `${messageOf(error)}${hint}`, {
      code: codeOf(error),
      amountCents: existing?.entry?.amountCents ?? null,
    });
  }

  private describe(entry: ImpresaBatchEntry): string {
    return describeEntry(entry);
  }

  /** InHANCE's answer to a hold, rejection, undo or reassignment and its audit row, in one transaction. */
  private record(
    biller: BillerProfile,
    entry: ImpresaBatchEntry,
    receipt: ImpresaReceipt | null,
    action: string,
    detail: string,
  ): void {
    this.deps.audit.atomically(() => {
      this.writeBack(biller, entry, receipt);
      this.deps.audit.record(action, { billerId: biller.id, subject: entry.entryId, detail });
    });
  }

  /** InHANCE's answer into this installation's ledger and copy of the queue. */
  private writeBack(biller: BillerProfile, entry: ImpresaBatchEntry, receipt: ImpresaReceipt | null): void {
    this.deps.writeBack.record(biller, [{ entry, receipt }]);
  }
}
