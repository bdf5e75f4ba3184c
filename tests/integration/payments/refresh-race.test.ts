import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../main/sandbox';
import { ImpresaGate } from '../../support/impresa-gate';
import { requireSecretService } from '../../support/temp';
import { CLERK_A, installation, runPaymentsJob, sandbox, type Installation } from '../../support/payments-kit';

/**
 * A clerk keeps working while the queue is read from InHANCE. The refresh's copy is older than the
 * clerk's result for the rows the clerk touched meanwhile: those rows must keep the clerk's result.
 * The gate runs the clerk's actions at the exact moment the refresh asks for today's receipts, that
 * is after it has read the pending and held entries and before it writes its copy.
 */
let sb: Sandbox;
let gate: ImpresaGate;
let host: Installation;

beforeAll(async () => {
  requireSecretService();
  sb = await sandbox({ seed: 'c', accounts: 800 });
  gate = await new ImpresaGate(sb.impresaBaseUrl).start();
  host = await installation(sb, { actor: CLERK_A, impresaUrl: gate.url });
  expect((await runPaymentsJob(host)).state).toBe('succeeded');
  await host.core.payments.refresh(host.billerId);
});

afterAll(async () => {
  await host?.close();
  await gate?.close();
  await sb?.close();
});

describe('a queue refresh while a clerk acts', () => {
  it('keeps what the clerk did during the refresh: a posted entry does not come back under Ready, a held one stays held', async () => {
    const { payments } = host.core;
    const billerId = host.billerId;
    const { entryIds } = await payments.ids({ billerId, tab: 'ready', search: '' });
    const [posted, held] = entryIds;
    let acted = false;
    gate.once(
      (r) => r.method === 'GET' && r.path === '/api/v1/receipts',
      async () => {
        expect((await payments.post({ billerId, entryIds: [posted!], expectedState: 'pending' })).done).toBe(1);
        expect(
          (await payments.hold({ billerId, entryIds: [held!], reason: 'Customer called', expectedState: 'pending' }))
            .done,
        ).toBe(1);
        acted = true;
      },
    );
    const result = await payments.refresh(billerId);
    expect(acted).toBe(true);
    expect(result.entries).toBeGreaterThan(0);

    // The refresh read both entries as pending; the clerk's answers are newer and are kept.
    expect(payments.entry(billerId, posted!)).toMatchObject({
      tab: 'posted-today',
      state: 'posted',
      postedBy: 'mlopez',
    });
    expect(payments.entry(billerId, held!)).toMatchObject({
      tab: 'held',
      state: 'held',
      stateReason: 'Customer called',
    });
    expect(payments.ledger.byEntryId(billerId, posted!)!.state).toBe('posted');
    expect(payments.ledger.byEntryId(billerId, held!)!.state).toBe('held');
    const ready = await payments.ids({ billerId, tab: 'ready', search: '' });
    expect(ready.entryIds).not.toContain(posted);
    expect(ready.entryIds).not.toContain(held);

    // The next refresh (nothing racing) reads the same from InHANCE, and the rest of the queue was refreshed.
    await payments.refresh(billerId);
    expect(payments.entry(billerId, posted!)!.tab).toBe('posted-today');
    expect(payments.entry(billerId, held!)!.tab).toBe('held');
    expect((await payments.ids({ billerId, tab: 'ready', search: '' })).count).toBe(entryIds.length - 2);
  });
});
