import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../main/sandbox';
import type { CallContext } from '../../../main/ipc/router';
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
 * Two clerks at two workstations (two installations, two data directories) work the same queue in
 * the same InHANCE: the job host (Maria) and a workstation that never runs the jobs (Jay).
 */
let sb: Sandbox;
let host: Installation;
let desk: Installation;
const ipc: CallContext = { shell: 'browser', trustedSender: true };

beforeAll(async () => {
  requireSecretService();
  sb = await sandbox({ seed: 'f', accounts: 1500 });
  host = await installation(sb, { actor: CLERK_A, jobHost: true });
  desk = await installation(sb, { actor: CLERK_B, jobHost: false });
  expect((await runPaymentsJob(host)).state).toBe('succeeded');
});

afterAll(async () => {
  await desk?.close();
  await host?.close();
  await sb?.close();
});

async function call<T>(inst: Installation, channel: string, input: unknown): Promise<T> {
  const envelope = await inst.core.router.dispatch(channel, input, ipc);
  if ('error' in envelope) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.result as T;
}

describe('two clerks, two workstations, one queue', () => {
  it('both see the same queue, read from InHANCE', async () => {
    const a = await host.core.payments.ids({ billerId: host.billerId, tab: 'ready', search: '' });
    const b = await desk.core.payments.ids({ billerId: desk.billerId, tab: 'ready', search: '' });
    expect(b.entryIds.sort()).toEqual(a.entryIds.sort());
    expect(b.totalCents).toBe(a.totalCents);
    expect(a.count).toBeGreaterThan(20);
  });

  it('posting the same entries at the same moment posts each once; the other clerk is told who posted it and when', async () => {
    const { entryIds } = await host.core.payments.ids({ billerId: host.billerId, tab: 'ready', search: '' });
    const chosen = entryIds.slice(0, 12);
    const progress: unknown[] = [];
    const stop = host.core.events.subscribe((event, payload) => {
      if (event === 'payments:progress') progress.push(payload);
    });
    const before = await impresaSummary(sb);
    const [ra, rb] = await Promise.all([
      call<{ results: Array<{ entryId: string; outcome: string; by: string | null; message: string; ok: boolean }> }>(
        host,
        'payments:post',
        { billerId: host.billerId, entryIds: chosen, expectedState: 'pending', operationId: 'op-a' },
      ),
      call<{ results: Array<{ entryId: string; outcome: string; by: string | null; message: string; ok: boolean }> }>(
        desk,
        'payments:post',
        { billerId: desk.billerId, entryIds: [...chosen].reverse(), expectedState: 'pending' },
      ),
    ]);
    stop();
    const after = await impresaSummary(sb);
    expect(after.receipts.count - before.receipts.count).toBe(12);
    expect(after.entries.posted.count - before.entries.posted.count).toBe(12);
    expect(after.duplicateExternalRefs).toBe(0);
    for (const id of chosen) {
      const a = ra.results.find((r) => r.entryId === id)!;
      const b = rb.results.find((r) => r.entryId === id)!;
      expect([a.outcome, b.outcome].sort()).toEqual(['already-posted', 'posted']);
      const loser = a.outcome === 'already-posted' ? a : b;
      const winner = a.outcome === 'posted' ? CLERK_A : CLERK_B;
      expect(loser.by).toBe(winner.id);
      expect(loser.message).toMatch(new RegExp(`^Already posted by ${winner.id} at \\d{1,2}:\\d{2} [AP]M on `));
      expect(loser.ok).toBe(false);
    }
    expect(progress).toHaveLength(12);
    expect(progress.at(-1)).toMatchObject({ operationId: 'op-a', done: 12, total: 12, action: 'post' });

    // Both workstations now list them under Posted today; each audit log holds only its own clerk's posts.
    const postedA = await host.core.payments.list({
      billerId: host.billerId,
      tab: 'posted-today',
      search: '',
      sort: 'postedAt',
      direction: 'asc',
      offset: 0,
      limit: 100,
    });
    expect(postedA.rows.map((r) => r.entryId)).toEqual(expect.arrayContaining(chosen));
    await desk.core.payments.refresh(desk.billerId);
    const postedB = await desk.core.payments.list({
      billerId: desk.billerId,
      tab: 'posted-today',
      search: '',
      sort: 'postedAt',
      direction: 'asc',
      offset: 0,
      limit: 100,
    });
    expect(postedB.rows.map((r) => r.entryId).sort()).toEqual(postedA.rows.map((r) => r.entryId).sort());
    const auditA = await call<{
      entries: Array<{ actor: string; actorName: string; action: string; subject: string }>;
      total: number;
    }>(host, 'payments:audit', { billerId: host.billerId, action: 'payment.post' });
    expect(auditA.total).toBe(ra.results.filter((r) => r.outcome === 'posted').length);
    expect(auditA.entries.every((e) => e.actor === 'mlopez' && e.actorName === 'Maria Lopez')).toBe(true);
    // The host's ledger learnt the other clerk's posts from InHANCE.
    await host.core.payments.refresh(host.billerId);
    for (const id of chosen) expect(host.core.payments.ledger.byEntryId(host.billerId, id)!.state).toBe('posted');
  });

  it('holds, rejects and undoes with reasons; a rejection needs a reason', async () => {
    const { payments } = desk.core;
    const ready = await payments.ids({ billerId: desk.billerId, tab: 'ready', search: '' });
    const [one, two] = ready.entryIds;
    const held = await call<{ results: Array<{ outcome: string }> }>(desk, 'payments:hold', {
      billerId: desk.billerId,
      entryIds: [one],
      expectedState: 'pending',
      reason: 'Customer called about it',
    });
    expect(held.results[0]!.outcome).toBe('held');
    const heldTab = await payments.list({
      billerId: desk.billerId,
      tab: 'held',
      search: '',
      sort: 'paidAt',
      direction: 'asc',
      offset: 0,
      limit: 10,
    });
    expect(heldTab.rows.map((r) => [r.entryId, r.stateReason, r.stateBy])).toContainEqual([
      one,
      'Customer called about it',
      'jpatel',
    ]);
    await expect(
      call(desk, 'payments:reject', {
        billerId: desk.billerId,
        entryIds: [two],
        expectedState: 'pending',
        reason: '  ',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const rejected = await payments.reject({
      billerId: desk.billerId,
      entryIds: [two!],
      reason: 'Paid twice, refund requested',
    });
    expect(rejected.results[0]!.outcome).toBe('rejected');
    expect((await payments.counts(desk.billerId)).tabs.rejected.count).toBe(1);

    // Each undo says which tab it was done from (the state the clerk saw).
    const undoHold = await call<{ results: Array<{ outcome: string; message: string }> }>(desk, 'payments:undo', {
      billerId: desk.billerId,
      entryIds: [one],
      expectedState: 'held',
    });
    const undoReject = await call<{ results: Array<{ outcome: string; message: string }> }>(desk, 'payments:undo', {
      billerId: desk.billerId,
      entryIds: [two],
      expectedState: 'rejected',
    });
    const undone = { results: [...undoHold.results, ...undoReject.results] };
    expect(undone.results.map((r) => r.outcome)).toEqual(['undone', 'undone']);
    expect(undone.results[0]!.message).toContain('hold');
    expect(undone.results[1]!.message).toContain('rejection');
    const impresa = await desk.core.clients.impresa(desk.billerId);
    expect((await impresa.getEntry(one!)).state).toBe('pending');
    const after = await payments.ids({ billerId: desk.billerId, tab: 'ready', search: '' });
    expect(after.entryIds).toEqual(expect.arrayContaining([one, two]));
    const audit = await call<{ entries: Array<{ action: string; detail: string }> }>(desk, 'payments:audit', {
      billerId: desk.billerId,
    });
    expect(audit.entries.map((e) => e.action).slice(0, 4)).toEqual([
      'payment.undo',
      'payment.undo',
      'payment.reject',
      'payment.hold',
    ]);
    expect(audit.entries.find((e) => e.action === 'payment.reject')!.detail).toContain('Paid twice, refund requested');
  });

  it('resolves an exception on the spot: an account search in InHANCE, reassign, post', async () => {
    const { payments } = desk.core;
    const exceptions = await payments.list({
      billerId: desk.billerId,
      tab: 'exceptions',
      search: '',
      exceptionKind: 'account-not-found',
      sort: 'paidAt',
      direction: 'asc',
      offset: 0,
      limit: 50,
    });
    expect(exceptions.total).toBeGreaterThan(0);
    const row = exceptions.rows[0]!;
    // Posting it as it is fails, with what to do.
    const failed = await payments.post({ billerId: desk.billerId, entryIds: [row.entryId!] });
    expect(failed.results[0]).toMatchObject({ outcome: 'failed', code: 'IMPRESA_NOT_FOUND' });
    expect(failed.results[0]!.message).toContain('Reassign it to an account that exists');

    const surname = row.customerName.split(' ').at(-1)!;
    const found = await call<{ accounts: Array<{ accountNumber: string; name: string; status: string }> }>(
      desk,
      'payments:searchAccounts',
      { billerId: desk.billerId, query: surname, status: 'active' },
    );
    expect(found.accounts.length).toBeGreaterThan(0);
    expect(
      found.accounts.every((a) => a.name.toLowerCase().includes(surname.toLowerCase()) && a.status === 'active'),
    ).toBe(true);
    const closed = await payments.searchAccounts({ billerId: desk.billerId, query: 'a', status: 'closed', limit: 1 });
    await expect(
      payments.reassign({
        billerId: desk.billerId,
        entryId: row.entryId!,
        accountNumber: closed[0]!.accountNumber,
        post: true,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const target = found.accounts[0]!.accountNumber;
    const result = await call<{
      reassigned: { outcome: string };
      posted: { outcome: string; receiptId: string } | null;
    }>(desk, 'payments:reassign', {
      billerId: desk.billerId,
      entryId: row.entryId,
      accountNumber: target,
      post: true,
    });
    expect(result.reassigned.outcome).toBe('reassigned');
    expect(result.posted!.outcome).toBe('posted');
    const impresa = await desk.core.clients.impresa(desk.billerId);
    const receipt = await impresa.getReceipt(result.posted!.receiptId);
    expect(receipt.accountNumber).toBe(target);
    expect(receipt.amountCents).toBe(row.amountCents);
    const still = await payments.list({
      billerId: desk.billerId,
      tab: 'exceptions',
      search: '',
      sort: 'paidAt',
      direction: 'asc',
      offset: 0,
      limit: 500,
    });
    expect(still.rows.map((r) => r.id)).not.toContain(row.id);
    const audit = desk.core.payments.auditLog({
      billerId: desk.billerId,
      action: 'payment.reassign',
      offset: 0,
      limit: 10,
    });
    expect(audit.entries[0]!.detail).toContain(`from ${row.accountNumber} to ${target}`);

    // The audit log exports as CSV.
    const file = await call<{ fileName: string; mimeType: string; base64: string }>(desk, 'payments:auditExport', {
      billerId: desk.billerId,
    });
    const csv = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(file.mimeType).toBe('text/csv');
    expect(csv.split('\n')[0]).toBe('at,user,name,action,subject,detail');
    expect(csv).toContain('payment.reassign');
    expect(csv).toContain('Jay Patel');
  });

  it('a workstation that is not the job host balances the control totals with IC’s total the job host set in InHANCE', async () => {
    await desk.core.payments.refresh(desk.billerId);
    const totals = await desk.core.payments.controlTotals({
      billerId: desk.billerId,
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(totals.length).toBeGreaterThan(0);
    const hostTotals = await host.core.payments.controlTotals({
      billerId: host.billerId,
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(hostTotals.every((d) => d.balanced === true)).toBe(true);
    // Same IC total and InHANCE side on both (ic-totals.test.ts covers a difference).
    expect(totals.map((d) => [d.icCents, d.accountedCents, d.balanced])).toEqual(
      hostTotals.map((d) => [d.icCents, d.accountedCents, true]),
    );
    expect(totals.every((d) => d.icTotalAt !== null)).toBe(true);
  });
});
