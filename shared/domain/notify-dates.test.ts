import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTIFY_DATES,
  describeNotifyRule,
  notifyDatesFor,
  notifyDatesSchema,
  parseNotifyRule,
} from './notify-dates';
import { addDays } from './dates';

describe('BIF notification dates', () => {
  it('counts calendar days from the bill or due date, across months, leap days and DST', () => {
    const bill = { billDate: '2024-02-27', dueDate: '2024-03-09' };
    expect(notifyDatesFor(bill, DEFAULT_NOTIFY_DATES)).toEqual({
      first: '2024-02-27',
      second: '2024-03-06',
      third: '2024-03-10',
    });
    expect(
      notifyDatesFor(bill, { first: { from: 'bill', days: 2 }, second: null, third: { from: 'due', days: -10 } }),
    ).toEqual({ first: '2024-02-29', second: null, third: '2024-02-28' });
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(() => addDays('3/1/2025', 1)).toThrow(/YYYY-MM-DD/);
  });

  it('says each rule in words and refuses offsets a form should not accept', () => {
    expect(
      [DEFAULT_NOTIFY_DATES.first, DEFAULT_NOTIFY_DATES.second, DEFAULT_NOTIFY_DATES.third, null].map(
        describeNotifyRule,
      ),
    ).toEqual(['on the bill date', '3 days before the due date', '1 day after the due date', 'off']);
    const bad = notifyDatesSchema.safeParse({
      first: { from: 'due', days: 1.5 },
      second: { from: 'ship', days: 1 },
      third: { from: 'bill', days: 400 },
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual([
      'Enter the number of days as a whole number.',
      'Count the days from the bill date or the due date.',
      'Keep the offset within 90 days.',
    ]);
  });
});

describe('parseNotifyRule (the CLI’s words)', () => {
  it('reads the short forms and everything describeNotifyRule writes', () => {
    expect(parseNotifyRule('3 before due')).toEqual({ from: 'due', days: -3 });
    expect(parseNotifyRule(' 2  After  BILL ')).toEqual({ from: 'bill', days: 2 });
    expect(parseNotifyRule('on bill')).toEqual({ from: 'bill', days: 0 });
    expect(parseNotifyRule('due')).toEqual({ from: 'due', days: 0 });
    expect(parseNotifyRule('off')).toBeNull();
    const rules = [{ from: 'bill', days: 0 }, { from: 'due', days: -1 }, { from: 'due', days: 14 }, null] as const;
    for (const rule of rules) expect(parseNotifyRule(describeNotifyRule(rule))).toEqual(rule);
  });

  it('refuses anything else with the forms it takes, and offsets past 90 days', () => {
    expect(() => parseNotifyRule('-3 due')).toThrow('write "off", "on bill", "on due", or e.g. "3 before due"');
    expect(() => parseNotifyRule('3 before ship')).toThrow(/is not a notification date/);
    expect(() => parseNotifyRule('91 after bill')).toThrow('"91 after bill": Keep the offset within 90 days.');
  });
});
