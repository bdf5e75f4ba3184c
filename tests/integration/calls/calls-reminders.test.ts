import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import { FakeClock } from '../../../main/ground/fake-clock';
import { MemoryLogger } from '../../../main/ground/logger';
import { CallReminders, type ReminderNotice } from '../../../main/calls/reminders';
import { DEFAULT_SERIES } from '../../../shared/domain/calls';
import { springfieldFields } from '../../support/biller-fields';
import { requireSecretService, tempDataDir } from '../../support/temp';

let core: Core;
let cleanup: () => void;
beforeAll(() => requireSecretService());
afterEach(async () => {
  await core.close();
  cleanup();
});

describe('call reminders', () => {
  it('announce the next call once, the set number of minutes before it, as an OS notification too', async () => {
    const tmp = tempDataDir();
    cleanup = tmp.cleanup;
    // Monday 10 March 2025, 13:00 UTC = 09:00 in New York.
    const clock = new FakeClock('2025-03-10T13:00:00Z');
    core = createCore({ dataDir: tmp.dir, shell: 'cli', logger: new MemoryLogger(), clock });
    const biller = await core.billers.create(springfieldFields);
    const notices: ReminderNotice[] = [];
    const reminders = new CallReminders(core.calls, core.billers, clock, (n) => notices.push(n));
    reminders.check();
    expect(notices).toEqual([]); // the source document's call has no weekday or time: nothing to remind of
    core.calls.saveSeries(biller.id, { ...DEFAULT_SERIES, weekday: 1, time: '10:00', reminderMinutes: 15 });
    reminders.start();
    await clock.advance(44 * 60_000); // 09:44: sixteen minutes to go
    expect(notices).toEqual([]);
    await clock.advance(2 * 60_000); // 09:46: the check at 09:45:01 announced it
    expect(notices).toEqual([
      {
        level: 'info',
        osNotification: true,
        screen: 'calls',
        billerId: expect.any(String),
        title: 'InHANCE weekly support call in 15 minutes',
        message:
          'Springfield Water: the call starts at 10:00 America/New_York. Open Calls to join or copy the join details.',
      },
    ]);
    await clock.advance(10 * 60_000);
    expect(notices).toHaveLength(1);
    reminders.stop();
  });
});
