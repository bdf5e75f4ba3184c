import type { Counts } from '../../shared/domain/jobs';

// The dashboard speaks US English: the billers are US utilities, and tests read the same text.
const LOCALE = 'en-US';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

/** "Jan 15, 10:15 AM": short, in the biller's time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  return formatter(timeZone, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/** "Wed, Jan 15, 2025, 10:15:00 AM EST": the exact instant, for a title or tooltip. */
export function formatExact(iso: string, timeZone: string): string {
  return formatter(timeZone, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** "9:05:07 PM": a log line's time of day in the biller's time zone, on the cards' 12-hour clock. */
export function formatTimeOfDay(iso: string, timeZone: string): string {
  return formatter(timeZone, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(new Date(iso));
}

/** "Jan 15": a day label for chart axes. */
export function formatDay(iso: string, timeZone: string): string {
  return formatter(timeZone, { month: 'short', day: 'numeric' }).format(new Date(iso));
}

/** The biller's calendar day of an instant, YYYY-MM-DD. */
export function dayKey(iso: string, timeZone: string): string {
  const parts = formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "in 4 min", "5 min ago", "3 h ago", "2 days ago". `tense` says which side of now
 * the instant must be on (a start is past, a next run is future), so clocks a second apart
 * never print "started in a moment".
 */
export function formatRelative(iso: string, now: number, tense?: 'past' | 'future'): string {
  let delta = new Date(iso).getTime() - now;
  if (tense === 'past') delta = Math.min(delta, 0);
  if (tense === 'future') delta = Math.max(delta, 0);
  const abs = Math.abs(delta);
  const say = (text: string) => (delta >= 0 ? `in ${text}` : `${text} ago`);
  if (abs < 45_000) return delta < 0 || tense === 'past' ? 'just now' : 'in a moment';
  if (abs < HOUR) return say(`${Math.max(1, Math.round(abs / MINUTE))} min`);
  if (abs < DAY) return say(`${Math.round(abs / HOUR)} h`);
  const days = Math.round(abs / DAY);
  return say(days === 1 ? '1 day' : `${days} days`);
}

/** "850 ms", "2.3 s", "1 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  const totalSeconds = Math.round(ms / 1000);
  if (ms < HOUR) return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  const totalMinutes = Math.round(ms / MINUTE);
  return `${Math.floor(totalMinutes / 60)} h ${String(totalMinutes % 60).padStart(2, '0')} min`;
}

const numbers = new Intl.NumberFormat(LOCALE);
export function formatNumber(n: number): string {
  return numbers.format(n);
}

/** "read 120 · written 12 · skipped 108 · failed 0". */
export function formatCounts(counts: Counts): string {
  return `read ${formatNumber(counts.read)} · written ${formatNumber(counts.written)} · skipped ${formatNumber(counts.skipped)} · failed ${formatNumber(counts.failed)}`;
}

/** "45 of 120", "45 so far", "Starting…": how far a run is (nothing done yet is not "0 so far"). */
export function formatProgress(done: number, total: number | null): string {
  if (total === null) return done === 0 ? 'Starting…' : `${formatNumber(done)} so far`;
  return `${formatNumber(done)} of ${formatNumber(total)}`;
}

/** "$1,234.56" from integer cents, without going through a float. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}$${formatNumber(Math.trunc(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}
