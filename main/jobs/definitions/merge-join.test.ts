import { describe, expect, it } from 'vitest';
import { mergeJoin, OrderedReader, pagesOf } from './merge-join';

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

describe('pagesOf: read-ahead', () => {
  /** A paged source that notes when each page is asked for; page `failAt` fails. */
  function source(pages: number, failAt = -1) {
    const asked: number[] = [];
    async function* gen() {
      for (let i = 0; i < pages; i++) {
        asked.push(i);
        await Promise.resolve();
        if (i === failAt) throw new Error(`page ${i} failed`);
        yield { items: [`k${i}`] };
      }
    }
    return { asked, pages: gen() };
  }

  it('asks for the next page while the current one is read, never more than one ahead', async () => {
    const s = source(4);
    const it = pagesOf(s.pages, (p) => p.items);
    expect((await it.next()).value).toEqual(['k0']);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.asked).toEqual([0, 1]);
    expect((await it.next()).value).toEqual(['k1']);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.asked).toEqual([0, 1, 2]);
    const rest: string[] = [];
    for await (const page of it) rest.push(...page);
    expect(rest).toEqual(['k2', 'k3']);
  });

  it('throws a failed read-ahead when its page is wanted, and not if the reader stops first', async () => {
    const failing = pagesOf(source(3, 1).pages, (p) => p.items);
    expect((await failing.next()).value).toEqual(['k0']);
    await expect(failing.next()).rejects.toThrow('page 1 failed');

    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const stopped = pagesOf(source(3, 1).pages, (p) => p.items);
      expect((await stopped.next()).value).toEqual(['k0']);
      await stopped.return(undefined);
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
