import { describe, expect, it } from 'vitest';
import { emptyFilterForm, formatAge, isFilterEmpty, toQuery } from './filter';

const read = (f: Partial<typeof emptyFilterForm>) => toQuery({ ...emptyFilterForm, ...f });

describe('reading the filter form', () => {
  it('an empty form asks for everything and says it is empty', () => {
    expect(read({})).toEqual({ query: { search: '' }, problems: {} });
    expect(isFilterEmpty(emptyFilterForm)).toBe(true);
    expect(isFilterEmpty({ ...emptyFilterForm, search: '  ' })).toBe(true);
    expect(isFilterEmpty({ ...emptyFilterForm, method: 'ach' })).toBe(false);
  });

  it('passes search, method and deposit day; "all" and a half-typed day mean no filter', () => {
    expect(read({ search: ' smith ', method: 'card', depositDate: '2025-03-04' }).query).toEqual({
      search: 'smith',
      method: 'card',
      depositDate: '2025-03-04',
    });
    expect(read({ depositDate: '2025-03' }).query).toEqual({ search: '' });
  });

  it('reads dollar bounds to exact cents, with $ and commas allowed', () => {
    expect(read({ minAmount: '40', maxAmount: '$1,250.5' }).query).toEqual({
      search: '',
      minCents: 4000,
      maxCents: 125050,
    });
    // 0.29 * 100 is 28.999999999999996 as a float; the form never goes through one.
    expect(read({ minAmount: '0.29' }).query.minCents).toBe(29);
  });

  it('reads a reversed range the way it was meant', () => {
    expect(read({ minAmount: '125.50', maxAmount: '40' }).query).toMatchObject({ minCents: 4000, maxCents: 12550 });
  });

  it('says which amount cannot be read and leaves it out until fixed', () => {
    const { query, problems } = read({ minAmount: '12.345', maxAmount: 'abc' });
    expect(problems).toEqual({
      minAmount: 'Write an amount such as 12.50.',
      maxAmount: 'Write an amount such as 12.50.',
    });
    expect(query).toEqual({ search: '' });
    expect(read({ minAmount: '-5' }).problems.minAmount).toBeDefined();
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
