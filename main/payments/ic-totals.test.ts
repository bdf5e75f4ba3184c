import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BillerProfile } from '../billers/billers.service';
import type { ImpresaBatch, ImpresaBatchEntry } from '../clients/impresa';
import { HttpImpresaClient } from '../clients/impresa/http-client';
import { startSandbox } from '../sandbox';
import { openAppDatabase } from '../app/migrations';
import type { Db } from '../store/database';
import { controlTotals } from './control-totals';
import { IcTotals, type BatchTotal } from './ic-totals';
import { PaymentLedger } from './ledger';
import { rowFromEntry, rowFromReceipt } from './queue-rows';
import { icPaymentRecord, insertTestBiller } from './testing';

/** IC's day totals carried on InHANCE's batches: the store on a real SQLite file, and control totals that use them. */
const B = 'biller-1';
const AT = '2025-03-03T15:00:00.000Z';
const SET_AT = '2025-03-03T14:00:00.000Z';
let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-ictotals-'));
  db = openAppDatabase(dir);
  insertTestBiller(db, B, AT);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const batch = (over: Partial<ImpresaBatch> = {}): ImpresaBatch => ({
  batchId: 'B000001',
  depositDate: '2025-03-03',
  description: '',
  installationId: 'host',
  createdAt: AT,
  entryCount: 0,
  totalCents: 0,
  icTotalCents: null,
  icCount: null,
  icTotalAt: null,
  icTotalBy: null,
  ...over,
});
const total = (over: Partial<BatchTotal>): BatchTotal => ({
  depositDate: '2025-03-03',
  batchId: 'B000001',
  entryCount: 0,
  totalCents: 0,
  icTotalCents: null,
  icCount: null,
  icTotalAt: null,
  icTotalBy: null,
  ...over,
});
let n = 0;
const entry = (over: Partial<ImpresaBatchEntry>): ImpresaBatchEntry => ({
  entryId: `E${++n}`,
  batchId: 'B000001',
  externalRef: `ref-${n}`,
  accountNumber: 'x',
  originalAccountNumber: 'x',
  amountCents: 1000,
  convenienceFeeCents: 0,
  paymentDate: '2025-03-03',
  paymentType: 'card',
  invoiceNumber: '',
  payerName: '',
  memo: '',
  state: 'pending',
  stateReason: '',
  stateBy: '',
  stateAt: null,
  receiptId: null,
  installationId: 'host',
  createdAt: AT,
  ...over,
});
const ctx = { timeZone: 'UTC', payment: null, ret: null, flagged: false };

describe('IcTotals store', () => {
  it('keeps the batches a refresh read, replacing the window (a batch gone from InHANCE goes here too)', () => {
    const totals = new IcTotals(db);
    totals.replace(
      B,
      [
        batch({ icTotalCents: 500, icCount: 1, icTotalAt: SET_AT, icTotalBy: 'host' }),
        batch({ batchId: 'B000002', depositDate: '2025-03-04' }),
      ],
      '2025-03-01',
      AT,
    );
    expect([...totals.byDay(B, null, null).values()].map((b) => [b.depositDate, b.icTotalCents, b.icTotalAt])).toEqual([
      ['2025-03-03', 500, SET_AT],
      ['2025-03-04', null, null],
    ]);
    totals.replace(
      B,
      [batch({ batchId: 'B000002', depositDate: '2025-03-04', icTotalCents: 0, icCount: 0 })],
      '2025-03-01',
      AT,
    );
    expect([...totals.byDay(B, '2025-03-04', '2025-03-04').keys()]).toEqual(['2025-03-04']);
    expect(totals.byDay(B, null, null).has('2025-03-03')).toBe(false);
  });

  it('names the job host’s days whose ledger total differs from what InHANCE last said; live days are left out', () => {
    const ledger = new PaymentLedger(db);
    const totals = new IcTotals(db);
    let seq = 0;
    const p = (amountCents: number, depositDate = '2025-03-03', approved = true) =>
      icPaymentRecord(++seq, { amountCents, depositDate, approved });
    ledger.recordPage(
      B,
      [p(1000), p(2500), p(700, '2025-03-03', false), p(400, '2025-03-04'), p(900, '2025-03-05')],
      AT,
      null,
    );
    ledger.saveBatch(B, '2025-03-03', 'B000001', 'host', AT);
    ledger.saveBatch(B, '2025-03-04', 'B000002', 'host', AT);
    ledger.saveBatch(B, '2025-03-05', 'B000003', 'host', AT);
    const live = ledger.payments(B).find((x) => x.depositDate === '2025-03-05')!;
    ledger.setIntent(B, live.paymentGuid, 'live', null, AT);
    expect(totals.changed(B, '2025-03-01')).toEqual([
      { depositDate: '2025-03-03', batchId: 'B000001', icTotalCents: 3500, icCount: 2 },
      { depositDate: '2025-03-04', batchId: 'B000002', icTotalCents: 400, icCount: 1 },
    ]);
    // InHANCE already says 3500 / 2 for the 3rd: only the 4th is left to set.
    totals.replace(
      B,
      [
        batch({ icTotalCents: 3500, icCount: 2 }),
        batch({ batchId: 'B000002', depositDate: '2025-03-04', icTotalCents: 300, icCount: 1 }),
      ],
      '2025-03-01',
      AT,
    );
    expect(totals.changed(B, '2025-03-01').map((d) => d.depositDate)).toEqual(['2025-03-04']);
    expect(totals.changed(B, '2025-03-05')).toEqual([]);
  });
});

describe('IcTotals.publish against the Impresa simulator', () => {
  it('sets each changed day once; a refused set is logged, not stored, and tried again next time', async () => {
    const sandbox = await startSandbox({ accounts: 50, seed: 'ic-totals-publish' });
    try {
      const impresa = new HttpImpresaClient({
        baseUrl: sandbox.impresaBaseUrl,
        username: sandbox.impresaUser,
        password: sandbox.impresaPassword,
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      });
      const ledger = new PaymentLedger(db);
      const totals = new IcTotals(db);
      ledger.recordPage(
        B,
        [icPaymentRecord(1, { depositDate: '2025-03-03' }), icPaymentRecord(2, { depositDate: '2025-03-04' })],
        AT,
        null,
      );
      const real = await impresa.createBatch({ depositDate: '2025-03-03', installationId: 'host' });
      ledger.saveBatch(B, '2025-03-03', real.batchId, 'host', AT);
      // A batch this ledger remembers but InHANCE does not have: its set fails.
      ledger.saveBatch(B, '2025-03-04', 'B-gone', 'host', AT);
      const lines: string[] = [];
      const publish = () =>
        totals.publish(
          {
            biller: { id: B } as BillerProfile,
            installationId: 'host',
            log: (level, message) => lines.push(`${level}: ${message}`),
          },
          { impresa, today: '2025-03-05', at: () => AT },
        );

      expect(await publish()).toBe(1);
      expect(await impresa.getBatch(real.batchId)).toMatchObject({ icTotalCents: 1000, icCount: 1, icTotalBy: 'host' });
      expect(lines.find((l) => l.startsWith('warn: '))).toMatch(
        /^warn: IC's total for 2025-03-04 could not be set on InHANCE batch B-gone: .+ Clerk workstations show the earlier total until the next run sets it\.$/,
      );
      expect(totals.changed(B, '2025-03-01').map((d) => d.depositDate)).toEqual(['2025-03-04']);

      // Next time only the failed day is tried again.
      lines.length = 0;
      expect(await publish()).toBe(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^warn: IC's total for 2025-03-04/);
    } finally {
      await sandbox.close();
    }
  });
});

describe('IC’s total in the simulator’s saved state', () => {
  it('survives a restart of the sandbox', async () => {
    const stateDir = path.join(dir, 'sandbox-state');
    const login = (sb: Awaited<ReturnType<typeof startSandbox>>) =>
      new HttpImpresaClient({ baseUrl: sb.impresaBaseUrl, username: sb.impresaUser, password: sb.impresaPassword });
    const first = await startSandbox({ accounts: 20, seed: 'ic-totals-state', stateDir });
    let set: ImpresaBatch;
    try {
      const created = await login(first).createBatch({ depositDate: '2025-03-03' });
      set = await login(first).setBatchIcTotal(created.batchId, {
        icTotalCents: 4321,
        icCount: 2,
        installationId: 'host',
      });
    } finally {
      await first.close();
    }
    const again = await startSandbox({ accounts: 20, seed: 'ic-totals-state', stateDir });
    try {
      expect(await login(again).getBatch(set.batchId)).toEqual(set);
    } finally {
      await again.close();
    }
  });
});

describe('control totals with IC’s total from the batch', () => {
  it('a workstation without the ledger balances a day from the batch, counting entries posted on earlier days', () => {
    // The batch holds 3 entries (6,000): one still pending, one posted today (a receipt row), one posted yesterday (gone from the copy).
    const pending = rowFromEntry(entry({ amountCents: 1000 }), ctx);
    const postedEntry = entry({ amountCents: 2000, state: 'posted', receiptId: 'R1' });
    const postedToday = rowFromReceipt(
      {
        receiptId: 'R1',
        externalRef: postedEntry.externalRef,
        accountNumber: 'x',
        amountCents: 2000,
        convenienceFeeCents: 0,
        paymentDate: '2025-03-03',
        paymentType: 'card',
        invoiceNumber: '',
        source: 'entry',
        entryId: postedEntry.entryId,
        postedBy: 'kwong',
        postedAt: AT,
        installationId: null,
        reversalId: null,
      },
      ctx,
    );
    const batches = new Map([
      [
        '2025-03-03',
        total({
          entryCount: 3,
          totalCents: 6000,
          icTotalCents: 6000,
          icCount: 3,
          icTotalAt: SET_AT,
          icTotalBy: 'host',
        }),
      ],
    ]);
    const [day] = controlTotals({ payments: [], returns: [], rows: [pending, postedToday], hasLedger: false, batches });
    expect(day).toMatchObject({
      depositDate: '2025-03-03',
      icCents: 6000,
      icCount: 3,
      icTotalAt: SET_AT,
      postedCents: 5000,
      pendingCents: 1000,
      accountedCents: 6000,
      differenceCents: 0,
      balanced: true,
    });
    expect(day!.message).toBe('Balanced: $60.00 from IC is all in InHANCE.');
  });

  it('shows the difference: an entry IC never sent, in the batch beside IC’s payments', () => {
    const manual = rowFromEntry(entry({ amountCents: 1234 }), ctx);
    const batches = new Map([
      [
        '2025-03-03',
        total({ entryCount: 3, totalCents: 6000 + 1234, icTotalCents: 6000, icCount: 2, icTotalAt: SET_AT }),
      ],
    ]);
    const [day] = controlTotals({ payments: [], returns: [], rows: [manual], hasLedger: false, batches });
    expect(day).toMatchObject({ icCents: 6000, accountedCents: 7234, differenceCents: -1234, balanced: false });
    expect(day!.message).toBe('Off by $12.34: InHANCE holds more than IC reported (entries IC did not send).');
  });

  it('a batch without IC’s total leaves IC unknown; the job host’s own ledger wins over the batch', () => {
    const unset = controlTotals({
      payments: [],
      returns: [],
      rows: [rowFromEntry(entry({}), ctx)],
      hasLedger: false,
      batches: new Map([['2025-03-03', total({ entryCount: 1, totalCents: 1000 })]]),
    });
    expect(unset[0]).toMatchObject({ icCents: null, icTotalAt: null, balanced: null });
    expect(unset[0]!.message).toMatch(/^IC’s total is known on the job host/);

    const ledger = new PaymentLedger(db);
    ledger.recordPage(B, [icPaymentRecord(1, { amountCents: 1000, depositDate: '2025-03-03' })], AT, null);
    const hostDay = controlTotals({
      payments: ledger.payments(B),
      returns: [],
      rows: [],
      hasLedger: true,
      batches: new Map([['2025-03-03', total({ icTotalCents: 99_999, icCount: 9, icTotalAt: SET_AT })]]),
    });
    expect(hostDay[0]).toMatchObject({ icCents: 1000, icCount: 1, icTotalAt: null });
  });
});
