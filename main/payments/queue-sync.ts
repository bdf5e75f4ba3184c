import type { Clock } from '../ground/clock';
import { addDays } from '../ground/dates';
import type { BillerProfile } from '../billers/billers.service';
import type { EntryFilter, ImpresaBatchEntry, ImpresaClient, ImpresaReceipt } from '../clients/impresa';
import type { PaymentLedger } from './ledger';
import { dayIn, ledgerStateOf } from './payment-states';
import { rowFromLedger, type QueueRow } from './queue-rows';
import type { QueueStore } from './queue-store';
import { allPages } from './impresa-pages';
import { IcTotals } from './ic-totals';
import type { WriteBack } from './write-back';

/** How many days back the Returns tab keeps what this installation saw taken back. */
export const RETURNS_DAYS = 30;
/** Ledger payments still open after a refresh that InHANCE no longer lists as open: looked up one by one, this many at most per refresh. */
const SETTLE_LIMIT = 500;
const PAGE = 1000;

/**
 * Reads the queue from InHANCE (the shared truth): every pending, held and rejected entry, and
 * every receipt posted today (by any clerk at any workstation, or live by IC Clerk), and the recent
 * batches with IC's day totals. The ledger learns what other workstations did to the payments it wrote.
 */
export class QueueSync {
  private readonly store: QueueStore;
  private readonly ledger: PaymentLedger;
  private readonly clock: Clock;

  constructor(
    private readonly deps: {
      store: QueueStore;
      ledger: PaymentLedger;
      writeBack: WriteBack;
      clock: Clock;
      totals: IcTotals;
    },
  ) {
    this.store = deps.store;
    this.ledger = deps.ledger;
    this.clock = deps.clock;
  }

  async sync(
    biller: BillerProfile,
    impresa: ImpresaClient,
    today: string,
  ): Promise<{ entries: number; changed: number; syncedAt: string }> {
    // Clerks keep working while InHANCE is read: what they change from here on is newer than this read.
    const mark = this.store.mark();
    const entries: ImpresaBatchEntry[] = [];
    for (const state of ['pending', 'held', 'rejected'] as const) {
      const filter = (after: number): EntryFilter => ({ state, after, limit: PAGE });
      entries.push(...(await allPages((after) => impresa.listEntries(filter(after)))));
    }
    const receipts = await allPages((after) => impresa.listReceipts({ postedOn: today, after, limit: PAGE }));
    // The batches carry IC's day totals as the job host set them: control totals on any workstation.
    const batchesFrom = IcTotals.since(today);
    const batches = await impresa.listBatches({ from: batchesFrom });
    // Each step below holds main for a few hundred milliseconds at 20,000 rows: between them a clerk's
    // click is answered (what it writes is newer than `mark`, and both steps below keep it).
    const rows = this.buildRows(biller, entries, receipts);
    await yieldToEvents();
    const at = this.clock.now().toISOString();
    await this.settleLedger(biller, impresa, entries, receipts, rows, mark);
    await yieldToEvents();
    const changed = this.store.replaceAll(biller.id, [...rows.values()], at, mark);
    this.deps.totals.replace(biller.id, batches, batchesFrom, at);
    return { entries: rows.size, changed, syncedAt: at };
  }

  private buildRows(
    biller: BillerProfile,
    entries: ImpresaBatchEntry[],
    receipts: ImpresaReceipt[],
  ): Map<string, QueueRow> {
    const tz = biller.timeZone;
    const { writeBack } = this.deps;
    // Read once for the whole queue (20,000 rows), not once per row.
    const lookups = writeBack.lookupsFor(biller.id, 'all', [
      ...entries.map((e) => e.externalRef),
      ...receipts.map((r) => r.externalRef),
    ]);
    const rows = new Map<string, QueueRow>();
    for (const entry of entries) rows.set(entry.externalRef, writeBack.row(biller, { entry, receipt: null }, lookups));
    for (const receipt of receipts) {
      if (rows.has(receipt.externalRef)) continue;
      rows.set(receipt.externalRef, writeBack.row(biller, { entry: null, receipt }, lookups));
    }
    const since = addDays(dayIn(this.clock.now(), tz), -RETURNS_DAYS);
    for (const ret of this.ledger.returns(biller.id, { from: since })) {
      // A row read from InHANCE already carries the return (its context has it).
      if (rows.has(ret.originalGuid)) continue;
      const payment = this.ledger.get(biller.id, ret.originalGuid);
      if (payment)
        rows.set(
          ret.originalGuid,
          rowFromLedger(payment, ret, { timeZone: tz, flagged: lookups.flagged(payment.accountNumber) }),
        );
    }
    return rows;
  }

  /** Brings the ledger up to date with what InHANCE holds for the payments this installation wrote. */
  private async settleLedger(
    biller: BillerProfile,
    impresa: ImpresaClient,
    entries: ImpresaBatchEntry[],
    receipts: ImpresaReceipt[],
    rows: Map<string, QueueRow>,
    mark: number,
  ): Promise<void> {
    const at = this.clock.now().toISOString();
    const byRef = new Map<string, { entry: ImpresaBatchEntry | null; receipt: ImpresaReceipt | null }>();
    for (const e of entries) byRef.set(e.externalRef, { entry: e, receipt: null });
    for (const r of receipts) byRef.set(r.externalRef, { entry: byRef.get(r.externalRef)?.entry ?? null, receipt: r });
    const open = this.ledger.openPayments(biller.id);
    const unseen: string[] = [];
    this.ledger.transaction(() => {
      // A clerk's action during the read already recorded a newer answer: do not settle the older one over it.
      const acted = this.store.writtenSince(biller.id, mark);
      for (const p of open) {
        if (acted.has(p.paymentGuid)) continue;
        const found = byRef.get(p.paymentGuid);
        if (!found) {
          if (!rows.has(p.paymentGuid)) unseen.push(p.paymentGuid);
          continue;
        }
        const stateAt = found.entry?.stateAt ?? found.receipt?.postedAt ?? null;
        // Most of the queue did not move since the last refresh: leave those rows alone.
        if (stateAt === p.stateAt && ledgerStateOf(found, { returnKind: null }) === p.state) continue;
        this.deps.writeBack.settle(biller.id, p.paymentGuid, found, at);
      }
    });
    // Posted on another day by someone else: InHANCE no longer lists it as waiting.
    for (const guid of unseen.slice(0, SETTLE_LIMIT)) {
      const landed = await impresa.lookupExternalRef(guid);
      if (landed.entry || landed.receipt) this.deps.writeBack.settle(biller.id, guid, landed, at);
    }
  }
}

/** Lets waiting I/O (a clerk's request) run before the next synchronous step. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
