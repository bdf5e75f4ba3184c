import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox';
import { failure } from '../testing';
import { writeBif } from './bif-writer';
import { InvoiceCloudClient } from './client';

/**
 * IC's real services may leave out `Success` and every optional element (CONTRACT.md, "What each
 * answer must hold"). The simulator's `ic:sparse` mode answers that way; the client must read the
 * same records from it as from the full answers, and still tell "found", "not found" and "refused".
 */
let sandbox: Sandbox;
const HOUR = 3_600_000;
const NS = 'https://www.invoicecloud.com/portal/webservices/CloudManagement/';

function client(soapVersion: '1.1' | '1.2' = '1.2') {
  return new InvoiceCloudClient({
    host: sandbox.icBaseUrl,
    billerGuid: sandbox.billerGuid,
    webServiceKey: sandbox.webServiceKey,
    soapVersion,
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
}

/** The same call answered in full and then sparse. */
async function both<T>(call: () => Promise<T>): Promise<{ full: T; sparse: T }> {
  sandbox.setFaults('');
  const full = await call();
  sandbox.setFaults('ic:sparse');
  try {
    return { full, sparse: await call() };
  } finally {
    sandbox.setFaults('');
  }
}

async function sparseAnswer(accountNumber: string): Promise<string> {
  sandbox.setFaults('ic:sparse');
  try {
    const body = `<?xml version="1.0" encoding="utf-8"?><soap12:Envelope xmlns:soap12="http://www.w3.org/2003/05/soap-envelope"><soap12:Body><ViewCustomerRecord xmlns="${NS}"><BillerGUID>${sandbox.billerGuid}</BillerGUID><WebServiceKey>${sandbox.webServiceKey}</WebServiceKey><AccountNumber>${accountNumber}</AccountNumber></ViewCustomerRecord></soap12:Body></soap12:Envelope>`;
    const res = await fetch(`${sandbox.icBaseUrl}/portal/webservices/CloudManagement.asmx`, {
      method: 'POST',
      headers: { 'content-type': 'application/soap+xml; charset=utf-8' },
      body,
    });
    expect(res.status).toBe(200);
    return await res.text();
  } finally {
    sandbox.setFaults('');
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 400, seed: 'ic-sparse' });
  sandbox.advance(10 * 24 * HOUR);
});
afterAll(async () => sandbox.close());

describe('the simulator in sparse mode', () => {
  it('leaves out Success, empty strings and "no date" values, and answers an unknown account with an empty result', async () => {
    const unregistered = Array.from({ length: sandbox.world.accounts }, (_, i) => sandbox.world.icCustomer(i)).find(
      (c) => !c.registered,
    )!;
    const found = await sparseAnswer(unregistered.accountNumber);
    expect(found).toContain(`<AccountNumber>${unregistered.accountNumber}</AccountNumber>`);
    expect(found).not.toContain('<Success>');
    expect(found).not.toContain('<ErrorMessage>');
    expect(found).not.toContain('<RegistrationDate>');
    expect(found).not.toContain('<LoginName>');
    const missing = await sparseAnswer('7777777-99');
    expect(missing).toContain('<ViewCustomerRecordResult></ViewCustomerRecordResult>');
  });
});

describe.each(['1.2', '1.1'] as const)('InvoiceCloudClient against sparse answers over SOAP %s', (soapVersion) => {
  it('reads a customer record and an invoice the same as from full answers', async () => {
    const ic = client(soapVersion);
    for (const index of [3, 4, 5, 6]) {
      const account = sandbox.world.accountNumber(index);
      const record = await both(() => ic.viewCustomerRecord(account));
      expect(record.sparse).toEqual(record.full);
    }
    const first = (await ic.viewAccountBalances({ pageSize: 5 })).balances.find((b) => b.invoiceNumber)!;
    const invoice = await both(() => ic.viewInvoiceByInvoiceNumber(first.invoiceNumber));
    expect(invoice.sparse).toEqual(invoice.full);
    expect(invoice.sparse.invoiceNumber).toBe(first.invoiceNumber);
  });

  it('takes an empty result as "not found" for both views', async () => {
    const ic = client(soapVersion);
    sandbox.setFaults('ic:sparse');
    try {
      const customer = await failure(ic.viewCustomerRecord('7777777-99'));
      expect([customer.code, customer.message]).toEqual([
        'IC_NOT_FOUND',
        'InvoiceCloud ViewCustomerRecord: InvoiceCloud has no customer record for account 7777777-99 (its answer holds no CustomerID or AccountNumber).',
      ]);
      const invoice = await failure(ic.viewInvoiceByInvoiceNumber('9999-9999999'));
      expect([invoice.code, invoice.message]).toEqual([
        'IC_NOT_FOUND',
        'InvoiceCloud ViewInvoiceByInvoiceNumber: InvoiceCloud has no invoice 9999-9999999 (its answer holds no invoice).',
      ]);
    } finally {
      sandbox.setFaults('');
    }
  });
});

describe('InvoiceCloudClient writes and feeds against sparse answers', () => {
  it('updates a customer record over SOAP and the form POST, and reads a refusal from ErrorMessage alone', async () => {
    const ic = client();
    const account = sandbox.world.accountNumber(12);
    sandbox.setFaults('ic:sparse');
    try {
      await ic.updateCustomerRecord({ accountNumber: account, emailAddress: 'sparse.soap@example.org' });
      await ic.updateCustomerRecord({ accountNumber: account, phone: '555-010-0002' }, { via: 'form' });
      const unknown = await failure(ic.updateCustomerRecord({ accountNumber: '7777777-99' }));
      expect([unknown.code, unknown.message]).toEqual([
        'IC_NOT_FOUND',
        'InvoiceCloud UpdateCustomerRecord: InvoiceCloud says "Customer record not found for account 7777777-99."',
      ]);
      const badEmail = await failure(
        ic.updateCustomerRecord({ accountNumber: account, emailAddress: 'not-an-email' }, { via: 'form' }),
      );
      expect([badEmail.code, badEmail.message]).toEqual([
        'IC_BUSINESS',
        'InvoiceCloud UpdateCustomerRecord: InvoiceCloud says "EmailAddress "not-an-email" is not a valid email address."',
      ]);
    } finally {
      sandbox.setFaults('');
    }
    expect(await client().viewCustomerRecord(account)).toMatchObject({
      emailAddress: 'sparse.soap@example.org',
      phone: '555-010-0002',
    });
  });

  it('uploads a file (rejected rows listed; a refused file is IC_BUSINESS) and sets balances', async () => {
    const ic = client();
    const row = {
      accountNumber: sandbox.world.accountNumber(40),
      customerName: 'Ann',
      invoiceNumber: 'SP-0001',
      invoiceDate: '2025-03-05',
      dueDate: '2025-03-26',
      totalAmountDueCents: 2500,
      balanceDueCents: 2500,
      invoiceTypeId: sandbox.invoiceTypeId,
    };
    sandbox.setFaults('ic:sparse');
    try {
      const upload = await ic.uploadEncodedInvoiceFile({
        invoiceTypeId: sandbox.invoiceTypeId,
        fileName: 'sparse.csv',
        csv: writeBif([row, { ...row, invoiceNumber: 'SP-0002', invoiceTypeId: 99 }]),
      });
      expect(upload).toMatchObject({ rowsReceived: 2, rowsAccepted: 1, rowsRejected: 1 });
      expect(upload.rejectedRows.map((r) => [r.lineNumber, r.invoiceNumber])).toEqual([[3, 'SP-0002']]);
      const refused = await failure(
        ic.uploadEncodedInvoiceFile({ invoiceTypeId: 1, fileName: 'x.csv', csv: 'a,b\n1,2\n' }),
      );
      expect(refused.code).toBe('IC_BUSINESS');
      expect(refused.message).toMatch(/header row/);
      const balances = await ic.updateAccountBalances([{ accountNumber: row.accountNumber, balanceDueCents: 1999 }]);
      expect(balances).toEqual({ recordsReceived: 1, recordsUpdated: 1, unknownAccounts: [] });
    } finally {
      sandbox.setFaults('');
    }
  });

  it('reads balance pages and the three feeds the same as from full answers', async () => {
    const ic = client();
    const balances = await both(() => ic.viewAccountBalances({ pageSize: 50 }));
    expect(balances.sparse).toEqual(balances.full);
    const payments = await both(() => ic.downloadPayments({ afterSequence: 0, maxRecords: 1000 }));
    expect(payments.full.records.length).toBeGreaterThan(0);
    expect(payments.full.records.some((p) => p.returnCode === null)).toBe(true);
    expect(payments.sparse).toEqual(payments.full);
    const customers = await both(() => ic.downloadCustomerChanges({ afterSequence: 0 }));
    expect(customers.sparse).toEqual(customers.full);
    const autopay = await both(() => ic.downloadAutoPayChanges({ afterSequence: 0 }));
    expect(autopay.sparse).toEqual(autopay.full);
    const end = await both(() => ic.downloadPayments({ afterSequence: payments.full.lastSequence }));
    expect(end.sparse).toEqual({ records: [], lastSequence: payments.full.lastSequence, hasMore: false });
  });
});
