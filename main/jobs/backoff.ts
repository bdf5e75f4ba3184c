/** How a scheduled run that failed on a transient error is tried again. */
export interface RetryPolicy {
  /** Retries after the first try (so at most maxRetries + 1 attempts). */
  maxRetries: number;
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** No delay is longer than this. */
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseMs: 30_000, capMs: 10 * 60_000 };

/**
 * Delay before retrying after attempt `failedAttempt` (1-based) failed: exponential, capped, with
 * "equal jitter" (half fixed, half random). The fixed half keeps each delay at least as long as
 * the one before, the random half keeps many installations from retrying in step.
 */
export function retryDelay(failedAttempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failedAttempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}

/** The range retryDelay can return for an attempt: [min, max] in ms. */
export function retryDelayBounds(failedAttempt: number, policy: RetryPolicy): { min: number; max: number } {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failedAttempt - 1));
  return { min: Math.round(ceiling / 2), max: ceiling };
}
