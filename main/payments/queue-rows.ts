import { centsToDecimal } from '../../shared/domain/money';
import type { QueueEntry, ReturnInfo } from '../../shared/domain/payments';
import type { ImpresaBatchEntry, ImpresaReceipt } from '../clients/impresa';
import type { LedgerPayment, LedgerReturn } from './ledger';
import { dayIn, exceptionOf, parsePulledReason, tabOf, type StoredTab } from './payment-states';

/**
 * Queue rows built from what InHANCE holds (entries, receipts), enriched with what this
 * installation's ledger knows (IC's time of payment, the customer's name, returns, flags).
 */
export interface QueueRow extends Omit<QueueEntry, 'tab'> {
  tab: StoredTab;
  postedDay: string | null;
  search: string;
}

export interface RowContext {
  timeZone: string;
  payment: LedgerPayment | null;
  ret: LedgerReturn | null;
  flagged: boolean;
  /** Name kept from an earlier copy of the row (a receipt does not carry the payer's name). */
  knownName?: string;
}

export function returnInfoOf(ret: LedgerReturn | null, stateReason: string, stateAt: string | null): ReturnInfo | null {
  if (ret) {
    const action = ret.state === 'received' ? 'pending' : ret.state;
    return { kind: ret.kind, code: ret.code, reason: ret.reason, at: ret.appliedAt ?? ret.receivedAt, action };
  }
  const pulled = parsePulledReason(stateReason);
  return pulled ? { ...pulled, at: stateAt, action: 'pulled' } : null;
}

function searchText(parts: Array<string | null | undefined>): string {
  return parts.filter(Boolean).join(' ').toLowerCase();
}

function finish(row: Omit<QueueRow, 'tab' | 'postedDay' | 'search'>, timeZone: string): QueueRow {
  const postedDay = row.postedAt ? dayIn(row.postedAt, timeZone) : null;
  return {
    ...row,
    tab: tabOf(row),
    postedDay,
    search: searchText([
      row.accountNumber,
      row.originalAccountNumber,
      row.customerName,
      row.paymentGuid,
      row.entryId,
      row.receiptId,
      row.invoiceNumber,
      centsToDecimal(row.amountCents),
    ]),
  };
}

export function rowFromEntry(
  entry: ImpresaBatchEntry,
  ctx: RowContext,
  receipt: ImpresaReceipt | null = null,
): QueueRow {
  const reversed =
    Boolean(receipt?.reversalId) || (entry.state === 'posted' && ctx.ret !== null && ctx.ret.state === 'reversed');
  const posted = entry.state === 'posted';
  return finish(
    {
      id: entry.externalRef,
      entryId: entry.entryId,
      receiptId: entry.receiptId,
      batchId: entry.batchId,
      paymentGuid: entry.externalRef,
      state: reversed ? 'reversed' : entry.state,
      accountNumber: entry.accountNumber,
      originalAccountNumber: entry.originalAccountNumber,
      customerName: entry.payerName || ctx.payment?.customerName || ctx.knownName || '',
      amountCents: entry.amountCents,
      convenienceFeeCents: entry.convenienceFeeCents,
      method: entry.paymentType,
      invoiceNumber: entry.invoiceNumber,
      depositDate: ctx.payment?.depositDate ?? entry.paymentDate,
      paidAt: ctx.payment?.paidAt ?? null,
      queuedAt: entry.createdAt,
      exception: entry.state === 'pending' ? exceptionOf(entry) : null,
      stateReason: entry.stateReason,
      stateBy: entry.stateBy,
      stateAt: entry.stateAt,
      postedBy: posted ? (receipt?.postedBy ?? entry.stateBy) : null,
      postedAt: posted ? (receipt?.postedAt ?? entry.stateAt) : null,
      returnInfo: returnInfoOf(ctx.ret, entry.state === 'rejected' ? entry.stateReason : '', entry.stateAt),
      accountFlagged: ctx.flagged,
    },
    ctx.timeZone,
  );
}

/** A receipt: a live post by IC Clerk (no entry), or an entry's receipt when only the receipt was read. */
export function rowFromReceipt(receipt: ImpresaReceipt, ctx: RowContext): QueueRow {
  return finish(
    {
      id: receipt.externalRef,
      entryId: receipt.entryId,
      receiptId: receipt.receiptId,
      batchId: ctx.payment?.batchId ?? null,
      paymentGuid: receipt.externalRef,
      state: receipt.reversalId ? 'reversed' : 'posted',
      accountNumber: receipt.accountNumber,
      originalAccountNumber: ctx.payment?.accountNumber ?? receipt.accountNumber,
      customerName: ctx.payment?.customerName ?? ctx.knownName ?? '',
      amountCents: receipt.amountCents,
      convenienceFeeCents: receipt.convenienceFeeCents,
      method: receipt.paymentType,
      invoiceNumber: receipt.invoiceNumber,
      depositDate: ctx.payment?.depositDate ?? receipt.paymentDate,
      paidAt: ctx.payment?.paidAt ?? null,
      queuedAt: receipt.postedAt,
      exception: null,
      stateReason: '',
      stateBy: receipt.postedBy,
      stateAt: receipt.postedAt,
      postedBy: receipt.postedBy,
      postedAt: receipt.postedAt,
      returnInfo: returnInfoOf(ctx.ret, '', null),
      accountFlagged: ctx.flagged,
    },
    ctx.timeZone,
  );
}

/** A payment this ledger saw taken back, shown under Returns even when InHANCE lists it nowhere else. */
export function rowFromLedger(
  payment: LedgerPayment,
  ret: LedgerReturn,
  ctx: { timeZone: string; flagged: boolean },
): QueueRow {
  return finish(
    {
      id: payment.paymentGuid,
      entryId: payment.entryId,
      receiptId: payment.receiptId,
      batchId: payment.batchId,
      paymentGuid: payment.paymentGuid,
      state: ret.state === 'pulled' ? 'rejected' : payment.receiptId ? 'reversed' : 'pending',
      accountNumber: payment.accountNumber,
      originalAccountNumber: payment.accountNumber,
      customerName: payment.customerName,
      amountCents: payment.amountCents,
      convenienceFeeCents: payment.feeCents,
      method: payment.method === 'ach' ? 'ach' : 'card',
      invoiceNumber: payment.invoiceNumber,
      depositDate: payment.depositDate,
      paidAt: payment.paidAt,
      queuedAt: payment.downloadedAt,
      exception: null,
      stateReason: payment.stateReason ?? '',
      stateBy: payment.stateBy ?? '',
      stateAt: payment.stateAt,
      postedBy: payment.postedBy,
      postedAt: payment.postedAt,
      returnInfo: returnInfoOf(ret, '', null),
      accountFlagged: ctx.flagged,
    },
    ctx.timeZone,
  );
}

/** A cheap fingerprint: a refresh that changes none of these changed nothing the screen shows. */
export function rowStamp(r: QueueRow): string {
  return [
    r.tab,
    r.state,
    r.accountNumber,
    r.stateAt ?? '',
    r.stateBy,
    r.postedAt ?? '',
    r.returnInfo?.action ?? '',
    r.accountFlagged ? 1 : 0,
    r.exception?.kind ?? '',
  ].join('|');
}

/** The row as the contract shows it: a posted row is listed under "Posted today" (on the day it was posted). */
export function toQueueEntry(r: QueueRow): QueueEntry {
  // Field by field (the list sends 23,000): a rest-spread cost more than reading the rows.
  return {
    id: r.id,
    entryId: r.entryId,
    receiptId: r.receiptId,
    batchId: r.batchId,
    paymentGuid: r.paymentGuid,
    tab: r.tab === 'posted' ? 'posted-today' : r.tab,
    state: r.state,
    accountNumber: r.accountNumber,
    originalAccountNumber: r.originalAccountNumber,
    customerName: r.customerName,
    amountCents: r.amountCents,
    convenienceFeeCents: r.convenienceFeeCents,
    method: r.method,
    invoiceNumber: r.invoiceNumber,
    depositDate: r.depositDate,
    paidAt: r.paidAt,
    queuedAt: r.queuedAt,
    exception: r.exception,
    stateReason: r.stateReason,
    stateBy: r.stateBy,
    stateAt: r.stateAt,
    postedBy: r.postedBy,
    postedAt: r.postedAt,
    returnInfo: r.returnInfo,
    accountFlagged: r.accountFlagged,
  };
}
