import type { StatsPoint } from '../../shared/contract/jobs';
import { JOB_KINDS, JOB_LABELS, type JobKind } from '../../shared/domain/jobs';
import { dayKey, formatDay, formatDuration, formatNumber } from './format';

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`: an axis top a person can read. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/**
 * An axis from 0 that holds `max` in four readable steps; whole-number steps for counts
 * (records), so no tick says "2.5 records".
 */
export function axis(max: number, integer = false): { top: number; ticks: number[] } {
  const raw = niceCeil(max / 4);
  const step = integer ? Math.max(1, Math.ceil(raw)) : raw;
  return { top: step * 4, ticks: [0, step, 2 * step, 3 * step, 4 * step] };
}

/** Maps `value` in [d0, d1] onto [r0, r1]. */
export function scale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const QUARTER_HOUR = 15 * 60_000;

/**
 * The instants in (from, to] where a new day begins in the biller's time zone: the chart's day
 * lines. Found by walking quarter hours (every zone's offset is a whole number of them), so
 * daylight-saving days land where the clock on the wall says.
 */
export function dayStarts(from: number, to: number, timeZone: string): number[] {
  const starts: number[] = [];
  let t = Math.ceil(from / QUARTER_HOUR) * QUARTER_HOUR;
  let day = dayKey(new Date(t).toISOString(), timeZone);
  for (t += QUARTER_HOUR; t <= to; t += QUARTER_HOUR) {
    const next = dayKey(new Date(t).toISOString(), timeZone);
    if (next !== day) starts.push(t);
    day = next;
  }
  return starts;
}

export interface DayLabel {
  /** YYYY-MM-DD in the biller's time zone. */
  day: string;
  /** "Dec 7", as every other screen names a day. */
  text: string;
  /** Where the label's anchor is, in the chart's coordinates. */
  x: number;
  anchor: 'start' | 'end';
}

/**
 * A label for every day in the biller's time zone that the window (from, to] touches, today included. A label
 * starts just after its midnight line; the last day (today), when too little of it has passed for
 * its name to fit after the line, is set flush against the right edge instead of being dropped —
 * which had left a Chicago biller's chart without today in the morning hours while New York's,
 * an hour further on, had it. Only the window's first, partial day is left unlabelled when it is
 * too narrow (its name would run into the next day's).
 */
export function dayLabels(
  from: number,
  to: number,
  timeZone: string,
  x: (t: number) => number,
  right: number,
  width = 40,
): DayLabel[] {
  const bounds = [from, ...dayStarts(from, to, timeZone), to];
  const labels: DayLabel[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const start = bounds[i]!;
    const end = bounds[i + 1]!;
    const iso = new Date(start).toISOString();
    const label = { day: dayKey(iso, timeZone), text: formatDay(iso, timeZone) };
    const last = i === bounds.length - 2;
    if (x(end) - x(start) >= width && x(start) + width <= right)
      labels.push({ ...label, x: x(start) + 4, anchor: 'start' });
    else if (last && bounds.length > 2) labels.push({ ...label, x: right, anchor: 'end' });
  }
  return labels;
}

/** A YYYY-MM-DD day key as the chart's axis names it: "Dec 7". */
export function formatDayKey(day: string): string {
  return formatDay(`${day}T12:00:00Z`, 'UTC');
}

export interface JobSummary {
  job: JobKind;
  runs: number;
  failed: number;
  medianMs: number;
  maxMs: number;
  records: number;
}

/** Per job, in the dashboard's order, only jobs that ran. */
export function summarizeByJob(points: StatsPoint[]): JobSummary[] {
  return JOB_KINDS.flatMap((job) => {
    const mine = points.filter((p) => p.job === job);
    if (mine.length === 0) return [];
    const durations = mine.map((p) => p.durationMs).sort((a, b) => a - b);
    return [
      {
        job,
        runs: mine.length,
        failed: mine.filter((p) => p.state === 'failed').length,
        medianMs: median(durations),
        maxMs: durations.at(-1) ?? 0,
        records: mine.reduce((sum, p) => sum + p.records, 0),
      },
    ];
  });
}

export interface DayRow extends JobSummary {
  /** YYYY-MM-DD in the biller's time zone. */
  day: string;
}

/** Per biller's day and job: the chart's table form. */
export function summarizeByDay(points: StatsPoint[], timeZone: string): DayRow[] {
  const days = new Map<string, StatsPoint[]>();
  for (const p of points) {
    const key = dayKey(p.startedAt, timeZone);
    const list = days.get(key) ?? [];
    list.push(p);
    days.set(key, list);
  }
  return [...days.keys()].sort().flatMap((day) => summarizeByJob(days.get(day)!).map((s) => ({ day, ...s })));
}

/** One sentence per job: the chart's text alternative. */
export function describeStats(points: StatsPoint[]): string {
  const summary = summarizeByJob(points);
  if (summary.length === 0) return 'No finished runs in the last 7 days.';
  return summary
    .map(
      (s) =>
        `${JOB_LABELS[s.job]}: ${formatNumber(s.runs)} run${s.runs === 1 ? '' : 's'}${s.failed ? ` (${formatNumber(s.failed)} failed)` : ''}, typically ${formatDuration(s.medianMs)}, longest ${formatDuration(s.maxMs)}, ${formatNumber(s.records)} records.`,
    )
    .join(' ');
}
