/**
 * Wall-clock helpers for the sandbox. The world clock is a UTC instant (ms); InvoiceCloud speaks
 * in the biller's local wall clock (US .NET dates without a zone), so we convert with a cached
 * per-hour zone offset instead of calling Intl for every record.
 */
const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset (local − UTC, ms) of `timeZone` at `instant`. Zones change offset only on whole hours. */
export function zoneOffset(timeZone: string, instant: number): number {
  const bucket = Math.floor(instant / HOUR);
  const key = `${timeZone}|${bucket}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts = formatter(timeZone).formatToParts(new Date(bucket * HOUR));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = local - bucket * HOUR;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The local wall clock as a Date whose UTC fields hold the local values. */
export function localDate(timeZone: string, instant: number): Date {
  return new Date(instant + zoneOffset(timeZone, instant));
}

/** The UTC instant of a local wall-clock time (DST gaps resolve forward). */
export function instantOfLocal(timeZone: string, y: number, m0: number, d: number, hh = 0, mm = 0): number {
  const naive = Date.UTC(y, m0, d, hh, mm);
  let guess = naive - zoneOffset(timeZone, naive);
  guess = naive - zoneOffset(timeZone, guess);
  return guess;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD` of the local date. */
export function localDay(timeZone: string, instant: number): string {
  const d = localDate(timeZone, instant);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** US .NET `DateTime.ToString()` of a local wall clock held in a Date's UTC fields. */
export function dotNetFromLocal(d: Date): string {
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** IC's "no date". */
export const DOTNET_NO_DATE = '1/1/0001 12:00:00 AM';

/** `YYYY-MM-DD` → US .NET midnight form (`3/1/2025 12:00:00 AM`). */
export function dotNetDay(day: string | null): string {
  if (!day) return DOTNET_NO_DATE;
  const [y, m, d] = day.split('-').map(Number);
  return `${m}/${d}/${y} 12:00:00 AM`;
}

export function dotNetInstant(timeZone: string, instant: number): string {
  return dotNetFromLocal(localDate(timeZone, instant));
}

/** Whole days added to a `YYYY-MM-DD` string: the app's one copy (shared/, not a client's code). */
export { addDays } from '../../shared/domain/dates';

/** Invariant money text (`123.45`, `-0.50`) from cents, as IC and the BIF write it. */
export function moneyText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}
