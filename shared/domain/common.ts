import * as z from 'zod';

const GUID_RE = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

/** A GUID as InvoiceCloud writes it; braces are accepted and dropped, letters lower-cased. */
export const guid = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .regex(
      GUID_RE,
      `The ${what} must be a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427 (32 hex digits in groups of 8-4-4-4-12).`,
    )
    .transform((v) => v.replace(/[{}]/g, '').toLowerCase());

/**
 * A GUID that may be left empty (null when empty). One sentence for a wrong one, never zod's
 * "Invalid input: expected \"\"" that a union of '' | null | GUID reports.
 */
export const optionalGuid = (what: string) =>
  z
    .string({ error: `The ${what} is text: a GUID, or leave it empty.` })
    .trim()
    .nullable()
    .optional()
    .refine(
      (v) => !v || GUID_RE.test(v),
      `The ${what} must be a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427 (32 hex digits in groups of 8-4-4-4-12), or leave it empty.`,
    )
    .transform((v) => (v ? v.replace(/[{}]/g, '').toLowerCase() : null));

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** A service URL: https, or http only on this machine (the sandbox); never with credentials in it. */
export const serviceUrl = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `The ${what} must be a full address such as https://example.com.` });
        return;
      }
      if (url.username || url.password) {
        // The address is stored in SQLite and shown on screen: a password in it would leak there.
        ctx.addIssue({
          code: 'custom',
          message: `The ${what} must not contain a user name or password (the part before "@"). Enter the address alone; the password goes in its own field, which keeps it in the OS keychain.`,
        });
        return;
      }
      if (url.protocol === 'https:') return;
      if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
      ctx.addIssue({
        code: 'custom',
        message: `The ${what} must start with https:// (plain http is allowed only for this computer).`,
      });
    })
    .transform((v) => v.replace(/\/+$/, ''));

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

export const timeZone = z
  .string({ error: 'Choose a time zone from the list (an IANA name such as America/New_York).' })
  .trim()
  .refine(isValidTimeZone, 'Choose a time zone from the list (an IANA name such as America/New_York).');

/** Money crosses every boundary as integer cents. */
export const cents = z.number().int('Amounts are whole cents.');
export type Cents = number;

export const isoDateTime = z.string().datetime({ offset: true });
/** A day that exists on the calendar, written YYYY-MM-DD: 2025-02-30 and 2026-13-45 are not. */
export function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written YYYY-MM-DD.')
  .refine(isCalendarDay, 'That date is not a day on the calendar (write a real date as YYYY-MM-DD).');
