import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import { FakeClock } from '../../../main/ground/fake-clock';
import { MemoryLogger } from '../../../main/ground/logger';
import { agendaSources } from '../../../main/calls/agenda-sources';
import { testJob } from '../../../main/jobs/testing';
import { AppError } from '../../../shared/errors';
import { springfieldFields } from '../../support/biller-fields';
import { requireSecretService, tempDataDir } from '../../support/temp';

let core: Core;
let cleanup: () => void;
beforeAll(() => requireSecretService());
afterEach(async () => {
  await core.close();
  cleanup();
});

describe("the next call's draft agenda from what the app knows", () => {
  it('lists open action items, open escalations, failed job runs since the last call with the streak, blocked and overdue checklist items, and days off', async () => {
    const tmp = tempDataDir();
    cleanup = tmp.cleanup;
    const clock = new FakeClock('2025-03-10T15:00:00Z');
    const failing = testJob('balance', () => {
      throw new AppError('IMPRESA_TRANSIENT', 'InHANCE did not answer.');
    });
    core = createCore({
      dataDir: tmp.dir,
      shell: 'cli',
      logger: new MemoryLogger(),
      clock,
      jobDefinitions: [failing, testJob('customer')],
      jobOptions: { retry: { maxRetries: 0, baseMs: 1, capMs: 1 } },
    });
    const biller = await core.billers.create({ ...springfieldFields, isJobHost: true });
    core.calls.addAction(biller.id, '2025-03-04', {
      text: 'Send the BIF sample',
      owner: 'Dana',
      role: 'PM',
      dueDate: '2025-03-07',
    });
    core.calls.addEscalation(biller.id, '2025-03-04', {
      issue: 'Balances late',
      toWhom: 'InHANCE support',
      channel: 'email',
    });
    for (let i = 0; i < 2; i++) await core.jobs.run(biller.id, 'balance').finished;
    await core.jobs.run(biller.id, 'customer').finished;
    // InHANCE is not reachable from this test: the control totals come from a stand-in with one day off.
    await core.checklist.set({ billerId: biller.id, itemId: 'biller-coordinate', status: 'blocked', owner: 'Dana' });
    await core.checklist.set({
      billerId: biller.id,
      itemId: 'pm-smartsheet',
      status: 'in-progress',
      due: '2025-03-08',
    });
    await core.checklist.set({
      billerId: biller.id,
      itemId: 'provider-guidance',
      status: 'in-progress',
      due: '2025-03-20',
    });
    core.calls.useAgendaSources({
      ...agendaSources(core.jobs, core.payments, core.checklist),
      controlDaysOff: async () => [{ date: '2025-03-06', message: 'Off by $12.34 (InHANCE short)' }],
    });

    const agenda = await core.calls.agenda(biller.id);
    expect(agenda.since).toBe('2025-03-04');
    expect(agenda.items).toEqual([
      { section: 'actions', text: 'Send the BIF sample (Dana, PM, overdue since 2025-03-07; raised 2025-03-04)' },
      { section: 'escalations', text: 'Balances late (escalated to InHANCE support by email on 2025-03-04)' },
      {
        section: 'jobs',
        text: 'Balance: 2 failed runs since the last call; failing 2 runs in a row. Last error: InHANCE did not answer.',
      },
      {
        section: 'checklist',
        text: 'Blocked: Coordinate with InHANCE and InvoiceCloud teams as needed (owner: Dana).',
      },
      {
        section: 'checklist',
        text: 'Overdue since 2025-03-08: Track project progress and document updates in SmartSheet.',
      },
      { section: 'control-totals', text: '2025-03-06: Off by $12.34 (InHANCE short)' },
    ]);
  });
});

describe("the checklist's weekly-call item reads the Calls domain", () => {
  it('is open with no call on record, done after a call this week, open again once the last call is over 7 days old', async () => {
    const tmp = tempDataDir();
    cleanup = tmp.cleanup;
    const clock = new FakeClock('2025-03-10T15:00:00Z');
    core = createCore({ dataDir: tmp.dir, shell: 'cli', logger: new MemoryLogger(), clock });
    const biller = await core.billers.create({ ...springfieldFields });
    const item = async () => (await core.checklist.get(biller.id)).items.find((i) => i.id === 'pm-weekly-calls')!;
    expect(await item()).toMatchObject({ status: 'not-started', source: null });

    core.calls.save({ billerId: biller.id, date: '2025-03-06', summary: 'Balances on track' });
    expect(await item()).toMatchObject({ status: 'done', source: 'auto' });
    expect((await item()).statusText).toContain('2025-03-06');

    await clock.advance(7 * 86_400_000);
    expect((await item()).status).not.toBe('done');
  });
});
