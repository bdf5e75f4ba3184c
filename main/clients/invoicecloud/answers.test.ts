import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../ground/logger';
import { failure } from '../testing';
import { InvoiceCloudClient } from './client';

/**
 * The client's reading of answers the simulator would never give on its own: canned bodies from a
 * plain loopback server (what a proxy, a half-dead IIS or a future IC version might send).
 */
const KEY = '5ec4e7a1-0000-4000-8000-00000000beef';
const GUID = '11111111-2222-4333-8444-555555555555';
const NS = 'https://www.invoicecloud.com/portal/webservices/CloudManagement/';
let answer: { status: number; type: string; body: string } = { status: 200, type: 'text/xml', body: '' };
let requests: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
let server: http.Server;
let host: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const env11 = (inner: string) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const env12 = (inner: string) =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>${inner}</s:Body></s:Envelope>`;
const customer = (fields: string) =>
  `<ViewCustomerRecordResponse xmlns="${NS}"><ViewCustomerRecordResult>${fields}</ViewCustomerRecordResult></ViewCustomerRecordResponse>`;
const GOOD =
  '<Success>true</Success><ErrorMessage /><CustomerID>7</CustomerID><AccountNumber>A-1</AccountNumber><CustomerName>Ann &amp; Bo</CustomerName><AutoPay>true</AutoPay><PaperInvoices>false</PaperInvoices><Registered>true</Registered><RegistrationDate>0001-01-01T00:00:00</RegistrationDate>';

function ic(soapVersion: '1.1' | '1.2', logger = new MemoryLogger()) {
  return new InvoiceCloudClient({
    host,
    billerGuid: GUID,
    webServiceKey: KEY,
    soapVersion,
    logger,
    timeoutMs: 2000,
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
}

describe('InvoiceCloudClient reading answers', () => {
  it('sends SOAP 1.1 with SOAPAction and SOAP 1.2 without, and parses both answers', async () => {
    requests = [];
    answer = { status: 200, type: 'text/xml', body: env11(customer(GOOD)) };
    const r11 = await ic('1.1').viewCustomerRecord('A-1');
    answer = { status: 200, type: 'application/soap+xml', body: env12(customer(GOOD)) };
    const r12 = await ic('1.2').viewCustomerRecord('A-1');
    expect(r11).toEqual(r12);
    expect(r11).toMatchObject({
      customerName: 'Ann & Bo',
      autoPay: true,
      paperInvoices: false,
      registrationDate: null,
      address1: '',
    });
    expect(requests[0]!.headers.soapaction).toBe(`"${NS}ViewCustomerRecord"`);
    expect(requests[0]!.headers['content-type']).toMatch(/^text\/xml/);
    expect(requests[1]!.headers.soapaction).toBeUndefined();
    expect(requests[1]!.headers['content-type']).toMatch(/^application\/soap\+xml/);
    expect(requests[1]!.body).toContain(`<ViewCustomerRecord xmlns="${NS}"><BillerGUID>${GUID}</BillerGUID>`);
  });

  it('reads SOAP 1.2 and 1.1 faults on HTTP 500 and reports their reason', async () => {
    answer = {
      status: 500,
      type: 'application/soap+xml',
      body: env12(
        '<s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang="en">Server was unable to read request.</s:Text></s:Reason></s:Fault>',
      ),
    };
    const sender = await failure(ic('1.2').viewCustomerRecord('A-1'));
    expect(sender.code).toBe('IC_PROTOCOL');
    expect(sender.message).toBe(
      'InvoiceCloud ViewCustomerRecord: InvoiceCloud refused the request as malformed (fault Sender: "Server was unable to read request.").',
    );
    answer = {
      status: 500,
      type: 'text/xml',
      body: env11(
        '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request. ---&gt; Timeout expired.</faultstring></soap:Fault>',
      ),
    };
    const server11 = await failure(ic('1.1').viewCustomerRecord('A-1'));
    expect(server11.code).toBe('IC_TRANSIENT');
    expect(server11.message).toContain('Timeout expired');
    answer = {
      status: 500,
      type: 'text/xml',
      body: env11(
        `<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Invalid WebServiceKey ${KEY}</faultstring></soap:Fault>`,
      ),
    };
    const auth = await failure(ic('1.1').viewCustomerRecord('A-1'));
    expect(auth.code).toBe('IC_AUTH');
    expect(auth.message).not.toContain(KEY);
    expect(auth.message).toContain('[redacted]');
  });

  it("reports a business failure with IC's own message", async () => {
    answer = {
      status: 200,
      type: 'text/xml',
      body: env11(customer('<Success>false</Success><ErrorMessage>Account is locked for conversion.</ErrorMessage>')),
    };
    const error = await failure(ic('1.1').viewCustomerRecord('A-1'));
    expect(error.code).toBe('IC_BUSINESS');
    expect(error.message).toBe(
      'InvoiceCloud ViewCustomerRecord: InvoiceCloud says "Account is locked for conversion."',
    );
  });

  it("reads IC's verdict whichever element carries it: a record, an empty result, or an ErrorMessage without Success", async () => {
    answer = {
      status: 200,
      type: 'text/xml',
      body: env11(customer(GOOD.replace('<Success>true</Success><ErrorMessage />', ''))),
    };
    expect(await ic('1.1').viewCustomerRecord('A-1')).toMatchObject({
      customerId: '7',
      accountNumber: 'A-1',
      autoPay: true,
    });
    answer = {
      status: 200,
      type: 'text/xml',
      body: env11(
        customer(
          '<CustomerID>7</CustomerID><AutoPay>false</AutoPay><PaperInvoices>true</PaperInvoices><Registered>false</Registered>',
        ),
      ),
    };
    expect(await ic('1.1').viewCustomerRecord('A-1')).toMatchObject({ customerId: '7', accountNumber: '' });
    for (const empty of ['', '<Success>true</Success>']) {
      answer = { status: 200, type: 'text/xml', body: env11(customer(empty)) };
      const error = await failure(ic('1.1').viewCustomerRecord('A-1'));
      expect([error.code, error.message]).toEqual([
        'IC_NOT_FOUND',
        'InvoiceCloud ViewCustomerRecord: InvoiceCloud has no customer record for account A-1 (its answer holds no CustomerID or AccountNumber).',
      ]);
    }
    answer = {
      status: 200,
      type: 'text/xml',
      body: env11(customer('<ErrorMessage>Account is locked for conversion.</ErrorMessage>')),
    };
    const refused = await failure(ic('1.1').viewCustomerRecord('A-1'));
    expect([refused.code, refused.message]).toEqual([
      'IC_BUSINESS',
      'InvoiceCloud ViewCustomerRecord: InvoiceCloud says "Account is locked for conversion."',
    ]);
    answer = {
      status: 200,
      type: 'text/xml',
      body: env11(customer(`<Success>false</Success>${GOOD.slice(GOOD.indexOf('<CustomerID>'))}`)),
    };
    expect((await failure(ic('1.1').viewCustomerRecord('A-1'))).message).toBe(
      'InvoiceCloud ViewCustomerRecord: InvoiceCloud says "(no message)"',
    );
  });

  it('refuses truncated, DOCTYPE-bearing, wrong-version, wrong-namespace and non-SOAP answers with clear errors', async () => {
    const cases: Array<[typeof answer, string, RegExp]> = [
      [
        { status: 200, type: 'text/xml', body: env11(customer(GOOD)).slice(0, 180) },
        'IC_PROTOCOL',
        /not a complete SOAP message.*cut short/,
      ],
      [
        {
          status: 200,
          type: 'text/xml',
          body: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${env11(customer(GOOD))}`,
        },
        'IC_PROTOCOL',
        /DOCTYPE/,
      ],
      [
        { status: 200, type: 'text/xml', body: env12(customer(GOOD)) },
        'IC_PROTOCOL',
        /SOAP 1\.2 envelope to a SOAP 1\.1 request/,
      ],
      [
        { status: 200, type: 'text/xml', body: env11(customer(GOOD).replace(NS, 'urn:other')) },
        'IC_PROTOCOL',
        /no ViewCustomerRecordResponse in namespace/,
      ],
      [
        {
          status: 200,
          type: 'text/xml',
          body: env11(customer(GOOD.replace('<AutoPay>true</AutoPay>', '<AutoPay>maybe</AutoPay>'))),
        },
        'IC_PROTOCOL',
        /AutoPay "maybe" is not true or false/,
      ],
      [
        { status: 200, type: 'text/xml', body: env11(customer(GOOD.replace('<AutoPay>true</AutoPay>', ''))) },
        'IC_PROTOCOL',
        /AutoPay is missing/,
      ],
      [
        { status: 503, type: 'text/html', body: '<html><body>Service Unavailable</body></html>' },
        'IC_TRANSIENT',
        /HTTP 503/,
      ],
      [
        { status: 200, type: 'text/html', body: '<html><body>Welcome to nginx</body></html>' },
        'IC_PROTOCOL',
        /not a SOAP Envelope/,
      ],
      [{ status: 404, type: 'text/html', body: 'Not Found' }, 'IC_PROTOCOL', /HTTP 404/],
    ];
    for (const [a, code, message] of cases) {
      answer = a;
      const error = await failure(ic('1.1').viewCustomerRecord('A-1'));
      expect([error.code, error.message]).toEqual([code, expect.stringMatching(message)]);
      expect(error.message.startsWith('InvoiceCloud ViewCustomerRecord: ')).toBe(true);
    }
  });

  it('retries a read after a transient failure but never an upload', async () => {
    answer = { status: 503, type: 'text/html', body: 'busy' };
    requests = [];
    const logger = new MemoryLogger();
    await failure(ic('1.2', logger).viewCustomerRecord('A-1'));
    expect(requests.length).toBe(2);
    expect(logger.lines.some((l) => /Trying again/.test(l))).toBe(true);
    requests = [];
    await failure(ic('1.2').uploadEncodedInvoiceFile({ invoiceTypeId: 1, fileName: 'a.csv', csv: 'x' }));
    expect(requests.length).toBe(1);
    expect(logger.lines.join('\n')).not.toContain(KEY);
  });
});
