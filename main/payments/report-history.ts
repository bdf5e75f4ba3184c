import type { PaymentMethod } from '../../shared/domain/payments';
import type { ImpresaBatchEntry } from '../clients/impresa';
import type { LedgerPayment } from './ledger';
import type { EntryEvent } from './payments-audit';
import { localMoment } from './payment-states';
import type { QueueRow } from './queue-rows';

/**
 * The daily report's Held and Rejected sections as that day's history: every hold and rejection
 * this installation's audit log recorded on the day (who, when, why), whatever became of the entry
 * since. Produced again a week later, the report for the day lists the same entries; what came of
 * each later (undone, posted, pulled) is said next to it.
 */

/** What a line needs to know about its entry (amounts, account, customer), whichever copy has it. */
export interface EntryFacts {
  paymentGuid: string;
  receiptId: string | null;
  accountNumber: string;
  customerName: string;
  method: PaymentMethod;
  amountCents: number;
  feeCents: number;
}

export function factsFromRow(row: QueueRow): EntryFacts {
  return {
    paymentGuid: row.paymentGuid,
    receiptId: row.receiptId,
    accountNumber: row.accountNumber,
    customerName: row.customerName,
    method: row.method,
    amountCents: row.amountCents,
    feeCents: row.convenienceFeeCents,
  };
}

export function factsFromLedger(p: LedgerPayment): EntryFacts {
  return {
    paymentGuid: p.paymentGuid,
    receiptId: p.receiptId,
    accountNumber: p.accountNumber,
    customerName: p.customerName,
    method: p.method === 'ach' ? 'ach' : 'card',
    amountCents: p.amountCents,
    feeCents: p.feeCents,
  };
}

export function factsFromEntry(e: ImpresaBatchEntry): EntryFacts {
  return {
    paymentGuid: e.externalRef,
    receiptId: e.receiptId,
    accountNumber: e.accountNumber,
    customerName: e.payerName,
    method: e.paymentType,
    amountCents: e.amountCents,
    feeCents: e.convenienceFeeCents,
  };
}

const DONE: Record<EntryEvent['kind'], string> = {
  hold: 'Held',
  reject: 'Rejected',
  undo: 'Put back in the queue',
  post: 'Posted',
  pull: 'Pulled from the queue',
};

/**
 * What came of a hold or rejection after it: the entry's next recorded action (who and when), else
 * its state in InHANCE now when that differs (another workstation acted), else '' (still so).
 */
export function laterNote(
  event: EntryEvent,
  history: readonly EntryEvent[],
  now: { state: string; by: string; at: string | null } | null,
  timeZone: string,
  nameOf: (e: EntryEvent) => string,
): string {
  const next = history.find((e) => e.id > event.id && e.entryId === event.entryId);
  if (next) {
    const what = next.kind === 'undo' ? `${event.kind === 'hold' ? 'Hold' : 'Rejection'} undone` : DONE[next.kind];
    const why =
      (next.kind === 'reject' || next.kind === 'pull' || next.kind === 'hold') && next.reason ? `: ${next.reason}` : '';
    return `Later: ${what} by ${nameOf(next)} at ${localMoment(next.at, timeZone)}${why}`;
  }
  const stateNow = event.kind === 'hold' ? 'held' : 'rejected';
  if (!now || now.state === stateNow) return '';
  return `Later: ${now.state} in InHANCE${now.by ? ` by ${now.by}` : ''}${now.at ? ` at ${localMoment(now.at, timeZone)}` : ''}`;
}
