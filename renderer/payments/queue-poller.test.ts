import { describe, expect, it } from 'vitest';
import { QUEUE_POLL_KEY, QueuePoller, queuePollMs } from './queue-poller';

/** A hand-driven clock and timer list: the poller's schedule is checked step by step, not timed. */
function harness(options: { visible?: boolean } = {}) {
  let now = 0;
  let visible = options.visible ?? true;
  let seq = 0;
  const timers = new Map<number, { fn: () => void; at: number }>();
  const polls: Array<() => void> = [];
  const poller = new QueuePoller({
    everyMs: 20_000,
    now: () => now,
    visible: () => visible,
    poll: () => new Promise<void>((resolve) => polls.push(resolve)),
    setTimer: (fn, ms) => {
      timers.set(++seq, { fn, at: now + ms });
      return seq;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  const flush = () => new Promise<void>((r) => setImmediate(r));
  return {
    poller,
    polls,
    timers,
    setVisible(v: boolean) {
      visible = v;
    },
    /** Moves the clock on, firing what falls due. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await flush();
      }
      now = until;
    },
    flush,
  };
}

describe('reading the queue from InHANCE while the screen is open', () => {
  it('reads every interval, one read at a time: the next is planned only after the last one answered', async () => {
    const h = harness();
    h.poller.start();
    await h.advance(19_999);
    expect(h.polls).toHaveLength(0);
    await h.advance(1);
    expect(h.polls).toHaveLength(1);
    // A slow InHANCE: a minute passes and no second read starts while the first is out.
    await h.advance(60_000);
    expect(h.polls).toHaveLength(1);
    expect(h.timers.size).toBe(0);
    h.polls[0]!();
    await h.flush();
    await h.advance(20_000);
    expect(h.polls).toHaveLength(2);
    h.poller.stop();
  });

  it('does not read while the screen is hidden, and catches up at once when it is shown again', async () => {
    const h = harness();
    h.poller.start();
    h.setVisible(false);
    await h.advance(100_000);
    expect(h.polls).toHaveLength(0);
    h.setVisible(true);
    h.poller.visibilityChanged();
    await h.advance(0);
    expect(h.polls).toHaveLength(1);
  });

  it('stops for good: no read after stop, even one already planned', async () => {
    const h = harness();
    h.poller.start();
    await h.advance(20_000);
    h.poller.stop();
    h.polls[0]!();
    await h.flush();
    await h.advance(100_000);
    expect(h.polls).toHaveLength(1);
    expect(h.timers.size).toBe(0);
  });

  it('reads as often as main says, unless this browser’s storage sensibly says otherwise', () => {
    const store = (value: string | null) => ({ getItem: (key: string) => (key === QUEUE_POLL_KEY ? value : null) });
    const main = 20_000;
    expect(queuePollMs(main, store(null))).toBe(main);
    expect(queuePollMs(15_000, store(null))).toBe(15_000);
    expect(queuePollMs(main, store('600000'))).toBe(600_000);
    expect(queuePollMs(main, store('50'))).toBe(main);
    expect(queuePollMs(main, store('soon'))).toBe(main);
    expect(queuePollMs(main, undefined)).toBe(main);
  });
});
