import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULES, describeSchedule, scheduleToCron, type Schedule } from '../../shared/domain/jobs';
import { AppError } from '../../shared/errors';
import { compileSchedule, previewSchedule, slotsBetween } from './schedule';

const NY = 'America/New_York';
const now = new Date('2025-01-15T12:07:00Z');

function errorOf(schedule: Schedule, tz = NY): AppError {
  try {
    compileSchedule(schedule, tz, now);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the schedule to be refused');
}

/** Every slot of a local calendar day, via croner alone. */
function slotsOfDay(expression: string, dayStartUtc: string, dayEndUtc: string): Date[] {
  const compiled = compileSchedule({ type: 'cron', expression }, NY, now);
  const out: Date[] = [];
  let at = compiled.next(new Date(Date.parse(dayStartUtc) - 1));
  while (at && at.getTime() < Date.parse(dayEndUtc)) {
    out.push(at);
    at = compiled.next(at);
  }
  return out;
}

describe('schedules', () => {
  it('turns intervals into cron expressions anchored to the clock face', () => {
    expect(scheduleToCron({ type: 'interval', every: 15, unit: 'minutes' })).toBe('*/15 * * * *');
    expect(scheduleToCron({ type: 'interval', every: 3, unit: 'hours' })).toBe('0 */3 * * *');
    expect(scheduleToCron({ type: 'interval', every: 1, unit: 'hours' })).toBe('0 * * * *');
    expect(scheduleToCron({ type: 'interval', every: 60, unit: 'minutes' })).toBe('0 * * * *');
    expect(scheduleToCron({ type: 'interval', every: 24, unit: 'hours' })).toBe('0 0 * * *');
    expect(scheduleToCron({ type: 'cron', expression: '  0   3 * *  0 ' })).toBe('0 3 * * 0');
  });

  it('has the source document’s defaults', () => {
    const text = Object.fromEntries(Object.entries(DEFAULT_SCHEDULES).map(([k, s]) => [k, describeSchedule(s)]));
    expect(text).toEqual({
      'invoice-file': 'Every 3 hours',
      balance: 'Every 15 minutes',
      'balance-all': 'Weekly, Sunday 3:00 AM',
      customer: 'Every hour',
      'auto-pay': 'Every hour',
      payments: 'Every 15 minutes',
    });
  });

  it('refuses schedules in words a person can act on', () => {
    expect(errorOf({ type: 'interval', every: 7, unit: 'minutes' }).message).toMatch(
      /^Every 7 minutes cannot stay evenly spaced on the clock\. Choose 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60 minutes/,
    );
    expect(errorOf({ type: 'interval', every: 5, unit: 'hours' }).fields).toEqual({
      every: expect.stringMatching(/^Every 5 hours cannot stay evenly spaced over the day/),
    });
    expect(errorOf({ type: 'interval', every: 0, unit: 'minutes' }).message).toBe('The interval must be at least 1.');
    expect(errorOf({ type: 'interval', every: 1.5, unit: 'hours' }).message).toBe(
      'Enter how often the job runs as a whole number.',
    );
    expect(errorOf({ type: 'cron', expression: '' }).message).toBe('Enter a cron expression such as 0 */3 * * *.');
    expect(errorOf({ type: 'cron', expression: '61 * * * *' }).message).toMatch(
      /^The minute \(first field\) must be 0–59\. Write five fields/,
    );
    expect(errorOf({ type: 'cron', expression: '0 25 * * *' }).message).toMatch(
      /^The hour \(second field\) must be 0–23\./,
    );
    expect(errorOf({ type: 'cron', expression: '0 0 * 13 *' }).message).toMatch(
      /^The month \(fourth field\) must be 1–12/,
    );
    expect(errorOf({ type: 'cron', expression: '0 0 * * 9' }).message).toMatch(
      /^The day of the week \(fifth field\) must be 0–6/,
    );
    expect(errorOf({ type: 'cron', expression: '0 0 * * * *' }).message).toMatch(
      /^The cron expression has 6 fields; it needs exactly five\./,
    );
    expect(errorOf({ type: 'cron', expression: '*/0 * * * *' }).message).toMatch(
      /^A step \(the number after \/\) must be at least 1\./,
    );
    expect(errorOf({ type: 'cron', expression: 'every day' }).message).toMatch(/has 2 fields; it needs exactly five/);
    expect(errorOf({ type: 'cron', expression: '0 0 31 2 *' }).message).toBe(
      'This schedule never runs (no date matches it, for example 31 February). Check the day and month fields.',
    );
    const tz = errorOf({ type: 'interval', every: 15, unit: 'minutes' }, 'Mars/Olympus');
    expect(tz.code).toBe('INVALID_INPUT');
    expect(tz.fields).toHaveProperty('timeZone');
  });

  it('previews the next five runs as ISO instants, in the biller’s time zone', () => {
    const p = previewSchedule({ type: 'interval', every: 15, unit: 'minutes' }, NY, now);
    expect(p).toEqual({
      valid: true,
      expression: '*/15 * * * *',
      description: 'Every 15 minutes',
      nextRuns: [
        '2025-01-15T12:15:00.000Z',
        '2025-01-15T12:30:00.000Z',
        '2025-01-15T12:45:00.000Z',
        '2025-01-15T13:00:00.000Z',
        '2025-01-15T13:15:00.000Z',
      ],
    });
    // Balance All: Sundays 03:00 New York time, EST (08:00Z) then EDT after 9 March (07:00Z).
    const weekly = previewSchedule(DEFAULT_SCHEDULES['balance-all'], NY, new Date('2025-02-20T00:00:00Z'), 4);
    expect(weekly.valid && weekly.nextRuns).toEqual([
      '2025-02-23T08:00:00.000Z',
      '2025-03-02T08:00:00.000Z',
      '2025-03-09T07:00:00.000Z',
      '2025-03-16T07:00:00.000Z',
    ]);
    // Every 3 hours in Sydney: local midnight is 13:00Z in January (AEDT, UTC+11).
    const sydney = previewSchedule(
      { type: 'interval', every: 3, unit: 'hours' },
      'Australia/Sydney',
      new Date('2025-01-15T12:30:00Z'),
      2,
    );
    expect(sydney.valid && sydney.nextRuns).toEqual(['2025-01-15T13:00:00.000Z', '2025-01-15T16:00:00.000Z']);
  });

  it('answers a preview of a bad schedule with the reason, not an exception', () => {
    expect(previewSchedule({ type: 'cron', expression: '0 0 * * 9' }, NY, now)).toEqual({
      valid: false,
      message: expect.stringMatching(/^The day of the week/),
      field: 'expression',
    });
    expect(previewSchedule({ type: 'interval', every: 45, unit: 'minutes' }, NY, now)).toMatchObject({
      valid: false,
      field: 'every',
    });
  });

  it('counts missed slots and finds the latest, stopping the count at a cap', () => {
    const c = compileSchedule({ type: 'interval', every: 15, unit: 'minutes' }, NY, now);
    const from = new Date('2025-01-15T10:05:00Z');
    expect(slotsBetween(c, from, new Date('2025-01-15T13:05:00Z'))).toEqual({
      count: 12,
      latest: new Date('2025-01-15T13:00:00Z'),
      capped: false,
    });
    expect(slotsBetween(c, from, new Date('2025-01-15T10:14:59Z'))).toEqual({ count: 0, latest: null, capped: false });
    // A slot exactly at `until` counts.
    expect(slotsBetween(c, from, new Date('2025-01-15T10:15:00Z')).count).toBe(1);
    const month = slotsBetween(c, from, new Date('2025-02-15T10:05:00Z'), 100);
    expect(month).toEqual({ count: 100, latest: new Date('2025-02-15T10:00:00Z'), capped: true });
  });

  // Measured croner 11 behaviour on the two DST days of 2025 in New York (see the report).
  it('croner: a */15 job has 92 slots on spring-forward day and 100 on fall-back day', () => {
    const spring = slotsOfDay('*/15 * * * *', '2025-03-09T05:00:00Z', '2025-03-10T04:00:00Z');
    expect(spring).toHaveLength(92);
    const fall = slotsOfDay('*/15 * * * *', '2025-11-02T04:00:00Z', '2025-11-03T05:00:00Z');
    expect(fall).toHaveLength(100);
    // Both days: every slot exactly 15 elapsed minutes after the one before.
    for (const day of [spring, fall])
      for (let i = 1; i < day.length; i++) expect(day[i]!.getTime() - day[i - 1]!.getTime()).toBe(15 * 60_000);
    expect(slotsOfDay('0 * * * *', '2025-11-02T04:00:00Z', '2025-11-03T05:00:00Z')).toHaveLength(25);
    expect(slotsOfDay('0 * * * *', '2025-03-09T05:00:00Z', '2025-03-10T04:00:00Z')).toHaveLength(23);
    // Clock-face 3-hourly: 8 on both days; the gap over the change is 2 h (spring) or 4 h (fall).
    const spring3 = slotsOfDay('0 */3 * * *', '2025-03-09T05:00:00Z', '2025-03-10T04:00:00Z');
    const fall3 = slotsOfDay('0 */3 * * *', '2025-11-02T04:00:00Z', '2025-11-03T05:00:00Z');
    expect([spring3.length, fall3.length]).toEqual([8, 8]);
    expect(spring3[1]!.getTime() - spring3[0]!.getTime()).toBe(2 * 3600_000);
    expect(fall3[1]!.getTime() - fall3[0]!.getTime()).toBe(4 * 3600_000);
    // A fixed time inside the spring gap (02:00) runs at 03:00 EDT, once.
    expect(slotsOfDay('0 2 * * *', '2025-03-09T05:00:00Z', '2025-03-10T04:00:00Z').map((d) => d.toISOString())).toEqual(
      ['2025-03-09T07:00:00.000Z'],
    );
  });
});
