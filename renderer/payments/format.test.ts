import { describe, expect, it } from 'vitest';
import {
  ageClock,
  endOfDay,
  formatBytes,
  formatDay,
  formatInstant,
  formatWallClock,
  readAgo,
  shortReference,
} from './format';

describe('showing times and references', () => {
  it('reads IC wall-clock times as written, whatever this PC’s zone', () => {
    expect(formatWallClock('2025-03-03T13:05:00')).toBe('Mar 3, 1:05 PM');
    expect(formatWallClock('2025-12-31T00:30:00')).toBe('Dec 31, 12:30 AM');
    expect(formatWallClock('2025-07-04T12:00:00')).toBe('Jul 4, 12:00 PM');
    expect(formatWallClock('2025-07-04')).toBe('Jul 4');
    expect(formatWallClock(null)).toBe('');
  });

  it('shows instants in the biller’s zone', () => {
    expect(formatInstant('2025-03-03T15:42:00.000Z', 'America/New_York')).toBe('Mar 3, 10:42 AM');
    expect(formatInstant('2025-03-03T15:42:00.000Z', 'America/Los_Angeles')).toBe('Mar 3, 7:42 AM');
    expect(formatInstant(null, 'America/New_York')).toBe('');
  });

  it('names the weekday of a deposit day', () => {
    expect(formatDay('2025-03-03')).toBe('Mon, Mar 3');
    expect(formatDay('2025-03-09')).toBe('Sun, Mar 9');
  });

  it('shortens a PaymentGUID to its first block', () => {
    expect(shortReference('1b4e28ba-2fa1-11d2-883f-0016d3cca427')).toBe('1b4e28ba…');
    expect(shortReference('REF-1')).toBe('REF-1');
  });

  it('sizes files for people', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3 MB');
  });
});

describe('the clock ages are measured on', () => {
  it('finds the last instant of a day in the biller’s zone, across daylight saving', () => {
    expect(new Date(endOfDay('2025-03-03', 'America/New_York')).toISOString()).toBe('2025-03-04T04:59:59.999Z');
    expect(new Date(endOfDay('2025-07-04', 'America/New_York')).toISOString()).toBe('2025-07-05T03:59:59.999Z');
    expect(new Date(endOfDay('2025-03-03', 'UTC')).toISOString()).toBe('2025-03-03T23:59:59.999Z');
  });

  it('is this PC’s clock for a real biller, and the end of the biller’s today on a simulated one', () => {
    const real = Date.parse('2025-03-03T15:00:00Z');
    expect(ageClock(real, '2025-03-03', 'America/New_York')).toBe(real);
    expect(ageClock(real, null, 'America/New_York')).toBe(real);
    const muchLater = Date.parse('2026-11-26T10:00:00Z');
    expect(new Date(ageClock(muchLater, '2025-03-03', 'America/New_York')).toISOString()).toBe(
      '2025-03-04T04:59:59.999Z',
    );
  });

  it('says how long ago the queue was read from InHANCE', () => {
    const at = '2025-03-03T15:42:00.000Z';
    const t = Date.parse(at);
    expect(readAgo(null, t)).toBe('Not read from InHANCE yet');
    expect(readAgo(at, t - 2_000)).toBe('Read from InHANCE just now');
    expect(readAgo(at, t + 4_999)).toBe('Read from InHANCE just now');
    expect(readAgo(at, t + 12_400)).toBe('Read from InHANCE 12 s ago');
    expect(readAgo(at, t + 59_999)).toBe('Read from InHANCE 59 s ago');
    expect(readAgo(at, t + 3 * 60_000 + 5_000)).toBe('Read from InHANCE 3 min ago');
    expect(readAgo(at, t + 2 * 3_600_000)).toBe('Read from InHANCE 2 h ago');
  });
});
