/**
 * The queue's column sort, on the rows main sent (in its own order: when paid). Done here rather
 * than with TanStack Table's row model: that model builds an object with a few dozen methods for
 * every row, and at 23,000 entries building it held the screen for over half a second each time
 * the list arrived (profile), for a table that only needed its rows sorted.
 */
export interface ColumnSort {
  id: string;
  desc: boolean;
}

/** Names and references in natural order ("A2" before "A10"), case and accents aside. */
const collator = new Intl.Collator('en-US', { numeric: true, sensitivity: 'base' });

export function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * The sort after a click on a column's header: numbers start with the largest first and text from
 * A, the second click reverses, the third goes back to main's order.
 */
export function nextSort(
  current: ColumnSort | null,
  id: string,
  sample: string | number | undefined,
): ColumnSort | null {
  const firstDesc = typeof sample === 'number';
  if (!current || current.id !== id) return { id, desc: firstDesc };
  return current.desc === firstDesc ? { id, desc: !firstDesc } : null;
}

/** The rows in the column's order; rows with equal values keep main's order. */
export function sortRows<T>(
  rows: readonly T[],
  sort: ColumnSort | null,
  valueOf: ((row: T) => string | number) | undefined,
): readonly T[] {
  if (!sort || !valueOf) return rows;
  const keyed = rows.map((row, index) => ({ row, index, value: valueOf(row) }));
  const sign = sort.desc ? -1 : 1;
  keyed.sort((a, b) => sign * compareValues(a.value, b.value) || a.index - b.index);
  return keyed.map((k) => k.row);
}
