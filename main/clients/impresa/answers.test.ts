import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../testing';
import { HttpImpresaClient } from './http-client';

/** Answers the simulator would not give: the client must refuse them clearly, never half-read them. */
let reply: { status: number; body: string } = { status: 200, body: '{}' };
let signIns = 0;
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/api/v1/session') {
        signIns++;
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ token: `token-${signIns}-abcdefgh`, expiresAt: '2030-01-01T00:00:00Z' }));
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = () =>
  new HttpImpresaClient({
    baseUrl: base,
    username: 'u',
    password: 'pw-secret-123',
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
  });

const receipt = {
  receiptId: 'R1',
  externalRef: 'x',
  accountNumber: 'A',
  amountCents: 100,
  convenienceFeeCents: 0,
  paymentDate: '2025-03-03',
  paymentType: 'card',
  invoiceNumber: '',
  source: 'live',
  entryId: null,
  postedBy: 'IC Clerk',
  postedAt: '2025-03-03T10:00:00.000Z',
  installationId: null,
  reversalId: null,
};

const live = {
  externalRef: 'x',
  accountNumber: 'A',
  amountCents: 100,
  paymentDate: '2025-03-03',
  paymentType: 'card' as const,
  user: 'IC Clerk',
};

describe('HttpImpresaClient reading answers', () => {
  it('refuses answers that break the contract, naming the field', async () => {
    reply = { status: 200, body: JSON.stringify({ ...receipt, amountCents: 1.5 }) };
    const error = await failure(client().getReceipt('R1'));
    expect(error.code).toBe('IMPRESA_PROTOCOL');
    expect(error.message).toMatch(
      /^InHANCE Impresa GetReceipt: the answer does not match the contract \(amountCents: /,
    );
    reply = {
      status: 200,
      body: JSON.stringify({ receipts: [receipt, { ...receipt, paymentType: 'cash' }], nextCursor: 2, hasMore: false }),
    };
    expect((await failure(client().listReceipts())).message).toMatch(/receipts\.1\.paymentType/);
  });

  it('refuses a truncated JSON answer after retrying it', async () => {
    reply = { status: 200, body: JSON.stringify(receipt).slice(0, 40) };
    const error = await failure(client().getReceipt('R1'));
    expect(error.code).toBe('IMPRESA_PROTOCOL');
    expect(error.message).toMatch(/not complete JSON/);
  });

  it('signs in once more on 401, then reports IMPRESA_AUTH without the password', async () => {
    signIns = 0;
    reply = { status: 401, body: JSON.stringify({ error: { code: 'TOKEN_EXPIRED', message: 'expired' } }) };
    const error = await failure(client().getReceipt('R1'));
    expect(error.code).toBe('IMPRESA_AUTH');
    expect(signIns).toBe(2);
    expect(error.message).not.toContain('pw-secret-123');
  });

  it('maps statuses: 404 not found, 409 conflict with the existing record, 503 transient, 400 protocol', async () => {
    reply = {
      status: 404,
      body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Receipt R9 does not exist.' } }),
    };
    expect(await failure(client().getReceipt('R9'))).toMatchObject({
      code: 'IMPRESA_NOT_FOUND',
      message: 'InHANCE Impresa GetReceipt: InHANCE Impresa says "Receipt R9 does not exist."',
    });
    reply = {
      status: 409,
      body: JSON.stringify({
        error: { code: 'DUPLICATE_EXTERNAL_REF', message: 'dup' },
        existing: { entry: null, receipt },
      }),
    };
    const conflict = await failure(client().postLive(live));
    expect(conflict.code).toBe('IMPRESA_CONFLICT');
    expect(conflict.existing).toMatchObject({ receipt: { receiptId: 'R1' } });
    reply = {
      status: 409,
      body: JSON.stringify({ error: { code: 'X', message: 'dup' }, existing: { receipt: { receiptId: 5 } } }),
    };
    expect((await failure(client().postLive(live))).code).toBe('IMPRESA_PROTOCOL');
    reply = { status: 503, body: '<html>down</html>' };
    expect(await failure(client().getReceipt('R1'))).toMatchObject({
      code: 'IMPRESA_TRANSIENT',
      message: 'InHANCE Impresa GetReceipt: InHANCE Impresa answered HTTP 503',
    });
    reply = {
      status: 400,
      body: JSON.stringify({ error: { code: 'VALIDATION', message: 'paymentDate must be YYYY-MM-DD.' } }),
    };
    expect((await failure(client().getReceipt('R1'))).code).toBe('IMPRESA_PROTOCOL');
  });
});
