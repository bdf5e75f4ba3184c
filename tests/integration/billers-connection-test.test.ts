import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../main/ground/logger';
import { testConnection } from '../../main/billers/connection-test';
import { ClientFactory, PROBE_TIMEOUT_MS } from '../../main/clients/client-factory';
import { jobsWorld, type JobsWorld } from '../support/jobs-world';

/**
 * Given a biller whose InvoiceCloud or InHANCE host never answers, "Test connection" asks once,
 * gives up after its probe timeout and says so in a sentence; the jobs' clients keep retrying.
 */
let w: JobsWorld;
let log: MemoryLogger;
let probing: ClientFactory;

beforeAll(async () => {
  w = await jobsWorld({ accounts: 100, seed: 'probe' });
  log = new MemoryLogger();
  // The app's own factory waits PROBE_TIMEOUT_MS; this one, over the same keychain and profiles, 300 ms.
  probing = new ClientFactory(
    { secrets: w.core.secrets, redactor: w.core.redactor, log, billers: w.core.billers },
    { probeTimeoutMs: 300 },
  );
});
afterAll(async () => w?.close());

const tries = () => w.sandbox.requests();

describe('Test connection on a host that never answers', () => {
  it('asks InvoiceCloud once and answers with a plain sentence', async () => {
    w.sandbox.setFaults('ic:timeout@1');
    const before = tries().ic;
    const result = await testConnection(probing, w.biller.id, 'invoicecloud');
    expect(result).toMatchObject({ system: 'invoicecloud', ok: false });
    expect(result.message).toBe(
      `InvoiceCloud could not be reached or failed to answer: no answer within 0.3 s (timed out) (${w.sandbox.icBaseUrl}).`,
    );
    expect(tries().ic - before).toBe(1);
    expect(log.lines.some((l) => /Trying again/.test(l))).toBe(false);
  });

  it('asks InHANCE Impresa once (the sign-in) and answers with a plain sentence', async () => {
    w.sandbox.setFaults('impresa:timeout@1');
    const before = tries().impresa;
    const result = await testConnection(probing, w.biller.id, 'impresa');
    expect(result).toMatchObject({ system: 'impresa', ok: false });
    expect(result.message).toBe(
      `InHANCE Impresa could not be reached or failed to answer: no answer within 0.3 s (timed out) (${w.sandbox.impresaBaseUrl}).`,
    );
    expect(tries().impresa - before).toBe(1);
  });

  it('does not retry a failing answer either, while the job clients of the same factory still do', async () => {
    w.sandbox.setFaults('ic:503@1');
    const before = tries().ic;
    const result = await testConnection(probing, w.biller.id, 'invoicecloud');
    expect(result.ok).toBe(false);
    expect(tries().ic - before).toBe(1);
    const jobs = await probing.forBiller(w.biller.id);
    await expect(jobs.ic.viewCustomerRecord('1')).rejects.toMatchObject({ code: 'IC_TRANSIENT' });
    expect(tries().ic - before).toBe(1 + 3);
  });

  it('works once the host answers again, and the app probes with a ten-second limit', async () => {
    w.sandbox.setFaults('');
    expect(await testConnection(probing, w.biller.id, 'invoicecloud')).toMatchObject({ ok: true });
    expect(await testConnection(probing, w.biller.id, 'impresa')).toMatchObject({ ok: true });
    expect(w.core.clients.probeTimeoutMs).toBe(PROBE_TIMEOUT_MS);
    expect(PROBE_TIMEOUT_MS).toBe(10_000);
  });
});
