import { decimalToCents } from '../../shared/domain/money';

/**
 * What the clerk typed and picked above the table. Amounts stay text until read to cents; main
 * applies the filter (payments:list), so the list, its totals and "select all that match" agree.
 */
export interface QueueFilterForm {
  search: string;
  method: 'all' | 'card' | 'ach';
  /** Dollars as typed ("12.50", "$1,200"); empty = no bound. */
  minAmount: string;
  maxAmount: string;
  /** `YYYY-MM-DD`, or '' for every day. */
  depositDate: string;
}

export const emptyFilterForm: QueueFilterForm = {
  search: '',
  method: 'all',
  minAmount: '',
  maxAmount: '',
  depositDate: '',
};

/** The filter as main takes it (the fields of payments:list that the form drives). */
export interface QueueQuery {
  search: string;
  method?: 'card' | 'ach';
  depositDate?: string;
  minCents?: number;
  maxCents?: number;
}

export type FilterProblems = Partial<Record<'minAmount' | 'maxAmount', string>>;

function bound(text: string, field: 'minAmount' | 'maxAmount', problems: FilterProblems): number | undefined {
  const t = text.trim().replace(/^\$/, '').replace(/,/g, '');
  if (t === '') return undefined;
  const cents = decimalToCents(t);
  if (cents === null || cents < 0) {
    problems[field] = 'Write an amount such as 12.50.';
    return undefined;
  }
  return cents;
}

/**
 * Reads the form into a query. An amount that cannot be read is reported and left out (the list
 * does not jump to empty while the clerk is still typing); a reversed range is read as meant.
 */
export function toQuery(form: QueueFilterForm): { query: QueueQuery; problems: FilterProblems } {
  const problems: FilterProblems = {};
  let min = bound(form.minAmount, 'minAmount', problems);
  let max = bound(form.maxAmount, 'maxAmount', problems);
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  const query: QueueQuery = { search: form.search.trim() };
  if (form.method !== 'all') query.method = form.method;
  if (/^\d{4}-\d{2}-\d{2}$/.test(form.depositDate)) query.depositDate = form.depositDate;
  if (min !== undefined) query.minCents = min;
  if (max !== undefined) query.maxCents = max;
  return { query, problems };
}

/** True when the form hides nothing. */
export function isFilterEmpty(form: QueueFilterForm): boolean {
  const { query } = toQuery(form);
  return Object.keys(query).length === 1 && query.search === '';
}

/** How long a payment has waited, short enough for a table cell: "45 min", "5 h", "3 d". */
export function formatAge(since: string, now: number): string {
  const ms = now - Date.parse(since);
  if (!Number.isFinite(ms)) return '';
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}
