import * as z from 'zod';

/**
 * How hard one biller may call InvoiceCloud (per biller, in its settings). IC publishes no limits
 * (main/clients/invoicecloud/CONTRACT.md, "Rate limits", ASSUMED). By default requests are not
 * spaced (0 ms): at most `maxConcurrency` are in flight, a burst of `threshold` is followed by a
 * cool-down, and the limiter learns a spacing from IC's 429s (rate-limiter.ts).
 */
export const DEFAULT_IC_RATE_LIMITS = {
  minIntervalMs: 0,
  threshold: 500,
  cooldownMs: 10_000,
  delayAfter429Ms: 30_000,
  maxConcurrency: 2,
} as const;

export const IC_RATE_LIMIT_BOUNDS = {
  minIntervalMs: { min: 0, max: 60_000, label: 'The minimum interval' },
  threshold: { min: 0, max: 100_000, label: 'The request threshold' },
  cooldownMs: { min: 0, max: 3_600_000, label: 'The cool-down' },
  delayAfter429Ms: { min: 1_000, max: 3_600_000, label: 'The delay after HTTP 429' },
  maxConcurrency: { min: 1, max: 16, label: 'The concurrency cap' },
} as const;

const bounded = (key: keyof typeof IC_RATE_LIMIT_BOUNDS) => {
  const { min, max, label } = IC_RATE_LIMIT_BOUNDS[key];
  return z
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be from ${min} to ${max}.`)
    .max(max, `${label} must be from ${min} to ${max}.`);
};

export const icRateLimitsSchema = z.object({
  /** At least this long between the starts of two requests (0: only what IC's 429s teach). */
  minIntervalMs: bounded('minIntervalMs'),
  /** After this many requests pause `cooldownMs` (0: no threshold). */
  threshold: bounded('threshold'),
  cooldownMs: bounded('cooldownMs'),
  /** The pause after an HTTP 429 that has no Retry-After (with one, IC's value is used). */
  delayAfter429Ms: bounded('delayAfter429Ms'),
  /** At most this many requests in flight at once. */
  maxConcurrency: bounded('maxConcurrency'),
});
export type IcRateLimits = z.output<typeof icRateLimitsSchema>;
