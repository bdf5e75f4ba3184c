import type { Clock } from './clock';

interface PendingTimer {
  id: number;
  /** On the monotonic line, which a machine's sleep does not move. */
  dueMono: number;
  fn: () => void;
}

/** Lets promise chains started by a timer run to their next real wait before time moves on. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A Clock for tests. Time stands still until the test moves it: `advance(ms)` fires every due
 * timer in order, each at its own due time, and lets the async work it starts settle before the
 * next one; `sleep(ms)` moves the wall clock with no timer firing, as a laptop asleep does
 * (Node's timers are monotonic, so after waking they fire late by the time slept).
 */
export class FakeClock implements Clock {
  private mono = 0;
  private wallOffset: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start: Date | string) {
    this.wallOffset = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.wallOffset + this.mono);
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: PendingTimer = { id: ++this.seq, dueMono: this.mono + Math.max(0, ms), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Timers still waiting. */
  pending(): number {
    return this.timers.length;
  }

  /** When the next timer fires on the wall clock, or null. */
  nextTimerAt(): Date | null {
    const next = this.earliest();
    return next ? new Date(this.wallOffset + next.dueMono) : null;
  }

  private earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers)
      if (!best || t.dueMono < best.dueMono || (t.dueMono === best.dueMono && t.id < best.id)) best = t;
    return best;
  }

  /** Moves time forward by `ms`, firing due timers one by one. */
  async advance(ms: number): Promise<void> {
    const target = this.mono + ms;
    await settle();
    for (;;) {
      const next = this.earliest();
      if (!next || next.dueMono > target) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.mono = next.dueMono;
      next.fn();
      await settle();
    }
    this.mono = target;
    await settle();
  }

  /** Moves time forward to a wall-clock instant (no-op if it is already past). */
  async advanceTo(at: Date | string): Promise<void> {
    const ms = new Date(at).getTime() - this.now().getTime();
    if (ms > 0) await this.advance(ms);
  }

  /** The machine sleeps: the wall clock jumps, pending timers do not move and then fire late. */
  sleep(ms: number): void {
    this.wallOffset += ms;
  }

  /** Lets pending async work settle without moving time. */
  async flush(): Promise<void> {
    await settle();
  }
}
