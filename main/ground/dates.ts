import { zoneOffsetMs } from '../../shared/domain/dates';

/**
 * The instant a calendar day (YYYY-MM-DD) starts in a time zone. A day is the biller's day: a
 * history filter "to 2025-03-09" means up to midnight in the biller's town, not in UTC.
 */
export function startOfDayIn(date: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  let instant = guess - zoneOffsetMs(guess, tz);
  // Once more: the offset at the guess may differ from the offset at local midnight (DST day).
  instant = guess - zoneOffsetMs(instant, tz);
  return new Date(instant);
}

/** Whole calendar days added to YYYY-MM-DD (one copy, in shared/ because the BIF notification dates there need it too). */
export { addDays } from '../../shared/domain/dates';

/** "Sun 9 Mar, 03:15" in the biller's time zone: for messages a person reads. */
export function localDateTime(at: Date | string, tz: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}
