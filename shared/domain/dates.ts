const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `YYYY-MM-DD` plus whole calendar days (no clock, no time zone). The one copy: main reaches it
 * through its ground (`main/ground/dates.ts`), the sandbox through its own `time.ts`.
 */
export function addDays(day: string, days: number): string {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`Dates are written YYYY-MM-DD; got "${day}".`);
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return t.toISOString().slice(0, 10);
}

/** Offset of `tz` from UTC at `instant`, in ms (New York in winter: -5 h). The one copy: main and the renderer use it. */
export function zoneOffsetMs(instant: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}
