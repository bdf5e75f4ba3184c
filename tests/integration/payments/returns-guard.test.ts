import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../main/ipc/router';
import type { Sandbox } from '../../../main/sandbox';
import { requireSecretService } from '../../support/temp';
import {
  CLERK_A,
  CLERK_B,
  impresaSummary,
  installation,
  runPaymentsJob,
  sandbox,
  type Installation,
} from '../../support/payments-kit';

/**
 * A returned ACH payment must never reach the account: the Payments job pulled its entry (rejected
 * it with the NACHA code), and no clerk, at the job host or at another workstation, can put it back
 * or post it. A clerk acting on a row that changed since the screen showed it is refused too, and
 * `ledger check` reports a pulled payment that was put back behind the app's back.
 */
const DAY = 86_400_000;
const ipc: CallContext = { shell: 'browser', trustedSender: true };
let sb: Sandbox;
let host: Installation;
let desk: Installation;

interface Results {
  results: Array<{ entryId: string; outcome: string; ok: boolean; code: string | null; message: string }>;
}

async function call<T>(inst: Installation, channel: string, input: unknown): Promise<T> {
  const envelope = await inst.core.router.dispatch(channel, input, ipc);
  if ('error' in envelope) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.result as T;
}

beforeAll(async () => {
  requireSecretService();
  sb = await sandbox({ seed: 'b', accounts: 1500 });
  host = await installation(sb, { actor: CLERK_A, jobHost: true });
  desk = await installation(sb, { actor: CLERK_B, jobHost: false });
  expect((await runPaymentsJob(host)).state).toBe('succeeded');
  // Six days on, IC's feed carries ACH returns of payments still waiting in the queue: the job pulls them.
  sb.advance(6 * DAY);
  expect((await runPaymentsJob(host)).state).toBe('succeeded');
});

afterAll(async () => {
  await desk?.close();
  await host?.close();
  await sb?.close();
});

function pulledReturns() {
  return host.core.payments.ledger.returns(host.billerId).filter((r) => r.state === 'pulled' && r.kind === 'return');
}

describe('a payment IC took back stays taken back', () => {
  it('refuses to undo or post the entry the job pulled for an ACH return, at the job host and at another workstation', async () => {
    const pulled = pulledReturns();
    expect(pulled.length).toBeGreaterThan(0);
    const ret = pulled[0]!;
    const entryId = host.core.payments.ledger.get(host.billerId, ret.originalGuid)!.entryId!;
    const impresa = await host.core.clients.impresa(host.billerId);
    const before = await impresaSummary(sb);

    for (const inst of [host, desk]) {
      const undo = await call<Results>(inst, 'payments:undo', {
        billerId: inst.billerId,
        entryIds: [entryId],
        expectedState: 'rejected',
      });
      expect(undo.results[0]).toMatchObject({ entryId, outcome: 'failed', ok: false, code: 'PAYMENT_RETURNED' });
      expect(undo.results[0]!.message).toContain(`ACH return ${ret.code}`);
      expect(undo.results[0]!.message).toContain('cannot be put back in the queue or posted');
      // Even asked as the CLI asks (no state from a screen).
      const cliUndo = await inst.core.payments.undo({ billerId: inst.billerId, entryIds: [entryId] });
      expect(cliUndo.results[0]!.code).toBe('PAYMENT_RETURNED');
      const post = await call<Results>(inst, 'payments:post', {
        billerId: inst.billerId,
        entryIds: [entryId],
        expectedState: 'rejected',
      });
      expect(post.results[0]).toMatchObject({ outcome: 'failed', code: 'PAYMENT_RETURNED' });
    }

    const entry = await impresa.getEntry(entryId);
    expect(entry.state).toBe('rejected');
    expect(entry.stateReason).toContain(`ACH return ${ret.code}`);
    const after = await impresaSummary(sb);
    expect(after.receipts.count).toBe(before.receipts.count);
    expect(after.entries.pending.count).toBe(before.entries.pending.count);
    expect((await host.core.payments.check(host.billerId)).ok).toBe(true);
  });

  it('refuses an action on an entry whose state changed since the clerk saw it, and says who changed it', async () => {
    const { entryIds } = await desk.core.payments.ids({ billerId: desk.billerId, tab: 'ready', search: '' });
    const [one, two] = entryIds;
    // Maria holds one while Jay still sees it under Ready; Jay's post is refused, not posted from Held.
    expect(
      (
        await call<Results>(host, 'payments:hold', {
          billerId: host.billerId,
          entryIds: [one],
          expectedState: 'pending',
        })
      ).results[0]!.outcome,
    ).toBe('held');
    const post = await call<Results>(desk, 'payments:post', {
      billerId: desk.billerId,
      entryIds: [one, two],
      expectedState: 'pending',
    });
    expect(post.results.map((r) => [r.entryId, r.outcome, r.code])).toEqual([
      [one, 'failed', 'STATE_CHANGED'],
      [two, 'posted', null],
    ]);
    expect(post.results[0]!.message).toMatch(
      /^Entry \S+ was made held by mlopez at .+, not pending as your screen showed; nothing was done to it\./,
    );
    const impresa = await desk.core.clients.impresa(desk.billerId);
    expect((await impresa.getEntry(one!)).state).toBe('held');
    // Jay's copy learnt the new state from the refusal: the row is under Held now.
    expect(desk.core.payments.entry(desk.billerId, one!)!.tab).toBe('held');

    // An undo from a Rejected tab that is out of date leaves the held entry alone.
    const undo = await call<Results>(desk, 'payments:undo', {
      billerId: desk.billerId,
      entryIds: [one],
      expectedState: 'rejected',
    });
    expect(undo.results[0]).toMatchObject({ outcome: 'failed', code: 'STATE_CHANGED' });
    expect((await impresa.getEntry(one!)).state).toBe('held');
    // The other clerk posted it meanwhile: "already posted by", not "state changed".
    const again = await call<Results>(host, 'payments:hold', {
      billerId: host.billerId,
      entryIds: [two],
      expectedState: 'pending',
    });
    expect(again.results[0]).toMatchObject({ outcome: 'already-posted', code: 'ALREADY_POSTED' });
    expect(again.results[0]!.message).toMatch(/^Already posted by jpatel at /);
    // The state a screen saw is required and checked by the contract.
    const bad = await host.core.router.dispatch(
      'payments:undo',
      { billerId: host.billerId, entryIds: [one], expectedState: 'posted' },
      ipc,
    );
    expect(bad).toMatchObject({
      error: { code: 'INVALID_INPUT', fields: { expectedState: expect.stringContaining('pending, held or rejected') } },
    });
    const missing = await host.core.router.dispatch('payments:post', { billerId: host.billerId, entryIds: [one] }, ipc);
    expect(missing).toMatchObject({ error: { code: 'INVALID_INPUT', fields: { expectedState: expect.any(String) } } });
  });

  it('ledger check reports a pulled payment put back in the queue, then posted without a reversal, behind the app’s back', async () => {
    const ret = pulledReturns()[1] ?? pulledReturns()[0]!;
    const payment = host.core.payments.ledger.get(host.billerId, ret.originalGuid)!;
    const impresa = await host.core.clients.impresa(host.billerId);
    // Someone works InHANCE directly (its own screens): the undo and the post go through there.
    await impresa.undoEntry(payment.entryId!, 'inhance-user');
    const pending = await host.core.payments.check(host.billerId);
    expect(pending.ok).toBe(false);
    const line = pending.problems.find((p) => p.includes('taken back by IC'));
    expect(line).toContain(`${ret.originalGuid} (${ret.code}, ${payment.accountNumber}`);
    expect(line).toContain(`pending again (entry ${payment.entryId})`);

    const { receipt } = await impresa.postEntry(payment.entryId!, 'inhance-user');
    const posted = await host.core.payments.check(host.billerId);
    expect(posted.ok).toBe(false);
    expect(posted.problems.find((p) => p.includes('taken back by IC'))).toContain(
      `posted (receipt ${receipt.receiptId}) without a reversal`,
    );
  });
});
