import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpImpresaClient } from '../../../main/clients/impresa/http-client';
import type { Sandbox } from '../../../main/sandbox';
import { requireSecretService } from '../../support/temp';
import { CLERK_A, CLERK_B, installation, runPaymentsJob, sandbox, type Installation } from '../../support/payments-kit';

/**
 * IC's day total on every clerk workstation: the job host sets it on InHANCE's batch after its
 * Payments job, and a workstation that never downloads IC's payments (queue-only) reads it back
 * with the queue, so its control totals say "Balanced" or "Off by $X" as the job host's do.
 */
let sb: Sandbox;
let host: Installation;
let desk: Installation;
const RANGE = ['2025-01-01', '2025-12-31'] as const;
const DAY_MS = 24 * 3600_000;

beforeAll(async () => {
  requireSecretService();
  sb = await sandbox({ seed: 'ic-totals', accounts: 800 });
  host = await installation(sb, { actor: CLERK_A, jobHost: true });
  desk = await installation(sb, { actor: CLERK_B, jobHost: false });
});

afterAll(async () => {
  await desk?.close();
  await host?.close();
  await sb?.close();
});

const totals = (inst: Installation) =>
  inst.core.payments.controlTotals({ billerId: inst.billerId, from: RANGE[0], to: RANGE[1] });

describe('IC’s day total on a workstation that is not the job host', () => {
  it('is unknown until the job host’s Payments job sets it, then matches the job host’s, day by day', async () => {
    const run = await runPaymentsJob(host);
    expect(run.state).toBe('succeeded');
    expect(host.logger.lines.join('\n')).not.toContain('could not be set');

    await desk.core.payments.refresh(desk.billerId);
    const deskDays = await totals(desk);
    const hostDays = await totals(host);
    expect(hostDays.length).toBeGreaterThan(0);
    expect(hostDays.every((d) => d.balanced === true && d.icTotalAt === null)).toBe(true);
    expect(deskDays.map((d) => [d.depositDate, d.icCents, d.icCount, d.accountedCents, d.balanced])).toEqual(
      hostDays.map((d) => [d.depositDate, d.icCents, d.icCount, d.accountedCents, true]),
    );
    expect(deskDays.every((d) => d.icTotalAt !== null && d.message.startsWith('Balanced: '))).toBe(true);
  });

  it('stays balanced once entries are posted and a day later drop out of the queue copy', async () => {
    const { entryIds } = await desk.core.payments.ids({ billerId: desk.billerId, tab: 'ready', search: '' });
    expect(entryIds.length).toBeGreaterThan(5);
    const posted = await desk.core.payments.post({
      billerId: desk.billerId,
      entryIds: entryIds.slice(0, 5),
      expectedState: 'pending',
    });
    expect(posted.done).toBe(5);
    // Tomorrow, yesterday's posts are no longer "posted today": the batch's own total still counts them.
    sb.advance(DAY_MS);
    await desk.core.payments.refresh(desk.billerId);
    const deskDays = await totals(desk);
    expect(deskDays.length).toBeGreaterThan(0);
    expect(deskDays.filter((d) => d.icCents !== null).every((d) => d.balanced === true)).toBe(true);
    expect(deskDays.reduce((n, d) => n + d.postedCents, 0)).toBeGreaterThan(0);
  });

  it('shows an entry IC never sent (made by hand in InHANCE) as "Off by" on the workstation, as on the job host', async () => {
    const [day] = (await totals(desk)).filter((d) => d.icCents !== null);
    expect(day).toBeDefined();
    const impresa = new HttpImpresaClient({
      baseUrl: sb.impresaBaseUrl,
      username: sb.impresaUser,
      password: sb.impresaPassword,
    });
    const [batch] = await impresa.listBatches({ depositDate: day!.depositDate });
    await impresa.createEntry(batch!.batchId, {
      externalRef: 'manual-entry-typed-by-a-clerk',
      accountNumber: sb.world.accountNumber(3),
      amountCents: 1234,
      paymentDate: day!.depositDate,
      paymentType: 'card',
      memo: 'walk-in',
    });

    await desk.core.payments.refresh(desk.billerId);
    await host.core.payments.refresh(host.billerId);
    const deskDay = (await totals(desk)).find((d) => d.depositDate === day!.depositDate)!;
    const hostDay = (await totals(host)).find((d) => d.depositDate === day!.depositDate)!;
    expect(deskDay).toMatchObject({ icCents: day!.icCents, differenceCents: -1234, balanced: false });
    expect(deskDay.message).toBe('Off by $12.34: InHANCE holds more than IC reported (entries IC did not send).');
    expect(hostDay).toMatchObject({ icCents: day!.icCents, differenceCents: -1234, balanced: false });

    // The job host's next run downloads the rest of the day (a day has passed) and sets the new total; the hand-made entry stays a difference.
    expect((await runPaymentsJob(host)).state).toBe('succeeded');
    await desk.core.payments.refresh(desk.billerId);
    const hostAfter = (await totals(host)).find((d) => d.depositDate === day!.depositDate)!;
    const deskAfter = (await totals(desk)).find((d) => d.depositDate === day!.depositDate)!;
    expect(hostAfter.icCents).toBeGreaterThan(day!.icCents!);
    expect(deskAfter).toMatchObject({ icCents: hostAfter.icCents, icCount: hostAfter.icCount, differenceCents: -1234 });
    expect(deskAfter.icTotalAt! > deskDay.icTotalAt!).toBe(true);

    // A run with nothing new for the day leaves IC's total (and when it was set) as it was.
    expect((await runPaymentsJob(host)).state).toBe('succeeded');
    await desk.core.payments.refresh(desk.billerId);
    expect((await totals(desk)).find((d) => d.depositDate === day!.depositDate)).toMatchObject({
      icCents: hostAfter.icCents,
      icTotalAt: deskAfter.icTotalAt,
      differenceCents: -1234,
    });
  });
});
