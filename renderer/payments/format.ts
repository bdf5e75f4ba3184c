import { zoneOffsetMs } from '../../shared/domain/dates';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function clock(hour: number, minute: string): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}:${minute} ${hour < 12 ? 'AM' : 'PM'}`;
}

/**
 * IC's payment time is the biller's wall-clock time without an offset ("2025-03-03T13:05:00"):
 * read its digits as they are, never through Date, which would shift it into this PC's zone.
 */
export function formatWallClock(local: string | null): string {
  if (!local) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(local);
  if (!m) return local;
  const date = `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}`;
  return m[4] === undefined ? date : `${date}, ${clock(Number(m[4]), m[5]!)}`;
}

/** An instant (ISO with offset) in the biller's time zone: "Mar 3, 10:42 AM". */
export function formatInstant(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(t);
  } catch {
    return new Intl.DateTimeFormat('en-US', {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(t);
  }
}

/** A deposit day for people: "Mon, Mar 3" (the day is a calendar date, so no time zone applies). */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()
  ];
  return `${weekday}, ${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}`;
}

/** IC's PaymentGUID is long; its first block is enough to tell rows apart on screen (search takes any part). */
export function shortReference(guid: string): string {
  return guid.length > 13 ? `${guid.slice(0, 8)}…` : guid;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(Math.round((bytes / 1024) * 10) / 10).toString()} KB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toString()} MB`;
}

export const METHOD_LABELS = { card: 'Card', ach: 'ACH' } as const;

/** The last instant of a calendar day in a time zone. */
export function endOfDay(day: string, timeZone: string): number {
  const guess = Date.parse(`${day}T23:59:59.999Z`);
  if (!Number.isFinite(guess)) return Number.NaN;
  try {
    return guess - zoneOffsetMs(guess, timeZone);
  } catch {
    return guess;
  }
}

/**
 * "Now" for ages: this PC's clock, but never past the end of the biller's today as main reports it.
 * They agree for a real biller; the sandbox runs on its own simulated clock, and without this bound
 * every payment there would look hundreds of days old.
 */
export function ageClock(realNow: number, billerToday: string | null, timeZone: string): number {
  if (!billerToday) return realNow;
  const end = endOfDay(billerToday, timeZone);
  return Number.isFinite(end) ? Math.min(realNow, end) : realNow;
}

/** "Read from InHANCE 12 s ago": how old the screen's copy of the queue is (a live label). */
export function readAgo(syncedAt: string | null, now: number): string {
  if (!syncedAt) return 'Not read from InHANCE yet';
  const at = Date.parse(syncedAt);
  if (!Number.isFinite(at)) return 'Not read from InHANCE yet';
  // This PC and main share a clock; a copy stamped a moment "ahead" is just now.
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 5) return 'Read from InHANCE just now';
  if (seconds < 60) return `Read from InHANCE ${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `Read from InHANCE ${minutes} min ago`;
  return `Read from InHANCE ${Math.floor(minutes / 60)} h ago`;
}
