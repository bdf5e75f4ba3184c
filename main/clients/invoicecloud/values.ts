/**
 * IC's value formats to ours: money `123.45` → integer cents (string arithmetic, no float),
 * US .NET dates `3/1/2025 1:05:00 PM` (or xs:dateTime) → `2025-03-01T13:05:00` (IC's local wall
 * clock; IC states no zone), its "no date" forms → null, `true`/`false` → boolean.
 * Each parser returns undefined for a value it cannot read; the caller names the field.
 */
export type IcDateTime = string;

export function parseMoneyCents(text: string): number | undefined {
  const m = /^\s*(-)?(\d{1,13})(?:\.(\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  if (fraction.length > 2 && !/^0+$/.test(fraction.slice(2))) return undefined; // sub-cent amounts are not money we can post
  const cents = Number(m[2]) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  return m[1] && cents !== 0 ? -cents : cents;
}

export function centsToMoney(cents: number): string {
  if (!Number.isInteger(cents)) throw new Error(`Amounts are whole cents; got ${cents}.`);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, mo: number, d: number): boolean {
  const t = new Date(Date.UTC(2000, mo - 1, d));
  return (
    mo >= 1 &&
    mo <= 12 &&
    t.getUTCMonth() === mo - 1 &&
    t.getUTCDate() === d &&
    y >= 1 &&
    y <= 9999 &&
    (mo !== 2 || d !== 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)))
  );
}

/** Returns the local ISO form, null for "no date" (empty, year 1), undefined when unreadable. */
export function parseIcDate(text: string): IcDateTime | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))? ?(AM|PM))?$/i.exec(t);
  if (us) {
    const [mo, d, y] = [Number(us[1]), Number(us[2]), Number(us[3])];
    if (y === 1) return null;
    if (!validDate(y, mo, d)) return undefined;
    let h = us[4] ? Number(us[4]) : 0;
    if (us[4] && (h < 1 || h > 12)) return undefined;
    if (us[7]) h = (h % 12) + (us[7].toUpperCase() === 'PM' ? 12 : 0);
    const mi = us[5] ? Number(us[5]) : 0;
    const s = us[6] ? Number(us[6]) : 0;
    if (mi > 59 || s > 59) return undefined;
    return `${String(y).padStart(4, '0')}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(t);
  if (iso) {
    const [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (y === 1) return null;
    if (!validDate(y, mo, d)) return undefined;
    const h = Number(iso[4] ?? 0);
    const mi = Number(iso[5] ?? 0);
    const s = Number(iso[6] ?? 0);
    if (h > 23 || mi > 59 || s > 59) return undefined;
    return `${iso[1]}-${iso[2]}-${iso[3]}T${pad(h)}:${pad(mi)}:${pad(s)}`;
  }
  return undefined;
}

export function parseIcBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

export function parseIcInteger(text: string): number | undefined {
  const t = text.trim();
  if (!/^-?\d{1,15}$/.test(t)) return undefined;
  return Number(t);
}

/** `YYYY-MM-DD` → `M/D/YYYY`, the BIF's date form. */
export function bifDateOf(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`Dates are written YYYY-MM-DD; got "${day}".`);
  return `${Number(m[2])}/${Number(m[3])}/${m[1]}`;
}
