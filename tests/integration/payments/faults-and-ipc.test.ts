import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../main/ipc/router';
import type { Run } from '../../../shared/domain/jobs';
import { requireSecretService } from '../../support/temp';
import { CLERK_A, icSummary, impresaSummary, installation, runPaymentsJob, sandbox } from '../../support/payments-kit';

let open: Array<{ close(): Promise<void> }> = [];
const ipc: CallContext = { shell: 'browser', trustedSender: true };

beforeAll(() => requireSecretService());
afterEach(async () => {
  for (const o of open.reverse()) await o.close();
  open = [];
});

describe('an unreliable InHANCE', () => {
  it('answers lost after the write landed, and refused requests, still end with one entry per payment once the job has run through', async () => {
    const sb = await sandbox({ seed: 'f', accounts: 600 });
    open.push(sb);
    const host = await installation(sb, { actor: CLERK_A });
    open.push(host);
    // "malformed" cuts InHANCE's answer short after it acted: the write landed, the answer is lost.
    sb.setFaults('impresa:malformed@0.15,impresa:503@0.05');
    const runs: Run[] = [];
    for (let i = 0; i < 12 && runs.at(-1)?.state !== 'succeeded'; i++) runs.push(await runPaymentsJob(host));
    expect(runs.at(-1)!.state, runs.map((r) => `${r.state}: ${r.error?.message ?? r.summary}`).join('\n')).toBe(
      'succeeded',
    );
    sb.setFaults('');
    const ic = await icSummary(sb);
    const inhance = await impresaSummary(sb);
    expect(inhance.duplicateExternalRefs).toBe(0);
    const entries =
      inhance.entries.pending.count +
      inhance.entries.posted.count +
      inhance.entries.held.count +
      inhance.entries.rejected.count;
    expect(entries).toBe(ic.payments.count);
    expect(host.core.payments.ledger.counts(host.billerId).downloaded).toBe(0);
    // The faults did bite: the client had to try again.
    expect(host.logger.lines.join('\n')).toMatch(/is not complete JSON; it may have been cut short\. Trying again/);
    const check = await host.core.payments.check(host.billerId);
    expect(check.problems).toEqual([]);

    // A clerk posting through the same faults: every entry posted once; lost answers are resolved from InHANCE.
    const ready = await host.core.payments.ids({ billerId: host.billerId, tab: 'ready', search: '' });
    const chosen = ready.entryIds.slice(0, 12);
    sb.setFaults('impresa:malformed@0.3');
    const first = await host.core.payments.post({ billerId: host.billerId, entryIds: chosen });
    sb.setFaults('');
    const retry = await host.core.payments.post({
      billerId: host.billerId,
      entryIds: first.results.filter((r) => !r.ok).map((r) => r.entryId),
    });
    const outcomes = new Map([...first.results, ...retry.results].map((r) => [r.entryId, r.outcome]));
    for (const id of chosen) expect(['posted', 'already-posted']).toContain(outcomes.get(id));
    const after = await impresaSummary(sb);
    expect(after.receipts.count).toBe(12);
    expect(after.duplicateExternalRefs).toBe(0);
  });
});

describe('the payments IPC contract, end to end through the router', () => {
  it('serves every channel with answers that pass the contract’s own output schemas', async () => {
    const sb = await sandbox({ seed: 'f', accounts: 600 });
    open.push(sb);
    const host = await installation(sb, { actor: CLERK_A, shell: 'browser' });
    open.push(host);
    const events: Array<{ event: string; payload: unknown }> = [];
    host.core.events.subscribe((event, payload) => events.push({ event, payload }));
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const envelope = await host.core.router.dispatch(channel, input, ipc);
      if ('error' in envelope) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.result as T;
    };
    const billerId = host.billerId;

    // A dry run writes nothing and says what it would do.
    const dry = await host.core.jobs.run(billerId, 'payments', { dryRun: true }).finished;
    expect(dry.summary).toMatch(/^Dry run: \d+ queued/);
    expect((await impresaSummary(sb)).batches).toBe(0);
    expect(host.core.payments.ledger.counts(billerId).downloaded).toBe(0);

    expect((await runPaymentsJob(host)).state).toBe('succeeded');
    expect(
      events.some((e) => e.event === 'payments:changed' && (e.payload as { reason: string }).reason === 'job'),
    ).toBe(true);

    const refreshed = await call<{ entries: number }>('payments:refresh', { billerId });
    expect(refreshed.entries).toBeGreaterThan(30);
    const counts = await call<{
      tabs: Record<string, { count: number }>;
      postingMode: string;
      actor: { name: string };
      today: string;
    }>('payments:counts', { billerId });
    expect(counts).toMatchObject({ postingMode: 'pending', actor: { name: 'Maria Lopez' }, today: '2025-03-03' });
    const page = await call<{ rows: Array<{ entryId: string; tab: string }>; total: number; syncedAt: string | null }>(
      'payments:list',
      { billerId, tab: 'ready', limit: 5 },
    );
    expect(page.rows).toHaveLength(5);
    expect(page.total).toBe(counts.tabs.ready!.count);
    expect(page.syncedAt).not.toBeNull();
    const ids = await call<{ entryIds: string[]; count: number }>('payments:ids', { billerId, tab: 'ready' });
    expect(ids.count).toBe(page.total);
    const posted = await call<{ done: number; operationId: string }>('payments:post', {
      billerId,
      entryIds: ids.entryIds.slice(0, 2),
      expectedState: 'pending',
      operationId: 'screen-1',
    });
    expect(posted).toMatchObject({ done: 2, operationId: 'screen-1' });
    expect(
      events.filter((e) => e.event === 'payments:progress').map((e) => (e.payload as { done: number }).done),
    ).toEqual([1, 2]);
    const totals = await call<{ days: Array<{ depositDate: string; balanced: boolean }> }>('payments:controlTotals', {
      billerId,
      from: '2025-02-01',
      to: '2025-03-31',
    });
    expect(totals.days.length).toBeGreaterThan(1);
    expect(totals.days.every((d) => d.balanced)).toBe(true);
    const report = await call<{ fileName: string; mimeType: string; bytes: number; base64: string }>(
      'payments:report',
      { billerId, date: '2025-03-03', format: 'pdf' },
    );
    expect(report.mimeType).toBe('application/pdf');
    expect(Buffer.from(report.base64, 'base64')).toHaveLength(report.bytes);
    const audit = await call<{ entries: Array<{ action: string; actorName: string }>; total: number }>(
      'payments:audit',
      { billerId, limit: 1 },
    );
    // Two posts by Maria, and before them the job's pull of the ACH return in IC's feed.
    expect(audit).toMatchObject({ total: 3, entries: [{ action: 'payment.post', actorName: 'Maria Lopez' }] });
    const pulls = await call<{ entries: Array<{ actorName: string }> }>('payments:audit', {
      billerId,
      action: 'payment.pull',
    });
    expect(pulls.entries.map((e) => e.actorName)).toEqual(['IC Clerk (Payments job)']);

    // Bad input is refused with the field named, before anything reaches InHANCE.
    const bad = await host.core.router.dispatch('payments:post', { billerId, entryIds: [] }, ipc);
    expect(bad).toMatchObject({ error: { code: 'INVALID_INPUT', fields: { entryIds: 'Select at least one entry.' } } });
    const badDate = await host.core.router.dispatch(
      'payments:report',
      { billerId, date: '3/3/2025', format: 'csv' },
      ipc,
    );
    expect(badDate).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});
