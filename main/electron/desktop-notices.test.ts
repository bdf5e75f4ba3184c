import { describe, expect, it } from 'vitest';
import { FakeClock } from '../ground/fake-clock';
import { DailyReminder, DesktopNotices, nextTimeOfDay, parseTimeOfDay, paymentsWaitingNotice } from './desktop-notices';

const progress = (operationId: string, done: number, total: number, ok = true, action: 'post' | 'hold' = 'post') => ({
  billerId: 'b1',
  operationId,
  action,
  done,
  total,
  entryId: `e${done}`,
  outcome: ok ? 'posted' : 'failed',
  ok,
});

describe('which OS notifications show, and which screen each opens', () => {
  const notices = () => new DesktopNotices(() => 'Springfield Water');

  it('a failure streak (a job notice) opens the Jobs screen for its biller; information stays in the window', () => {
    const n = notices();
    expect(
      n.onEvent('app:notice', {
        level: 'error',
        title: 'Balance keeps failing for Springfield Water',
        message: 'The last 3 runs failed.',
        screen: 'jobs',
        billerId: 'b1',
      }),
    ).toEqual({
      title: 'Balance keeps failing for Springfield Water',
      body: 'The last 3 runs failed.',
      screen: 'jobs',
      billerId: 'b1',
    });
    expect(n.onEvent('app:notice', { level: 'success', title: 'Saved', message: 'The biller was saved.' })).toBeNull();
  });

  it('a finished bulk posting opens Payments and says how many went through; a single post or a bulk hold does not notify', () => {
    const n = notices();
    expect(n.onEvent('payments:progress', progress('op1', 1, 3))).toBeNull();
    expect(n.postingInProgress()).toBe(true);
    expect(n.onEvent('payments:progress', progress('op1', 2, 3, false))).toBeNull();
    expect(n.onEvent('payments:progress', progress('op1', 3, 3))).toEqual({
      title: 'Bulk posting finished for Springfield Water',
      body: '2 of 3 payments were posted; 1 need a look.',
      screen: 'payments',
      billerId: 'b1',
    });
    expect(n.postingInProgress()).toBe(false);
    expect(n.onEvent('payments:progress', progress('op2', 1, 1))).toBeNull();
    expect(n.onEvent('payments:progress', progress('op3', 2, 2, true, 'hold'))).toBeNull();
  });

  it('payments waiting: only when some wait, naming the biller with the most', () => {
    expect(paymentsWaitingNotice([{ billerId: 'b1', biller: 'Springfield Water', count: 0 }])).toBeNull();
    expect(
      paymentsWaitingNotice([
        { billerId: 'b1', biller: 'Springfield Water', count: 2 },
        { billerId: 'b2', biller: 'Shelbyville Power', count: 5 },
      ]),
    ).toEqual({
      title: '7 payments wait to be posted',
      body: 'They wait in the pending queue for 2 billers (most for Shelbyville Power).',
      screen: 'payments',
      billerId: 'b2',
    });
    expect(paymentsWaitingNotice([{ billerId: 'b1', biller: 'Springfield Water', count: 1 }])?.title).toBe(
      '1 payment waits to be posted',
    );
  });
});

describe('the time of day of the payments reminder', () => {
  it('reads HH:MM on the 24-hour clock and refuses anything else', () => {
    expect(parseTimeOfDay('15:30')).toEqual({ hour: 15, minute: 30 });
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(parseTimeOfDay('3pm')).toBeNull();
    expect(parseTimeOfDay(null)).toBeNull();
  });

  it('the next occurrence is today if still ahead, else tomorrow', () => {
    const now = new Date(2026, 2, 2, 14, 0);
    expect(nextTimeOfDay(now, { hour: 15, minute: 30 })).toEqual(new Date(2026, 2, 2, 15, 30));
    expect(nextTimeOfDay(now, { hour: 14, minute: 0 })).toEqual(new Date(2026, 2, 3, 14, 0));
  });

  it('fires once a day at the set time, follows a changed setting, and stops when turned off', async () => {
    const clock = new FakeClock(new Date(2026, 2, 2, 9, 0));
    let at: string | null = '15:00';
    const fired: Date[] = [];
    const reminder = new DailyReminder(
      clock,
      () => at,
      () => void fired.push(clock.now()),
    );
    reminder.arm();
    await clock.advance(24 * 3600_000);
    expect(fired).toEqual([new Date(2026, 2, 2, 15, 0)]);
    at = '08:30';
    await clock.advance(24 * 3600_000);
    // The day's 15:00 timer was already armed; the change applies from the next firing on.
    expect(fired).toEqual([new Date(2026, 2, 2, 15, 0), new Date(2026, 2, 3, 15, 0), new Date(2026, 2, 4, 8, 30)]);
    at = null;
    expect(reminder.arm()).toBeNull();
    await clock.advance(3 * 24 * 3600_000);
    expect(fired).toHaveLength(3);
  });
});
