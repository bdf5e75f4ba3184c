/** Money is integer cents everywhere; these are the only conversions to and from text. */
/** One formatter, made once: building it per call (toLocaleString) was the top JS cost of the queue's scroll frames. */
const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** 123456789 → "$1,234,567.89"; -100 → "-$1.00". */
export function formatCents(cents: number): string {
  return USD.format(cents / 100);
}

/** "123.45" → 12345 without passing through a float. Returns null for anything else. */
export function decimalToCents(text: string): number | null {
  const m = /^\s*(-)?(\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return m[1] ? -cents : cents;
}

/** 12345 → "123.45" (invariant, as InvoiceCloud writes money). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
