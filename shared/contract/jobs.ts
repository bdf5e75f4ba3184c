import * as z from 'zod';
import {
  billerJobsSchema,
  countsSchema,
  jobKindSchema,
  jobStatusSchema,
  runLogLineSchema,
  runSchema,
  runStateSchema,
  scheduleDraftSchema,
  scheduleSchema,
  runPolicySchema,
} from '../domain/jobs';
import { channel, ok } from './define';

const billerId = z.string().min(1, 'Choose a biller.');
const jobRef = z.object({ billerId, job: jobKindSchema });
const dateBound = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || !Number.isNaN(Date.parse(v)), 'Write the date as YYYY-MM-DD.');

export const schedulePreviewSchema = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    /** The cron expression the schedule runs on. */
    expression: z.string(),
    description: z.string(),
    /** ISO instants; show them in the biller's time zone. */
    nextRuns: z.array(z.string()),
  }),
  z.object({
    valid: z.literal(false),
    /** Why the schedule cannot be used, in plain words. */
    message: z.string(),
    /** The form field it is about: 'expression', 'every', 'unit', 'timeZone'. */
    field: z.string(),
  }),
]);
export type SchedulePreview = z.output<typeof schedulePreviewSchema>;

export const historyQuerySchema = z.object({
  billerId,
  job: jobKindSchema.optional(),
  state: runStateSchema.optional(),
  /** YYYY-MM-DD (the biller's day) or an ISO date-time. */
  from: dateBound.optional(),
  /** YYYY-MM-DD (through the end of that day) or an ISO date-time (exclusive). */
  to: dateBound.optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

export const runDetailSchema = z.object({
  run: runSchema,
  log: z.array(runLogLineSchema),
  artifacts: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['data', 'report']),
      rows: z.number().int(),
      columns: z.array(z.string()),
      data: z.unknown(),
    }),
  ),
  report: z
    .object({
      name: z.string(),
      columns: z.array(z.string()),
      offset: z.number().int(),
      total: z.number().int(),
      rows: z.array(z.record(z.string(), z.unknown())),
    })
    .nullable(),
});
export type RunDetail = z.output<typeof runDetailSchema>;

export const statsPointSchema = z.object({
  runId: z.string(),
  job: jobKindSchema,
  state: runStateSchema,
  startedAt: z.string(),
  durationMs: z.number(),
  /** Records the run went through (its read count). */
  records: z.number().int(),
  counts: countsSchema,
});
export type StatsPoint = z.output<typeof statsPointSchema>;

/** A report as CSV text, for the screen to download (capped: see `jobs:exportReport`). */
export const reportExportSchema = z.object({
  /** A name to save it under, e.g. "balance-all-reconciliation-2025-01-19-3f2a9c1e.csv". */
  fileName: z.string(),
  csv: z.string(),
});
export type ReportExport = z.output<typeof reportExportSchema>;

export const jobsContract = {
  /** The six jobs of a biller: state, last and next run, progress, pause, job-host warning. */
  list: channel(z.object({ billerId }), billerJobsSchema, 'Status of every job of a biller.'),
  /**
   * Runs a job now and answers at once with the running run (follow it through `jobs:progress`
   * and `jobs:changed`). JOB_BUSY while it runs; NOT_JOB_HOST on a non-job-host installation
   * unless `force` (dry runs are allowed anywhere).
   */
  run: channel(
    jobRef.extend({ dryRun: z.boolean().default(false), force: z.boolean().default(false) }),
    runSchema,
    'Run a job now (or as a dry run).',
  ),
  /** Asks a running run to stop; it ends as cancelled once the job notices. */
  cancel: channel(z.object({ runId: z.string().min(1) }), runSchema, 'Cancel a running run.'),
  /** Pauses one job's schedule. */
  pause: channel(jobRef.extend({ reason: z.string().trim().max(500).optional() }), ok, 'Pause a job.'),
  /** Resumes one job's schedule from its next slot. */
  resume: channel(jobRef, ok, 'Resume a job.'),
  /** Pauses every job of a biller; the reason is kept in the audit log. */
  pauseAll: channel(
    z.object({
      billerId,
      reason: z
        .string()
        .trim()
        .min(1, 'Say why the jobs are paused.')
        .max(500, 'Keep the reason under 500 characters.'),
    }),
    ok,
    'Pause all jobs of a biller.',
  ),
  /** Lifts pause-all (jobs paused one by one stay paused). */
  resumeAll: channel(z.object({ billerId }), ok, 'Resume all jobs of a biller.'),
  /** Changes a job's schedule; `null` restores the default. Invalid schedules fail with INVALID_INPUT. */
  setSchedule: channel(
    jobRef.extend({ schedule: scheduleSchema.nullable() }),
    jobStatusSchema,
    'Change a job’s schedule.',
  ),
  /**
   * Changes a job's run policy (only when reachable, time limit, retry count and interval);
   * `null` restores the defaults. Invalid values fail with INVALID_INPUT naming the field.
   */
  setRunPolicy: channel(
    jobRef.extend({ runPolicy: runPolicySchema.nullable() }),
    jobStatusSchema,
    'Change a job’s run policy.',
  ),
  /** The next run times of a schedule, or why it cannot be used (never throws for a bad schedule). */
  previewSchedule: channel(
    z.object({
      schedule: scheduleDraftSchema,
      timeZone: z.string().min(1, 'Choose a time zone.'),
      count: z.number().int().min(1).max(20).default(5),
    }),
    schedulePreviewSchema,
    'Preview a schedule’s next run times.',
  ),
  /** Runs newest first, filtered by job, state and dates, a page at a time. */
  history: channel(historyQuerySchema, z.object({ runs: z.array(runSchema), total: z.number().int() }), 'Run history.'),
  /** One run with its log, artifacts and a page of its report (Balance All). */
  runDetail: channel(
    z.object({
      runId: z.string().min(1),
      report: z.string().optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    runDetailSchema,
    'A run’s details.',
  ),
  /**
   * A run's report (the Balance All reconciliation) as CSV, header first, for the screen to
   * download. Refused with INVALID_INPUT when the CSV would exceed 20 MB.
   */
  exportReport: channel(
    z.object({ runId: z.string().min(1), report: z.string().min(1, 'Choose a report.') }),
    reportExportSchema,
    'A run’s report as CSV.',
  ),
  /** Finished runs of the last days (default 7) for the chart: duration and records per run. */
  stats: channel(
    z.object({ billerId, days: z.number().int().min(1).max(90).default(7) }),
    z.object({ from: z.string(), to: z.string(), points: z.array(statsPointSchema) }),
    'Duration and records per run.',
  ),
};

export const jobsEvents = {
  /** Something about a biller's jobs changed (a run started or ended, a pause, a schedule): re-fetch. */
  'jobs:changed': z.object({ billerId: z.string(), job: jobKindSchema.optional(), runId: z.string().optional() }),
  /** A running run moved on (at most every 250 ms per run, and once more at its end). */
  'jobs:progress': z.object({
    runId: z.string(),
    billerId: z.string(),
    job: jobKindSchema,
    done: z.number(),
    total: z.number().nullable(),
    note: z.string().nullable(),
    counts: countsSchema,
  }),
};
