import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvoiceCloudClient } from './invoicecloud/client';
import { failure } from './testing';

/** The IC client's own transport: redirects are answers, never followed; an oversized request is never sent. */
let hits: string[] = [];
let server: http.Server;
let host = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/elsewhere')) res.writeHead(200, { 'content-type': 'text/plain' }).end('followed');
      else res.writeHead(302, { location: `${host}/elsewhere`, 'content-length': '0' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = () =>
  new InvoiceCloudClient({
    host,
    billerGuid: '6f1c2a4e-0000-4000-8000-000000000001',
    webServiceKey: 'the-secret-key',
    retry: { attempts: 1 },
  });

describe('the IC transport', () => {
  it('does not follow a redirect: the 302 is the answer, refused as not SOAP', async () => {
    hits = [];
    const error = await failure(client().viewCustomerRecord('A-1'));
    expect(error.code).toBe('IC_PROTOCOL');
    expect(error.message).toMatch(
      /^InvoiceCloud ViewCustomerRecord: InvoiceCloud answered HTTP 302 with a body that is not SOAP/,
    );
    expect(error.message).not.toContain('the-secret-key');
    expect(hits).toEqual(['/portal/webservices/CloudManagement.asmx']);
  });

  it('refuses a request over its bound before sending it', async () => {
    hits = [];
    const error = await failure(client().viewCustomerRecord('9'.repeat(2 * 1024 * 1024)));
    expect(error.code).toBe('IC_PROTOCOL');
    expect(error.message).toBe(
      'InvoiceCloud ViewCustomerRecord: the request (2 MB) is larger than 1 MB, the most this operation sends; it was not sent.',
    );
    expect(hits).toEqual([]);
  });
});
