import type { ExceptionKind, LedgerState } from '../../shared/domain/payments';
import type { ImpresaBatchEntry, ImpresaReceipt } from '../clients/impresa';
import type { IcPaymentRecord } from '../clients/invoicecloud';
import type { Db } from '../store/database';
import { Statements } from './statements';
import { ledgerStateOf } from './payment-states';

/**
 * The local ledger (SQLite): every IC payment by PaymentGUID, recorded before anything is written
 * to InHANCE, with the intent of each write and what InHANCE answered. It is the durable to-do list
 * of the write path: a payment still `downloaded` has not been settled in InHANCE yet.
 */
export interface LedgerPayment {
  billerId: string;
  paymentGuid: string;
  icSequence: number;
  paidAt: string;
  depositDate: string;
  invoiceNumber: string;
  accountNumber: string;
  customerName: string;
  amountCents: number;
  feeCents: number;
  paymentTypeId: number;
  method: 'card' | 'ach' | 'other';
  cardType: string;
  billerReference: string;
  paymentMessage: string;
  approved: boolean;
  state: LedgerState;
  mode: 'pending' | 'live' | null;
  exceptionKind: ExceptionKind | null;
  exceptionReason: string | null;
  batchId: string | null;
  entryId: string | null;
  receiptId: string | null;
  postedBy: string | null;
  postedAt: string | null;
  stateBy: string | null;
  stateAt: string | null;
  stateReason: string | null;
  intent: 'entry' | 'live' | null;
  intentAt: string | null;
  attempts: number;
  lastError: string | null;
  deliveries: number;
  downloadedAt: string;
  updatedAt: string;
}

export interface LedgerReturn {
  billerId: string;
  returnGuid: string;
  originalGuid: string;
  icSequence: number;
  kind: 'reversal' | 'return';
  code: string;
  reason: string;
  amountCents: number;
  returnedAt: string;
  depositDate: string;
  receivedAt: string;
  state: 'received' | 'reversed' | 'pulled' | 'failed';
  intent: boolean;
  attempts: number;
  lastError: string | null;
  reversalId: string | null;
  appliedAt: string | null;
  deliveries: number;
}

export interface PageRecorded {
  /** New payments and returns (first delivery), in feed order. */
  newPayments: string[];
  newReturns: string[];
  /** Records whose GUID IC had delivered before under another sequence: counted, not stored twice. */
  duplicates: number;
  /** Records read again (same GUID and sequence, e.g. a page re-read after a failed run). */
  reread: number;
}

const PAYMENT_COLUMNS = `
  biller_id AS billerId, payment_guid AS paymentGuid, ic_sequence AS icSequence, paid_at AS paidAt, deposit_date AS depositDate,
  invoice_number AS invoiceNumber, account_number AS accountNumber, customer_name AS customerName, amount_cents AS amountCents,
  fee_cents AS feeCents, payment_type_id AS paymentTypeId, method, card_type AS cardType, biller_reference AS billerReference,
  payment_message AS paymentMessage, approved, state, mode, exception_kind AS exceptionKind, exception_reason AS exceptionReason,
  batch_id AS batchId, entry_id AS entryId, receipt_id AS receiptId, posted_by AS postedBy, posted_at AS postedAt,
  state_by AS stateBy, state_at AS stateAt, state_reason AS stateReason, intent, intent_at AS intentAt, attempts,
  last_error AS lastError, deliveries, downloaded_at AS downloadedAt, updated_at AS updatedAt`;

const RETURN_COLUMNS = `
  biller_id AS billerId, return_guid AS returnGuid, original_guid AS originalGuid, ic_sequence AS icSequence, kind, code, reason,
  amount_cents AS amountCents, returned_at AS returnedAt, deposit_date AS depositDate, received_at AS receivedAt, state, intent,
  attempts, last_error AS lastError, reversal_id AS reversalId, applied_at AS appliedAt, deliveries`;

/** What control totals read of a payment (`PaymentLedger.totalsPayments`). */
export type TotalsPayment = Pick<
  LedgerPayment,
  'paymentGuid' | 'depositDate' | 'amountCents' | 'feeCents' | 'approved' | 'state' | 'receiptId'
>;

function toPayment(row: Record<string, unknown> | undefined): LedgerPayment | null {
  if (!row) return null;
  return { ...(row as unknown as LedgerPayment), approved: row.approved === 1 };
}

function toReturn(row: Record<string, unknown> | undefined): LedgerReturn | null {
  if (!row) return null;
  return { ...(row as unknown as LedgerReturn), intent: row.intent === 1 };
}

export class PaymentLedger {
  private readonly statements: Statements;

  constructor(private readonly db: Db) {
    this.statements = new Statements(db);
  }

  private sql(text: string) {
    return this.statements.get(text);
  }

  /**
   * Records one page of IC's feed in one transaction, before anything is written to InHANCE. A
   * GUID seen before under another sequence is a duplicate delivery: logged and counted, not stored twice.
   */
  recordPage(billerId: string, records: readonly IcPaymentRecord[], at: string, runId: string | null): PageRecorded {
    const out: PageRecorded = { newPayments: [], newReturns: [], duplicates: 0, reread: 0 };
    const seenDelivery = this.sql(
      'SELECT 1 FROM payment_deliveries WHERE biller_id = ? AND payment_guid = ? AND ic_sequence = ?',
    );
    const knownGuid = this.sql('SELECT 1 FROM payment_deliveries WHERE biller_id = ? AND payment_guid = ? LIMIT 1');
    const addDelivery = this.sql(
      'INSERT INTO payment_deliveries (biller_id, payment_guid, ic_sequence, record_type, received_at, run_id, duplicate) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const bumpPayment = this.sql(
      'UPDATE payments SET deliveries = deliveries + 1, updated_at = ? WHERE biller_id = ? AND payment_guid = ?',
    );
    const bumpReturn = this.sql(
      'UPDATE payment_returns SET deliveries = deliveries + 1 WHERE biller_id = ? AND return_guid = ?',
    );
    const addPayment = this.sql(`
      INSERT INTO payments (biller_id, payment_guid, ic_sequence, paid_at, deposit_date, invoice_number, account_number, customer_name,
        amount_cents, fee_cents, payment_type_id, method, card_type, biller_reference, payment_message, approved, state, state_reason,
        downloaded_at, updated_at)
      VALUES (@billerId, @guid, @seq, @paidAt, @depositDate, @invoiceNumber, @accountNumber, @customerName, @amount, @fee, @typeId,
        @method, @cardType, @billerReference, @message, @approved, @state, @stateReason, @at, @at)`);
    const addReturn = this.sql(`
      INSERT INTO payment_returns (biller_id, return_guid, original_guid, ic_sequence, kind, code, reason, amount_cents, returned_at,
        deposit_date, received_at, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received')`);
    this.db.transaction(() => {
      for (const r of records) {
        if (seenDelivery.get(billerId, r.paymentGuid, r.sequence)) {
          out.reread++;
          continue;
        }
        const duplicate = knownGuid.get(billerId, r.paymentGuid) !== undefined;
        addDelivery.run(billerId, r.paymentGuid, r.sequence, r.recordType, at, runId, duplicate ? 1 : 0);
        if (duplicate) {
          out.duplicates++;
          if (r.recordType === 'Payment') bumpPayment.run(at, billerId, r.paymentGuid);
          else bumpReturn.run(billerId, r.paymentGuid);
          continue;
        }
        if (r.recordType === 'Payment') {
          // IC's own "not approved" payment moved no money: it is kept, never written to InHANCE.
          addPayment.run({
            billerId,
            guid: r.paymentGuid,
            seq: r.sequence,
            paidAt: r.paymentDate,
            depositDate: r.depositDate,
            invoiceNumber: r.invoiceNumber,
            accountNumber: r.accountNumber,
            customerName: r.customerName,
            amount: r.amountCents,
            fee: r.convenienceFeeCents,
            typeId: r.paymentTypeId,
            method: r.paymentMethod,
            cardType: r.cardType,
            billerReference: r.billerReference,
            message: r.paymentMessage,
            approved: r.approved ? 1 : 0,
            state: r.approved ? 'downloaded' : 'rejected',
            stateReason: r.approved ? null : 'InvoiceCloud did not approve this payment.',
            at,
          });
          out.newPayments.push(r.paymentGuid);
        } else {
          const kind = r.recordType === 'Return' ? 'return' : 'reversal';
          addReturn.run(
            billerId,
            r.paymentGuid,
            r.originalPaymentGuid ?? '',
            r.sequence,
            kind,
            kind === 'return' ? (r.returnCode ?? 'R??') : 'REVERSAL',
            r.returnReason || r.paymentMessage || '',
            r.amountCents,
            r.paymentDate,
            r.depositDate,
            at,
          );
          out.newReturns.push(r.paymentGuid);
        }
      }
    })();
    return out;
  }

  /** Runs `fn` in one write transaction (many small updates, one commit). */
  transaction(fn: () => void): void {
    this.db.transaction(fn)();
  }

  get(billerId: string, guid: string): LedgerPayment | null {
    return toPayment(
      this.sql(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE biller_id = ? AND payment_guid = ?`).get(
        billerId,
        guid,
      ) as Record<string, unknown> | undefined,
    );
  }

  has(billerId: string, guid: string): boolean {
    return (
      this.sql('SELECT 1 FROM payment_deliveries WHERE biller_id = ? AND payment_guid = ? LIMIT 1').get(
        billerId,
        guid,
      ) !== undefined
    );
  }

  byEntryId(billerId: string, entryId: string): LedgerPayment | null {
    return toPayment(
      this.sql(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE biller_id = ? AND entry_id = ?`).get(
        billerId,
        entryId,
      ) as Record<string, unknown> | undefined,
    );
  }

  /** Payments not yet settled in InHANCE (first tries, and anything in flight when the app stopped), in feed order. */
  unwritten(billerId: string): LedgerPayment[] {
    return (
      this.sql(
        `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE biller_id = ? AND state = 'downloaded' ORDER BY ic_sequence`,
      ).all(billerId) as Record<string, unknown>[]
    ).map((r) => toPayment(r)!);
  }

  /**
   * The next `limit` payments not yet settled, in feed order, after `after` (the last payment of the
   * previous page; null for the first): a long backlog is read a page at a time, so memory stays
   * bounded. Keyed on (sequence, GUID), so payments settled meanwhile do not shift the pages.
   */
  unwrittenPage(
    billerId: string,
    after: Pick<LedgerPayment, 'icSequence' | 'paymentGuid'> | null,
    limit: number,
  ): LedgerPayment[] {
    return (
      this.sql(
        `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE biller_id = @billerId AND state = 'downloaded'
           AND (@seq IS NULL OR ic_sequence > @seq OR (ic_sequence = @seq AND payment_guid > @guid))
           ORDER BY ic_sequence, payment_guid LIMIT @limit`,
      ).all({
        billerId,
        seq: after?.icSequence ?? null,
        guid: after?.paymentGuid ?? '',
        limit,
      }) as Record<string, unknown>[]
    ).map((r) => toPayment(r)!);
  }

  /** Payments in InHANCE's queue as far as this ledger knows: other workstations may have acted on them since. */
  openPayments(billerId: string): LedgerPayment[] {
    return (
      this.sql(
        `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE biller_id = ? AND state IN ('queued', 'exception', 'held', 'rejected') AND entry_id IS NOT NULL ORDER BY ic_sequence`,
      ).all(billerId) as Record<string, unknown>[]
    ).map((r) => toPayment(r)!);
  }

  payments(billerId: string, filter: { depositDate?: string; from?: string; to?: string } = {}): LedgerPayment[] {
    return (
      this.sql(
        `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE biller_id = @billerId
           AND (@day IS NULL OR deposit_date = @day) AND (@from IS NULL OR deposit_date >= @from) AND (@to IS NULL OR deposit_date <= @to)
           ORDER BY ic_sequence`,
      ).all({ billerId, day: filter.depositDate ?? null, from: filter.from ?? null, to: filter.to ?? null }) as Record<
        string,
        unknown
      >[]
    ).map((r) => toPayment(r)!);
  }

  /**
   * The few fields control totals add up, for deposit days in a range: a sum over every payment of
   * the days (23,000 at a large utility), so it reads seven columns instead of the whole record.
   */
  totalsPayments(billerId: string, filter: { from?: string; to?: string } = {}): TotalsPayment[] {
    const rows = this.sql(
      `SELECT payment_guid AS paymentGuid, deposit_date AS depositDate, amount_cents AS amountCents, fee_cents AS feeCents,
         approved, state, receipt_id AS receiptId
       FROM payments WHERE biller_id = @billerId
         AND (@from IS NULL OR deposit_date >= @from) AND (@to IS NULL OR deposit_date <= @to)`,
    ).all({ billerId, from: filter.from ?? null, to: filter.to ?? null }) as Array<
      Omit<TotalsPayment, 'approved'> & { approved: number }
    >;
    return rows.map((r) => ({
      paymentGuid: r.paymentGuid,
      depositDate: r.depositDate,
      amountCents: r.amountCents,
      feeCents: r.feeCents,
      approved: r.approved === 1,
      state: r.state,
      receiptId: r.receiptId,
    }));
  }

  /**
   * Records the intent to write this payment to InHANCE, before the write. Returns the attempt
   * number: above 1, an earlier try may have landed and must be looked up first.
   */
  setIntent(
    billerId: string,
    guid: string,
    intent: 'entry' | 'live',
    exception: { kind: ExceptionKind; reason: string } | null,
    at: string,
  ): number {
    this.sql(
      `UPDATE payments SET intent = ?, intent_at = ?, attempts = attempts + 1, mode = COALESCE(mode, ?), exception_kind = ?, exception_reason = ?, updated_at = ?
         WHERE biller_id = ? AND payment_guid = ?`,
    ).run(
      intent,
      at,
      intent === 'live' ? 'live' : 'pending',
      exception?.kind ?? null,
      exception?.reason ?? null,
      at,
      billerId,
      guid,
    );
    return (
      this.sql('SELECT attempts FROM payments WHERE biller_id = ? AND payment_guid = ?').get(billerId, guid) as {
        attempts: number;
      }
    ).attempts;
  }

  /** Records what InHANCE holds for the payment (after a write, a lookup, or a clerk's action) and clears the intent. */
  settle(
    billerId: string,
    guid: string,
    found: { entry: ImpresaBatchEntry | null; receipt: ImpresaReceipt | null },
    at: string,
  ): LedgerState | null {
    // Whether the payment is in this ledger, and its first return (as returnFor), in one narrow read:
    // this runs once a payment on every write.
    const known = this.sql(
      `SELECT r.kind AS kind, r.state AS state FROM payments p
         LEFT JOIN (SELECT kind, state FROM payment_returns WHERE biller_id = @billerId AND original_guid = @guid ORDER BY ic_sequence LIMIT 1) r ON 1
         WHERE p.biller_id = @billerId AND p.payment_guid = @guid`,
    ).get({ billerId, guid }) as { kind: LedgerReturn['kind'] | null; state: LedgerReturn['state'] | null } | undefined;
    if (!known) return null;
    const state = ledgerStateOf(found, {
      returnKind: known.kind && known.state !== 'received' && known.state !== 'failed' ? known.kind : null,
    });
    if (!state) return null;
    const { entry, receipt } = found;
    this.sql(
      `UPDATE payments SET state = @state, batch_id = COALESCE(@batchId, batch_id), entry_id = COALESCE(@entryId, entry_id),
           receipt_id = COALESCE(@receiptId, receipt_id), posted_by = COALESCE(@postedBy, posted_by), posted_at = COALESCE(@postedAt, posted_at),
           state_by = @stateBy, state_at = @stateAt, state_reason = @stateReason, intent = NULL, intent_at = NULL, last_error = NULL, updated_at = @at
         WHERE biller_id = @billerId AND payment_guid = @guid`,
    ).run({
      state,
      billerId,
      guid,
      at,
      batchId: entry?.batchId ?? null,
      entryId: entry?.entryId ?? null,
      receiptId: receipt?.receiptId ?? entry?.receiptId ?? null,
      postedBy: receipt?.postedBy ?? (entry?.state === 'posted' ? entry.stateBy : null),
      postedAt: receipt?.postedAt ?? (entry?.state === 'posted' ? entry.stateAt : null),
      stateBy: entry?.stateBy || receipt?.postedBy || null,
      stateAt: entry?.stateAt ?? receipt?.postedAt ?? null,
      stateReason: entry?.stateReason || null,
    });
    return state;
  }

  /** A payment that can never be written (no positive amount): kept, with why, and nothing sent. */
  settleUnwritable(billerId: string, guid: string, reason: string, at: string): void {
    this.sql(
      `UPDATE payments SET state = 'rejected', state_reason = ?, state_at = ?, intent = NULL, intent_at = NULL, updated_at = ? WHERE biller_id = ? AND payment_guid = ?`,
    ).run(reason, at, at, billerId, guid);
  }

  /**
   * An earlier payment (its GUID) on the same account, day and amount that IC did not take back: a
   * possible double payment. (Written so SQLite picks the account-and-day index.)
   */
  similarPayment(
    billerId: string,
    p: Pick<LedgerPayment, 'paymentGuid' | 'accountNumber' | 'depositDate' | 'amountCents' | 'icSequence'>,
  ): string | null {
    const row = this.sql(
      `SELECT payment_guid AS guid FROM payments INDEXED BY payments_account_day WHERE biller_id = ? AND account_number = ? AND deposit_date = ? AND amount_cents = ?
         AND ic_sequence < ? AND state NOT IN ('reversed', 'returned') AND approved = 1 ORDER BY ic_sequence LIMIT 1`,
    ).get(billerId, p.accountNumber, p.depositDate, p.amountCents, p.icSequence) as { guid: string } | undefined;
    return row?.guid ?? null;
  }

  /** A write that failed and will be tried again on the next run (the intent stays: look it up first). */
  recordFailure(billerId: string, guid: string, message: string, at: string): void {
    this.sql('UPDATE payments SET last_error = ?, updated_at = ? WHERE biller_id = ? AND payment_guid = ?').run(
      message.slice(0, 1000),
      at,
      billerId,
      guid,
    );
  }

  // ------------------------------------------------------------ batches

  batchFor(billerId: string, depositDate: string): string | null {
    const row = this.sql(
      'SELECT batch_id AS batchId FROM payment_batches WHERE biller_id = ? AND deposit_date = ?',
    ).get(billerId, depositDate) as { batchId: string } | undefined;
    return row?.batchId ?? null;
  }

  saveBatch(billerId: string, depositDate: string, batchId: string, installationId: string | null, at: string): void {
    this.sql(
      'INSERT OR REPLACE INTO payment_batches (biller_id, deposit_date, batch_id, installation_id, recorded_at) VALUES (?, ?, ?, ?, ?)',
    ).run(billerId, depositDate, batchId, installationId, at);
  }

  forgetBatch(billerId: string, depositDate: string): void {
    this.sql('DELETE FROM payment_batches WHERE biller_id = ? AND deposit_date = ?').run(billerId, depositDate);
  }

  // ------------------------------------------------------------ returns

  /**
   * `get` for many payments at once (a queue refresh's 20,000 rows): one query per 500 ids instead
   * of one a row. Payments not in this ledger are absent from the map.
   */
  getMany(billerId: string, guids: readonly string[]): Map<string, LedgerPayment> {
    const found = new Map<string, LedgerPayment>();
    for (const ids of chunksOf(guids, IN_CHUNK)) {
      const rows = this.sql(
        `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE biller_id = ? AND payment_guid IN (${IN_LIST})`,
      ).all(billerId, ...ids) as Array<Record<string, unknown>>;
      for (const row of rows) {
        const payment = toPayment(row)!;
        found.set(payment.paymentGuid, payment);
      }
    }
    return found;
  }

  /** `returnFor` for many payments at once: each payment's first return (by IC sequence). */
  returnsFor(billerId: string, originalGuids: readonly string[]): Map<string, LedgerReturn> {
    const found = new Map<string, LedgerReturn>();
    for (const ids of chunksOf(originalGuids, IN_CHUNK)) {
      const rows = this.sql(
        `SELECT ${RETURN_COLUMNS} FROM payment_returns WHERE biller_id = ? AND original_guid IN (${IN_LIST}) ORDER BY ic_sequence`,
      ).all(billerId, ...ids) as Array<Record<string, unknown>>;
      for (const row of rows) {
        const ret = toReturn(row)!;
        if (!found.has(ret.originalGuid)) found.set(ret.originalGuid, ret);
      }
    }
    return found;
  }

  returnFor(billerId: string, originalGuid: string): LedgerReturn | null {
    return toReturn(
      this.sql(
        `SELECT ${RETURN_COLUMNS} FROM payment_returns WHERE biller_id = ? AND original_guid = ? ORDER BY ic_sequence LIMIT 1`,
      ).get(billerId, originalGuid) as Record<string, unknown> | undefined,
    );
  }

  getReturn(billerId: string, returnGuid: string): LedgerReturn | null {
    return toReturn(
      this.sql(`SELECT ${RETURN_COLUMNS} FROM payment_returns WHERE biller_id = ? AND return_guid = ?`).get(
        billerId,
        returnGuid,
      ) as Record<string, unknown> | undefined,
    );
  }

  /** Returns IC reported that are not yet applied in InHANCE, in feed order. */
  unappliedReturns(billerId: string): LedgerReturn[] {
    return (
      this.sql(
        `SELECT ${RETURN_COLUMNS} FROM payment_returns WHERE biller_id = ? AND state = 'received' ORDER BY ic_sequence`,
      ).all(billerId) as Record<string, unknown>[]
    ).map((r) => toReturn(r)!);
  }

  returns(billerId: string, filter: { from?: string; to?: string } = {}): LedgerReturn[] {
    return (
      this.sql(
        `SELECT ${RETURN_COLUMNS} FROM payment_returns WHERE biller_id = @billerId
           AND (@from IS NULL OR substr(COALESCE(applied_at, received_at), 1, 10) >= @from OR deposit_date >= @from)
           ORDER BY ic_sequence`,
      ).all({ billerId, from: filter.from ?? null }) as Record<string, unknown>[]
    )
      .map((r) => toReturn(r)!)
      .filter((r) => !filter.to || r.depositDate <= filter.to);
  }

  setReturnIntent(billerId: string, returnGuid: string): number {
    this.sql(
      'UPDATE payment_returns SET intent = 1, attempts = attempts + 1 WHERE biller_id = ? AND return_guid = ?',
    ).run(billerId, returnGuid);
    return (
      this.sql('SELECT attempts FROM payment_returns WHERE biller_id = ? AND return_guid = ?').get(
        billerId,
        returnGuid,
      ) as { attempts: number }
    ).attempts;
  }

  /** Records what was done in InHANCE for a return, the original payment's new state and the account flag, together. */
  applyReturn(
    billerId: string,
    ret: LedgerReturn,
    result: { action: 'reversed' | 'pulled'; reversalId: string | null; accountNumber: string },
    at: string,
  ): void {
    this.db.transaction(() => {
      this.sql(
        'UPDATE payment_returns SET state = ?, reversal_id = ?, applied_at = ?, intent = 0, last_error = NULL WHERE biller_id = ? AND return_guid = ?',
      ).run(result.action, result.reversalId, at, billerId, ret.returnGuid);
      this.sql(
        'UPDATE payments SET state = ?, intent = NULL, updated_at = ? WHERE biller_id = ? AND payment_guid = ?',
      ).run(ret.kind === 'return' ? 'returned' : 'reversed', at, billerId, ret.originalGuid);
      this.sql(
        `INSERT INTO flagged_accounts (biller_id, account_number, code, reason, payment_guid, flagged_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (biller_id, account_number) DO UPDATE SET code = excluded.code, reason = excluded.reason, payment_guid = excluded.payment_guid, flagged_at = excluded.flagged_at`,
      ).run(billerId, result.accountNumber, ret.code, ret.reason, ret.originalGuid, at);
    })();
  }

  returnFailed(billerId: string, returnGuid: string, message: string, permanent: boolean): void {
    this.sql(
      `UPDATE payment_returns SET last_error = ?, state = CASE WHEN ? THEN 'failed' ELSE state END WHERE biller_id = ? AND return_guid = ?`,
    ).run(message.slice(0, 1000), permanent ? 1 : 0, billerId, returnGuid);
  }

  isFlagged(billerId: string, accountNumber: string): boolean {
    return (
      this.sql('SELECT 1 FROM flagged_accounts WHERE biller_id = ? AND account_number = ?').get(
        billerId,
        accountNumber,
      ) !== undefined
    );
  }

  flaggedAccounts(billerId: string): Map<string, { code: string; reason: string; flaggedAt: string }> {
    const rows = this.sql(
      'SELECT account_number AS a, code, reason, flagged_at AS flaggedAt FROM flagged_accounts WHERE biller_id = ?',
    ).all(billerId) as Array<{
      a: string;
      code: string;
      reason: string;
      flaggedAt: string;
    }>;
    return new Map(rows.map((r) => [r.a, { code: r.code, reason: r.reason, flaggedAt: r.flaggedAt }]));
  }

  // ------------------------------------------------------------ figures

  duplicateDeliveries(billerId: string): number {
    return (
      this.sql('SELECT COUNT(*) AS n FROM payment_deliveries WHERE biller_id = ? AND duplicate = 1').get(billerId) as {
        n: number;
      }
    ).n;
  }

  deliveries(
    billerId: string,
    guid: string,
  ): Array<{ icSequence: number; recordType: string; receivedAt: string; runId: string | null; duplicate: boolean }> {
    return (
      this.sql(
        'SELECT ic_sequence AS icSequence, record_type AS recordType, received_at AS receivedAt, run_id AS runId, duplicate FROM payment_deliveries WHERE biller_id = ? AND payment_guid = ? ORDER BY id',
      ).all(billerId, guid) as Array<{
        icSequence: number;
        recordType: string;
        receivedAt: string;
        runId: string | null;
        duplicate: number;
      }>
    ).map((d) => ({ ...d, duplicate: d.duplicate === 1 }));
  }

  counts(billerId: string): Record<LedgerState, number> {
    const out = {
      downloaded: 0,
      queued: 0,
      exception: 0,
      posted: 0,
      held: 0,
      rejected: 0,
      reversed: 0,
      returned: 0,
    } as Record<LedgerState, number>;
    for (const r of this.sql('SELECT state, COUNT(*) AS n FROM payments WHERE biller_id = ? GROUP BY state').all(
      billerId,
    ) as Array<{ state: LedgerState; n: number }>)
      out[r.state] = r.n;
    return out;
  }
}

/** Ids per IN (…) list: well under SQLite's 32,766 bound variables. */
const IN_CHUNK = 500;
const IN_LIST = Array.from({ length: IN_CHUNK }, () => '?').join(',');

/**
 * `items` in lists of exactly `size`, the last one padded with a repeat of its first id (a repeat
 * changes nothing in an IN list): every chunk uses the one cached statement.
 */
function chunksOf(items: readonly string[], size: number): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < items.length; i += size) {
    const chunk = items.slice(i, i + size);
    while (chunk.length < size) chunk.push(chunk[0]!);
    chunks.push(chunk);
  }
  return chunks;
}
