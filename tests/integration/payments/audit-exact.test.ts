import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../main/sandbox';
import { ImpresaGate } from '../../support/impresa-gate';
import { requireSecretService } from '../../support/temp';
import { CLERK_A, installation, runPaymentsJob, sandbox, type Installation } from '../../support/payments-kit';

/**
 * The audit log is as exact as the ledger: every entry this installation posted in InHANCE has
 * exactly one "Posted" row, whatever answers were lost on the way. The gate switches the
 * simulator's faults on at the exact moment a request arrives, so each case is deterministic.
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

function postRows(entryId: string): number {
  return host.core.audit
    .list({ billerId: host.billerId, limit: 100_000 })
    .filter((r) => r.action === 'payment.post' && r.subject === entryId).length;
}

const isPost = (entryId: string) => (r: { method: string; path: string }) =>
  r.method === 'POST' && r.path === `/api/v1/entries/${entryId}/post`;
const isRead = (entryId: string) => (r: { method: string; path: string }) =>
  r.method === 'GET' && r.path === `/api/v1/entries/${entryId}`;

describe('the audit log records each post exactly once', () => {
  it('the "Posted" row carries the instant InHANCE posted the entry, the one the queue and the report show, even when InHANCE’s clock runs ahead of this PC’s', async () => {
    const { payments } = host.core;
    const billerId = host.billerId;
    const [entryId] = (await payments.ids({ billerId, tab: 'ready', search: '' })).entryIds;
    // InHANCE's clock 90 seconds ahead of this PC's (the app's clock is not moved): 8:06 in the log for a post shown at 8:05 elsewhere.
    sb.advance(90_000);
    const posted = (await payments.post({ billerId, entryIds: [entryId!] })).results[0]!;
    expect(posted.outcome).toBe('posted');
    const row = host.core.audit
      .list({ billerId, limit: 100_000 })
      .find((r) => r.action === 'payment.post' && r.subject === entryId)!;
    const queueRow = (await payments.ids({ billerId, tab: 'posted-today', search: entryId! })).entryIds;
    expect(queueRow).toContain(entryId);
    expect(row.at).toBe(new Date(posted.at!).toISOString());
  });

  it('a transient error on re-posting an entry this clerk already posted adds no second "Posted" row', async () => {
    const { payments } = host.core;
    const billerId = host.billerId;
    const [entryId] = (await payments.ids({ billerId, tab: 'ready', search: '' })).entryIds;
    expect((await payments.post({ billerId, entryIds: [entryId!] })).results[0]!.outcome).toBe('posted');
    expect(postRows(entryId!)).toBe(1);

    // The second post never reaches InHANCE's logic (503); the read that follows says "posted by mlopez".
    gate.once(isPost(entryId!), () => sb.setFaults('impresa:503'));
    gate.once(isRead(entryId!), () => sb.setFaults(''));
    const again = (await payments.post({ billerId, entryIds: [entryId!] })).results[0]!;
    expect(gate.armed).toBe(0);
    expect(again.outcome).toBe('already-posted');
    expect(postRows(entryId!)).toBe(1);
  });

  it('a post whose answer was lost is recorded once InHANCE is read again, and only once', async () => {
    const { payments } = host.core;
    const billerId = host.billerId;
    const [entryId] = (await payments.ids({ billerId, tab: 'ready', search: '' })).entryIds;

    // InHANCE posts the entry but the answer is cut short, and every read after it too: the clerk sees a failure.
    gate.once(isPost(entryId!), () => sb.setFaults('impresa:malformed'));
    let first;
    try {
      first = (await payments.post({ billerId, entryIds: [entryId!] })).results[0]!;
    } finally {
      sb.setFaults('');
    }
    expect(gate.armed).toBe(0);
    expect(first.outcome).toBe('failed');
    expect(postRows(entryId!)).toBe(0);

    // The clerk posts it again: InHANCE answers "already posted by mlopez"; this installation sent that post, so it is the clerk's post, recorded now.
    const second = (await payments.post({ billerId, entryIds: [entryId!] })).results[0]!;
    expect(second).toMatchObject({ outcome: 'posted', by: 'mlopez' });
    expect(postRows(entryId!)).toBe(1);
    const row = host.core.audit
      .list({ billerId, limit: 100_000 })
      .find((r) => r.action === 'payment.post' && r.subject === entryId)!;
    expect(row.detail).toContain(`receipt ${second.receiptId}`);

    // A third try, and a look from the screen, add nothing.
    expect((await payments.post({ billerId, entryIds: [entryId!] })).results[0]!.outcome).toBe('already-posted');
    expect(
      (await payments.post({ billerId, entryIds: [entryId!], expectedState: 'pending' })).results[0]!.outcome,
    ).toBe('already-posted');
    expect(postRows(entryId!)).toBe(1);
    expect(payments.ledger.byEntryId(billerId, entryId!)!.state).toBe('posted');
  });
});
