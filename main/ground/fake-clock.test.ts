import { describe, expect, it } from 'vitest';
import { delay } from './clock';
import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('fires due timers in order, each at its own time, and none before', async () => {
    const clock = new FakeClock('2025-01-01T00:00:00Z');
    const fired: string[] = [];
    clock.setTimer(300, () => fired.push(`c@${clock.now().toISOString()}`));
    clock.setTimer(100, () => fired.push(`a@${clock.now().toISOString()}`));
    clock.setTimer(100, () => fired.push(`b@${clock.now().toISOString()}`));
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(201);
    expect(fired).toEqual(['a@2025-01-01T00:00:00.100Z', 'b@2025-01-01T00:00:00.100Z', 'c@2025-01-01T00:00:00.300Z']);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:00.300Z');
  });

  it('lets async work started by a timer run, including timers it sets within the span', async () => {
    const clock = new FakeClock('2025-01-01T00:00:00Z');
    const seen: number[] = [];
    clock.setTimer(10, () => {
      void (async () => {
        await Promise.resolve();
        seen.push(clock.now().getTime());
        await delay(clock, 50);
        seen.push(clock.now().getTime());
      })();
    });
    await clock.advance(100);
    const t0 = Date.parse('2025-01-01T00:00:00Z');
    expect(seen).toEqual([t0 + 10, t0 + 60]);
  });

  it('cancels a timer', async () => {
    const clock = new FakeClock('2025-01-01T00:00:00Z');
    let fired = false;
    const cancel = clock.setTimer(10, () => (fired = true));
    cancel();
    await clock.advance(20);
    expect(fired).toBe(false);
    expect(clock.pending()).toBe(0);
  });

  it('sleep moves the wall clock but not the timers, so they fire late like Node timers after a suspend', async () => {
    const clock = new FakeClock('2025-01-01T00:00:00Z');
    let firedAt: string | null = null;
    clock.setTimer(60_000, () => (firedAt = clock.now().toISOString()));
    clock.sleep(3 * 3600_000);
    expect(clock.now().toISOString()).toBe('2025-01-01T03:00:00.000Z');
    expect(firedAt).toBeNull();
    await clock.advance(60_000);
    expect(firedAt).toBe('2025-01-01T03:01:00.000Z');
  });

  it('delay rejects with the abort reason when its signal is aborted', async () => {
    const clock = new FakeClock('2025-01-01T00:00:00Z');
    const controller = new AbortController();
    const waiting = delay(clock, 1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(clock.pending()).toBe(0);
  });
});
