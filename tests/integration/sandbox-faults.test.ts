import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../main/ground/logger';
import { ClientError } from '../../main/clients/errors';
import { failure } from '../../main/clients/testing';
import { HttpImpresaClient } from '../../main/clients/impresa';
import { InvoiceCloudClient } from '../../main/clients/invoicecloud';
import { startSandbox, type Sandbox } from '../../main/sandbox';

/** Given a sandbox that misbehaves on purpose, the clients retry what is safe and fail cleanly. */
let sandbox: Sandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

const retry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 };

function ic(s: Sandbox, logger = new MemoryLogger(), timeoutMs = 2000) {
  return new InvoiceCloudClient({
    host: s.icBaseUrl,
    billerGuid: s.billerGuid,
    webServiceKey: s.webServiceKey,
    logger,
    retry,
    timeoutMs,
  });
}
function impresa(s: Sandbox, logger = new MemoryLogger(), timeoutMs = 2000, attempts = retry.attempts) {
  return new HttpImpresaClient({
    baseUrl: s.impresaBaseUrl,
    username: s.impresaUser,
    password: s.impresaPassword,
    logger,
    retry: { ...retry, attempts },
    timeoutMs,
  });
}
describe('fault injection', () => {
  it('every IC request failing with 500: reads retry then fail as IC_TRANSIENT naming the operation', async () => {
    sandbox = await startSandbox({ accounts: 200, seed: 'f1', faults: 'ic:500@1' });
    const logger = new MemoryLogger();
    const error = await failure(ic(sandbox, logger).downloadPayments({ afterSequence: 0 }));
    expect(error.code).toBe('IC_TRANSIENT');
    expect(error.message).toMatch(
      /^InvoiceCloud DownloadPayments: InvoiceCloud failed while processing the request \(fault Receiver: "Server was unable to process request/,
    );
    expect(logger.lines.filter((l) => /Trying again/.test(l)).length).toBe(3);
    expect(logger.lines.join('\n')).not.toContain(sandbox.webServiceKey);
  });

  it('half the IC requests failing: paging still completes and returns every record once', async () => {
    sandbox = await startSandbox({ accounts: 800, seed: 'f2', faults: 'ic:5xx@0.3,ic:reset@0.1,ic:malformed@0.1' });
    const client = ic(sandbox);
    const guids: string[] = [];
    for await (const page of client.paymentPages({ maxRecords: 10 }))
      guids.push(...page.records.map((r) => r.paymentGuid));
    expect(guids).toEqual(sandbox.world.payments.map((p) => p.paymentGuid));
  });

  it('timeouts become IC_TRANSIENT "timed out" and connection resets IC_TRANSIENT "reset"', async () => {
    sandbox = await startSandbox({ accounts: 100, seed: 'f3', faults: 'ic:timeout@1' });
    const timeout = await failure(
      new InvoiceCloudClient({
        host: sandbox.icBaseUrl,
        billerGuid: sandbox.billerGuid,
        webServiceKey: sandbox.webServiceKey,
        timeoutMs: 200,
        retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      }).viewCustomerRecord('x'),
    );
    expect(timeout.code).toBe('IC_TRANSIENT');
    expect(timeout.message).toMatch(/timed out/);
    sandbox.setFaults('ic:reset@1');
    const reset = await failure(ic(sandbox).viewCustomerRecord('x'));
    expect(reset.code).toBe('IC_TRANSIENT');
    expect(reset.message).toMatch(/reset/);
  });

  it('truncated IC bodies end as IC_PROTOCOL after retries, never as half a result', async () => {
    sandbox = await startSandbox({ accounts: 100, seed: 'f4', faults: 'ic:malformed@1' });
    const error = await failure(ic(sandbox).downloadPayments({ afterSequence: 0, maxRecords: 50 }));
    expect(error.code).toBe('IC_PROTOCOL');
    expect(error.message).toMatch(/cut short/);
  });

  it('an upload is not repeated after a failure (a repeat could duplicate invoices)', async () => {
    sandbox = await startSandbox({ accounts: 100, seed: 'f5', faults: 'ic:503@1' });
    const logger = new MemoryLogger();
    const error = await failure(
      ic(sandbox, logger).uploadEncodedInvoiceFile({ invoiceTypeId: 1, fileName: 'a.csv', csv: 'a' }),
    );
    expect(error.code).toBe('IC_TRANSIENT');
    expect(logger.lines.some((l) => /Trying again/.test(l))).toBe(false);
  });

  it('duplicated records in a page reach the caller as IC sent them (consumers de-duplicate by GUID)', async () => {
    sandbox = await startSandbox({ accounts: 300, seed: 'f6', faults: 'ic:duplicate@1,impresa:duplicate@1' });
    const page = await ic(sandbox).downloadPayments({ afterSequence: 0, maxRecords: 5 });
    expect(page.records.length).toBe(6);
    expect(page.records[5]!.paymentGuid).toBe(page.records[0]!.paymentGuid);
    const accounts = await impresa(sandbox).listAccountsChangedSince({ cursor: 0, limit: 4 });
    expect(accounts.items.length).toBe(5);
  });

  it('Impresa 5xx, resets and truncated JSON: reads retry through; writes keyed by externalRef never duplicate', async () => {
    sandbox = await startSandbox({
      accounts: 300,
      seed: 'f7',
      faults: 'impresa:503@0.2,impresa:reset@0.05,impresa:malformed@0.1,impresa:latency=5ms@0.5',
    });
    const client = impresa(sandbox, new MemoryLogger(), 2000, 8);
    let count = 0;
    for await (const page of client.accountPages({ limit: 40 })) count += page.items.length;
    expect(count).toBe(300);
    const batch = await client
      .createBatch({ depositDate: '2025-03-03' })
      .catch((e: ClientError) => (e.existing as { batch: { batchId: string } }).batch);
    for (let i = 0; i < 20; i++) {
      const externalRef = `ref-${i}`;
      await client
        .createEntry(batch.batchId, {
          externalRef,
          accountNumber: sandbox.world.accountNumber(i),
          amountCents: 100 + i,
          paymentDate: '2025-03-03',
          paymentType: 'card',
        })
        .catch((e: ClientError) => {
          if (e.code !== 'IMPRESA_CONFLICT') throw e;
        });
    }
    const summary = sandbox.summary().impresa;
    expect(summary.entries.pending.count).toBe(20);
    expect(summary.duplicateExternalRefs).toBe(0);
  });

  it('Impresa answers that are always cut short end as IMPRESA_PROTOCOL; timeouts as IMPRESA_TRANSIENT', async () => {
    sandbox = await startSandbox({ accounts: 50, seed: 'f8' });
    await impresa(sandbox).signIn();
    sandbox.setFaults('impresa:malformed@1');
    const c = impresa(sandbox);
    const error = await failure(c.listUsers());
    expect(error.code).toBe('IMPRESA_PROTOCOL');
    expect(error.message).toMatch(/^InHANCE Impresa SignIn: the sign-in answer|^InHANCE Impresa SignIn: the answer/);
    sandbox.setFaults('impresa:timeout@1');
    const timeout = await failure(impresa(sandbox, new MemoryLogger(), 200).listUsers());
    expect(timeout.code).toBe('IMPRESA_TRANSIENT');
    expect(timeout.message).toMatch(/timed out/);
  });
});
