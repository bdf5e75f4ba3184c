import { decimalToCents } from '../../shared/domain/money';

/** What the clerk typed and picked above the table; amounts stay text until parsed to cents. */
export interface QueueFilter {
  text: string;
  method: 'all' | 'card' | 'ach';
  /** Dollars as typed ("12.50"); empty = no bound. */
  minAmount: string;
  maxAmount: string;
  /** `YYYY-MM-DD`, or 'all'. */
  depositDay: string;
}

export const emptyFilter: QueueFilter = { text: '', method: 'all', minAmount: '', maxAmount: '', depositDay: 'all' };

/** The fields of a queue row the filter looks at. */
export interface FilterableRow {
  accountNumber: string;
  customerName: string;
  amountCents: number;
  method: 'card' | 'ach';
  depositDay: string;
  icReference: string;
}

export type FilterProblems = Partial<Record<'minAmount' | 'maxAmount', string>>;

export interface CompiledFilter {
  /** Sentences for the fields that cannot be read; those bounds are ignored until fixed. */
  problems: FilterProblems;
  /** True when the filter hides nothing. */
  isEmpty: boolean;
  matches(row: FilterableRow): boolean;
}

function bound(text: string, field: 'minAmount' | 'maxAmount', problems: FilterProblems): number | null {
  const t = text.trim().replace(/^\$/, '').replace(/,/g, '');
  if (t === '') return null;
  const cents = decimalToCents(t);
  if (cents === null || cents < 0) {
    problems[field] = 'Write an amount such as 12.50.';
    return null;
  }
  return cents;
}

/**
 * Turns the filter into one predicate. The search text matches, case-insensitively, anywhere in
 * the account number, customer name or IC reference; every word typed must match (so "smith 104"
 * finds Smith on account 1042).
 */
export function compileFilter(filter: QueueFilter): CompiledFilter {
  const problems: FilterProblems = {};
  let min = bound(filter.minAmount, 'minAmount', problems);
  let max = bound(filter.maxAmount, 'maxAmount', problems);
  if (min !== null && max !== null && min > max) {
    // A reversed range is almost always a slip; read it the way it was meant.
    [min, max] = [max, min];
  }
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const method = filter.method;
  const day = filter.depositDay;
  const isEmpty = words.length === 0 && method === 'all' && day === 'all' && min === null && max === null;
  return {
    problems,
    isEmpty,
    matches(row) {
      if (method !== 'all' && row.method !== method) return false;
      if (day !== 'all' && row.depositDay !== day) return false;
      if (min !== null && row.amountCents < min) return false;
      if (max !== null && row.amountCents > max) return false;
      if (words.length === 0) return true;
      const hay = `${row.accountNumber} ${row.customerName} ${row.icReference}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    },
  };
}

/** How long a payment has waited, short enough for a table cell: "45 min", "5 h", "3 d". */
export function formatAge(paidAt: string, now: number): string {
  const ms = now - Date.parse(paidAt);
  if (!Number.isFinite(ms)) return '';
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}
