import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../main/sandbox';
import { requireSecretService } from '../../support/temp';
import {
  icSummary,
  impresaSummary,
  installation,
  runPaymentsJob,
  sandbox,
  type Installation,
} from '../../support/payments-kit';

let sb: Sandbox;
let host: Installation;

beforeAll(async () => {
  requireSecretService();
  // Repeat every feed page's first record too: IC delivering a record twice in one answer.
  sb = await sandbox({ accounts: 1500, faults: 'ic:duplicate@0.5' });
  host = await installation(sb, { mode: 'pending' });
});

afterAll(async () => {
  await host?.close();
  await sb?.close();
});

describe('Payments job, pending mode, against the sandbox', () => {
  it('records every IC payment once and gives each exactly one InHANCE batch entry, with exceptions for accounts InHANCE cannot take', async () => {
    const run = await runPaymentsJob(host);
    expect(run.state, run.error?.message).toBe('succeeded');

    const ic = await icSummary(sb);
    const inhance = await impresaSummary(sb);
    expect(ic.payments.count).toBeGreaterThan(50);
    // One entry per payment, none twice.
    const entries =
      inhance.entries.pending.count +
      inhance.entries.posted.count +
      inhance.entries.held.count +
      inhance.entries.rejected.count;
    expect(entries).toBe(ic.payments.count);
    // Nothing was posted yet, so IC's returns and reversals pulled their entries (rejected with the code).
    expect(inhance.entries.rejected.count).toBe(ic.returns.count + ic.reversals.count);
    expect(inhance.entries.pending.totalCents + inhance.entries.rejected.totalCents).toBe(ic.payments.totalCents);
    expect(inhance.duplicateExternalRefs).toBe(0);
    expect(inhance.receipts.count).toBe(0);
    // One batch per deposit day.
    expect(inhance.batches).toBe(Object.keys(ic.payments.byDepositDay).length);

    const { ledger } = host.core.payments;
    const counts = ledger.counts(host.billerId);
    expect(counts.downloaded).toBe(0);
    expect(counts.queued + counts.exception + counts.returned + counts.reversed).toBe(ic.payments.count);
    // IC's own second deliveries (other sequence, same GUID) are counted, not stored twice.
    expect(ledger.duplicateDeliveries(host.billerId)).toBe(ic.payments.redeliveries);
    expect(ic.payments.redeliveries).toBeGreaterThan(0);
    expect(run.counts.read).toBeGreaterThanOrEqual(ic.feedRecords);
  });

  it('shows the queue from InHANCE: Ready and Exceptions (with reasons), with totals that add up', async () => {
    const { payments } = host.core;
    const counts = await payments.counts(host.billerId);
    const ic = await icSummary(sb);
    expect(counts.tabs.ready.count + counts.tabs.exceptions.count + counts.tabs.returns.count).toBe(ic.payments.count);
    expect(counts.tabs.ready.totalCents + counts.tabs.exceptions.totalCents + counts.tabs.returns.totalCents).toBe(
      ic.payments.totalCents,
    );
    expect(counts.tabs.returns.count).toBe(ic.returns.count + ic.reversals.count);
    expect(counts.tabs.exceptions.count).toBeGreaterThan(0);

    const exceptions = await payments.list({
      billerId: host.billerId,
      tab: 'exceptions',
      search: '',
      sort: 'amount',
      direction: 'desc',
      offset: 0,
      limit: 500,
    });
    expect(exceptions.total).toBe(counts.tabs.exceptions.count);
    const kinds = new Set(exceptions.rows.map((r) => r.exception?.kind));
    expect(kinds.has('account-not-found')).toBe(true);
    expect([...kinds].some((k) => k === 'account-closed' || k === 'account-final')).toBe(true);
    for (const row of exceptions.rows) {
      expect(row.exception!.reason).toContain(row.accountNumber === '' ? '(blank)' : row.accountNumber);
      expect(row.tab).toBe('exceptions');
    }
    const amounts = exceptions.rows.map((r) => r.amountCents);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));

    // Every account InHANCE holds as closed or final is an exception, checked against InHANCE itself.
    const impresa = await host.core.clients.impresa(host.billerId);
    const ready = await payments.list({
      billerId: host.billerId,
      tab: 'ready',
      search: '',
      sort: 'paidAt',
      direction: 'asc',
      offset: 0,
      limit: 20,
    });
    for (const row of ready.rows) expect((await impresa.getAccount(row.accountNumber)).status).toBe('active');
    expect(ready.rows[0]!.paidAt).not.toBeNull();
    expect(ready.rows.map((r) => r.paidAt)).toEqual([...ready.rows.map((r) => r.paidAt)].sort());

    // Search by account, by an amount written as money, and paging that adds up.
    const one = ready.rows[3]!;
    const byAccount = await payments.list({
      billerId: host.billerId,
      tab: 'ready',
      search: one.accountNumber,
      sort: 'paidAt',
      direction: 'asc',
      offset: 0,
      limit: 50,
    });
    expect(byAccount.rows.map((r) => r.id)).toContain(one.id);
    expect(
      byAccount.rows.every(
        (r) =>
          r.accountNumber === one.accountNumber ||
          r.originalAccountNumber === one.accountNumber ||
          r.customerName.includes(one.accountNumber),
      ),
    ).toBe(true);
    const money = `$${(one.amountCents / 100).toFixed(2)}`;
    const byAmount = await payments.list({
      billerId: host.billerId,
      tab: 'ready',
      search: money,
      sort: 'paidAt',
      direction: 'asc',
      offset: 0,
      limit: 500,
    });
    expect(byAmount.rows.map((r) => r.id)).toContain(one.id);
    const page1 = await payments.list({
      billerId: host.billerId,
      tab: 'ready',
      search: '',
      sort: 'paidAt',
      direction: 'asc',
      offset: 0,
      limit: 10,
    });
    const page2 = await payments.list({
      billerId: host.billerId,
      tab: 'ready',
      search: '',
      sort: 'paidAt',
      direction: 'asc',
      offset: 10,
      limit: 10,
    });
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(20);
    const ids = await payments.ids({ billerId: host.billerId, tab: 'ready', search: '' });
    expect(ids.count).toBe(counts.tabs.ready.count);
    expect(ids.totalCents).toBe(counts.tabs.ready.totalCents);
  });

  it('a second run writes nothing again, and control totals balance for every deposit day', async () => {
    const before = await impresaSummary(sb);
    const run = await runPaymentsJob(host);
    expect(run.state).toBe('succeeded');
    expect(run.counts.written).toBe(0);
    expect(await impresaSummary(sb)).toEqual(before);

    const ic = await icSummary(sb);
    const totals = await host.core.payments.controlTotals({
      billerId: host.billerId,
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(totals.map((d) => d.depositDate).sort()).toEqual(Object.keys(ic.payments.byDepositDay).sort());
    for (const day of totals) {
      expect(day.icCents).toBe(ic.payments.byDepositDay[day.depositDate]!.totalCents);
      expect(day.differenceCents).toBe(0);
      expect(day.balanced).toBe(true);
      expect(day.message).toMatch(/^Balanced/);
    }
  });
});
