import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './sort';

const rows = [
  { id: 'a', name: 'b10', cents: 500 },
  { id: 'b', name: 'B2', cents: 1500 },
  { id: 'c', name: 'a1', cents: 500 },
  { id: 'd', name: 'é', cents: 20 },
];

describe('the queue sort', () => {
  it('numbers start largest first, text from A; the second click reverses and the third restores main’s order', () => {
    const first = nextSort(null, 'amount', 100);
    expect(first).toEqual({ id: 'amount', desc: true });
    const second = nextSort(first, 'amount', 100);
    expect(second).toEqual({ id: 'amount', desc: false });
    expect(nextSort(second, 'amount', 100)).toBeNull();
    const text = nextSort(second, 'name', 'x');
    expect(text).toEqual({ id: 'name', desc: false });
    expect(nextSort(text, 'name', 'x')).toEqual({ id: 'name', desc: true });
    expect(nextSort({ id: 'name', desc: true }, 'name', 'x')).toBeNull();
  });

  it('sorts text naturally and without regard to case or accents, numbers by value; ties keep main’s order', () => {
    const byName = sortRows(rows, { id: 'name', desc: false }, (r) => r.name);
    expect(byName.map((r) => r.id)).toEqual(['c', 'b', 'a', 'd']);
    const byAmount = sortRows(rows, { id: 'amount', desc: true }, (r) => r.cents);
    // a and c are both $5.00: a came first from main and stays first, in either direction.
    expect(byAmount.map((r) => r.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(sortRows(rows, { id: 'amount', desc: false }, (r) => r.cents).map((r) => r.id)).toEqual([
      'd',
      'a',
      'c',
      'b',
    ]);
  });

  it('without a sort (or a column without values) the rows are main’s, the same array', () => {
    expect(sortRows(rows, null, (r) => r.name)).toBe(rows);
    expect(sortRows(rows, { id: 'status', desc: false }, undefined)).toBe(rows);
  });
});
