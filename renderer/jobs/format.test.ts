import { describe, expect, it } from 'vitest';
import {
  dayKey,
  formatCents,
  formatCounts,
  formatDateTime,
  formatDuration,
  formatExact,
  formatProgress,
  formatRelative,
  formatTimeOfDay,
} from './format';

describe('dashboard formats', () => {
  it('shows instants in the biller’s time zone, across daylight saving', () => {
    expect(formatDateTime('2025-01-15T15:15:00Z', 'America/New_York')).toBe('Jan 15, 10:15 AM');
    expect(formatDateTime('2025-07-15T15:15:00Z', 'America/New_York')).toBe('Jul 15, 11:15 AM');
    expect(formatDateTime('2025-01-15T15:15:00Z', 'America/Los_Angeles')).toBe('Jan 15, 7:15 AM');
    expect(formatExact('2025-01-19T08:00:00Z', 'America/New_York')).toBe('Sun, Jan 19, 2025, 3:00:00 AM EST');
    // 02:30 UTC on the 16th is still the 15th in New York.
    expect(dayKey('2025-01-16T02:30:00Z', 'America/New_York')).toBe('2025-01-15');
    expect(dayKey('2025-01-16T02:30:00Z', 'UTC')).toBe('2025-01-16');
  });

  it('writes a log line’s time of day on the same 12-hour clock as the cards, to the second', () => {
    // 03:05:07 UTC is 9:05:07 PM the day before in Chicago: never "21:05:07".
    expect(formatTimeOfDay('2026-12-08T03:05:07Z', 'America/Chicago')).toMatch(/^9:05:07\sPM$/);
    expect(formatTimeOfDay('2026-12-07T14:00:00Z', 'America/New_York')).toMatch(/^9:00:00\sAM$/);
  });

  it('says how long ago or how soon, in words', () => {
    const now = Date.parse('2025-01-15T15:00:00Z');
    expect(formatRelative('2025-01-15T14:59:40Z', now)).toBe('just now');
    expect(formatRelative('2025-01-15T15:00:20Z', now)).toBe('in a moment');
    expect(formatRelative('2025-01-15T15:04:10Z', now)).toBe('in 4 min');
    expect(formatRelative('2025-01-15T14:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2025-01-15T12:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2025-01-14T15:00:00Z', now)).toBe('1 day ago');
    expect(formatRelative('2025-01-19T08:00:00Z', now)).toBe('in 4 days');
    // A run that started a second after the screen last read the clock started "just now".
    expect(formatRelative('2025-01-15T15:00:01Z', now, 'past')).toBe('just now');
    expect(formatRelative('2025-01-15T14:59:59Z', now, 'future')).toBe('in a moment');
    expect(formatRelative('2025-01-15T15:10:00Z', now, 'past')).toBe('just now');
  });

  it('writes durations a person reads at a glance', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2345)).toBe('2.3 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(65_000)).toBe('1 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it('writes counts and progress with thousands separators', () => {
    expect(formatCounts({ read: 12_500, written: 12, skipped: 12_488, failed: 0 })).toBe(
      'read 12,500 · written 12 · skipped 12,488 · failed 0',
    );
    expect(formatProgress(450, 1200)).toBe('450 of 1,200');
    expect(formatProgress(450, null)).toBe('450 so far');
    expect(formatProgress(0, null)).toBe('Starting…');
  });

  it('writes cents as dollars without floating point', () => {
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(formatCents(5)).toBe('$0.05');
    expect(formatCents(-1999)).toBe('-$19.99');
    expect(formatCents(0)).toBe('$0.00');
  });
});
