import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox';
import { ClientError } from './errors';
import { HttpImpresaClient } from './impresa/http-client';
import type { Transport } from './http-transport';
import { InvoiceCloudClient } from './invoicecloud/client';
import { startTamperingProxy } from './testing';

/**
 * Bad answers, generated: recorded answers of the sandbox (which implements each CONTRACT.md),
 * replayed into the real clients through their transport, cut at every byte, with values of the
 * wrong type and with bytes that are not UTF-8. Each either reads exactly as the whole answer
 * did or fails with a ClientError naming the system and operation; nothing else escapes.
 */
let sandbox: Sandbox;
const once = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
let icPayments: Buffer;
let impresaSession: Buffer;
let impresaAccounts: Buffer;

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 300, seed: 'parsers-fuzz' });
  // Record one answer of each through a proxy that keeps the bytes.
  const icProxy = await startTamperingProxy(sandbox.icBaseUrl, () => null);
  const ic = new InvoiceCloudClient({
    host: icProxy.url,
    billerGuid: sandbox.billerGuid,
    webServiceKey: sandbox.webServiceKey,
    retry: once,
  });
  const page = await ic.downloadPayments({ afterSequence: 0, maxRecords: 2 });
  expect(page.records.length).toBeGreaterThanOrEqual(1);
  icPayments = icProxy.answers.at(-1)!.body;
  await icProxy.close();
  const imProxy = await startTamperingProxy(sandbox.impresaBaseUrl, () => null);
  const im = new HttpImpresaClient({
    baseUrl: imProxy.url,
    username: sandbox.impresaUser,
    password: sandbox.impresaPassword,
    retry: once,
  });
  await im.listAccountsChangedSince({ cursor: 0, limit: 3 });
  impresaSession = imProxy.answers.find((a) => a.path === '/api/v1/session')!.body;
  impresaAccounts = imProxy.answers.find((a) => a.path === '/api/v1/accounts')!.body;
  await imProxy.close();
});
afterAll(async () => sandbox.close());

/** Replaces the InHANCE client's transport: every request gets `answer(path)` back as HTTP 200. */
function replay(client: HttpImpresaClient, answer: (path: string) => Buffer): void {
  const transport: Transport = async (request) => ({
    status: 200,
    headers: {},
    body: answer(request.path ?? request.url.pathname),
  });
  client.transport = transport;
}

/** Replaces the IC client's transport: every request gets `answer()` back as HTTP 200. */
function replayIc(client: InvoiceCloudClient, answer: () => Buffer): void {
  const transport: Transport = async () => ({ status: 200, headers: {}, body: answer() });
  client.transport = transport;
}

/** One client per system, whose next answer is whatever the test sets. */
let icAnswer: Buffer = Buffer.alloc(0);
let impresaAnswer: Buffer = Buffer.alloc(0);
let icClient: InvoiceCloudClient | null = null;
let impresaClient: HttpImpresaClient | null = null;

function icWith(bytes: Buffer): InvoiceCloudClient {
  icAnswer = bytes;
  if (!icClient) {
    icClient = new InvoiceCloudClient({
      host: 'http://127.0.0.1:9',
      billerGuid: sandbox.billerGuid,
      webServiceKey: sandbox.webServiceKey,
      retry: once,
    });
    replayIc(icClient, () => icAnswer);
  }
  return icClient;
}

function impresaWith(bytes: Buffer): HttpImpresaClient {
  impresaAnswer = bytes;
  if (!impresaClient) {
    impresaClient = new HttpImpresaClient({
      baseUrl: 'http://127.0.0.1:9',
      username: sandbox.impresaUser,
      password: sandbox.impresaPassword,
      retry: once,
    });
    replay(impresaClient, (path) => (path.endsWith('/api/v1/session') ? impresaSession : impresaAnswer));
  }
  return impresaClient;
}

/** The outcome of a call: its value, or the ClientError; anything else thrown fails the test. */
async function outcome<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ClientError }> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    if (!(error instanceof ClientError))
      throw new Error(`not a ClientError: ${(error as Error)?.stack ?? String(error)}`);
    return { ok: false, error };
  }
}

const readIc = (bytes: Buffer) => outcome(icWith(bytes).downloadPayments({ afterSequence: 0, maxRecords: 2 }));
const readImpresa = (bytes: Buffer) => outcome(impresaWith(bytes).listAccountsChangedSince({ cursor: 0, limit: 3 }));

function expectIcFailure(r: Awaited<ReturnType<typeof readIc>>, whole: unknown): void {
  if (r.ok) expect(r.value).toEqual(whole);
  else {
    expect(r.error.code).toMatch(/^IC_/);
    expect(r.error.message).toMatch(/^InvoiceCloud DownloadPayments: \S/);
  }
}

function expectImpresaFailure(r: Awaited<ReturnType<typeof readImpresa>>, whole: unknown): void {
  if (r.ok) expect(r.value).toEqual(whole);
  else {
    expect(r.error.code).toMatch(/^IMPRESA_/);
    expect(r.error.message).toMatch(/^InHANCE Impresa ListAccounts: \S/);
  }
}

/** The answer with every UTF-8 sequence intact: cut only between characters, or anywhere. */
const cuts = (bytes: Buffer) => Array.from({ length: bytes.length }, (_, i) => i);

describe('the IC XML reader under damaged answers', () => {
  it(
    'a recorded DownloadPayments answer cut at every byte reads whole or fails clearly',
    { timeout: 30_000 },
    async () => {
      const whole = await readIc(icPayments);
      expect(whole.ok).toBe(true);
      let failures = 0;
      for (const n of cuts(icPayments)) {
        const r = await readIc(icPayments.subarray(0, n));
        if (!r.ok) failures++;
        expectIcFailure(r, (whole as { value: unknown }).value);
      }
      expect(failures).toBeGreaterThan(icPayments.length * 0.9);
    },
  );

  it('values of the wrong type in any element are refused or read, never an unexpected error', async () => {
    const text = icPayments.toString('utf8');
    const elements = [...text.matchAll(/<([A-Za-z]+)>([^<]*)<\/\1>/g)].map((m) => ({
      index: m.index,
      whole: m[0],
      name: m[1]!,
    }));
    const whole = await readIc(icPayments);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...elements),
        fc.oneof(
          fc.string(),
          fc.constantFrom(
            '',
            '-1',
            '1e3',
            '0x10',
            'NaN',
            '99999999999999999999',
            '12.345',
            'true',
            '1/1/0001',
            '2025-02-30T00:00:00',
            '&amp;',
            '<x/>',
          ),
        ),
        async (el, value) => {
          const safe = value.replace(/&(?!amp;)/g, '&amp;').replace(/</g, value === '<x/>' ? '<' : '&lt;');
          const bytes = Buffer.from(
            text.slice(0, el.index) + `<${el.name}>${safe}</${el.name}>` + text.slice(el.index + el.whole.length),
            'utf8',
          );
          const r = await readIc(bytes);
          if (r.ok)
            expect(r.value.records.length).toBe((whole as { value: { records: unknown[] } }).value.records.length);
          else expectIcFailure(r, (whole as { value: unknown }).value);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('bytes that are not UTF-8 anywhere in the answer are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: icPayments.length }),
        fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]),
        async (at, bad) => {
          const bytes = Buffer.concat([icPayments.subarray(0, at), Buffer.from(bad), icPayments.subarray(at)]);
          const r = await readIc(bytes);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.error.message).toMatch(/not valid UTF-8/);
        },
      ),
      { numRuns: 200, seed: 8 },
    );
  });
});

describe('the InHANCE JSON reader under damaged answers', () => {
  it('a recorded ListAccounts page cut at every byte reads whole or fails clearly', { timeout: 30_000 }, async () => {
    const whole = await readImpresa(impresaAccounts);
    expect(whole.ok).toBe(true);
    for (const n of cuts(impresaAccounts))
      expectImpresaFailure(await readImpresa(impresaAccounts.subarray(0, n)), (whole as { value: unknown }).value);
  });

  it('any value replaced by one of another type is refused or read, never an unexpected error', async () => {
    const page = JSON.parse(impresaAccounts.toString('utf8')) as Record<string, unknown>;
    const paths: Array<Array<string | number>> = [];
    const walk = (v: unknown, at: Array<string | number>) => {
      paths.push(at);
      if (v && typeof v === 'object')
        for (const [k, child] of Object.entries(v)) walk(child, [...at, Array.isArray(v) ? Number(k) : k]);
    };
    walk(page, []);
    const whole = await readImpresa(impresaAccounts);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths.filter((p) => p.length > 0)),
        fc.oneof(fc.jsonValue(), fc.constantFrom(null, -1, 1e308, '0x10', '', [], {}, true)),
        async (at, value) => {
          const copy = JSON.parse(JSON.stringify(page)) as Record<string, unknown>;
          let node: Record<string | number, unknown> = copy;
          for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
          node[at.at(-1)!] = value;
          const r = await readImpresa(Buffer.from(JSON.stringify(copy)));
          if (!r.ok) expectImpresaFailure(r, (whole as { value: unknown }).value);
        },
      ),
      { numRuns: 200, seed: 9 },
    );
  });

  it('bytes that are not UTF-8 are refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: impresaAccounts.length }), async (at) => {
        const r = await readImpresa(
          Buffer.concat([impresaAccounts.subarray(0, at), Buffer.from([0xc0, 0xaf]), impresaAccounts.subarray(at)]),
        );
        expect(r.ok).toBe(false);
        if (!r.ok)
          expect(r.error.message).toMatch(
            /^InHANCE Impresa ListAccounts: the answer \(HTTP 200\) contains bytes that are not valid UTF-8/,
          );
      }),
      { numRuns: 100, seed: 10 },
    );
  });
});
