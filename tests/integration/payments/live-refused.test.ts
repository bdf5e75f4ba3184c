import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../main/sandbox';
import { ImpresaGate } from '../../support/impresa-gate';
import { requireSecretService } from '../../support/temp';
import {
  CLERK_A,
  icSummary,
  impresaSummary,
  installation,
  runPaymentsJob,
  sandbox,
  type Installation,
} from '../../support/payments-kit';

/**
 * Live posting: InHANCE may refuse a post the lookup said would go through (the account was closed
 * a moment before). The payment must then wait in the queue as an exception, once, not fail and be
 * retried on every run. The gate closes the account in the simulator at the moment the job posts.
 */
let sb: Sandbox;
let gate: ImpresaGate;
let host: Installation;

beforeAll(async () => {
  requireSecretService();
  sb = await sandbox({ seed: 'a', accounts: 1500 });
  gate = await new ImpresaGate(sb.impresaBaseUrl).start();
  host = await installation(sb, { mode: 'live', actor: CLERK_A, impresaUrl: gate.url });
});

afterAll(async () => {
  await host?.close();
  await gate?.close();
  await sb?.close();
});

describe('a live post InHANCE refuses', () => {
  it('becomes an exception entry in the queue with the reason, and a rerun writes nothing twice', async () => {
    let refused: { externalRef: string; accountNumber: string } | null = null;
    gate.once(
      (r) => r.method === 'POST' && r.path === '/api/v1/receipts',
      (r) => {
        refused = JSON.parse(r.body) as { externalRef: string; accountNumber: string };
        const index = sb.world.indexOf(refused.accountNumber);
        expect(index).toBeGreaterThanOrEqual(0);
        sb.world.status[index] = 1; // closed since the job looked it up
      },
    );
    const run = await runPaymentsJob(host);
    expect(run.state, run.error?.message).toBe('succeeded');
    expect(run.counts.failed).toBe(0);
    expect(refused).not.toBeNull();
    const { externalRef, accountNumber } = refused!;

    const { payments } = host.core;
    const payment = payments.ledger.get(host.billerId, externalRef)!;
    expect(payment).toMatchObject({
      state: 'exception',
      exceptionKind: 'account-closed',
      intent: null,
      lastError: null,
      receiptId: null,
    });
    expect(payment.exceptionReason).toBe(`Account ${accountNumber} is closed in InHANCE.`);
    const impresa = await host.core.clients.impresa(host.billerId);
    const landed = await impresa.lookupExternalRef(externalRef);
    expect(landed.receipt).toBeNull();
    expect(landed.entry).toMatchObject({
      state: 'pending',
      accountNumber,
      memo: `[exception:account-closed] Account ${accountNumber} is closed in InHANCE.`,
    });
    const row = payments.entry(host.billerId, landed.entry!.entryId)!;
    expect(row).toMatchObject({ tab: 'exceptions', exception: { kind: 'account-closed' } });

    // Every IC payment is in InHANCE exactly once: a receipt or an entry.
    const ic = await icSummary(sb);
    const first = await impresaSummary(sb);
    expect(first.duplicateExternalRefs).toBe(0);
    expect(first.entries.pending.count + first.receipts.live).toBe(ic.payments.count);

    // The rerun neither retries the post nor adds a second entry.
    const rerun = await runPaymentsJob(host);
    expect(rerun.state).toBe('succeeded');
    expect(rerun.counts.failed).toBe(0);
    const second = await impresaSummary(sb);
    expect(second.receipts.count).toBe(first.receipts.count);
    expect(second.entries.pending.count).toBe(first.entries.pending.count);
    expect(second.duplicateExternalRefs).toBe(0);
    expect(payments.ledger.get(host.billerId, externalRef)!.attempts).toBe(payment.attempts);

    // A clerk posting it as it is is told why and what to do.
    const post = await payments.post({
      billerId: host.billerId,
      entryIds: [landed.entry!.entryId],
      expectedState: 'pending',
    });
    expect(post.results[0]).toMatchObject({ outcome: 'failed', code: 'IMPRESA_CONFLICT' });
    expect(post.results[0]!.message).toContain(`Account ${accountNumber} is closed`);
    expect(post.results[0]!.message).toContain('Reassign it to an active account.');
  });
});
