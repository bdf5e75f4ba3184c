import type { EventPayload } from '../../shared/contract';
import type { LedgerState } from '../../shared/domain/payments';
import type { BillerProfile } from '../billers/billers.service';
import type { ImpresaBatchEntry, ImpresaReceipt } from '../clients/impresa';
import type { EventBus } from '../ipc/router';
import type { LedgerPayment, LedgerReturn, PaymentLedger } from './ledger';
import { rowFromEntry, rowFromReceipt, type QueueRow } from './queue-rows';
import type { QueueStore } from './queue-store';

/** What holds a payment in InHANCE: its batch entry, its receipt, or both once the entry is posted. */
export interface Landed {
  entry: ImpresaBatchEntry | null;
  receipt: ImpresaReceipt | null;
}

/** Why the queue changed, as `payments:changed` says it. */
export type ChangeReason = EventPayload<'payments:changed'>['reason'];

/**
 * What a queue row takes from this installation besides InHANCE's answer: whether the account is
 * flagged, and the payer's name an earlier copy of the row had (a receipt does not carry it).
 * One row at a time reads them from SQLite; a whole refresh reads them once (`lookupsFor(…, 'all')`).
 */
export interface RowLookups {
  flagged(accountNumber: string): boolean;
  knownName(paymentGuid: string): string;
  /** IC's payment in this ledger, or null. */
  payment(paymentGuid: string): LedgerPayment | null;
  /** The payment's first return, or null. */
  ret(paymentGuid: string): LedgerReturn | null;
}

/**
 * The one way InHANCE's answer for a payment (an entry, a receipt, or both) reaches this
 * installation: the ledger row (when this installation downloaded the payment), the queue copy's
 * row, with what the ledger knows (IC's payment, its return, the account's flag), and the
 * `payments:changed` event. The Payments job, the clerk's actions and the queue refresh all use it.
 */
export class WriteBack {
  constructor(
    private readonly deps: {
      ledger: PaymentLedger;
      store: QueueStore;
      clock: { now(): Date };
      events: EventBus;
    },
  ) {}

  /** The ledger's payment takes what InHANCE holds; null when the payment is not in this ledger. */
  settle(
    billerId: string,
    paymentGuid: string,
    landed: Landed,
    at = this.deps.clock.now().toISOString(),
  ): LedgerState | null {
    return this.deps.ledger.settle(billerId, paymentGuid, landed, at);
  }

  /**
   * The look-ups a row needs: per row from SQLite (`one`), or for many rows at once (`all`, with
   * the payments they are for): flags and names read once, payments and returns 500 to a query
   * (per row, a 23,000-row refresh spent 1.4 to 2 s of main's time in 46,000 queries).
   */
  lookupsFor(billerId: string, scope: 'one' | 'all', guids: readonly string[] = []): RowLookups {
    const { ledger, store } = this.deps;
    if (scope === 'one') {
      return {
        flagged: (account) => ledger.isFlagged(billerId, account),
        knownName: (guid) => store.get(billerId, guid)?.customerName ?? '',
        payment: (guid) => ledger.get(billerId, guid),
        ret: (guid) => ledger.returnFor(billerId, guid),
      };
    }
    const flags = ledger.flaggedAccounts(billerId);
    const names = store.names(billerId);
    const payments = ledger.getMany(billerId, guids);
    const returns = ledger.returnsFor(billerId, guids);
    const wanted = new Set(guids);
    return {
      flagged: (account) => flags.has(account),
      knownName: (guid) => names.get(guid) ?? '',
      // A payment asked for outside `guids` is read on its own, never taken as missing.
      payment: (guid) => (wanted.has(guid) ? (payments.get(guid) ?? null) : ledger.get(billerId, guid)),
      ret: (guid) => (wanted.has(guid) ? (returns.get(guid) ?? null) : ledger.returnFor(billerId, guid)),
    };
  }

  /** The queue row for what InHANCE holds (the entry when there is one, else the receipt). */
  row(biller: BillerProfile, landed: Landed, lookups: RowLookups = this.lookupsFor(biller.id, 'one')): QueueRow {
    const { entry, receipt } = landed;
    const guid = entry?.externalRef ?? receipt?.externalRef;
    if (guid === undefined) throw new Error('InHANCE answered with neither an entry nor a receipt.');
    const account = entry?.accountNumber ?? receipt?.accountNumber ?? '';
    const context = {
      timeZone: biller.timeZone,
      payment: lookups.payment(guid),
      ret: lookups.ret(guid),
      flagged: lookups.flagged(account),
      knownName: lookups.knownName(guid),
    };
    return entry ? rowFromEntry(entry, context, receipt) : rowFromReceipt(receipt!, context);
  }

  /**
   * InHANCE's answers into the ledger (`settle`: false when the caller already settled them, as the
   * write path does between its crash points) and the queue copy, in the order given.
   */
  record(biller: BillerProfile, answers: readonly Landed[], options: { settle?: boolean } = {}): QueueRow[] {
    if (answers.length === 0) return [];
    const at = this.deps.clock.now().toISOString();
    // A few answers (a clerk's action) read their look-ups row by row; a job's pass, thousands, reads them once.
    const one = this.lookupsFor(biller.id, 'one');
    const many =
      answers.length > 50
        ? this.lookupsFor(
            biller.id,
            'all',
            answers.map((l) => l.entry?.externalRef ?? l.receipt?.externalRef ?? ''),
          )
        : one;
    // Settling here changes the ledger's payment just before its row is built: read it then, not before.
    const lookups = options.settle === false ? many : { ...many, payment: one.payment };
    const rows = answers.map((landed) => {
      const guid = landed.entry?.externalRef ?? landed.receipt?.externalRef;
      if (options.settle !== false && guid !== undefined) this.settle(biller.id, guid, landed, at);
      return this.row(biller, landed, lookups);
    });
    this.deps.store.upsert(biller.id, rows);
    return rows;
  }

  /** Tells every screen the biller's queue changed (once per action, page or refresh). */
  changed(billerId: string, reason: ChangeReason): void {
    this.deps.events.emit('payments:changed', { billerId, reason });
  }
}
