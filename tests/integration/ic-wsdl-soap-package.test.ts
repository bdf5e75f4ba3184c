import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox';

/**
 * An independent SOAP toolkit (node-soap) reads the simulator's WSDL and calls it: evidence that
 * the simulator (and so our client, tested against it) speaks standard ASMX-style SOAP.
 */
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 300, seed: 'wsdl' });
});
afterAll(async () => sandbox.close());

const wsdl = (service: string) => `${sandbox.icBaseUrl}/portal/webservices/${service}.asmx?WSDL`;

describe.each([
  ['SOAP 1.1', {}],
  ['SOAP 1.2', { forceSoap12Headers: true }],
] as const)('node-soap over %s', (_label, extra) => {
  it('calls ViewCustomerRecord (flat fields) from the CloudManagement WSDL', async () => {
    const client = await soap.createClientAsync(wsdl('CloudManagement'), { ...extra });
    const account = sandbox.world.icCustomer(4);
    const [result] = await client.ViewCustomerRecordAsync({
      BillerGUID: sandbox.billerGuid,
      WebServiceKey: sandbox.webServiceKey,
      AccountNumber: account.accountNumber,
    });
    const r = result.ViewCustomerRecordResult;
    expect(r.Success).toBe(true);
    expect(r.AccountNumber).toBe(account.accountNumber);
    expect(r.CustomerName).toBe(account.customerName);
    expect(r.PaperInvoices).toBe(!account.paperless);
    const envelopeNs =
      'forceSoap12Headers' in extra
        ? 'http://www.w3.org/2003/05/soap-envelope'
        : 'http://schemas.xmlsoap.org/soap/envelope/';
    expect(client.lastRequest).toContain(envelopeNs);
  });

  it('calls ViewInvoiceByInvoiceNumber (fields inside Req) from the CloudInvoicing WSDL', async () => {
    const client = await soap.createClientAsync(wsdl('CloudInvoicing'), { ...extra });
    const bill = sandbox.world.bills.row(0);
    const yymm = `${String(Math.floor(bill.period / 12) % 100).padStart(2, '0')}${String((bill.period % 12) + 1).padStart(2, '0')}`;
    const [result] = await client.ViewInvoiceByInvoiceNumberAsync({
      Req: { BillerGUID: sandbox.billerGuid, WebServiceKey: sandbox.webServiceKey, InvoiceNumber: `${yymm}-0000001` },
    });
    const r = result.ViewInvoiceByInvoiceNumberResult;
    expect(r.Success).toBe(true);
    expect(r.InvoiceNumber).toBe(`${yymm}-0000001`);
    expect(Number(r.TotalAmountDue)).toBeCloseTo(bill.totalCents / 100, 2);
  });

  it('calls the paged payments download and gets typed lists back', async () => {
    const client = await soap.createClientAsync(wsdl('CloudInvoicing'), { ...extra });
    const [result] = await client.DownloadPaymentsAsync({
      Req: { BillerGUID: sandbox.billerGuid, WebServiceKey: sandbox.webServiceKey, AfterSequence: 0, MaxRecords: 5 },
    });
    const r = result.DownloadPaymentsResult;
    expect(r.Success).toBe(true);
    expect(r.Payments.Payment).toHaveLength(5);
    expect(r.Payments.Payment[0].PaymentGUID).toBe(sandbox.world.payments[0]!.paymentGuid);
  });

  it('sees a bad key as a SOAP Fault', async () => {
    const client = await soap.createClientAsync(wsdl('CloudManagement'), { ...extra });
    await expect(
      client.ViewCustomerRecordAsync({ BillerGUID: sandbox.billerGuid, WebServiceKey: 'nope', AccountNumber: 'x' }),
    ).rejects.toThrow(/Invalid BillerGUID or WebServiceKey/);
  });
});
