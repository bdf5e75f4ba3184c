import { describe, expect, it } from 'vitest';
import { compileFilter, emptyFilter, formatAge, type FilterableRow } from './filter';

const rows: FilterableRow[] = [
  { accountNumber: '100042', customerName: 'Ada Smith', amountCents: 12_550, method: 'card', depositDay: '2025-03-03', icReference: 'a1b2c3' },
  { accountNumber: '100043', customerName: 'Bo Jones', amountCents: 4_000, method: 'ach', depositDay: '2025-03-03', icReference: 'ffee01' },
  { accountNumber: '200111', customerName: 'Cy Smithers', amountCents: 99, method: 'ach', depositDay: '2025-03-04', icReference: 'dd0042' },
];
const shown = (f: Partial<typeof emptyFilter>) => {
  const c = compileFilter({ ...emptyFilter, ...f });
  return rows.filter((r) => c.matches(r)).map((r) => r.accountNumber);
};

describe('the queue filter', () => {
  it('an empty filter shows everything and says it is empty', () => {
    expect(compileFilter(emptyFilter).isEmpty).toBe(true);
    expect(shown({})).toHaveLength(3);
  });

  it('search matches account, name or IC reference, case-insensitively, every word', () => {
    expect(shown({ text: 'smith' })).toEqual(['100042', '200111']);
    expect(shown({ text: 'SMITH 1000' })).toEqual(['100042']);
    expect(shown({ text: 'ffee' })).toEqual(['100043']);
    expect(shown({ text: '0042' })).toEqual(['100042', '200111']);
    expect(shown({ text: 'nobody' })).toEqual([]);
  });

  it('filters by method and deposit day', () => {
    expect(shown({ method: 'ach' })).toEqual(['100043', '200111']);
    expect(shown({ depositDay: '2025-03-04' })).toEqual(['200111']);
    expect(shown({ method: 'card', depositDay: '2025-03-04' })).toEqual([]);
  });

  it('reads amount bounds in dollars to exact cents, inclusive, with $ and commas allowed', () => {
    expect(shown({ minAmount: '40' })).toEqual(['100042', '100043']);
    expect(shown({ minAmount: '40.01' })).toEqual(['100042']);
    expect(shown({ maxAmount: '$0.99' })).toEqual(['200111']);
    expect(shown({ minAmount: '1,000' })).toEqual([]);
    // A reversed range is read the way it was meant.
    expect(shown({ minAmount: '125.50', maxAmount: '40' })).toEqual(['100042', '100043']);
  });

  it('says which amount cannot be read and ignores it until fixed', () => {
    const c = compileFilter({ ...emptyFilter, minAmount: '12.345', maxAmount: 'abc' });
    expect(c.problems).toEqual({ minAmount: 'Write an amount such as 12.50.', maxAmount: 'Write an amount such as 12.50.' });
    expect(rows.filter((r) => c.matches(r))).toHaveLength(3);
  });
});

describe('age', () => {
  const now = Date.parse('2025-03-05T12:00:00Z');
  it('is short: minutes, hours under two days, then days', () => {
    expect(formatAge('2025-03-05T11:15:00Z', now)).toBe('45 min');
    expect(formatAge('2025-03-05T07:00:00Z', now)).toBe('5 h');
    expect(formatAge('2025-03-03T13:00:00Z', now)).toBe('47 h');
    expect(formatAge('2025-03-01T12:00:00Z', now)).toBe('4 d');
    expect(formatAge('2025-03-05T12:10:00Z', now)).toBe('0 min');
    expect(formatAge('not a date', now)).toBe('');
  });
});
