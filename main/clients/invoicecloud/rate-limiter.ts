import type { Clock } from '../../ground/clock';

import { DEFAULT_IC_RATE_LIMITS, IC_RATE_LIMIT_BOUNDS, type IcRateLimits } from '../../../shared/domain/ic-rate-limits';

export { DEFAULT_IC_RATE_LIMITS, IC_RATE_LIMIT_BOUNDS, type IcRateLimits };

export type ThrottleReason = 'interval' | 'cooldown' | 'retry-after' | 'concurrency';

export interface LimiterStatus {
  /** Requests waiting for their turn. */
  waiting: number;
  inFlight: number;
  /** Why the next request waits now (null: it may start at once). */
  throttled: ThrottleReason | null;
  /** When the current cool-down or 429 pause ends (ISO), or null. */
  until: string | null;
  /** Requests started since the limiter was made. */
  started: number;
  /** 429 answers seen. */
  tooManyRequests: number;
  /**
   * The spacing the limiter learned from IC's 429s (0: none): requests start at least
   * max(minIntervalMs, this) apart. It doubles at each 429 and halves after every
   * ADAPTIVE_RELAX_AFTER answers without one.
   */
  learnedIntervalMs: number;
}

/** The first learned spacing after a 429 (then doubled at each further 429). */
export const ADAPTIVE_START_MS = 250;
/** The learned spacing never passes this. */
export const ADAPTIVE_MAX_MS = 10_000;
/** Answers in a row without a 429 before the learned spacing halves (below ADAPTIVE_FLOOR_MS it ends). */
export const ADAPTIVE_RELAX_AFTER = 50;
export const ADAPTIVE_FLOOR_MS = 25;

interface Waiter {
  grant: (release: () => void) => void;
  fail: (reason: unknown) => void;
  signal?: AbortSignal | undefined;
  onAbort?: () => void;
}

/**
 * One biller's gate in front of InvoiceCloud: FIFO, on an injected clock.
 *
 * Spacing is adaptive (CONTRACT.md, "Rate limits"): IC publishes no limit, so by default requests
 * are spaced only by the concurrency cap and the threshold's cool-down, and IC's own signal sets
 * the pace: each 429 pauses every request for Retry-After and doubles a learned spacing (from
 * 250 ms up to 10 s), which halves again after every 50 answers without a 429. A configured
 * minimum interval stays a floor under it. This is the client-side rate limiting of the AWS SDKs'
 * "adaptive" retry mode, which also stays off until the service first throttles. `acquire()` resolves
 * when a request may start and hands back `release()` for when its answer is in. Cool-downs and
 * 429 pauses are reported to `onThrottle` as they begin, so a run can show that it is throttled.
 */
export class IcRateLimiter {
  private limits: IcRateLimits;
  private queue: Waiter[] = [];
  private inFlight = 0;
  private lastStart = Number.NEGATIVE_INFINITY;
  private sinceCooldown = 0;
  private cooldownUntil = 0;
  private blockedUntil = 0;
  private started = 0;
  private tooMany = 0;
  private learned = 0;
  private answeredSince429 = 0;
  private cancelTimer: (() => void) | null = null;
  private timerAt = 0;
  private readonly listeners = new Set<(status: LimiterStatus) => void>();

  constructor(
    limits: IcRateLimits,
    private readonly clock: Clock,
  ) {
    this.limits = { ...limits };
  }

  get current(): IcRateLimits {
    return { ...this.limits };
  }

  /** New limits apply to the next request; requests in flight are not touched. */
  update(limits: IcRateLimits): void {
    this.limits = { ...limits };
    if (limits.threshold === 0) this.cooldownUntil = 0;
    this.pump();
  }

  onThrottle(fn: (status: LimiterStatus) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  status(): LimiterStatus {
    const now = this.now();
    const pause = Math.max(this.cooldownUntil, this.blockedUntil);
    let throttled: ThrottleReason | null = null;
    if (this.blockedUntil > now) throttled = 'retry-after';
    else if (this.cooldownUntil > now) throttled = 'cooldown';
    else if (this.queue.length > 0 && this.inFlight >= this.limits.maxConcurrency) throttled = 'concurrency';
    else if (this.queue.length > 0 && this.lastStart + this.spacing() > now) throttled = 'interval';
    return {
      waiting: this.queue.length,
      inFlight: this.inFlight,
      throttled,
      until: pause > now ? new Date(pause).toISOString() : null,
      started: this.started,
      tooManyRequests: this.tooMany,
      learnedIntervalMs: this.learned,
    };
  }

  /** The gap between two request starts now: the configured floor or the learned spacing. */
  private spacing(): number {
    return Math.max(this.limits.minIntervalMs, this.learned);
  }

  /** Waits for a turn. Rejects with the signal's reason if aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { grant: resolve, fail: reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          this.queue = this.queue.filter((w) => w !== waiter);
          reject(signal.reason);
          this.pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Runs `fn` in a turn. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** IC answered 429: nobody starts before Retry-After (or the configured delay) has passed. */
  tooManyRequests(retryAfterMs: number | null): number {
    const wait =
      retryAfterMs !== null && retryAfterMs >= 0
        ? Math.min(retryAfterMs, IC_RATE_LIMIT_BOUNDS.delayAfter429Ms.max)
        : this.limits.delayAfter429Ms;
    this.tooMany++;
    this.learned = Math.min(ADAPTIVE_MAX_MS, Math.max(ADAPTIVE_START_MS, this.learned * 2));
    this.answeredSince429 = 0;
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + wait);
    this.emit();
    this.pump();
    return wait;
  }

  private emit(): void {
    const status = this.status();
    for (const fn of this.listeners) fn(status);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      if (this.inFlight >= this.limits.maxConcurrency) return; // a release pumps again
      const now = this.now();
      const earliest = Math.max(this.lastStart + this.spacing(), this.cooldownUntil, this.blockedUntil);
      if (earliest > now) {
        this.wakeAt(earliest);
        return;
      }
      const waiter = this.queue.shift()!;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      this.inFlight++;
      this.started++;
      this.lastStart = now;
      this.sinceCooldown++;
      if (this.limits.threshold > 0 && this.sinceCooldown >= this.limits.threshold) {
        this.sinceCooldown = 0;
        if (this.limits.cooldownMs > 0) {
          this.cooldownUntil = now + this.limits.cooldownMs;
          this.emit();
        }
      }
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.relax();
        this.pump();
      });
    }
  }

  /** An answer came back: after enough of them without a 429, the learned spacing halves. */
  private relax(): void {
    if (this.learned === 0) return;
    if (++this.answeredSince429 < ADAPTIVE_RELAX_AFTER) return;
    this.answeredSince429 = 0;
    this.learned = this.learned / 2 < ADAPTIVE_FLOOR_MS ? 0 : Math.round(this.learned / 2);
  }

  private wakeAt(at: number): void {
    if (this.cancelTimer && this.timerAt <= at) return;
    this.cancelTimer?.();
    this.timerAt = at;
    this.cancelTimer = this.clock.setTimer(at - this.now(), () => {
      this.cancelTimer = null;
      this.pump();
    });
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined | null, now: Date): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
