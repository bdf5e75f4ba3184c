import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEntry } from '../../shared/domain/payments';

/**
 * "Select all" while a large queue is still arriving. The first answer shows 200 rows at once and
 * the rest follows in answers of 500, while the tab's count and the button already say all of them.
 * The race needs main's answers held back at will, which the real host cannot do, so this test
 * stands in for the preload bridge (`window.api`) with answers it releases itself; the same paths
 * run against the real host in tests/e2e/payments.spec.ts.
 */
const TOTAL = 1000;
const entry = (i: number) =>
  ({ id: `row-${i}`, entryId: `E-${i}`, accountNumber: String(i), customerName: 'A', amountCents: 100 }) as QueueEntry;
const all = Array.from({ length: TOTAL }, (_, i) => entry(i));

let held: Array<() => void> = [];
let calls: string[] = [];
const release = () => {
  const waiting = held;
  held = [];
  for (const go of waiting) go();
};

const fakeApi = {
  payments: {
    list: (input: { tab: string; offset: number; limit: number }) => {
      calls.push(`list ${input.tab} ${input.offset}+${input.limit}`);
      const answer = {
        rows: input.tab === 'ready' ? all.slice(input.offset, input.offset + input.limit) : [],
        total: input.tab === 'ready' ? TOTAL : 0,
        totalCents: 0,
        offset: input.offset,
        syncedAt: null,
        stale: false,
      };
      // The first answer comes at once; the rest waits until the test releases it.
      return input.offset === 0 ? Promise.resolve(answer) : new Promise((resolve) => held.push(() => resolve(answer)));
    },
    ids: (input: { tab: string }) => {
      calls.push(`ids ${input.tab}`);
      return Promise.resolve({ entryIds: all.map((r) => r.entryId), count: TOTAL, totalCents: 0 });
    },
    counts: () =>
      Promise.resolve({
        tabs: Object.fromEntries(
          ['ready', 'exceptions', 'held', 'rejected', 'posted-today'].map((t) => [
            t,
            { count: t === 'ready' ? TOTAL : 0, totalCents: 0 },
          ]),
        ),
        postingMode: 'pending',
        livePostingUser: 'IC Clerk',
        syncedAt: null,
      }),
    controlTotals: () => Promise.resolve({ days: [] }),
  },
};

let usePayments: typeof import('./payments.store').usePayments;

beforeAll(async () => {
  Object.defineProperty(window, 'api', { value: fakeApi, configurable: true });
  ({ usePayments } = await import('./payments.store'));
});

afterEach(() => {
  release();
  usePayments.getState().open(null);
  calls = [];
});

/** Opens the biller and waits until its first answer (200 rows of 1,000) is on screen. */
async function opened(billerId: string) {
  usePayments.getState().open(billerId);
  await expect.poll(() => usePayments.getState().rows.length).toBe(200);
  expect(usePayments.getState().total).toBe(TOTAL);
  await expect.poll(() => held.length).toBe(1);
}

describe('select all while the list is still arriving', () => {
  it('"Select all that match" selects every row, not the 200 of the first answer', async () => {
    await opened('b-1');
    const selecting = usePayments.getState().selectAllMatching();
    // Nothing is selected from a partial list: main is not even asked until the rest is in.
    await new Promise((r) => setTimeout(r, 20));
    expect(usePayments.getState().selection.selected.size).toBe(0);
    expect(calls).not.toContain('ids ready');
    while (usePayments.getState().rows.length < TOTAL) {
      release();
      await new Promise((r) => setTimeout(r, 0));
    }
    await selecting;
    expect(usePayments.getState().selection.selected.size).toBe(TOTAL);
    expect(usePayments.getState().selection.selected.has('row-999')).toBe(true);
  });

  it('Ctrl+A selects every row shown once the rest is in', async () => {
    await opened('b-2');
    const selecting = usePayments.getState().selectAllShown();
    await new Promise((r) => setTimeout(r, 20));
    expect(usePayments.getState().selection.selected.size).toBe(0);
    while (usePayments.getState().rows.length < TOTAL) {
      release();
      await new Promise((r) => setTimeout(r, 0));
    }
    await selecting;
    expect(usePayments.getState().selection.selected.size).toBe(TOTAL);
  });

  it('selects nothing when the clerk moved to another tab meanwhile', async () => {
    await opened('b-3');
    const selecting = usePayments.getState().selectAllMatching();
    usePayments.getState().setTab('held');
    release();
    await selecting;
    expect(usePayments.getState().tab).toBe('held');
    expect(usePayments.getState().selection.selected.size).toBe(0);
    expect(calls).not.toContain('ids ready');
  });
});
