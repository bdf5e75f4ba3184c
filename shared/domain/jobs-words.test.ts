import { describe, expect, it } from 'vitest';
import { describeSchedule, errorAction } from './jobs';

describe('schedules in words', () => {
  it('says a cron schedule in words, never as the raw line', () => {
    expect(describeSchedule({ type: 'cron', expression: '*/30 6-18 * * 1-5' })).toBe(
      'Every 30 minutes, between 6:00 AM and 6:59 PM, Monday through Friday',
    );
    expect(describeSchedule({ type: 'cron', expression: '30 6 * * 1-5' })).toBe('At 6:30 AM, Monday through Friday');
    expect(describeSchedule({ type: 'cron', expression: '0 3 * * 0' })).toBe('Weekly, Sunday 3:00 AM');
    // One clock format with the cards' times ("Jan 15, 3:00 PM"): never 24-hour "15:00".
    expect(describeSchedule({ type: 'cron', expression: '0 15 * * *' })).toBe('At 3:00 PM');
    expect(describeSchedule({ type: 'cron', expression: '0 0 * * *' })).toBe('Daily at 12:00 AM (midnight)');
    expect(describeSchedule({ type: 'interval', every: 15, unit: 'minutes' })).toBe('Every 15 minutes');
  });
});

describe('what to do about a failed run', () => {
  it('a refused connection is not "did not answer in time"', () => {
    const refused = errorAction('IMPRESA_TRANSIENT', {
      message:
        'InHANCE Impresa GET /accounts: the connection was refused (is the host and port right, and the service up?)',
    });
    expect(refused).toMatch(/^Nothing answered at the InHANCE Impresa address/);
    expect(refused).not.toMatch(/in time/);
    expect(
      errorAction('IC_TRANSIENT', { message: 'InvoiceCloud: the host name cannot be resolved', retrying: true }),
    ).toMatch(/^Nothing answered at InvoiceCloud’s address.*retries by itself\.$/);
    // A real timeout keeps its advice.
    expect(errorAction('IMPRESA_TRANSIENT', { message: 'no answer within 30 s (timed out)' })).toMatch(
      /^InHANCE Impresa did not answer in time/,
    );
  });
});
