import { describe, expect, it } from 'vitest';
import { mergeJoin, OrderedReader } from './merge-join';

async function* pages<T>(list: T[][]): AsyncGenerator<T[]> {
  for (const p of list) yield p;
}

const reader = (list: string[][]) =>
  new OrderedReader(pages(list), (k: string) => k, { system: 'Test', code: 'IC_PROTOCOL' });

describe('merge-join of two ordered, paged lists', () => {
  it('pairs equal keys and reports each side’s extra keys, whatever the page boundaries', async () => {
    const left = reader([
      ['a', 'b'],
      ['d', 'e', 'g'],
    ]);
    const right = reader([['b'], ['c', 'd'], ['g', 'h']]);
    const seen: string[] = [];
    await mergeJoin(
      left,
      right,
      (k) => k,
      (k) => k,
      (k, a, b) => void seen.push(`${k}:${a ? 'L' : '-'}${b ? 'R' : '-'}`),
    );
    expect(seen).toEqual(['a:L-', 'b:LR', 'c:-R', 'd:LR', 'e:L-', 'g:LR', 'h:-R']);
  });

  it('reads a record repeated within its page once, and sorts a page it receives out of order', async () => {
    const left = reader([['b', 'a', 'b'], ['c']]);
    const keys: string[] = [];
    await mergeJoin(
      left,
      reader([]),
      (k) => k,
      (k) => k,
      (k) => void keys.push(k),
    );
    expect(keys).toEqual(['a', 'b', 'c']);
    expect(left.repeats).toBe(1);
  });

  it('stops with a plain error when a page goes back before what was read', async () => {
    const left = reader([
      ['a', 'c'],
      ['b', 'd'],
    ]);
    await expect(
      mergeJoin(
        left,
        reader([]),
        (k) => k,
        (k) => k,
        () => undefined,
      ),
    ).rejects.toMatchObject({
      code: 'IC_PROTOCOL',
      message: expect.stringMatching(/listed account b after c: its list is not in account-number order/),
    });
  });

  it('streams long lists through page by page, pages of different sizes on each side', async () => {
    async function* many(n: number, size: number): AsyncGenerator<string[]> {
      for (let i = 0; i < n; i += size)
        yield Array.from({ length: Math.min(size, n - i) }, (_, j) => String(i + j).padStart(8, '0'));
    }
    let pairs = 0;
    const left = new OrderedReader(many(200_000, 1000), (k: string) => k, { system: 'L', code: 'IC_PROTOCOL' });
    const right = new OrderedReader(many(200_000, 700), (k: string) => k, { system: 'R', code: 'IMPRESA_PROTOCOL' });
    await mergeJoin(
      left,
      right,
      (k) => k,
      (k) => k,
      (_k, a, b) => {
        if (a && b) pairs++;
      },
    );
    expect(pairs).toBe(200_000);
    expect(left.pages).toBe(200);
    expect(right.pages).toBe(286);
  });
});
