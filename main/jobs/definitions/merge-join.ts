import { AppError, type ErrorCode } from '../../../shared/errors';

/**
 * Reads a paged list that is in key order (ordinal string order), one record at a time, holding
 * one page at most. A record repeated within a page (a retried answer can repeat one) is read
 * once; a page that goes back before what was already read means the source does not keep the
 * order this reader relies on, and stops the run rather than pairing the wrong records.
 */
export class OrderedReader<T> {
  private buffer: T[] = [];
  private at = 0;
  private last: string | null = null;
  private finished = false;
  /** Records dropped as repeats within their page. */
  repeats = 0;
  /** Pages read so far. */
  pages = 0;

  constructor(
    private readonly source: AsyncIterator<readonly T[]>,
    private readonly key: (item: T) => string,
    private readonly where: { system: string; code: ErrorCode },
  ) {}

  /** The next record without taking it, or null at the end. */
  async peek(): Promise<T | null> {
    while (this.at >= this.buffer.length) {
      if (this.finished) return null;
      const next = await this.source.next();
      if (next.done) {
        this.finished = true;
        return null;
      }
      this.pages++;
      this.buffer = this.orderPage(next.value);
      this.at = 0;
    }
    return this.buffer[this.at]!;
  }

  take(): T {
    const item = this.buffer[this.at++]!;
    this.last = this.key(item);
    return item;
  }

  private orderPage(items: readonly T[]): T[] {
    const byKey = new Map<string, T>();
    for (const item of items) {
      const k = this.key(item);
      if (byKey.has(k)) this.repeats++;
      else byKey.set(k, item);
    }
    const keys = [...byKey.keys()].sort(compareKeys);
    if (this.last !== null && keys.length > 0 && compareKeys(keys[0]!, this.last) <= 0) {
      throw new AppError(
        this.where.code,
        `${this.where.system} listed account ${keys[0]} after ${this.last}: its list is not in account-number order, so the two sides cannot be compared safely. Send the run details to support.`,
      );
    }
    return keys.map((k) => byKey.get(k)!);
  }
}

/** Ordinal comparison: the order both systems' listings are assumed to keep. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Walks two ordered lists together, calling `visit` once per key with the record of each side
 * (null where a side has none). Memory: one page per side.
 */
export async function mergeJoin<A, B>(
  left: OrderedReader<A>,
  right: OrderedReader<B>,
  keyA: (a: A) => string,
  keyB: (b: B) => string,
  visit: (key: string, a: A | null, b: B | null) => Promise<void> | void,
): Promise<void> {
  for (;;) {
    const a = await left.peek();
    const b = await right.peek();
    if (a === null && b === null) return;
    const order = a === null ? 1 : b === null ? -1 : compareKeys(keyA(a), keyB(b));
    if (order === 0) await visit(keyA(a!), left.take(), right.take());
    else if (order < 0) await visit(keyA(a!), left.take(), null);
    else await visit(keyB(b!), null, right.take());
  }
}

/**
 * The items of each page of a paged source, as the reader wants them, with the next page already
 * asked for while this one is read: the two systems answer while the join works, and both sides of
 * a join fetch at once. Memory: the page being read and the one arriving. A failed read-ahead is
 * thrown when its page is wanted (never if the reader stops first, as reads have no side effects).
 */
export async function* pagesOf<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[],
): AsyncGenerator<readonly T[]> {
  const source = pages[Symbol.asyncIterator]();
  let ahead = source.next();
  try {
    for (;;) {
      const page = await ahead;
      if (page.done) return;
      ahead = source.next();
      ahead.catch(() => undefined);
      yield items(page.value);
    }
  } finally {
    void source.return?.()?.catch(() => undefined);
  }
}
