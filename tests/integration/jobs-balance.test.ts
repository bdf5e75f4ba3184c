import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BalanceJob } from '../../main/jobs/definitions/balance.job';
import { jobsWorld, type JobsWorld } from '../support/jobs-world';

let w: JobsWorld | null = null;
afterEach(async () => {
  await w?.close();
  w = null;
});

/** A payment posted live in InHANCE: the account's balance goes down by `cents`. */
async function pay(world: JobsWorld, index: number, cents: number): Promise<void> {
  const { impresa } = await world.clients();
  await impresa.postLive({
    externalRef: randomUUID(),
    accountNumber: world.sandbox.world.accountNumber(index),
    amountCents: cents,
    paymentDate: '2025-03-03',
    paymentType: 'card',
    user: 'IC Clerk',
  });
}

function mismatched(world: JobsWorld): number[] {
  const { balance, icBalance, accounts } = world.sandbox.world;
  const out: number[] = [];
  for (let i = 0; i < accounts; i++) if (balance[i] !== icBalance[i]) out.push(i);
  return out;
}

describe('Balance job against the sandbox', () => {
  it('sends every balance once, then only the accounts that changed, and nothing when nothing did', async () => {
    w = await jobsWorld({ accounts: 300, seed: 'balance' });
    expect(mismatched(w).length).toBeGreaterThan(0);
    const first = await w.run('balance');
    expect(first).toMatchObject({ state: 'succeeded', counts: { read: 300, written: 300, skipped: 0, failed: 0 } });
    expect(mismatched(w)).toEqual([]);
    expect((await w.summary()).ic.balanceUpdates).toEqual({ calls: 1, records: 300 });

    const idle = await w.run('balance');
    expect(idle.counts).toEqual({ read: 0, written: 0, skipped: 0, failed: 0 });

    await pay(w, 17, 1234);
    await pay(w, 201, 500);
    expect(mismatched(w)).toEqual([17, 201]);
    const changed = await w.run('balance');
    expect(changed.counts).toEqual({ read: 2, written: 2, skipped: 0, failed: 0 });
    expect(mismatched(w)).toEqual([]);
    expect((await w.summary()).ic.balanceUpdates).toEqual({ calls: 2, records: 302 });
  });

  it('says how many accounts its balances were for when an account changed again during the run and was sent twice', async () => {
    let bumped = false;
    w = await jobsWorld({
      accounts: 120,
      seed: 'balance-twice',
      jobDefinitions: (deps) => [new BalanceJob(deps, { pageSize: 50 })],
      // Once IC has taken the first page, account 3 (on that page) changes in InHANCE: a later page brings it again.
      icTamper: (_path, body) => {
        if (!bumped && body.includes('UpdateAccountBalancesResult')) {
          bumped = true;
          w!.sandbox.world.adjustBalance(3, -700, w!.sandbox.world.now());
        }
        return null;
      },
    });
    const run = await w.run('balance');
    expect(run.state).toBe('succeeded');
    expect(run.counts.written).toBe(121);
    expect(run.summary).toBe(
      '121 balances sent to InvoiceCloud for 120 accounts (1 account changed again during the run and was sent again)',
    );
  });

  it('a dry run reports the balances it would send and changes nothing, cursor included', async () => {
    w = await jobsWorld({ accounts: 120, seed: 'balance-dry' });
    await w.run('balance');
    const cursor = w.core.jobs.cursor(w.biller.id, 'balance', 'accounts');
    await pay(w, 5, 999);
    const dry = await w.run('balance', { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, state: 'succeeded', counts: { read: 1, written: 1 } });
    expect(dry.summary).toBe('1 balance would be sent to InvoiceCloud');
    expect(w.detail(dry).log.map((l) => l.message)).toContain(
      `Would set 1 balance in InvoiceCloud, e.g. ${w.sandbox.world.accountNumber(5)} = ${(w.sandbox.world.balance[5]! / 100).toFixed(2)}.`,
    );
    expect(mismatched(w)).toEqual([5]);
    expect(w.core.jobs.cursor(w.biller.id, 'balance', 'accounts')).toBe(cursor);
    const real = await w.run('balance');
    expect(real.counts.written).toBe(1);
    expect(mismatched(w)).toEqual([]);
  });

  it('fails cleanly while IC is down, keeps its cursor, and the next run sends each balance once', async () => {
    w = await jobsWorld({ accounts: 200, seed: 'balance-faults' });
    await w.run('balance');
    const cursor = w.core.jobs.cursor(w.biller.id, 'balance', 'accounts');
    await pay(w, 3, 700);
    await pay(w, 150, 800);
    w.sandbox.setFaults('ic:503@1');
    const down = await w.run('balance');
    expect(down.state).toBe('failed');
    // A run by hand gets no automatic retry, so its advice does not promise one.
    expect(down.error).toMatchObject({
      code: 'IC_TRANSIENT',
      action: expect.stringMatching(
        /^InvoiceCloud did not answer in time\. Run the job again once InvoiceCloud answers;/,
      ),
    });
    expect(w.core.jobs.cursor(w.biller.id, 'balance', 'accounts')).toBe(cursor);
    expect(mismatched(w)).toEqual([3, 150]);

    w.sandbox.setFaults('ic:duplicate@1,impresa:duplicate@1');
    const back = await w.run('balance');
    expect(back).toMatchObject({ state: 'succeeded', counts: { read: 2, written: 2 } });
    expect(mismatched(w)).toEqual([]);
    expect((await w.summary()).ic.balanceUpdates).toEqual({ calls: 2, records: 202 });
  });
});
