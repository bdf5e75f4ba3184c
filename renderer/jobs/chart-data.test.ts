import { describe, expect, it } from 'vitest';
import type { StatsPoint } from '../../shared/contract/jobs';
import type { JobKind, RunState } from '../../shared/domain/jobs';
import {
  axis,
  dayLabels,
  dayStarts,
  describeStats,
  formatDayKey,
  niceCeil,
  scale,
  summarizeByDay,
  summarizeByJob,
} from './chart-data';

let n = 0;
function point(
  job: JobKind,
  startedAt: string,
  durationMs: number,
  records: number,
  state: RunState = 'succeeded',
): StatsPoint {
  n++;
  return {
    runId: `r${n}`,
    job,
    state,
    startedAt,
    durationMs,
    records,
    counts: { read: records, written: 0, skipped: 0, failed: 0 },
  };
}

describe('chart data', () => {
  it('picks axis tops a person can read', () => {
    expect([0, 0.3, 1, 1.2, 2.1, 3, 7, 9.9, 10, 11, 4200].map(niceCeil)).toEqual([
      1, 0.5, 1, 2, 2.5, 5, 10, 10, 10, 20, 5000,
    ]);
    expect(axis(20)).toEqual({ top: 20, ticks: [0, 5, 10, 15, 20] });
    expect(axis(1.3)).toEqual({ top: 2, ticks: [0, 0.5, 1, 1.5, 2] });
    expect(axis(0)).toEqual({ top: 4, ticks: [0, 1, 2, 3, 4] });
    // Records are whole: no tick at 2.5 records.
    expect(axis(10, true)).toEqual({ top: 12, ticks: [0, 3, 6, 9, 12] });
    expect(axis(3, true)).toEqual({ top: 4, ticks: [0, 1, 2, 3, 4] });
    expect(axis(1200, true)).toEqual({ top: 2000, ticks: [0, 500, 1000, 1500, 2000] });
    const y = scale(0, 20, 180, 20);
    expect([y(0), y(10), y(20)]).toEqual([180, 100, 20]);
  });

  it('labels every day of a Chicago biller’s week, today included, when the UTC date is ahead of Chicago’s or today has barely begun', () => {
    // The chart's geometry: 880 px for 7 days, labels 40 px wide.
    const at = (toIso: string) => {
      const to = Date.parse(toIso);
      const from = to - 7 * 86_400_000;
      return dayLabels(from, to, 'America/Chicago', scale(from, to, 64, 944), 944);
    };
    // 03:00 on 8 Dec in UTC is 21:00 on 7 Dec in Chicago: the last day is Dec 7, not Dec 8 (and
    // the 3 hours of 30 Nov at the left edge are too narrow for a name).
    expect(at('2026-12-08T03:00:00Z').map((l) => l.text)).toEqual([
      'Dec 1',
      'Dec 2',
      'Dec 3',
      'Dec 4',
      'Dec 5',
      'Dec 6',
      'Dec 7',
    ]);
    // 13:00 UTC is 07:00 in Chicago: 7 hours of Dec 7 (37 px) — still labelled, set against the right edge.
    const morning = at('2026-12-07T13:00:00Z');
    expect(morning.map((l) => l.day)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
    ]);
    expect(morning.at(-1)).toMatchObject({ text: 'Dec 7', x: 944, anchor: 'end' });
    // The window's first, partial day (from 07:00 on 30 Nov) is labelled when its name fits.
    expect(morning[0]).toMatchObject({ text: 'Nov 30', anchor: 'start' });
    // New York, an hour ahead, labels the same days.
    const to = Date.parse('2026-12-07T13:00:00Z');
    expect(
      dayLabels(to - 7 * 86_400_000, to, 'America/New_York', scale(to - 7 * 86_400_000, to, 64, 944), 944).map(
        (l) => l.text,
      ),
    ).toEqual(morning.map((l) => l.text));
    // The table names days the same way.
    expect(formatDayKey('2026-12-07')).toBe('Dec 7');
  });

  it('draws day lines at the biller’s midnights, daylight saving included', () => {
    const iso = (ms: number[]) => ms.map((t) => new Date(t).toISOString());
    expect(
      iso(dayStarts(Date.parse('2025-01-15T15:30:00Z'), Date.parse('2025-01-18T15:30:00Z'), 'America/New_York')),
    ).toEqual(['2025-01-16T05:00:00.000Z', '2025-01-17T05:00:00.000Z', '2025-01-18T05:00:00.000Z']);
    // Spring forward on 9 March 2025: midnight is 05:00Z before, 04:00Z after.
    expect(
      iso(dayStarts(Date.parse('2025-03-08T12:00:00Z'), Date.parse('2025-03-10T12:00:00Z'), 'America/New_York')),
    ).toEqual(['2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z']);
    expect(
      iso(dayStarts(Date.parse('2025-01-15T10:00:00Z'), Date.parse('2025-01-16T10:00:00Z'), 'Asia/Kolkata')),
    ).toEqual(['2025-01-15T18:30:00.000Z']);
  });

  it('summarizes per job in dashboard order, and per biller day', () => {
    const points = [
      point('payments', '2025-01-15T15:00:00Z', 2000, 10),
      point('balance', '2025-01-15T15:00:00Z', 1000, 100),
      point('balance', '2025-01-15T15:15:00Z', 3000, 50, 'failed'),
      point('balance', '2025-01-16T04:30:00Z', 5000, 0),
    ];
    expect(summarizeByJob(points)).toEqual([
      { job: 'balance', runs: 3, failed: 1, medianMs: 3000, maxMs: 5000, records: 150 },
      { job: 'payments', runs: 1, failed: 0, medianMs: 2000, maxMs: 2000, records: 10 },
    ]);
    // 04:30 UTC on the 16th is the evening of the 15th in New York: one day there, two in UTC.
    expect(summarizeByDay(points, 'America/New_York').map((r) => `${r.day} ${r.job} ${r.runs}`)).toEqual([
      '2025-01-15 balance 3',
      '2025-01-15 payments 1',
    ]);
    expect(summarizeByDay(points, 'UTC').map((r) => `${r.day} ${r.job} ${r.runs}`)).toEqual([
      '2025-01-15 balance 2',
      '2025-01-15 payments 1',
      '2025-01-16 balance 1',
    ]);
    expect(describeStats(points)).toBe(
      'Balance: 3 runs (1 failed), typically 3.0 s, longest 5.0 s, 150 records. Payments: 1 run, typically 2.0 s, longest 2.0 s, 10 records.',
    );
    expect(describeStats([])).toBe('No finished runs in the last 7 days.');
  });
});
