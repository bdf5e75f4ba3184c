import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../main/sandbox';
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

const DAY = 86_400_000;
let open: Array<{ close(): Promise<void> }> = [];

beforeAll(() => requireSecretService());
afterEach(async () => {
  for (const o of open.reverse()) await o.close();
  open = [];
});

async function setUp(options: {
  seed: string;
  mode: 'pending' | 'live';
  accounts?: number;
}): Promise<{ sb: Sandbox; host: Installation }> {
  const sb = await sandbox({ seed: options.seed, accounts: options.accounts ?? 1500 });
  open.push(sb);
  const host = await installation(sb, { mode: options.mode, actor: CLERK_A });
  open.push(host);
  return { sb, host };
}

describe('live posting', () => {
  it('posts each payment once as IC Clerk; what cannot be posted falls back to the queue as an exception with its reason', async () => {
    const { sb, host } = await setUp({ seed: 'a', mode: 'live' });
    const run = await runPaymentsJob(host);
    expect(run.state, run.error?.message).toBe('succeeded');
    const ic = await icSummary(sb);
    const inhance = await impresaSummary(sb);
    const counts = host.core.payments.ledger.counts(host.billerId);
    expect(counts.posted + counts.exception + counts.reversed + counts.returned).toBe(ic.payments.count);
    expect(inhance.receipts.live).toBe(counts.posted + counts.reversed + counts.returned);
    expect(inhance.receipts.byUser['IC Clerk']!.count).toBe(inhance.receipts.count);
    // Exceptions became pending batch entries; everything else is a receipt; never both, never twice.
    expect(inhance.entries.pending.count).toBe(counts.exception);
    expect(inhance.entries.pending.count + inhance.receipts.live).toBe(ic.payments.count);
    expect(inhance.duplicateExternalRefs).toBe(0);

    // The live-mode view: today's posts by IC Clerk, and the exceptions that fell back to the queue.
    const { payments } = host.core;
    const today = payments.today(host.billerId);
    const postedToday = await payments.list({
      billerId: host.billerId,
      tab: 'posted-today',
      search: '',
      postedBy: 'IC Clerk',
      sort: 'postedAt',
      direction: 'asc',
      offset: 0,
      limit: 1000,
    });
    expect(postedToday.total).toBeGreaterThan(0);
    for (const row of postedToday.rows) {
      expect(row.postedBy).toBe('IC Clerk');
      expect(row.entryId).toBeNull();
      expect(row.receiptId).not.toBeNull();
    }
    const liveToday = (await host.core.clients.impresa(host.billerId)).listReceipts({ postedOn: today, limit: 1000 });
    expect(postedToday.total).toBe((await liveToday).items.length);
    const exceptions = await payments.list({
      billerId: host.billerId,
      tab: 'exceptions',
      search: '',
      sort: 'paidAt',
      direction: 'asc',
      offset: 0,
      limit: 1000,
    });
    expect(exceptions.total).toBe(counts.exception);
    expect(exceptions.rows.every((r) => r.exception && r.exception.reason.length > 10)).toBe(true);

    // A second run posts nothing twice.
    await runPaymentsJob(host);
    expect((await impresaSummary(sb)).receipts.count).toBe(inhance.receipts.count);
  });
});

describe('reversals and ACH returns (NACHA codes)', () => {
  it('reverses a posted payment in InHANCE with its code, pulls a pending one from the queue, flags the account, and lists both under Returns', async () => {
    const { sb, host } = await setUp({ seed: 'b', mode: 'pending', accounts: 1500 });
    expect((await runPaymentsJob(host)).state).toBe('succeeded');
    const { payments } = host.core;
    // A clerk posts every ready ACH entry, so some of the coming returns hit posted payments.
    const ach = await payments.ids({ billerId: host.billerId, tab: 'ready', search: '', method: 'ach' });
    const posted = await payments.post({
      billerId: host.billerId,
      entryIds: ach.entryIds.slice(0, Math.ceil(ach.entryIds.length / 2)),
    });
    expect(posted.failed).toBe(0);

    sb.advance(6 * DAY);
    expect((await runPaymentsJob(host)).state).toBe('succeeded');
    const ic = await icSummary(sb);
    expect(ic.returns.count).toBeGreaterThanOrEqual(3);
    const inhance = await impresaSummary(sb);
    expect(inhance.duplicateExternalRefs).toBe(0);

    const impresa = await host.core.clients.impresa(host.billerId);
    const returns = host.core.payments.ledger.returns(host.billerId);
    expect(returns.length).toBe(ic.returns.count + ic.reversals.count);
    let reversed = 0;
    let pulled = 0;
    for (const ret of returns) {
      const landed = await impresa.lookupExternalRef(ret.originalGuid);
      if (ret.state === 'reversed') {
        reversed++;
        expect(landed.receipt?.reversalId).toBeTruthy();
        expect(landed.reversal!.reasonCode).toBe(ret.kind === 'return' ? ret.code : 'REVERSAL');
        if (ret.kind === 'return') expect(ret.code).toMatch(/^R0[123]$/);
      } else {
        expect(ret.state).toBe('pulled');
        pulled++;
        expect(landed.receipt).toBeNull();
        expect(landed.entry!.state).toBe('rejected');
        expect(landed.entry!.stateReason).toContain(ret.kind === 'return' ? `ACH return ${ret.code}` : 'Card reversal');
      }
      const payment = host.core.payments.ledger.get(host.billerId, ret.originalGuid)!;
      expect(payment.state).toBe(ret.kind === 'return' ? 'returned' : 'reversed');
      expect(host.core.payments.ledger.flaggedAccounts(host.billerId).has(payment.accountNumber)).toBe(true);
    }
    expect(reversed).toBeGreaterThan(0);
    expect(pulled).toBeGreaterThan(0);
    expect(inhance.reversals.count).toBe(reversed);

    const list = await payments.list({
      billerId: host.billerId,
      tab: 'returns',
      search: '',
      sort: 'paidAt',
      direction: 'asc',
      offset: 0,
      limit: 100,
    });
    expect(list.total).toBe(returns.length);
    for (const row of list.rows) {
      expect(row.returnInfo).not.toBeNull();
      expect(row.accountFlagged).toBe(true);
      expect(['reversed', 'pulled']).toContain(row.returnInfo!.action);
    }
    // The job's own reversals and pulls are in the audit log, as the live-posting user.
    const audit = host.core.payments.auditLog({
      billerId: host.billerId,
      actor: 'Payments job',
      offset: 0,
      limit: 100,
    });
    expect(audit.entries.map((e) => e.action).sort()).toEqual(
      [...Array(reversed).fill('payment.reverse'), ...Array(pulled).fill('payment.pull')].sort(),
    );
    expect(audit.entries.every((e) => e.actor === 'IC Clerk' && /R0[123]|Card reversal/.test(e.detail ?? ''))).toBe(
      true,
    );
    // Running again reverses nothing twice.
    expect((await runPaymentsJob(host)).state).toBe('succeeded');
    expect((await impresaSummary(sb)).reversals.count).toBe(reversed);
  });
});
