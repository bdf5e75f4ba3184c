import { afterEach, describe, expect, it } from 'vitest';
import { jobsWorld, type JobsWorld } from '../support/jobs-world';

let w: JobsWorld | null = null;
afterEach(async () => {
  await w?.close();
  w = null;
});

function accountsCsv(world: JobsWorld, n: number): string {
  return (
    [
      'Account Number,Note',
      ...Array.from({ length: n }, (_, i) => `${world.sandbox.world.accountNumber(i)},x`),
      'not valid,x',
    ].join('\n') + '\n'
  );
}

describe('InvoiceCloud operations against the sandbox, with the rate limiter on', () => {
  it('spaces IC requests by the minimum interval, as measured at the simulator', async () => {
    w = await jobsWorld({ accounts: 60, seed: 'ic-limits' });
    w.core.icOps.limits.set(w.biller.id, {
      minIntervalMs: 120,
      threshold: 0,
      cooldownMs: 0,
      delayAfter429Ms: 30_000,
      maxConcurrency: 2,
    });
    const before = w.sandbox.icArrivals().length;
    const batch = await w.core.icOps.batches.load({
      billerId: w.biller.id,
      kind: 'accounts',
      fileName: 'accounts.csv',
      text: accountsCsv(w, 12),
    });
    expect(batch).toMatchObject({ total: 13, valid: 12, counts: { invalid: 1 }, hasHeader: true, delimiter: ',' });
    w.core.icOps.batches.start(batch.id, 'lookup');
    const done = await w.core.icOps.batches.whenIdle(batch.id);
    expect(done.state).toBe('done');
    expect(done.counts.pending + done.counts.failed).toBe(0);
    const arrivals = w.sandbox.icArrivals().slice(before);
    expect(arrivals.length).toBe(12);
    // Request starts are at least 120 ms apart, so the 12 arrivals span at least 11 intervals (less
    // what the first request may have spent in transit), and no two arrive together, as two workers
    // without the limiter would. A lower bound on waits the limiter adds, not a speed check.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(11 * 120 - 100);
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(40);
  });

  it('pauses all IC calls of the biller after a 429 for Retry-After, and the row still succeeds', async () => {
    w = await jobsWorld({ accounts: 20, seed: 'ic-429' });
    w.core.icOps.limits.set(w.biller.id, {
      minIntervalMs: 0,
      threshold: 0,
      cooldownMs: 0,
      delayAfter429Ms: 30_000,
      maxConcurrency: 1,
    });
    const throttled: string[] = [];
    w.core.events.subscribe((event, payload) => {
      if (event === 'ic:throttled') throttled.push((payload as { reason: string }).reason);
    });
    w.sandbox.setFaults('ic:429');
    const account = w.sandbox.world.accountNumber(3);
    const pending = w.core.icOps.lookups.customer(w.biller.id, account);
    await new Promise((r) => setTimeout(r, 300));
    w.sandbox.setFaults('');
    const c = await pending;
    expect(throttled).toContain('retry-after');
    expect(c.ic.found).toBe(true);
    const status = w.core.icOps.limits.status(w.biller.id)!;
    expect(status.tooManyRequests).toBeGreaterThanOrEqual(1);
    // The biller's calls stay spaced after the pause: the limiter learned from the 429.
    expect(status.learnedIntervalMs).toBeGreaterThanOrEqual(250);
    // The screen and the CLI see it through the contract.
    const view = await w.core.router.dispatch(
      'ic:limits',
      { billerId: w.biller.id },
      { shell: 'browser', trustedSender: true },
    );
    expect(view).toMatchObject({ result: { status: { learnedIntervalMs: status.learnedIntervalMs } } });
    const arrivals = w.sandbox.icArrivals();
    // After the first 429 (Retry-After: 1) the next request arrives no sooner than a second later.
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(950);
  });

  it('refreshes balances from InHANCE, records failed rows while the network is lost, and redoes them when it is back', async () => {
    w = await jobsWorld({ accounts: 40, seed: 'ic-batch' });
    w.core.icOps.limits.set(w.biller.id, {
      minIntervalMs: 0,
      threshold: 0,
      cooldownMs: 0,
      delayAfter429Ms: 30_000,
      maxConcurrency: 2,
    });
    const world = w.sandbox.world;
    const mismatched = Array.from({ length: 30 }, (_, i) => i).filter((i) => world.balance[i] !== world.icBalance[i]);
    w.sandbox.setFaults('ic:reset');
    const batch = await w.core.icOps.batches.load({
      billerId: w.biller.id,
      kind: 'accounts',
      fileName: 'a.csv',
      text: accountsCsv(w, 30),
    });
    w.core.icOps.batches.start(batch.id, 'refresh');
    const lost = await w.core.icOps.batches.whenIdle(batch.id);
    expect(lost.counts.failed).toBe(30);
    const { rows } = w.core.icOps.batches.rows(batch.id, 0, 5);
    expect(rows[0]!.message).toMatch(/^InvoiceCloud ViewAccountBalances: the connection was reset/);

    w.sandbox.setFaults('');
    w.core.icOps.batches.start(batch.id, 'refresh');
    const back = await w.core.icOps.batches.whenIdle(batch.id);
    expect(back).toMatchObject({ state: 'done', counts: { failed: 0, pending: 0, changed: mismatched.length } });
    for (let i = 0; i < 30; i++) expect(world.icBalance[i]).toBe(world.balance[i]);
    const csv = w.core.icOps.batches.exportCsv(batch.id).csv.split('\n');
    expect(csv[0]).toBe(
      'line,number,result,account_number,invoicecloud_balance,inhance_balance,new_invoicecloud_balance,message',
    );
    expect(csv.filter((l) => l.includes(',changed,'))).toHaveLength(mismatched.length);
    expect(csv[31]).toMatch(/^32,not valid,invalid,/);
  });

  it('compares a customer side by side and pushes its balance, audited', async () => {
    w = await jobsWorld({ accounts: 40, seed: 'ic-lookup' });
    const world = w.sandbox.world;
    const i = Array.from({ length: 40 }, (_, k) => k).find((k) => world.balance[k] !== world.icBalance[k])!;
    expect(i).toBeDefined();
    const account = world.accountNumber(i);
    const before = await w.core.icOps.lookups.customer(w.biller.id, account);
    expect(before.fields.find((f) => f.field === 'balance')).toMatchObject({ differs: true });
    expect(before).toMatchObject({ icBalanceCents: world.icBalance[i], impresaBalanceCents: world.balance[i] });
    const pushed = await w.core.icOps.lookups.pushBalance(w.biller.id, account);
    expect(pushed).toMatchObject({ fromCents: before.icBalanceCents, toCents: world.balance[i], updated: true });
    const after = await w.core.icOps.lookups.customer(w.biller.id, account);
    expect(after.fields.find((f) => f.field === 'balance')!.differs).toBe(false);
    expect(w.core.audit.list({ billerId: w.biller.id }).find((a) => a.action === 'ic.push-balance')?.subject).toBe(
      `Account ${account}`,
    );
  });
});
