import { DEFAULT_DATE_FORMAT, type DateFormat, type Transform } from '../../shared/domain/mapping';

/**
 * The value transforms of a mapping row. Pure and allocation-light: a job runs them for every
 * field of every record (hundreds of thousands per run). A value that cannot be transformed gives
 * a reason instead of a guess; the caller turns it into a rejected row naming field and account.
 */
export type TransformResult = { ok: true; value: string } | { ok: false; reason: string };

export type TransformFn = (value: unknown) => TransformResult;

const ok = (value: string): TransformResult => ({ ok: true, value });
const fail = (reason: string): TransformResult => ({ ok: false, reason });
const EMPTY = ok('');

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `'${text.slice(0, 40)}…'` : `'${text}'`;
}

/** Scalars as text; null and undefined are empty (the required check decides if that is fatal). */
export function asText(value: unknown): TransformResult {
  if (value === null || value === undefined) return EMPTY;
  switch (typeof value) {
    case 'string':
      return ok(value);
    case 'number':
      return Number.isFinite(value) ? ok(String(value)) : fail(`${show(value)} is not a number that can be written`);
    case 'boolean':
      return ok(value ? 'true' : 'false');
    case 'bigint':
      return ok(value.toString());
    default:
      return fail(`${show(value)} is not a single value (it is a list or an object)`);
  }
}

export function trim(value: unknown): TransformResult {
  const r = asText(value);
  return r.ok ? ok(r.value.trim()) : r;
}

// upper and lower also trim: an IC field never wants edge spaces, and a PM who picks UPPER for
// State should not need a second transform to keep ' ma' within its two characters.
export function upper(value: unknown): TransformResult {
  const r = asText(value);
  return r.ok ? ok(r.value.trim().toUpperCase()) : r;
}

export function lower(value: unknown): TransformResult {
  const r = asText(value);
  return r.ok ? ok(r.value.trim().toLowerCase()) : r;
}

/**
 * A US phone number as `(555) 123-4567`. Any punctuation is accepted around 10 digits, or 11 with
 * the leading country code 1. Anything else (7 digits, an extension, a foreign number) is refused
 * rather than mangled.
 */
export function phone(value: unknown): TransformResult {
  const r = asText(value);
  if (!r.ok) return r;
  const text = r.value.trim();
  if (text === '') return EMPTY;
  let digits = text.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length !== 10 || /[^\d\s().+\-]/.test(text)) {
    return fail(`${show(text)} is not a 10-digit US phone number`);
  }
  return ok(`(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`);
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    m - 1
  ]!;
  return d <= days;
}

/**
 * An ISO date (`2025-03-01`, or the date part of an ISO date-time as written, without shifting
 * time zones) in the chosen style. InHANCE dates are calendar dates, so no clock is involved.
 */
export function date(value: unknown, format: DateFormat = DEFAULT_DATE_FORMAT): TransformResult {
  const r = asText(value);
  if (!r.ok) return r;
  const text = r.value.trim();
  if (text === '') return EMPTY;
  const m = ISO_DATE_RE.exec(text);
  if (!m) return fail(`${show(text)} is not a date written YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!isRealDate(y, mo, d)) return fail(`${show(text)} is not a real calendar date`);
  switch (format) {
    case 'M/D/YYYY':
      return ok(`${mo}/${d}/${m[1]}`);
    case 'MM/DD/YYYY':
      return ok(`${m[2]}/${m[3]}/${m[1]}`);
    case 'YYYY-MM-DD':
      return ok(`${m[1]}-${m[2]}-${m[3]}`);
  }
}

const WHOLE_CENTS_RE = /^-?\d+$/;

/**
 * Integer cents as an invariant decimal (12345 → "123.45", -5 → "-0.05") by string arithmetic,
 * so no float ever touches money. A string of digits is accepted (records from JSON or CSV).
 */
export function centsToDecimal(value: unknown): TransformResult {
  if (value === null || value === undefined) return EMPTY;
  let digits: string;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return fail(`${show(value)} is not a whole number of cents`);
    digits = String(value);
  } else if (typeof value === 'bigint') {
    digits = value.toString();
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return EMPTY;
    if (!WHOLE_CENTS_RE.test(text)) return fail(`${show(text)} is not a whole number of cents`);
    digits = text;
  } else {
    return fail(`${show(value)} is not a whole number of cents`);
  }
  const negative = digits.startsWith('-');
  let abs = (negative ? digits.slice(1) : digits).replace(/^0+(?=\d)/, '');
  if (abs.length < 3) abs = abs.padStart(3, '0');
  const text = `${abs.slice(0, -2)}.${abs.slice(-2)}`;
  return ok(negative && text !== '0.00' ? `-${text}` : text);
}

/** The function for one row's transform, chosen once when a mapping is compiled. */
export function transformFor(transform: Transform, dateFormat?: DateFormat): TransformFn {
  switch (transform) {
    case 'none':
      return asText;
    case 'trim':
      return trim;
    case 'upper':
      return upper;
    case 'lower':
      return lower;
    case 'phone':
      return phone;
    case 'date': {
      const format = dateFormat ?? DEFAULT_DATE_FORMAT;
      return (value) => date(value, format);
    }
    case 'cents-to-decimal':
      return centsToDecimal;
  }
}
