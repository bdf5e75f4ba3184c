import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../ground/fake-clock';
import {
  ADAPTIVE_MAX_MS,
  ADAPTIVE_RELAX_AFTER,
  ADAPTIVE_START_MS,
  DEFAULT_IC_RATE_LIMITS,
  IcRateLimiter,
  parseRetryAfter,
  type IcRateLimits,
} from './rate-limiter';

const T0 = '2026-01-05T09:00:00.000Z';

function setup(limits: Partial<IcRateLimits>) {
  const clock = new FakeClock(T0);
  const limiter = new IcRateLimiter(
    { ...DEFAULT_IC_RATE_LIMITS, threshold: 0, minIntervalMs: 0, maxConcurrency: 16, ...limits },
    clock,
  );
  const starts: number[] = [];
  const t0 = clock.now().getTime();
  /** Starts `n` requests that each note when they began and finish at once. */
  const fire = (n: number) =>
    Array.from({ length: n }, () =>
      limiter.run(async () => {
        starts.push(clock.now().getTime() - t0);
      }),
    );
  return { clock, limiter, starts, fire };
}

describe('IcRateLimiter', () => {
  it('spaces request starts by the minimum interval', async () => {
    const { clock, starts, fire } = setup({ minIntervalMs: 250 });
    const all = fire(4);
    await clock.advance(1000);
    await Promise.all(all);
    expect(starts).toEqual([0, 250, 500, 750]);
  });

  it('pauses for the cool-down after the threshold, then counts again', async () => {
    const { clock, limiter, starts, fire } = setup({ threshold: 3, cooldownMs: 5000, minIntervalMs: 10 });
    const seen: string[] = [];
    limiter.onThrottle((s) => seen.push(`${s.throttled}:${s.until}`));
    const all = fire(7);
    await clock.advance(20_000);
    await Promise.all(all);
    // 3 requests 10 ms apart, 5 s pause from the third start, 3 more, pause, the seventh.
    expect(starts).toEqual([0, 10, 20, 5020, 5030, 5040, 10_040]);
    expect(seen[0]).toBe('cooldown:2026-01-05T09:00:05.020Z');
  });

  it('waits Retry-After after a 429, or the configured delay when IC sends none', async () => {
    const { clock, limiter, starts, fire } = setup({ delayAfter429Ms: 30_000 });
    await Promise.all(fire(1));
    expect(limiter.tooManyRequests(2000)).toBe(2000);
    expect(limiter.status().throttled).toBe('retry-after');
    const second = fire(1);
    await clock.advance(1999);
    expect(starts).toEqual([0]);
    await clock.advance(1);
    await Promise.all(second);
    expect(starts).toEqual([0, 2000]);

    expect(limiter.tooManyRequests(null)).toBe(30_000);
    const third = fire(1);
    await clock.advance(29_999);
    expect(starts).toHaveLength(2);
    await clock.advance(1);
    await Promise.all(third);
    expect(starts).toEqual([0, 2000, 32_000]);
    expect(limiter.status().tooManyRequests).toBe(2);
  });

  it('never lets more than maxConcurrency requests be in flight', async () => {
    const clock = new FakeClock(T0);
    const limiter = new IcRateLimiter(
      { ...DEFAULT_IC_RATE_LIMITS, minIntervalMs: 0, threshold: 0, maxConcurrency: 2 },
      clock,
    );
    let inFlight = 0;
    let peak = 0;
    const finishers: Array<() => void> = [];
    const all = Array.from({ length: 5 }, () =>
      limiter.run(
        () =>
          new Promise<void>((resolve) => {
            inFlight++;
            peak = Math.max(peak, inFlight);
            finishers.push(() => {
              inFlight--;
              resolve();
            });
          }),
      ),
    );
    await clock.flush();
    expect(inFlight).toBe(2);
    expect(limiter.status()).toMatchObject({ waiting: 3, inFlight: 2, throttled: 'concurrency' });
    while (finishers.length) {
      finishers.shift()!();
      await clock.flush();
    }
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(limiter.status()).toMatchObject({ waiting: 0, inFlight: 0, started: 5 });
  });

  it('drops a waiter whose signal aborts, and new limits apply to the next request', async () => {
    const { clock, limiter, starts, fire } = setup({ minIntervalMs: 1000 });
    await Promise.all(fire(1));
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(aborted).rejects.toThrow('cancelled');
    expect(limiter.status().waiting).toBe(0);
    limiter.update({ ...limiter.current, minIntervalMs: 100 });
    const next = fire(1);
    await clock.advance(100);
    await Promise.all(next);
    expect(starts).toEqual([0, 100]);
  });
});

describe('IcRateLimiter, adaptive spacing', () => {
  it('spaces nothing by default until IC answers 429', async () => {
    const clock = new FakeClock(T0);
    const limiter = new IcRateLimiter({ ...DEFAULT_IC_RATE_LIMITS }, clock);
    const starts: number[] = [];
    const t0 = clock.now().getTime();
    const all = Array.from({ length: 6 }, () =>
      limiter.run(async () => {
        starts.push(clock.now().getTime() - t0);
      }),
    );
    await clock.flush();
    await Promise.all(all);
    expect(DEFAULT_IC_RATE_LIMITS.minIntervalMs).toBe(0);
    expect(starts).toEqual([0, 0, 0, 0, 0, 0]);
    expect(limiter.status().learnedIntervalMs).toBe(0);
  });

  it('learns a spacing from each 429 (doubling, capped) and keeps it after the pause', async () => {
    const { clock, limiter, starts, fire } = setup({});
    expect(limiter.tooManyRequests(1000)).toBe(1000);
    expect(limiter.status().learnedIntervalMs).toBe(ADAPTIVE_START_MS);
    const after = fire(3);
    await clock.advance(1000 + 2 * ADAPTIVE_START_MS);
    await Promise.all(after);
    // The pause first, then the learned spacing between the starts.
    expect(starts).toEqual([1000, 1000 + ADAPTIVE_START_MS, 1000 + 2 * ADAPTIVE_START_MS]);
    expect(limiter.status().throttled).toBeNull();
    limiter.tooManyRequests(0);
    expect(limiter.status().learnedIntervalMs).toBe(2 * ADAPTIVE_START_MS);
    for (let i = 0; i < 10; i++) limiter.tooManyRequests(0);
    expect(limiter.status()).toMatchObject({ learnedIntervalMs: ADAPTIVE_MAX_MS, tooManyRequests: 12 });
  });

  it('halves the learned spacing after every run of answers without a 429, down to none', async () => {
    const { clock, limiter, fire } = setup({});
    limiter.tooManyRequests(0);
    limiter.tooManyRequests(0); // 500 ms
    const relaxAfter = async (n: number) => {
      const all = fire(n);
      await clock.advance(n * ADAPTIVE_MAX_MS);
      await Promise.all(all);
      return limiter.status().learnedIntervalMs;
    };
    expect(await relaxAfter(ADAPTIVE_RELAX_AFTER - 1)).toBe(500);
    expect(await relaxAfter(1)).toBe(250);
    expect(await relaxAfter(ADAPTIVE_RELAX_AFTER - 1)).toBe(250);
    // A 429 one answer short of the next halving starts the count again.
    limiter.tooManyRequests(0);
    expect(limiter.status().learnedIntervalMs).toBe(500);
    expect(await relaxAfter(ADAPTIVE_RELAX_AFTER - 1)).toBe(500);
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push(await relaxAfter(ADAPTIVE_RELAX_AFTER));
    expect(seen).toEqual([250, 125, 63, 32, 0, 0]);
  });

  it('keeps a configured minimum interval as the floor under the learned spacing', async () => {
    const { clock, limiter, starts, fire } = setup({ minIntervalMs: 400 });
    limiter.tooManyRequests(0); // learned 250, below the floor
    const all = fire(3);
    await clock.advance(2000);
    await Promise.all(all);
    expect(starts).toEqual([0, 400, 800]);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-01-05T09:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 05 Jan 2026 08:00:00 GMT', now)).toBe(0);
  });
  it('gives null when absent or unreadable', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
