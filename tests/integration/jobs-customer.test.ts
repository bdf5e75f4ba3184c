import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../main/sandbox';
import { DAY, jobsWorld, type JobsWorld } from '../support/jobs-world';

let w: JobsWorld | null = null;
afterEach(async () => {
  await w?.close();
  w = null;
});

/** Accounts whose contact fields differ between IC and InHANCE, by field. */
function differences(
  world: World,
  indexes: Iterable<number>,
): { email: number[]; phone: number[]; paperless: number[] } {
  const out = { email: [] as number[], phone: [] as number[], paperless: [] as number[] };
  for (const i of new Set(indexes)) {
    const ic = world.icCustomer(i);
    const inh = world.inhanceAccount(i);
    if (ic.email !== inh.email) out.email.push(i);
    if (ic.phone !== inh.phone) out.phone.push(i);
    if (ic.paperless !== inh.paperless) out.paperless.push(i);
  }
  return out;
}

const none = { email: [], phone: [], paperless: [] };

describe('Customer job against the sandbox', () => {
  it('writes IC’s paperless, email and phone changes to InHANCE once; a second run has nothing to do', async () => {
    w = await jobsWorld({ accounts: 600, seed: 'customer' });
    const world = w.sandbox.world;
    const changes = world.customerChanges.length;
    const touched = world.customerChanges.map((c) => c.accountIndex);
    const before = differences(world, touched);
    const needed = new Set([...before.email, ...before.phone, ...before.paperless]).size;
    expect(needed).toBeGreaterThan(3);
    const version = world.changes.latest;

    const run = await w.run('customer');
    expect(run.state).toBe('succeeded');
    expect(run.counts.read).toBe(changes);
    expect(run.counts.written + run.counts.skipped).toBe(changes);
    expect(differences(world, touched)).toEqual(none);
    // One InHANCE write per account that needed one, none for the rest.
    expect(world.changes.latest - version).toBe(needed);
    expect(w.core.jobs.cursor(w.biller.id, 'customer', 'changes')).toBe(String(changes));
    expect(w.detail(run).artifacts.find((a) => a.name === 'mapping')?.data).toEqual({
      version: 0,
      fields: { 'customers-emailaddress': 'email', 'customers-phone': 'phone' },
    });

    const again = await w.run('customer');
    expect(again.counts).toEqual({ read: 0, written: 0, skipped: 0, failed: 0 });
    expect(world.changes.latest - version).toBe(needed);
  });

  it('follows a mapping change: with Phone unmapped, IC phone changes are no longer written', async () => {
    w = await jobsWorld({ accounts: 600, seed: 'customer' });
    const world = w.sandbox.world;
    await w.run('customer');
    const rows = w.core.mapping
      .getActive(w.biller.id)
      .rows.map((r) => (r.target === 'customers-phone' ? { ...r, source: null } : r));
    w.core.mapping.save(w.biller.id, rows, 'Phone numbers stay as InHANCE has them');
    const from = world.customerChanges.length;
    w.sandbox.advance(5 * DAY);
    const fresh = world.customerChanges.slice(from);
    const phoneOnly = fresh.filter(
      (c) => c.kind === 'phone' && !fresh.some((o) => o.accountIndex === c.accountIndex && o.kind !== 'phone'),
    );
    expect(phoneOnly.length).toBeGreaterThan(1);

    const run = await w.run('customer');
    expect(run.state).toBe('succeeded');
    expect(run.counts.read).toBe(fresh.length);
    expect(run.counts.skipped).toBeGreaterThanOrEqual(phoneOnly.length);
    const after = differences(
      world,
      fresh.map((c) => c.accountIndex),
    );
    expect(after.email).toEqual([]);
    expect(after.paperless).toEqual([]);
    expect(after.phone.sort()).toEqual(
      [...new Set(fresh.filter((c) => c.kind === 'phone').map((c) => c.accountIndex))].sort(),
    );
    expect(w.detail(run).log.map((l) => l.message)).toContain(
      'CRM field mapping version 1: Email Address → account.email, Phone → not written (unmapped), Paperless → account.paperless.',
    );
    expect(run.summary).toMatch(/mapping version 1$/);
  });

  it('rejects, and lists in the run, changes the mapping sends to an InHANCE field the contact update cannot write', async () => {
    w = await jobsWorld({ accounts: 600, seed: 'customer' });
    const world = w.sandbox.world;
    await w.run('customer');
    const rows = w.core.mapping
      .getActive(w.biller.id)
      .rows.map((r) => (r.target === 'customers-phone' ? { ...r, source: 'account.address1' } : r));
    w.core.mapping.save(w.biller.id, rows, 'Phone from the service address line (a mistake)');
    const from = world.customerChanges.length;
    w.sandbox.advance(5 * DAY);
    const fresh = world.customerChanges.slice(from);
    const withPhone = new Set(fresh.filter((c) => c.kind === 'phone').map((c) => world.accountNumber(c.accountIndex)));
    const failedRecords = fresh.filter((c) => withPhone.has(world.accountNumber(c.accountIndex))).length;

    const run = await w.run('customer');
    expect(run.state).toBe('partial');
    expect(run.counts).toMatchObject({ read: fresh.length, failed: failedRecords });
    const report = w.detail(run, 'rejected-changes').report!;
    expect(report.rows.map((r) => r.accountNumber).sort()).toEqual([...withPhone].sort());
    expect(report.rows[0]).toMatchObject({
      change: expect.stringContaining('Phone'),
      reason: expect.stringMatching(
        /^The mapping sends Phone to InHANCE field "address1", which InHANCE's contact update cannot write/,
      ),
    });
    // Nothing was written to the address, and the other fields still were.
    expect(
      differences(
        world,
        fresh.map((c) => c.accountIndex),
      ).email,
    ).toEqual([]);
    for (const c of fresh)
      expect(world.inhanceAccount(c.accountIndex).address1).toBe(world.profile(c.accountIndex).address1);
  });

  it('a dry run changes nothing; a run that fails while InHANCE is down is completed by the next one, each account written once', async () => {
    w = await jobsWorld({ accounts: 600, seed: 'customer-faults' });
    const world = w.sandbox.world;
    const touched = world.customerChanges.map((c) => c.accountIndex);
    const needed = new Set(Object.values(differences(world, touched)).flat()).size;
    const version = world.changes.latest;

    const dry = await w.run('customer', { dryRun: true });
    expect(dry).toMatchObject({ state: 'succeeded', dryRun: true, counts: { read: world.customerChanges.length } });
    expect(w.detail(dry).log.filter((l) => l.message.startsWith('Would update ')).length).toBe(needed);
    expect(world.changes.latest).toBe(version);
    expect(w.core.jobs.cursor(w.biller.id, 'customer', 'changes')).toBeNull();

    w.sandbox.setFaults('impresa:503@1');
    const down = await w.run('customer');
    expect(down).toMatchObject({ state: 'failed', error: { code: 'IMPRESA_TRANSIENT' } });
    expect(w.core.jobs.cursor(w.biller.id, 'customer', 'changes')).toBeNull();
    w.sandbox.setFaults('impresa:duplicate@1,ic:duplicate@1');
    const back = await w.run('customer');
    expect(back.state).toBe('succeeded');
    expect(back.counts.read).toBe(world.customerChanges.length);
    expect(differences(world, touched)).toEqual(none);
    expect(world.changes.latest - version).toBe(needed);
  });
});
