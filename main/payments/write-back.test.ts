import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BillerProfile } from '../billers/billers.service';
import type { ImpresaBatchEntry, ImpresaReceipt } from '../clients/impresa';
import { EventBus } from '../ipc/router';
import { openAppDatabase } from '../app/migrations';
import type { Db } from '../store/database';
import { PaymentLedger } from './ledger';
import { QueueStore } from './queue-store';
import { icPaymentRecord, insertTestBiller } from './testing';
import { WriteBack } from './write-back';

/** InHANCE's answers into the ledger, the queue copy and the event, on a real SQLite file. */
let dir: string;
let db: Db;
let ledger: PaymentLedger;
let store: QueueStore;
let events: EventBus;
let heard: Array<{ event: string; payload: unknown }>;
let writeBack: WriteBack;
const B = 'biller-1';
const AT = '2025-03-03T15:00:00.000Z';
const biller = { id: B, timeZone: 'America/New_York' } as BillerProfile;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-write-back-'));
  db = openAppDatabase(dir);
  insertTestBiller(db, B, AT);
  ledger = new PaymentLedger(db);
  store = new QueueStore(db);
  events = new EventBus();
  heard = [];
  events.subscribe((event, payload) => heard.push({ event, payload }));
  writeBack = new WriteBack({ ledger, store, clock: { now: () => new Date(AT) }, events });
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function entry(guid: string, over: Partial<ImpresaBatchEntry> = {}): ImpresaBatchEntry {
  return {
    entryId: 'E000001',
    batchId: 'B000001',
    externalRef: guid,
    accountNumber: '0001-00',
    originalAccountNumber: '0001-00',
    amountCents: 1000,
    convenienceFeeCents: 295,
    paymentDate: '2025-03-03',
    paymentType: 'ach',
    invoiceNumber: 'INV-1',
    payerName: '',
    memo: '',
    state: 'pending',
    stateReason: '',
    stateBy: '',
    stateAt: null,
    receiptId: null,
    installationId: null,
    createdAt: AT,
    ...over,
  };
}

function receipt(guid: string, over: Partial<ImpresaReceipt> = {}): ImpresaReceipt {
  return {
    receiptId: 'R000001',
    externalRef: guid,
    accountNumber: '0001-00',
    amountCents: 1000,
    convenienceFeeCents: 295,
    paymentDate: '2025-03-03',
    paymentType: 'ach',
    invoiceNumber: 'INV-1',
    source: 'entry',
    entryId: 'E000001',
    postedBy: 'mlopez',
    postedAt: '2025-03-03T16:00:00.000Z',
    installationId: null,
    reversalId: null,
    ...over,
  };
}

const flag = (account: string) =>
  db
    .prepare(
      'INSERT INTO flagged_accounts (biller_id, account_number, code, reason, payment_guid, flagged_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(B, account, 'R01', 'Insufficient funds', 'some-returned-payment', AT);

describe('writing back what InHANCE answered', () => {
  it('settles the ledger payment, writes its queue row with what the ledger knows, and announces nothing by itself', () => {
    const ic = icPaymentRecord(1);
    ledger.recordPage(B, [ic], AT, 'run-1');
    const posted = entry(ic.paymentGuid, {
      state: 'posted',
      stateBy: 'mlopez',
      stateAt: '2025-03-03T16:00:00.000Z',
      receiptId: 'R000001',
    });

    const [row] = writeBack.record(biller, [{ entry: posted, receipt: receipt(ic.paymentGuid) }]);

    expect(ledger.get(B, ic.paymentGuid)).toMatchObject({
      state: 'posted',
      entryId: 'E000001',
      receiptId: 'R000001',
      postedBy: 'mlopez',
    });
    expect(row).toMatchObject({
      id: ic.paymentGuid,
      state: 'posted',
      postedBy: 'mlopez',
      customerName: 'Customer 1',
      paidAt: ledger.get(B, ic.paymentGuid)!.paidAt,
    });
    expect(store.get(B, ic.paymentGuid)).toMatchObject({ state: 'posted', customerName: 'Customer 1', tab: 'posted' });
    expect(heard).toEqual([]);

    writeBack.changed(B, 'post');
    expect(heard).toEqual([{ event: 'payments:changed', payload: { billerId: B, reason: 'post' } }]);
  });

  it('leaves the ledger alone when the caller settled it already', () => {
    const ic = icPaymentRecord(2);
    ledger.recordPage(B, [ic], AT, 'run-1');
    writeBack.record(
      biller,
      [{ entry: entry(ic.paymentGuid, { state: 'held', stateBy: 'mlopez', stateAt: AT }), receipt: null }],
      { settle: false },
    );
    expect(ledger.get(B, ic.paymentGuid)!.state).toBe('downloaded');
    expect(store.get(B, ic.paymentGuid)!.state).toBe('held');
  });

  it('keeps the name an earlier copy had and shows the account flag, for an entry this ledger never saw', () => {
    flag('0001-00');
    writeBack.record(biller, [{ entry: entry('manual-1', { payerName: 'Ada Smith' }), receipt: null }]);
    // The receipt of the post carries no name: the copy's earlier one stays.
    const [row] = writeBack.record(biller, [
      { entry: null, receipt: receipt('manual-1', { source: 'live', entryId: null }) },
    ]);
    expect(row).toMatchObject({
      customerName: 'Ada Smith',
      accountFlagged: true,
      state: 'posted',
      receiptId: 'R000001',
    });
    expect(ledger.get(B, 'manual-1')).toBeNull();
  });

  it('builds the same row from look-ups read once for a whole refresh as from look-ups read row by row', () => {
    flag('0002-00');
    writeBack.record(biller, [
      { entry: entry('manual-2', { accountNumber: '0002-00', payerName: 'Jay Kim' }), receipt: null },
    ]);
    const later = {
      entry: null,
      receipt: receipt('manual-2', { accountNumber: '0002-00', source: 'live', entryId: null }),
    };
    const one = writeBack.row(biller, later, writeBack.lookupsFor(B, 'one'));
    const all = writeBack.row(biller, later, writeBack.lookupsFor(B, 'all'));
    expect(all).toEqual(one);
    expect(all).toMatchObject({ customerName: 'Jay Kim', accountFlagged: true });
  });

  it('refuses an answer with neither an entry nor a receipt', () => {
    expect(() => writeBack.row(biller, { entry: null, receipt: null })).toThrow(/neither an entry nor a receipt/);
  });
});
