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
