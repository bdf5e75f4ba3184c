import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeNetworkError } from './errors';
import { createHttpTransport, TransportTimeoutError, type Transport, type TransportMethod } from './http-transport';
import { HttpImpresaClient } from './impresa/http-client';
import { InvoiceCloudClient } from './invoicecloud/client';
import { failure } from './testing';

/** The IC client's transport: redirects are answers, never followed; an oversized request is never sent. */
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

/**
 * The transport as the InHANCE client uses it: every method, a body only when there is one, and
 * through the client: a redirect is the answer, an oversized read is refused once, an oversized
 * request is never sent.
 */
interface Seen {
  method: string;
  url: string;
  contentLength: string | undefined;
  transferEncoding: string | undefined;
  body: string;
}
let seen: Seen[] = [];
/** What the echo server answers to anything but the sign-in; by default what it saw, as JSON. */
let answer: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null;
let echo: http.Server;
let echoHost = '';

beforeAll(async () => {
  echo = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        contentLength: req.headers['content-length'],
        transferEncoding: req.headers['transfer-encoding'],
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      if (req.url?.endsWith('/api/v1/session'))
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ token: 'token-abcdefgh', expiresAt: '2030-01-01T00:00:00Z' }));
      else if (answer) answer(req, res);
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(s));
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoHost = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
afterAll(async () => {
  echo.closeAllConnections();
  await new Promise((resolve) => echo.close(resolve));
});

const ask = (transport: Transport, method: TransportMethod, path: string, body?: string) =>
  transport({
    method,
    url: new URL(`${echoHost}${path}`),
    ...(body === undefined ? {} : { body }),
    headers: { accept: 'application/json' },
    maxAnswerBytes: 64 * 1024,
    timeoutMs: 5000,
  });

const impresa = (baseUrl = echoHost) =>
  new HttpImpresaClient({
    baseUrl,
    username: 'u',
    password: 'pw-secret-123',
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
  });

describe('the transport with any method', () => {
  it('sends a GET and a DELETE without a body or a content-length', async () => {
    seen = [];
    answer = null;
    const transport = createHttpTransport();
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await ask(transport, method, '/things/1?x=a%20b');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body.toString('utf8'))).toEqual({
        method,
        url: '/things/1?x=a%20b',
        body: '',
      });
    }
    expect(seen.map((s) => [s.contentLength, s.transferEncoding])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('sends POST, PATCH and PUT bodies whole, with their length in bytes', async () => {
    seen = [];
    answer = null;
    const transport = createHttpTransport();
    const body = JSON.stringify({ name: 'Peña Muñoz', note: '€'.repeat(100) });
    for (const method of ['POST', 'PATCH', 'PUT'] as const) {
      const res = await ask(transport, method, '/things/1', body);
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ method, body });
    }
    expect(seen.map((s) => s.contentLength)).toEqual(Array(3).fill(String(Buffer.byteLength(body))));
    expect(seen.every((s) => s.transferEncoding === undefined)).toBe(true);
  });

  it('returns a redirect to a GET as the answer, never following it', async () => {
    seen = [];
    answer = (_req, res) => res.writeHead(301, { location: `${echoHost}/elsewhere`, 'content-length': '0' }).end();
    const res = await ask(createHttpTransport(), 'GET', '/moved');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`${echoHost}/elsewhere`);
    expect(seen.map((s) => s.url)).toEqual(['/moved']);
  });

  it('refuses an address that is not http(s) without sending anything', async () => {
    const error = await createHttpTransport()({
      method: 'GET',
      url: new URL('ftp://127.0.0.1/file'),
      headers: {},
      maxAnswerBytes: 1024,
      timeoutMs: 1000,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_BAD_PROTOCOL' });
  });
});

describe('the InHANCE client on the transport', () => {
  it('joins each path to the base address, its query encoded, each method as the contract says', async () => {
    seen = [];
    answer = (_req, res) =>
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NF","message":"no such"}}');
    const c = impresa(`${echoHost}/impresa/`);
    expect((await failure(c.getAccount('A 1/2'))).code).toBe('IMPRESA_NOT_FOUND');
    expect((await failure(c.searchAccounts({ name: 'Peña & Co' }))).code).toBe('IMPRESA_NOT_FOUND');
    expect((await failure(c.clearAutopay('A-1'))).code).toBe('IMPRESA_NOT_FOUND');
    expect((await failure(c.updateContact('A-1', { email: 'a@b.org' }))).code).toBe('IMPRESA_NOT_FOUND');
    expect(seen.map((s) => `${s.method} ${s.url} ${s.contentLength ?? '-'} ${s.body}`)).toEqual([
      'POST /impresa/api/v1/session 43 {"username":"u","password":"pw-secret-123"}',
      'GET /impresa/api/v1/accounts/A%201%2F2 - ',
      'GET /impresa/api/v1/accounts/search?name=Pe%C3%B1a+%26+Co - ',
      'DELETE /impresa/api/v1/accounts/A-1/autopay - ',
      'PATCH /impresa/api/v1/accounts/A-1/contact 19 {"email":"a@b.org"}',
    ]);
  });

  it('returns a redirect on a read as the answer: refused as invalid, never followed', async () => {
    seen = [];
    answer = (req, res) =>
      req.url?.startsWith('/elsewhere')
        ? res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
        : res.writeHead(302, { location: `${echoHost}/elsewhere`, 'content-length': '0' }).end();
    const error = await failure(impresa().getAccount('A-1'));
    expect(error.code).toBe('IMPRESA_PROTOCOL');
    expect(error.message).toBe(
      'InHANCE Impresa GetAccount: InHANCE Impresa answered HTTP 302. The request was refused as invalid.',
    );
    expect(seen.map((s) => s.url)).toEqual(['/api/v1/session', '/api/v1/accounts/A-1']);
  });

  it('refuses an oversized answer to a read once, announced or not, naming the bound', async () => {
    for (const announce of [true, false]) {
      seen = [];
      answer = (_req, res) => {
        const size = 300 * 1024;
        res.writeHead(200, { 'content-type': 'application/json', ...(announce ? { 'content-length': size } : {}) });
        res.end(`"${'x'.repeat(size - 2)}"`);
      };
      const error = await failure(impresa().getAccount('A-1'));
      expect(error.code).toBe('IMPRESA_PROTOCOL');
      expect(error.retryable).toBe(false);
      expect(error.message).toBe(
        `InHANCE Impresa GetAccount: the answer${announce ? ' (300 KB)' : ''} is larger than 256 KB, the most this operation accepts; it was not read.`,
      );
      expect(seen.filter((s) => s.url === '/api/v1/accounts/A-1')).toHaveLength(1);
    }
  });

  it('refuses a request over 256 KB before sending it, and does not retry it', async () => {
    seen = [];
    answer = null;
    const error = await failure(impresa().updateContact('A-1', { email: 'e'.repeat(300 * 1024) }));
    expect(error.code).toBe('IMPRESA_PROTOCOL');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'InHANCE Impresa UpdateContact: the request (300 KB) is larger than 256 KB, the most this operation sends; it was not sent.',
    );
    expect(seen.map((s) => s.url)).toEqual(['/api/v1/session']);
  });

  it('fetches a bill PDF with a GET: a redirect is refused, an announced 21 MB PDF is not read', async () => {
    const bill = { pdfUrl: `${echoHost}/pdf/B-1.pdf`, invoiceNumber: 'B-1' };
    seen = [];
    answer = (_req, res) => res.writeHead(302, { location: `${echoHost}/other.pdf`, 'content-length': '0' }).end();
    const moved = await failure(impresa().fetchBillPdf(bill));
    expect(moved.message).toBe('InHANCE Impresa FetchBillPdf: HTTP 302 for the PDF of bill B-1.');
    expect(seen.map((s) => `${s.method} ${s.url} ${s.contentLength ?? '-'}`)).toEqual(['GET /pdf/B-1.pdf -']);

    seen = [];
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': 21 * 1024 * 1024 });
      res.write('%PDF-1.4\n');
    };
    const large = await failure(impresa().fetchBillPdf(bill));
    expect(large.retryable).toBe(false);
    expect(large.message).toBe(
      'InHANCE Impresa FetchBillPdf: bill B-1: the answer (21 MB) is larger than 20 MB, the most this operation accepts; it was not read.',
    );
    expect(seen).toHaveLength(1);

    answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4\n1 0 obj\n%%EOF\n');
    expect((await impresa().fetchBillPdf(bill)).toString('latin1')).toBe('%PDF-1.4\n1 0 obj\n%%EOF\n');
  });
});

/**
 * How the network fails, as the clients read it (describeNetworkError): the transport (undici) has
 * codes of its own; each failure must come out as the Node code that names it for the clerk.
 */
describe('network failures, in the codes the clients describe', () => {
  const raw = async (onSocket: (socket: net.Socket) => void) => {
    const server = net.createServer(onSocket);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const get = (base: string, timeoutMs = 5000) =>
    createHttpTransport()({
      method: 'GET',
      url: new URL(`${base}/x`),
      headers: {},
      maxAnswerBytes: 1024,
      timeoutMs,
    }).catch((e: unknown) => e as Error);

  it('a connection cut mid-answer is a reset; garbage is a broken answer; silence is a timeout', async () => {
    const sockets: net.Socket[] = [];
    const cut = await raw((s) => {
      sockets.push(s);
      s.once('data', () => s.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nten bytes.', () => s.destroy()));
    });
    const garbage = await raw((s) => {
      sockets.push(s);
      s.once('data', () => s.end('this is not HTTP\r\n\r\n'));
    });
    const silent = await raw((s) => void sockets.push(s));
    try {
      const reset = await get(cut.base);
      expect(reset).toMatchObject({ code: 'ECONNRESET' });
      expect(describeNetworkError(reset, 5000)?.detail).toBe('the connection was reset before an answer arrived');

      const broken = await get(garbage.base);
      expect(describeNetworkError(broken, 5000)?.detail).toBe('the connection broke mid-answer');

      const late = await get(silent.base, 300);
      expect(late).toBeInstanceOf(TransportTimeoutError);
      expect(describeNetworkError(late, 300)).toEqual({ detail: 'no answer within 0.3 s (timed out)', timeout: true });
    } finally {
      for (const s of sockets) s.destroy();
      for (const { server } of [cut, garbage, silent]) await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a port nobody listens on is a refused connection', async () => {
    const { server, base } = await raw(() => {});
    await new Promise((resolve) => server.close(resolve));
    const refused = await get(base);
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    expect(describeNetworkError(refused, 5000)?.detail).toMatch(/^the connection was refused/);
  });
});

/**
 * TLS is verified (Node's defaults): a server whose certificate this computer does not trust gets no
 * request at all, and the failure is in words. The fixture is a self-signed certificate for 127.0.0.1
 * made for this test alone (tests/fixtures/tls; its key protects nothing).
 */
describe('TLS', () => {
  it('refuses a self-signed certificate before sending anything, and says so in words', async () => {
    const dir = path.join(import.meta.dirname, '../../tests/fixtures/tls');
    let requests = 0;
    const server = https.createServer(
      {
        cert: fs.readFileSync(path.join(dir, 'untrusted-127.0.0.1.cert.pem')),
        key: fs.readFileSync(path.join(dir, 'untrusted-127.0.0.1.key.pem')),
      },
      (_req, res) => {
        requests++;
        res.end('{}');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await createHttpTransport()({
        method: 'POST',
        url: new URL(`${base}/api/v1/session`),
        body: '{"username":"u","password":"pw-secret-123"}',
        headers: { 'content-type': 'application/json' },
        maxAnswerBytes: 1024,
        timeoutMs: 5000,
      }).catch((e: unknown) => e as Error);
      expect(error).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(requests).toBe(0);

      const c = new HttpImpresaClient({
        baseUrl: base,
        username: 'u',
        password: 'pw-secret-123',
        retry: { attempts: 1 },
      });
      const failed = await failure(c.getAccount('A-1'));
      expect(failed.message).toBe(
        `InHANCE Impresa SignIn: the server's certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): it is self-signed or from an authority this computer does not know. Check the address; a server of the utility's own may need its authority installed (${base}).`,
      );
      expect(requests).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('names the other certificate failures in words', () => {
    const words = (code: string) => describeNetworkError(Object.assign(new Error('tls'), { code }), 1000)?.detail;
    expect(words('CERT_HAS_EXPIRED')).toBe("the server's certificate has expired (CERT_HAS_EXPIRED)");
    expect(words('ERR_TLS_CERT_ALTNAME_INVALID')).toBe(
      "the server's certificate is for another name than the address (ERR_TLS_CERT_ALTNAME_INVALID): check the address",
    );
    expect(words('CERT_NOT_YET_VALID')).toMatch(/^the server's certificate is not valid yet/);
  });
});
