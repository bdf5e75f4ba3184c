import { DEFAULT_IC_RATE_LIMITS, icRateLimitsSchema, type IcRateLimits } from '../../../shared/domain/ic-rate-limits';
import { AppError } from '../../../shared/errors';
import type { AuditLog } from '../../ground/audit';
import { systemClock, type Clock } from '../../ground/clock';
import type { Db } from '../../store/database';
import type { Migration } from '../../store/migration';
import { IcRateLimiter, type LimiterStatus } from './rate-limiter';

/** Per biller, the InvoiceCloud rate limits; no row while a biller runs on the defaults. */
export const icRateLimitsMigration: Migration = {
  version: 30,
  name: 'invoicecloud: per-biller rate limits',
  sql: `
    CREATE TABLE ic_rate_limits (
      biller_id TEXT PRIMARY KEY REFERENCES billers(id) ON DELETE CASCADE,
      min_interval_ms INTEGER NOT NULL,
      threshold INTEGER NOT NULL,
      cooldown_ms INTEGER NOT NULL,
      delay_after_429_ms INTEGER NOT NULL,
      max_concurrency INTEGER NOT NULL,
      updated_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
};

export interface IcRateLimitsView extends IcRateLimits {
  billerId: string;
  isDefault: boolean;
}

/**
 * One rate limiter per biller for every InvoiceCloud call the app makes (jobs, look-ups, batches,
 * the CLI), and the limits it runs on. A limiter lives as long as the process: rebuilding a
 * biller's clients (a key or profile change) keeps its spacing, cool-down and 429 pause.
 */
export class IcRateLimitsStore {
  private readonly limiters = new Map<string, IcRateLimiter>();

  constructor(
    private readonly db: Db,
    private readonly deps: {
      audit: AuditLog;
      clock: Clock;
      /**
       * The clock that spaces real requests (the system clock unless a test injects one). It is not the
       * app's clock: that one follows business time (the sandbox's day, a test's frozen clock), while the
       * gaps between HTTP requests to IC are real milliseconds.
       */
      pacingClock?: Clock;
      billers: { profile(id: string): unknown };
      /** A limiter began a cool-down or a 429 pause (the jobs dashboard shows it). */
      onThrottle?: (billerId: string, status: LimiterStatus) => void;
    },
  ) {}

  get(billerId: string): IcRateLimitsView {
    this.deps.billers.profile(billerId);
    const row = this.db
      .prepare(
        'SELECT min_interval_ms AS minIntervalMs, threshold, cooldown_ms AS cooldownMs, delay_after_429_ms AS delayAfter429Ms, max_concurrency AS maxConcurrency FROM ic_rate_limits WHERE biller_id = ?',
      )
      .get(billerId) as IcRateLimits | undefined;
    const parsed = row ? icRateLimitsSchema.safeParse(row) : null;
    return { billerId, ...(parsed?.success ? parsed.data : DEFAULT_IC_RATE_LIMITS), isDefault: !parsed?.success };
  }

  /** Saves new limits (null: back to the defaults), audited; the biller's limiter uses them at once. */
  set(billerId: string, limits: IcRateLimits | null): IcRateLimitsView {
    this.deps.billers.profile(billerId);
    if (limits === null) this.db.prepare('DELETE FROM ic_rate_limits WHERE biller_id = ?').run(billerId);
    else {
      const checked = icRateLimitsSchema.safeParse(limits);
      if (!checked.success) throw new AppError('INVALID_INPUT', checked.error.issues[0]!.message);
      const l = checked.data;
      this.db
        .prepare(
          `INSERT INTO ic_rate_limits (biller_id, min_interval_ms, threshold, cooldown_ms, delay_after_429_ms, max_concurrency, updated_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (biller_id) DO UPDATE SET min_interval_ms = excluded.min_interval_ms, threshold = excluded.threshold, cooldown_ms = excluded.cooldown_ms,
             delay_after_429_ms = excluded.delay_after_429_ms, max_concurrency = excluded.max_concurrency, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        )
        .run(
          billerId,
          l.minIntervalMs,
          l.threshold,
          l.cooldownMs,
          l.delayAfter429Ms,
          l.maxConcurrency,
          this.deps.audit.currentActor.name,
          this.deps.clock.now().toISOString(),
        );
    }
    const view = this.get(billerId);
    this.limiters.get(billerId)?.update(view);
    this.deps.audit.record('ic.rate-limits', {
      billerId,
      subject: 'InvoiceCloud rate limits',
      detail: view.isDefault ? 'defaults' : describeLimits(view),
    });
    return view;
  }

  /** The biller's limiter (made on first use with its saved limits). */
  limiter(billerId: string): IcRateLimiter {
    let limiter = this.limiters.get(billerId);
    if (!limiter) {
      const { billerId: _id, isDefault: _d, ...limits } = this.get(billerId);
      limiter = new IcRateLimiter(limits, this.deps.pacingClock ?? systemClock);
      limiter.onThrottle((status) => this.deps.onThrottle?.(billerId, status));
      this.limiters.set(billerId, limiter);
    }
    return limiter;
  }

  /** Status of the biller's limiter, or null when no IC call was made yet. */
  status(billerId: string): LimiterStatus | null {
    return this.limiters.get(billerId)?.status() ?? null;
  }
}

export function describeLimits(l: IcRateLimits): string {
  const parts = [
    l.minIntervalMs > 0
      ? `at least ${l.minIntervalMs} ms between requests`
      : "requests spaced only as IC's HTTP 429 answers teach",
    l.threshold > 0 ? `a ${l.cooldownMs} ms cool-down after every ${l.threshold} requests` : 'no request threshold',
    `${l.delayAfter429Ms} ms after HTTP 429 without Retry-After`,
    `at most ${l.maxConcurrency} at once`,
  ];
  return parts.join('; ');
}
