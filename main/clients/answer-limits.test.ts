import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox';
import { MB } from './answer-limits';
import { HttpImpresaClient } from './impresa/http-client';
import { InvoiceCloudClient } from './invoicecloud/client';
import { failure, startTamperingProxy, type Tamper } from './testing';

let sandbox: Sandbox;
const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 60, seed: 'answer-limits' });
});
afterAll(async () => sandbox.close());

async function withIc<T>(tamper: Tamper, use: (c: InvoiceCloudClient, hits: () => number) => Promise<T>): Promise<T> {
  const proxy = await startTamperingProxy(sandbox.icBaseUrl, tamper);
  try {
    const c = new InvoiceCloudClient({
      host: proxy.url,
      billerGuid: sandbox.billerGuid,
      webServiceKey: sandbox.webServiceKey,
      retry: fast,
    });
    return await use(c, () => [...proxy.hits.values()].reduce((a, b) => a + b, 0));
  } finally {
    await proxy.close();
  }
}

async function withImpresa<T>(
  tamper: Tamper,
  use: (c: HttpImpresaClient, hits: (path: string) => number) => Promise<T>,
): Promise<T> {
  const proxy = await startTamperingProxy(sandbox.impresaBaseUrl, tamper);
  try {
    const c = new HttpImpresaClient({
      baseUrl: proxy.url,
      username: sandbox.impresaUser,
      password: sandbox.impresaPassword,
      retry: fast,
    });
    return await use(c, (p) => proxy.hits.get(p) ?? 0);
  } finally {
    await proxy.close();
  }
}

const isPayments = (body: Buffer) => body.includes('DownloadPaymentsResult');

describe('answer size bounds', () => {
  it('InvoiceCloud: an oversized DownloadPayments answer is refused once, naming the operation, the bound and the size', async () => {
    await withIc(
      (_p, body) => (isPayments(body) ? { stream: 50 * MB, announce: true } : null),
      async (c, hits) => {
        const error = await failure(c.downloadPayments({ afterSequence: 0 }));
        expect(error.code).toBe('IC_PROTOCOL');
        expect(error.message).toBe(
          'InvoiceCloud DownloadPayments: the answer (50 MB) is larger than 4 MB, the most this operation accepts; it was not read.',
        );
        expect(error.retryable).toBe(false);
        expect(hits()).toBe(1);
      },
    );
  });

  it('InvoiceCloud: an oversized answer without a length is cut off at the bound too', async () => {
    await withIc(
      (_p, body) => (body.includes('ViewCustomerRecordResult') ? { stream: 3 * MB, announce: false } : null),
      async (c) => {
        const error = await failure(c.viewCustomerRecord(sandbox.world.accountNumber(1)));
        expect(error.message).toBe(
          'InvoiceCloud ViewCustomerRecord: the answer is larger than 256 KB, the most this operation accepts; it was not read.',
        );
      },
    );
  });

  it('InHANCE: an oversized page is refused once with the operation and the bound; normal pages pass', async () => {
    await withImpresa(
      (p) => (p === '/api/v1/bills' ? { stream: 40 * MB, announce: true } : null),
      async (c, hits) => {
        expect((await c.listAccountsChangedSince({ cursor: 0, limit: 1000 })).items.length).toBeGreaterThan(0);
        const error = await failure(c.listBillsSince({ cursor: 0 }));
        expect(error.code).toBe('IMPRESA_PROTOCOL');
        expect(error.message).toBe(
          'InHANCE Impresa ListBills: the answer (40 MB) is larger than 8 MB, the most this operation accepts; it was not read.',
        );
        expect(hits('/api/v1/bills')).toBe(1);
      },
    );
  });
});

/** Replaces the first occurrence of `text` in an answer with bytes that are not UTF-8. */
function spoil(body: Buffer, text: string): Buffer | null {
  const at = body.indexOf(text);
  if (at < 0) return null;
  return Buffer.concat([body.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), body.subarray(at + 4)]);
}

describe('strict UTF-8', () => {
  it('InvoiceCloud: an answer with invalid UTF-8 in an account number is refused, not read with U+FFFD', async () => {
    const account = sandbox.world.accountNumber(3);
    await withIc(
      (_p, body) => (body.includes('ViewCustomerRecordResult') ? spoil(body, account) : null),
      async (c) => {
        const error = await failure(c.viewCustomerRecord(account));
        expect(error.code).toBe('IC_PROTOCOL');
        expect(error.message).toBe(
          'InvoiceCloud ViewCustomerRecord: the answer (HTTP 200) contains bytes that are not valid UTF-8; it was not read.',
        );
      },
    );
  });

  it('InHANCE: an answer with invalid UTF-8 is refused', async () => {
    const account = sandbox.world.accountNumber(4);
    await withImpresa(
      (p, body) => (p.startsWith('/api/v1/accounts/') ? spoil(body, account) : null),
      async (c) => {
        const error = await failure(c.getAccount(account));
        expect(error.code).toBe('IMPRESA_PROTOCOL');
        expect(error.message).toMatch(
          /^InHANCE Impresa GetAccount: the answer \(HTTP 200\) contains bytes that are not valid UTF-8/,
        );
      },
    );
  });

  it('valid UTF-8 beyond ASCII passes untouched', async () => {
    await withIc(
      (_p, body) =>
        body.includes('ViewCustomerRecordResult')
          ? Buffer.from(body.toString('utf8').replace(/<CustomerName>[^<]*</, '<CustomerName>Peña Muñoz<'))
          : null,
      async (c) => {
        expect((await c.viewCustomerRecord(sandbox.world.accountNumber(5))).customerName).toBe('Peña Muñoz');
      },
    );
  });
});
