import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger, Redactor } from '../../ground/logger';
import { startSandbox, type Sandbox } from '../../sandbox';
import { failure } from '../testing';
import { writeBif, type BifRow } from './bif-writer';
import { InvoiceCloudClient } from './client';
import { testInvoiceCloudConnection } from './connection-test';

let sandbox: Sandbox;
const HOUR = 3_600_000;
const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

function client(options: Partial<ConstructorParameters<typeof InvoiceCloudClient>[0]> = {}) {
  return new InvoiceCloudClient({
    host: sandbox.icBaseUrl,
    billerGuid: sandbox.billerGuid,
    webServiceKey: sandbox.webServiceKey,
    retry: fast,
    ...options,
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 1500, seed: 'ic-contract' });
});
afterAll(async () => sandbox.close());

describe.each(['1.2', '1.1'] as const)('InvoiceCloudClient over SOAP %s', (soapVersion) => {
  it('views an invoice IC holds, with amounts in cents and dates as local ISO or null', async () => {
    const w = sandbox.world;
    const bill = w.bills.row(5);
    const invoiceNumber = `${String(Math.floor(bill.period / 12) % 100).padStart(2, '0')}${String((bill.period % 12) + 1).padStart(2, '0')}-${String(6).padStart(7, '0')}`;
    const invoice = await client({ soapVersion }).viewInvoiceByInvoiceNumber(invoiceNumber);
    expect(invoice.invoiceNumber).toBe(invoiceNumber);
    expect(invoice.totalAmountDueCents).toBe(bill.totalCents);
    expect(invoice.balanceDueCents).toBe(w.icBalance[5]);
    expect(invoice.invoiceDate).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00$/);
    expect(invoice.thirdNotifyRequestedDate).toBeNull();
    expect(typeof invoice.allowPartialPayments).toBe('boolean');
  });

  it('reports an unknown invoice as IC_NOT_FOUND naming the system and operation', async () => {
    const error = await failure(client({ soapVersion }).viewInvoiceByInvoiceNumber('9999-9999999'));
    expect(error.code).toBe('IC_NOT_FOUND');
    expect(error.message).toMatch(/^InvoiceCloud ViewInvoiceByInvoiceNumber: InvoiceCloud says "Invoice not found/);
  });

  it('views a customer record as IC holds it', async () => {
    const c = sandbox.world.icCustomer(10);
    const record = await client({ soapVersion }).viewCustomerRecord(c.accountNumber);
    expect(record).toMatchObject({
      accountNumber: c.accountNumber,
      customerName: c.customerName,
      address1: c.address1,
      zip: c.zip,
      autoPay: c.autopay,
      paperInvoices: !c.paperless,
      registered: c.registered,
    });
    if (!c.registered) expect(record.registrationDate).toBeNull();
  });

  it('turns a bad key into IC_AUTH without the key in the message or the log', async () => {
    const badKey = '0badbad0-1111-2222-3333-444455556666';
    const logger = new MemoryLogger();
    const error = await failure(
      client({ soapVersion, webServiceKey: badKey, logger }).viewCustomerRecord('0000001-00'),
    );
    expect(error.code).toBe('IC_AUTH');
    expect(error.message).toContain('InvoiceCloud ViewCustomerRecord');
    expect(error.message).not.toContain(badKey);
    expect(JSON.stringify(error)).not.toContain(badKey);
    expect(logger.lines.join('\n')).not.toContain(badKey);
  });
});

describe('InvoiceCloudClient writes and feeds', () => {
  it('updates a customer record over SOAP and over the form POST', async () => {
    const ic = client();
    const account = sandbox.world.accountNumber(20);
    await ic.updateCustomerRecord({
      accountNumber: account,
      emailAddress: 'soap.update@example.org',
      phone: '555-010-0001',
    });
    expect((await ic.viewCustomerRecord(account)).emailAddress).toBe('soap.update@example.org');
    await ic.updateCustomerRecord({ accountNumber: account, emailAddress: 'form.update@example.org' }, { via: 'form' });
    const after = await ic.viewCustomerRecord(account);
    expect(after.emailAddress).toBe('form.update@example.org');
    expect(after.phone).toBe('555-010-0001');
    const error = await failure(ic.updateCustomerRecord({ accountNumber: 'nope' }, { via: 'form' }));
    expect(error.code).toBe('IC_NOT_FOUND');
    const bad = await failure(
      client({ webServiceKey: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }).updateCustomerRecord(
        { accountNumber: account },
        { via: 'form' },
      ),
    );
    expect(bad.code).toBe('IC_AUTH');
  });

  it('uploads a BIF: good rows accepted, bad rows reported by line with a reason', async () => {
    const ic = client();
    const base: BifRow = {
      accountNumber: sandbox.world.accountNumber(30),
      customerName: 'Smith & Sons, "Plumbing"',
      invoiceNumber: 'UP-0001',
      invoiceDate: '2025-03-05',
      dueDate: '2025-03-26',
      totalAmountDueCents: 12345,
      balanceDueCents: 12345,
      invoiceTypeId: sandbox.invoiceTypeId,
      pdfLink: 'http://127.0.0.1/bills/UP-0001.pdf',
      firstNotifyDate: '2025-03-05',
      secondNotifyDate: null,
      thirdNotifyDate: null,
    };
    const csv = writeBif([
      base,
      { ...base, invoiceNumber: 'UP-0002', emailAddress: 'not-an-email' },
      { ...base, invoiceNumber: 'UP-0001' },
      { ...base, invoiceNumber: 'UP-0003', invoiceTypeId: 99 },
    ]);
    const result = await ic.uploadEncodedInvoiceFile({
      invoiceTypeId: sandbox.invoiceTypeId,
      fileName: 'march.csv',
      csv,
    });
    expect(result.rowsReceived).toBe(4);
    expect(result.rowsAccepted).toBe(1);
    expect(result.rejectedRows.map((r) => [r.lineNumber, r.invoiceNumber])).toEqual([
      [3, 'UP-0002'],
      [4, 'UP-0001'],
      [5, 'UP-0003'],
    ]);
    expect(result.rejectedRows[0]!.reason).toMatch(/Email Address/);
    expect(result.rejectedRows[1]!.reason).toMatch(/appears twice/);
    const invoice = await ic.viewInvoiceByInvoiceNumber('UP-0001');
    expect(invoice.totalAmountDueCents).toBe(12345);
    expect(invoice.secondNotifyRequestedDate).toBeNull();
    const header = await failure(
      ic.uploadEncodedInvoiceFile({ invoiceTypeId: 1, fileName: 'x.csv', csv: 'a,b\n1,2\n' }),
    );
    expect(header.code).toBe('IC_BUSINESS');
    expect(header.message).toMatch(/header row/);
  });

  it('sets balances in batches and lists them page by page with a cursor', async () => {
    const ic = client();
    const w = sandbox.world;
    const updates = Array.from({ length: 1500 }, (_, i) => ({
      accountNumber: w.accountNumber(i % w.accounts),
      balanceDueCents: 1000 + i,
    }));
    updates.push({ accountNumber: '7777777-99', balanceDueCents: 1 });
    const result = await ic.updateAccountBalances(updates);
    expect(result.recordsReceived).toBe(1501);
    expect(result.recordsUpdated).toBe(1500);
    expect(result.unknownAccounts).toEqual(['7777777-99']);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of ic.balancePages({ pageSize: 250 })) {
      pages++;
      for (const b of page.balances) seen.push(b.accountNumber);
    }
    expect(pages).toBe(Math.ceil(w.accounts / 250));
    expect(seen.length).toBe(w.accounts);
    const first = await ic.viewAccountBalances({ pageSize: 2 });
    expect(first.balances[0]!.balanceDueCents).toBe(w.icBalance[0]);
    const next = await ic.viewAccountBalances({ startAfterAccountNumber: first.lastAccountNumber, pageSize: 2 });
    expect(next.balances[0]!.accountNumber).toBe(w.accountNumber(2));
  });

  it('downloads the payment feed page by page: cents, fees apart, returns with NACHA codes', async () => {
    const ic = client();
    sandbox.advance(12 * 24 * HOUR);
    const records = [];
    let cursor = 0;
    for await (const page of ic.paymentPages({ maxRecords: 100 })) {
      expect(page.records[0]?.sequence ?? cursor + 1).toBe(cursor + 1);
      records.push(...page.records);
      cursor = page.lastSequence;
    }
    expect(records.length).toBe(sandbox.world.payments.length);
    const sim = sandbox.world.payments;
    records.forEach((r, i) => {
      expect(r.paymentGuid).toBe(sim[i]!.paymentGuid);
      expect(r.amountCents).toBe(sim[i]!.amountCents);
      expect(r.convenienceFeeCents).toBe(sim[i]!.convenienceFeeCents);
    });
    const returns = records.filter((r) => r.recordType === 'Return');
    expect(returns.length).toBeGreaterThan(0);
    expect(returns.every((r) => /^R0[123]$/.test(r.returnCode ?? '') && r.originalPaymentGuid)).toBe(true);
    expect(records.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.depositDate))).toBe(true);
    const empty = await ic.downloadPayments({ afterSequence: cursor });
    expect(empty).toEqual({ records: [], lastSequence: cursor, hasMore: false });
  });

  it('downloads customer and autopay changes from a cursor', async () => {
    const ic = client();
    const changes = await ic.downloadCustomerChanges({ afterSequence: 0, maxRecords: 1000 });
    expect(changes.records.length).toBe(sandbox.world.customerChanges.length);
    const c = changes.records[0]!;
    const sim = sandbox.world.customerChanges[0]!;
    expect(c.accountNumber).toBe(sandbox.world.accountNumber(sim.accountIndex));
    expect(c.paperInvoices).toBe(!sim.paperless);
    expect(c.changedFields.length).toBe(1);
    const autopay = [];
    for await (const page of ic.autoPayChangePages({ maxRecords: 3 })) autopay.push(...page.records);
    expect(autopay.map((a) => a.autoPay)).toEqual(sandbox.world.autopayChanges.map((a) => a.enrolled));
  });

  it('tests the connection in plain words', async () => {
    expect(await testInvoiceCloudConnection(client())).toEqual({
      ok: true,
      message: 'InvoiceCloud accepted the biller GUID and web service key.',
    });
    const bad = await testInvoiceCloudConnection(client({ webServiceKey: '00000000-0000-0000-0000-000000000000' }));
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/^InvoiceCloud rejected the web service key/);
    const down = await testInvoiceCloudConnection(client({ host: 'http://127.0.0.1:1', retry: { attempts: 1 } }));
    expect(down).toMatchObject({ ok: false });
    expect(down.message).toMatch(/refused/);
  });

  it('keeps the key out of log lines even when the redactor was not told about it', async () => {
    const logger = new MemoryLogger(new Redactor());
    const ic = client({ logger, soapVersion: '1.1' });
    await ic.viewCustomerRecord(sandbox.world.accountNumber(1));
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.join('\n')).not.toContain(sandbox.webServiceKey);
  });
});
