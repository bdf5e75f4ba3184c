import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/errors';
import { FileLogger, Redactor } from '../ground/logger';
import { DEFAULT_NOTIFY_DATES, notifyDatesFor } from '../../shared/domain/notify-dates';
import { HttpImpresaClient, type ImpresaBill, type ImpresaClient } from '../clients/impresa';
import { Router } from '../ipc/router';
import { startSandbox, type Sandbox } from '../sandbox';
import { accountSource, billSource } from '../jobs/definitions/bif-file';
import { ImpresaSampleSource, spread, type SampleRecordBuilder } from './impresa-sample-source';
import { mappingHandlers } from './mapping.ipc';
import { mappingWorld } from './mapping-test-kit';
import { standardMapping } from './presets';

let sandbox: Sandbox;
let client: ImpresaClient;
const BILLER = 'any-biller';

/** What the composition root passes: the Invoice File job's own translation, default notification dates. */
const asTheJobDoes = (): SampleRecordBuilder => (account, bill) =>
  bill
    ? {
        account: accountSource(account),
        bill: billSource(bill, account),
        notify: notifyDatesFor(bill, DEFAULT_NOTIFY_DATES),
      }
    : { account: accountSource(account), bill: null };

/** Every bill InHANCE holds, the slow way: what the sample source must agree with. */
async function latestBillByAccount(): Promise<Map<string, ImpresaBill>> {
  const latest = new Map<string, ImpresaBill>();
  for await (const page of client.billPages({ limit: 100 })) for (const b of page.items) latest.set(b.accountNumber, b);
  return latest;
}

beforeAll(async () => {
  // 120 accounts billed once at the start, then 40 days: a second round of bills for most of them.
  sandbox = await startSandbox({ accounts: 120, seed: 'mapping-preview' });
  sandbox.advance(40 * 24 * 3600_000);
  client = new HttpImpresaClient({
    baseUrl: sandbox.impresaBaseUrl,
    username: sandbox.impresaUser,
    password: sandbox.impresaPassword,
  });
});
afterAll(async () => sandbox.close());

describe('the mapping preview reading InHANCE Impresa (sandbox simulator over HTTP)', () => {
  it('samples N accounts spread over the latest bills, each with its own latest bill, as the Invoice File job reads them', async () => {
    const source = new ImpresaSampleSource(async () => client, asTheJobDoes);
    const records = await source.sample(BILLER, 5);
    const truth = await latestBillByAccount();
    const newestFirst = [...truth.values()].sort((a, b) => b.seq - a.seq).map((b) => b.accountNumber);

    expect(records).toHaveLength(5);
    const numbers = records.map((r) => String(r.account.accountNumber));
    expect(new Set(numbers).size).toBe(5);
    // A spread: the most recently billed account, the least recently billed one, and three between.
    expect(numbers[0]).toBe(newestFirst[0]);
    expect(numbers[4]).toBe(newestFirst[newestFirst.length - 1]);
    for (const r of records) {
      const number = String(r.account.accountNumber);
      const bill = truth.get(number)!;
      expect(r.bill).toMatchObject({
        invoiceNumber: bill.invoiceNumber,
        accountNumber: number,
        totalCents: bill.totalAmountDueCents,
        minimumCents: bill.minimumAmountDueCents,
      });
      expect(r.bill!.balanceCents).toBe(r.account.balanceCents);
      const account = await client.getAccount(number);
      expect(r.account).toMatchObject({
        customerName: account.name,
        address1: account.address.line1,
        city: account.address.city,
        zip: account.address.zip,
        autoPay: account.autopay.enrolled,
        version: account.version,
      });
      expect(r.notify).toEqual(notifyDatesFor(bill, DEFAULT_NOTIFY_DATES));
    }
  });

  it('tops a small site’s recent bills up with accounts that have none, each account once', async () => {
    const source = new ImpresaSampleSource(async () => client, asTheJobDoes, { recentBills: 6 });
    const records = await source.sample(BILLER, 12);
    expect(records).toHaveLength(12);
    expect(new Set(records.map((r) => r.account.accountNumber)).size).toBe(12);
    const billed = records.filter((r) => r.bill);
    expect(billed.length).toBeGreaterThan(0);
    expect(billed.length).toBeLessThanOrEqual(6);
    expect(records.filter((r) => r.bill === null).length).toBe(12 - billed.length);
  });

  it('reads the accounts asked for and leaves out a number InHANCE does not know', async () => {
    const source = new ImpresaSampleSource(async () => client, asTheJobDoes);
    const a = sandbox.world.accountNumber(3);
    const b = sandbox.world.accountNumber(77);
    const records = await source.byNumbers(BILLER, [a, '0000000-00', b]);
    expect(records.map((r) => r.account.accountNumber)).toEqual([a, b]);
    const truth = await latestBillByAccount();
    expect(records.map((r) => r.bill?.invoiceNumber)).toEqual([
      truth.get(a)!.invoiceNumber,
      truth.get(b)!.invoiceNumber,
    ]);
  });

  it('lets a preview through IPC map real records with the standard mapping, row by row, and discover the extra fields', async () => {
    const world = mappingWorld();
    try {
      const router = new Router(new FileLogger(path.join(world.dataDir, 'logs'), new Redactor()));
      router.register(
        'mapping',
        mappingHandlers(world.mapping, new ImpresaSampleSource(async () => client, asTheJobDoes)),
      );
      const number = sandbox.world.accountNumber(9);
      const envelope = (await router.dispatch(
        'mapping:preview',
        { billerId: world.biller.id, rows: standardMapping(), accountNumbers: [number, '0000000-00'] },
        { shell: 'browser', trustedSender: true },
      )) as Envelope;
      if (!('result' in envelope)) throw new Error(JSON.stringify(envelope.error));
      const result = envelope.result as {
        rows: Array<{
          accountNumber: string;
          invoiceNumber: string | null;
          values: Record<string, string>;
          rejected: string | null;
        }>;
        notFound: string[];
        rejected: number;
        sourceFields: Array<{ path: string; type: string; discovered: boolean }>;
      };
      const account = await client.getAccount(number);
      const bill = (await latestBillByAccount()).get(number)!;
      expect(result.notFound).toEqual(['0000000-00']);
      expect(result.rows).toHaveLength(1);
      const row = result.rows[0]!;
      expect(row).toMatchObject({ accountNumber: number, invoiceNumber: bill.invoiceNumber, rejected: null });
      expect(row.values['customers-accountnumber']).toBe(number);
      expect(row.values['customers-customername']).toBe(account.name.trim());
      expect(row.values['invoices-totalamountdue']).toBe((bill.totalAmountDueCents / 100).toFixed(2));
      expect(row.values['invoices-invoicedate']).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
      expect(row.values['invoices-invoicetypeid']).toBe('7');
      const discovered = result.sourceFields.filter((f) => f.discovered).map((f) => `${f.path}:${f.type}`);
      expect(discovered).toEqual(
        expect.arrayContaining([
          'account.version:integer',
          'bill.chargesCents:cents',
          'bill.issuedAt:datetime',
          'bill.seq:integer',
        ]),
      );
      const notify = notifyDatesFor(bill, DEFAULT_NOTIFY_DATES);
      const bifDate = (d: string | null) =>
        d ? `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}/${d.slice(0, 4)}` : undefined;
      expect(row.values['invoices-firstnotifydate']).toBe(bifDate(notify.first));
    } finally {
      world.cleanup();
    }
  });
});

describe('spread', () => {
  it('takes the first, the last and evenly spaced items between, or all when there are fewer', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(spread(items, 3)).toEqual([0, 5, 9]);
    expect(spread(items, 1)).toEqual([0]);
    expect(spread(items, 0)).toEqual([]);
    expect(spread([1, 2], 5)).toEqual([1, 2]);
  });
});
