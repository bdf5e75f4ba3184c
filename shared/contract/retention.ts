import * as z from 'zod';
import { channel } from './define';

/** How long logs, run history, run reports and CSV batch results are kept (days). */
export const RETENTION_DAYS = { min: 7, max: 3650, default: 90 } as const;

const days = z
  .number({ error: 'Enter the number of days as a whole number.' })
  .int('Enter the number of days as a whole number.')
  .min(RETENTION_DAYS.min, `Keep logs and run history for at least ${RETENTION_DAYS.min} days.`)
  .max(RETENTION_DAYS.max, `Keep logs and run history for at most ${RETENTION_DAYS.max} days (ten years).`);

export const retentionPlanSchema = z.object({
  days: z.number().int(),
  /** Everything older than this instant goes (ISO). */
  cutoff: z.string(),
  runs: z.number().int().nonnegative(),
  runLogLines: z.number().int().nonnegative(),
  reportRows: z.number().int().nonnegative(),
  batches: z.number().int().nonnegative(),
  batchRows: z.number().int().nonnegative(),
  logFiles: z.array(z.string()),
  /** What is never pruned, said once. */
  kept: z.string(),
});
export type RetentionPlanDto = z.output<typeof retentionPlanSchema>;

export const retentionStatusSchema = z.object({
  /** The setting now. */
  days: z.number().int(),
  /** What a prune would remove with the days asked about (default: the setting). */
  plan: retentionPlanSchema,
});
export type RetentionStatus = z.output<typeof retentionStatusSchema>;

export const retentionContract = {
  /** The setting and what a prune now would remove with `days` (default: the setting). Changes nothing. */
  show: channel(
    z.object({ days: days.optional() }),
    retentionStatusSchema,
    'The retention setting and what a prune would remove.',
  ),
  /** Changes the setting (audited); the daily prune uses it from then on. */
  set: channel(z.object({ days }), retentionStatusSchema, 'Change how long logs and run history are kept.'),
};
