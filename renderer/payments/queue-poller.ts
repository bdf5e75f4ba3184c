/** Overrides main's interval (milliseconds, at least 1,000), e.g. for a test that needs the queue to hold still longer. */
export const QUEUE_POLL_KEY = 'impresa-bridge.queue-poll-ms';

/**
 * How often the Payments screen reads the queue from InHANCE while it is visible: what main says
 * (`counts.refreshAfterMs`, the age at which main itself holds its copy stale), unless this
 * browser's storage overrides it.
 */
export function queuePollMs(
  mainMs: number,
  storage: { getItem(key: string): string | null } | undefined = (
    globalThis as { localStorage?: { getItem(key: string): string | null } }
  ).localStorage,
): number {
  const raw = storage?.getItem(QUEUE_POLL_KEY);
  const ms = raw ? Number(raw) : NaN;
  return Number.isFinite(ms) && ms >= 1000 ? Math.round(ms) : mainMs;
}

export interface PollerDeps {
  /** One read of the queue; the next is planned only once it settled, so reads never overlap. */
  poll(): Promise<void>;
  visible(): boolean;
  everyMs: number;
  now?(): number;
  setTimer?(fn: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
}

/**
 * Chained timer in the manner of GitHub Desktop's background fetcher: one read at a time, none
 * while the screen is hidden, one at once when it comes back after the interval has passed,
 * `stopped` checked after every await. A failed read is the poll's to report; the timer goes on.
 */
export class QueuePoller {
  private timer: unknown = null;
  private running = false;
  private stopped = true;
  private last: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly deps: PollerDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.last = this.now();
  }

  start(): void {
    this.stopped = false;
    this.last = this.now();
    this.plan(this.deps.everyMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  /** The screen became visible (or hidden): catch up at once when a read is overdue. */
  visibilityChanged(): void {
    if (this.stopped || this.running || !this.deps.visible()) return;
    if (this.now() - this.last >= this.deps.everyMs) this.plan(0);
  }

  private plan(ms: number): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.running) return;
    if (this.deps.visible()) {
      this.running = true;
      try {
        await this.deps.poll();
      } catch {
        // The poll reports its own failures; the next tick tries again.
      } finally {
        this.running = false;
        this.last = this.now();
      }
    }
    if (!this.stopped) this.plan(this.deps.everyMs);
  }
}
