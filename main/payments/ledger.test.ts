import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IcPaymentRecord } from '../clients/invoicecloud';
import { openAppDatabase } from '../app/migrations';
import type { Db } from '../store/database';
import { controlTotals } from './control-totals';
import { icPaymentRecord, insertTestBiller } from './testing';
import { PaymentLedger } from './ledger';
import { exceptionMemo } from './payment-states';
import { rowFromEntry, rowFromReceipt } from './queue-rows';
import { QueueStore } from './queue-store';

/** The ledger, the queue copy and control totals on a real SQLite file. */
let dir: string;
let db: Db;
let ledger: PaymentLedger;
const B = 'biller-1';
const AT = '2025-03-03T15:00:00.000Z';

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-ledger-'));
  db = openAppDatabase(dir);
  insertTestBiller(db, B, AT);
  ledger = new PaymentLedger(db);
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const record = (over: Partial<IcPaymentRecord> = {}): IcPaymentRecord => icPaymentRecord(++n, over);

describe('recording IC’s feed', () => {
  it('records each PaymentGUID once; a second delivery under another sequence is a counted duplicate, a re-read page is not', () => {
    const a = record();
    const b = record();
    const first = ledger.recordPage(B, [a, b], AT, 'run-1');
    expect(first).toEqual({ newPayments: [a.paymentGuid, b.paymentGuid], newReturns: [], duplicates: 0, reread: 0 });
    // IC hands over `a` again later in its feed (a retried postback), and the same page is read again.
    const again = ledger.recordPage(B, [a, b, { ...a, sequence: 99 }], AT, 'run-2');
    expect(again).toEqual({ newPayments: [], newReturns: [], duplicates: 1, reread: 2 });
    expect(ledger.duplicateDeliveries(B)).toBe(1);
    expect(ledger.get(B, a.paymentGuid)!.deliveries).toBe(2);
    expect(ledger.deliveries(B, a.paymentGuid).map((d) => [d.icSequence, d.duplicate, d.runId])).toEqual([
      [a.sequence, false, 'run-1'],
      [99, true, 'run-2'],
    ]);
    expect(ledger.unwritten(B).map((p) => p.paymentGuid)).toEqual([a.paymentGuid, b.paymentGuid]);
  });

  it('keeps money in cents with the fee apart, and keeps a payment IC did not approve without ever writing it', () => {
    const ok = record({ amountCents: 12_345, convenienceFeeCents: 345 });
    const declined = record({ approved: false });
    ledger.recordPage(B, [ok, declined], AT, null);
    expect(ledger.get(B, ok.paymentGuid)).toMatchObject({
      amountCents: 12_345,
      feeCents: 345,
      state: 'downloaded',
      method: 'ach',
      paidAt: '2025-03-03T10:15:00',
    });
    expect(ledger.get(B, declined.paymentGuid)).toMatchObject({ state: 'rejected', approved: false });
    expect(ledger.unwritten(B).map((p) => p.paymentGuid)).toEqual([ok.paymentGuid]);
  });

  it('stores returns apart, keyed by their own GUID and pointing at the payment they take back', () => {
    const p = record();
    const r = record({
      recordType: 'Return',
      originalPaymentGuid: p.paymentGuid,
      returnCode: 'R01',
      returnReason: 'Insufficient Funds',
    });
    expect(ledger.recordPage(B, [p, r], AT, null).newReturns).toEqual([r.paymentGuid]);
    expect(ledger.returnFor(B, p.paymentGuid)).toMatchObject({
      returnGuid: r.paymentGuid,
      kind: 'return',
      code: 'R01',
      reason: 'Insufficient Funds',
      state: 'received',
    });
    expect(ledger.unappliedReturns(B)).toHaveLength(1);
  });

  it('records the intent before a write and clears it once InHANCE’s answer is settled; attempts count the tries', () => {
    const p = record();
    ledger.recordPage(B, [p], AT, null);
    expect(ledger.setIntent(B, p.paymentGuid, 'entry', null, AT)).toBe(1);
    expect(ledger.get(B, p.paymentGuid)).toMatchObject({
      intent: 'entry',
      mode: 'pending',
      attempts: 1,
      state: 'downloaded',
    });
    expect(ledger.setIntent(B, p.paymentGuid, 'entry', { kind: 'account-closed', reason: 'closed' }, AT)).toBe(2);
    const entry = {
      entryId: 'E000001',
      batchId: 'B000001',
      externalRef: p.paymentGuid,
      accountNumber: p.accountNumber,
      originalAccountNumber: p.accountNumber,
      amountCents: p.amountCents,
      convenienceFeeCents: 295,
      paymentDate: '2025-03-03',
      paymentType: 'ach' as const,
      invoiceNumber: '',
      payerName: '',
      memo: exceptionMemo('account-closed', 'closed'),
      state: 'pending' as const,
      stateReason: '',
      stateBy: '',
      stateAt: null,
      receiptId: null,
      installationId: null,
      createdAt: AT,
    };
    expect(ledger.settle(B, p.paymentGuid, { entry, receipt: null }, AT)).toBe('exception');
    expect(ledger.get(B, p.paymentGuid)).toMatchObject({
      intent: null,
      entryId: 'E000001',
      batchId: 'B000001',
      state: 'exception',
      exceptionKind: 'account-closed',
    });
    expect(ledger.unwritten(B)).toEqual([]);
  });

  it('sees a possible double payment only against an earlier payment of the same account, day and amount', () => {
    const first = record({ accountNumber: '0000777-00', amountCents: 5000 });
    const second = record({ accountNumber: '0000777-00', amountCents: 5000 });
    const other = record({ accountNumber: '0000777-00', amountCents: 5001 });
    ledger.recordPage(B, [first, second, other], AT, null);
    expect(ledger.similarPayment(B, ledger.get(B, first.paymentGuid)!)).toBeNull();
    expect(ledger.similarPayment(B, ledger.get(B, second.paymentGuid)!)).toBe(first.paymentGuid);
    expect(ledger.similarPayment(B, ledger.get(B, other.paymentGuid)!)).toBeNull();
  });
});

describe('the queue copy', () => {
  function seedQueue(store: QueueStore) {
    const tz = 'America/New_York';
    const ctx = { timeZone: tz, payment: null, ret: null, flagged: false };
    const e = (i: number, over: Record<string, unknown> = {}) =>
      rowFromEntry(
        {
          entryId: `E${String(i).padStart(6, '0')}`,
          batchId: 'B000001',
          externalRef: `ref-${i}`,
          accountNumber: `000${i}-00`,
          originalAccountNumber: `000${i}-00`,
          amountCents: 1000 + i,
          convenienceFeeCents: 295,
          paymentDate: '2025-03-03',
          paymentType: i % 2 ? 'card' : 'ach',
          invoiceNumber: `INV-${i}`,
          payerName: i === 3 ? 'Zoë O’Brien' : `Payer ${i}`,
          memo: '',
          state: 'pending',
          stateReason: '',
          stateBy: '',
          stateAt: null,
          receiptId: null,
          installationId: null,
          createdAt: `2025-03-03T1${i}:00:00.000Z`,
          ...over,
        } as never,
        ctx,
      );
    const rows = [
      e(1),
      e(2),
      e(3),
      e(4, { memo: exceptionMemo('account-not-found', 'Account 0004-00 does not exist in InHANCE.') }),
      e(5, { state: 'held', stateBy: 'mlopez', stateAt: AT, stateReason: 'Call back' }),
      e(6, { state: 'posted', stateBy: 'mlopez', stateAt: '2025-03-03T16:00:00.000Z', receiptId: 'R000001' }),
      e(7, { state: 'posted', stateBy: 'mlopez', stateAt: '2025-03-01T16:00:00.000Z', receiptId: 'R000002' }),
      rowFromReceipt(
        {
          receiptId: 'R000003',
          externalRef: 'ref-8',
          accountNumber: '0008-00',
          amountCents: 2500,
          convenienceFeeCents: 0,
          paymentDate: '2025-03-03',
          paymentType: 'card',
          invoiceNumber: '',
          source: 'live',
          entryId: null,
          postedBy: 'IC Clerk',
          postedAt: '2025-03-03T17:00:00.000Z',
          installationId: null,
          reversalId: null,
        },
        ctx,
      ),
    ];
    store.replaceAll(B, rows, AT);
    return rows;
  }

  it('pages, sorts, searches and totals each tab in SQL; "select all that match" returns entry ids', () => {
    const store = new QueueStore(db);
    seedQueue(store);
    const today = '2025-03-03';
    const base = { billerId: B, tab: 'ready' as const, search: '' };
    const sort = { sort: 'amount' as const, direction: 'desc' as const };
    const ready = store.page(base, today, sort, 0, 10);
    expect(ready.rows.map((r) => r.entryId)).toEqual(['E000003', 'E000002', 'E000001']);
    expect(ready.totalCents).toBe(1001 + 1002 + 1003);
    expect(store.page(base, today, sort, 1, 1).rows.map((r) => r.entryId)).toEqual(['E000002']);
    expect(store.page({ ...base, search: 'o’brien' }, today, sort, 0, 10).rows.map((r) => r.entryId)).toEqual([
      'E000003',
    ]);
    expect(store.page({ ...base, search: '$10.02' }, today, sort, 0, 10).rows.map((r) => r.entryId)).toEqual([
      'E000002',
    ]);
    expect(store.page({ ...base, search: '50%' }, today, sort, 0, 10).total).toBe(0);
    expect(store.page({ ...base, method: 'card' }, today, sort, 0, 10).rows.map((r) => r.entryId)).toEqual([
      'E000003',
      'E000001',
    ]);
    expect(store.page({ ...base, minCents: 1002 }, today, sort, 0, 10).total).toBe(2);
    expect(store.page({ ...base, tab: 'exceptions' }, today, sort, 0, 10).rows[0]!.exception).toEqual({
      kind: 'account-not-found',
      reason: 'Account 0004-00 does not exist in InHANCE.',
    });
    const posted = store.page({ ...base, tab: 'posted-today' }, today, { sort: 'postedAt', direction: 'asc' }, 0, 10);
    expect(posted.rows.map((r) => r.id)).toEqual(['ref-6', 'ref-8']);
    expect(
      store.page({ ...base, tab: 'posted-today', postedBy: 'ic clerk' }, today, sort, 0, 10).rows.map((r) => r.id),
    ).toEqual(['ref-8']);
    expect(store.ids(base, today)).toEqual({ entryIds: ['E000001', 'E000002', 'E000003'], totalCents: 3006 });
    const counts = store.counts(B, today);
    expect(counts).toMatchObject({
      ready: { count: 3, totalCents: 3006 },
      exceptions: { count: 1 },
      held: { count: 1 },
      rejected: { count: 0 },
      returns: { count: 0 },
      'posted-today': { count: 2, totalCents: 1006 + 2500 },
    });
  });

  it('a page in the default order (when paid) walks an index, both ways: no sort of the whole tab per page', () => {
    const store = new QueueStore(db);
    for (const direction of ['asc', 'desc'] as const) {
      const plan = store.pagePlan({ billerId: B, tab: 'ready', search: '' }, '2025-03-03', {
        sort: 'paidAt',
        direction,
      });
      expect(plan.join(' | ')).toContain('USING INDEX queue_entries_paid');
      expect(plan.join(' | ')).not.toContain('TEMP B-TREE');
    }
  });

  it('a refresh reports how many rows changed', () => {
    const store = new QueueStore(db);
    seedQueue(store);
    const rows = store.all(B);
    expect(store.replaceAll(B, rows, AT)).toBe(0);
    const changed = rows
      .map((r) =>
        r.entryId === 'E000001' ? { ...r, state: 'held' as const, tab: 'held' as const, stateBy: 'jpatel' } : r,
      )
      .filter((r) => r.entryId !== 'E000002');
    expect(store.replaceAll(B, changed, AT)).toBe(2);
    expect(store.syncedAt(B)).toBe(AT);
  });

  it('a refresh writes only the rows InHANCE changed, and every column of those', () => {
    const store = new QueueStore(db);
    const rows = seedQueue(store);
    const writes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = writes();
    store.replaceAll(B, rows, AT);
    // Only the sync mark is written: no unchanged row is rewritten.
    expect(writes() - before).toBe(1);
    const renamed = rows.map((r) =>
      r.entryId === 'E000003' ? { ...r, customerName: 'Renamed Payer', convenienceFeeCents: 77, paidAt: null } : r,
    );
    const mid = writes();
    store.replaceAll(B, renamed, AT);
    expect(writes() - mid).toBe(2);
    const stored = store.all(B).find((r) => r.entryId === 'E000003')!;
    expect(stored).toMatchObject({ customerName: 'Renamed Payer', convenienceFeeCents: 77, paidAt: null });
  });
});

describe('many payments at once', () => {
  it('reads payments and first returns by the hundred as one at a time does, whatever the count', () => {
    const payments = Array.from({ length: 1203 }, () => record());
    const returned = payments.filter((_, i) => i % 100 === 7);
    const returns = returned.flatMap((p, i) => [
      record({ recordType: 'Return', originalPaymentGuid: p.paymentGuid, returnCode: `R0${i % 3}` }),
      record({ recordType: 'Return', originalPaymentGuid: p.paymentGuid, returnCode: 'R99' }),
    ]);
    ledger.recordPage(B, [...payments, ...returns], AT, null);
    const guids = [...payments.map((p) => p.paymentGuid), 'not-a-payment'];
    const many = ledger.getMany(B, guids);
    expect(many.size).toBe(1203);
    for (const guid of guids) expect(many.get(guid) ?? null).toEqual(ledger.get(B, guid));
    const firsts = ledger.returnsFor(B, guids);
    expect(firsts.size).toBe(returned.length);
    for (const guid of guids) expect(firsts.get(guid) ?? null).toEqual(ledger.returnFor(B, guid));
    expect(ledger.getMany(B, [])).toEqual(new Map());
  });
});

describe('control totals', () => {
  it('IC’s day against posted + pending + held + exceptions + rejected, with what IC never sent as a difference', () => {
    const [p1, p2, p3, p4, p5] = [
      record({ amountCents: 1000 }),
      record({ amountCents: 2000 }),
      record({ amountCents: 3000 }),
      record({ amountCents: 4000 }),
      record({ amountCents: 500, depositDate: '2025-03-02' }),
    ];
    ledger.recordPage(B, [p1!, p2!, p3!, p4!, p5!], AT, null);
    const set = (guid: string, state: string, extra = '') =>
      db
        .prepare(
          `UPDATE payments SET state = ?, entry_id = 'E', receipt_id = ${extra || 'NULL'} WHERE payment_guid = ?`,
        )
        .run(state, guid);
    set(p1!.paymentGuid, 'posted', "'R1'");
    set(p2!.paymentGuid, 'queued');
    set(p3!.paymentGuid, 'exception');
    // p4 still downloaded: not written yet. p5 (another day) was posted, then reversed.
    set(p5!.paymentGuid, 'reversed', "'R2'");
    const payments = ledger.payments(B);
    const totals = controlTotals({ payments, returns: [], rows: [], hasLedger: true });
    expect(totals.map((t) => t.depositDate)).toEqual(['2025-03-03', '2025-03-02']);
    expect(totals[0]).toMatchObject({
      icCents: 10_000,
      icCount: 4,
      postedCents: 1000,
      pendingCents: 2000,
      exceptionCents: 3000,
      notWrittenCents: 4000,
      accountedCents: 6000,
      differenceCents: 4000,
      balanced: false,
    });
    expect(totals[0]!.message).toBe('Off by $40.00: InHANCE holds less than IC reported (1 payment not written yet).');
    expect(totals[1]).toMatchObject({
      icCents: 500,
      postedCents: 500,
      reversedCents: 500,
      differenceCents: 0,
      balanced: true,
      message: 'Balanced: $5.00 from IC is all in InHANCE.',
    });

    const manual = rowFromEntry(
      {
        entryId: 'E9',
        batchId: 'B1',
        externalRef: 'manual',
        accountNumber: 'x',
        originalAccountNumber: 'x',
        amountCents: 1234,
        convenienceFeeCents: 0,
        paymentDate: '2025-03-02',
        paymentType: 'card',
        invoiceNumber: '',
        payerName: '',
        memo: '',
        state: 'pending',
        stateReason: '',
        stateBy: '',
        stateAt: null,
        receiptId: null,
        installationId: null,
        createdAt: AT,
      },
      { timeZone: 'UTC', payment: null, ret: null, flagged: false },
    );
    const withManual = controlTotals({ payments, returns: [], rows: [manual], hasLedger: true });
    expect(withManual[1]).toMatchObject({
      differenceCents: -1234,
      message: 'Off by $12.34: InHANCE holds more than IC reported (entries IC did not send).',
    });
    const workstation = controlTotals({ payments: [], returns: [], rows: [manual], hasLedger: false });
    expect(workstation[0]).toMatchObject({ icCents: null, differenceCents: null, balanced: null, pendingCents: 1234 });
  });
});
