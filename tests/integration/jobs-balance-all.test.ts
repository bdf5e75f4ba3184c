import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { jobsWorld, type JobsWorld } from '../support/jobs-world';

let w: JobsWorld | null = null;
afterEach(async () => {
  await w?.close();
  w = null;
});

function collect(): { out: Writable; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { out, text: () => text };
}

describe('Balance All job against the sandbox', () => {
  it('reports the world’s deliberate mismatches with both amounts, corrects IC, and finds none the second time', async () => {
    w = await jobsWorld({ accounts: 2500, seed: 'balance-all' });
    const world = w.sandbox.world;
    const expected = world.mismatches.map((i) => ({
      accountNumber: world.accountNumber(i),
      inhance: world.balance[i]!,
      ic: world.icBalance[i]!,
    }));
    expect(expected.length).toBeGreaterThanOrEqual(5);

    const dry = await w.run('balance-all', { dryRun: true });
    expect(dry).toMatchObject({
      state: 'succeeded',
      counts: { read: 2500, written: expected.length, skipped: 2500 - expected.length, failed: 0 },
    });
    const dryRows = w.detail(dry, 'reconciliation').report!.rows;
    expect(dryRows).toEqual(
      expected.map((e) => ({
        accountNumber: e.accountNumber,
        result: 'mismatch',
        inhanceBalanceCents: e.inhance,
        icBalanceCents: e.ic,
        differenceCents: e.ic - e.inhance,
        action: 'would correct InvoiceCloud',
      })),
    );
    expect(world.mismatches.every((i) => world.icBalance[i] !== world.balance[i])).toBe(true);
    expect((await w.summary()).ic.balanceUpdates.calls).toBe(0);

    const real = await w.run('balance-all');
    expect(real.state).toBe('succeeded');
    expect(real.summary).toBe(
      `2,500 accounts compared: ${(2500 - expected.length).toLocaleString('en-US')} matched, ${expected.length} mismatched (${expected.length} corrected)`,
    );
    const totals = w.detail(real).artifacts.find((a) => a.name === 'reconciliation-totals' && a.kind === 'data');
    expect(totals?.data).toMatchObject({
      compared: 2500,
      matched: 2500 - expected.length,
      mismatched: expected.length,
      corrected: expected.length,
    });
    expect(w.core.jobs.runDetail(real.id).artifacts.map((a) => `${a.name}:${a.kind}`)).toContain(
      'reconciliation:report',
    );
    expect(world.mismatches.every((i) => world.icBalance[i] === world.balance[i])).toBe(true);
    expect((await w.summary()).ic.balanceUpdates).toEqual({ calls: 1, records: expected.length });

    const csv = collect();
    const written = await w.core.jobs.exportReportCsv(real.id, 'reconciliation', csv.out);
    expect(written).toBe(expected.length);
    const lines = csv.text().trim().split(/\r?\n/);
    expect(lines[0]).toBe('accountNumber,result,inhanceBalanceCents,icBalanceCents,differenceCents,action');
    expect(lines[1]).toBe(
      `${expected[0]!.accountNumber},mismatch,${expected[0]!.inhance},${expected[0]!.ic},${expected[0]!.ic - expected[0]!.inhance},corrected InvoiceCloud`,
    );

    const again = await w.run('balance-all');
    expect(again.counts).toEqual({ read: 2500, written: 0, skipped: 2500, failed: 0 });
    expect(w.detail(again, 'reconciliation').report!.total).toBe(0);
  });

  it('gives the same answer when both sides repeat records in their pages, and fails cleanly while InHANCE is down', async () => {
    w = await jobsWorld({ accounts: 1200, seed: 'balance-all-faults' });
    const mismatches = w.sandbox.world.mismatches.length;
    w.sandbox.setFaults('ic:duplicate@1,impresa:duplicate@1');
    const repeated = await w.run('balance-all', { dryRun: true });
    expect(repeated.counts).toEqual({ read: 1200, written: mismatches, skipped: 1200 - mismatches, failed: 0 });
    expect(w.detail(repeated).log.some((l) => /^Read \d+ repeated records once\.$/.test(l.message))).toBe(true);

    w.sandbox.setFaults('impresa:503@1');
    const down = await w.run('balance-all');
    expect(down.state).toBe('failed');
    expect(down.error!.code).toBe('IMPRESA_TRANSIENT');
    expect(w.sandbox.world.mismatches.every((i) => w!.sandbox.world.icBalance[i] !== w!.sandbox.world.balance[i])).toBe(
      true,
    );

    w.sandbox.setFaults('');
    const back = await w.run('balance-all');
    expect(back.counts).toMatchObject({ read: 1200, written: mismatches });
    expect((await w.summary()).ic.balanceUpdates).toEqual({ calls: 1, records: mismatches });
  });
});
