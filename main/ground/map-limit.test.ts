import { describe, expect, it } from 'vitest';
import { mapLimit } from './map-limit';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('mapLimit', () => {
  it('keeps at most `limit` calls in flight and gives the results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n, i) => {
      peak = Math.max(peak, ++inFlight);
      for (let k = 0; k < n; k++) await tick();
      inFlight--;
      return `${i}:${n}`;
    });
    expect(out).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3']);
    expect(peak).toBe(2);
  });

  it('starts nothing after a failure, lets the calls in flight finish, then throws the first failure', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = mapLimit([0, 1, 2, 3, 4], 2, async (n) => {
      started.push(n);
      if (n === 0) throw new Error('first');
      await tick();
      await tick();
      finished.push(n);
      return n;
    });
    await expect(run).rejects.toThrow('first');
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([1]);
  });
});
