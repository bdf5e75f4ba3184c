import { afterEach, describe, expect, it } from 'vitest';
import { DUMMY_BANK } from '../../main/jobs/definitions';
import type { World } from '../../main/sandbox';
import { DAY, jobsWorld, type JobsWorld } from '../support/jobs-world';

let w: JobsWorld | null = null;
afterEach(async () => {
  await w?.close();
  w = null;
});

/** Accounts whose autopay differs between IC and InHANCE. */
function differing(world: World): number[] {
  return [...new Set(world.autopayChanges.map((c) => c.accountIndex))]
    .filter((i) => world.icCustomer(i).autopay !== world.inhanceAccount(i).autopay.enrolled)
    .sort((a, b) => a - b);
}

describe('Auto Pay job against the sandbox', () => {
  it('sets and clears InHANCE autopay with the dummy bank, once, and a second run does nothing', async () => {
    w = await jobsWorld({ accounts: 600, seed: 'autopay' });
    const world = w.sandbox.world;
    w.sandbox.advance(10 * DAY);
    const need = differing(world);
    const enrolling = need.filter((i) => world.icCustomer(i).autopay);
    const leaving = need.filter((i) => !world.icCustomer(i).autopay);
    expect(enrolling.length).toBeGreaterThan(0);
    expect(leaving.length).toBeGreaterThan(0);
    const version = world.changes.latest;

    const run = await w.run('auto-pay');
    expect(run.state).toBe('succeeded');
    expect(run.counts).toMatchObject({ read: world.autopayChanges.length, written: need.length, failed: 0 });
    expect(run.summary).toContain(`${enrolling.length} set and ${leaving.length} cleared in InHANCE`);
    expect(differing(world)).toEqual([]);
    for (const i of enrolling) expect(world.inhanceAccount(i).autopay).toEqual({ enrolled: true, bank: DUMMY_BANK });
    for (const i of leaving) expect(world.inhanceAccount(i).autopay).toEqual({ enrolled: false, bank: null });
    expect(world.changes.latest - version).toBe(need.length);

    const again = await w.run('auto-pay');
    expect(again.counts).toEqual({ read: 0, written: 0, skipped: 0, failed: 0 });
    expect(world.changes.latest - version).toBe(need.length);
  });

  it('a dry run changes nothing; after a failed run the next one finishes the work without writing anything twice', async () => {
    w = await jobsWorld({ accounts: 600, seed: 'autopay' });
    const world = w.sandbox.world;
    w.sandbox.advance(10 * DAY);
    const need = differing(world);
    const version = world.changes.latest;

    const dry = await w.run('auto-pay', { dryRun: true });
    expect(dry.counts.written).toBe(need.length);
    expect(differing(world)).toEqual(need);
    expect(world.changes.latest).toBe(version);

    // InHANCE fails often enough that the run stops part way, after some accounts were written.
    w.sandbox.setFaults('impresa:503@0.6');
    const cut = await w.run('auto-pay');
    expect(cut).toMatchObject({ state: 'failed', error: { code: 'IMPRESA_TRANSIENT' } });
    expect(w.core.jobs.cursor(w.biller.id, 'auto-pay', 'changes')).toBeNull();
    const landed = world.changes.latest - version;
    expect(landed).toBeGreaterThan(0);
    expect(landed).toBeLessThan(need.length);
    w.sandbox.setFaults('');
    const rest = await w.run('auto-pay');
    expect(rest.state).toBe('succeeded');
    expect(differing(world)).toEqual([]);
    expect(world.changes.latest - version).toBe(need.length);
    expect(rest.counts).toMatchObject({ read: world.autopayChanges.length, written: need.length - landed });
  });
});
