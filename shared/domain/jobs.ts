import cronstrue from 'cronstrue';
import * as z from 'zod';
import type { ErrorCode } from '../errors';

/** The six web-service jobs (docs/jobs.md), in the order the dashboard lists them. */
export const JOB_KINDS = ['invoice-file', 'balance', 'balance-all', 'customer', 'auto-pay', 'payments'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const jobKindSchema = z.enum(JOB_KINDS, { error: 'Choose one of the six jobs.' });

export const JOB_LABELS: Record<JobKind, string> = {
  'invoice-file': 'Invoice File',
  balance: 'Balance',
  'balance-all': 'Balance All',
  customer: 'Customer',
  'auto-pay': 'Auto Pay',
  payments: 'Payments',
};

/** What each job moves, from where to where (one line for the dashboard). */
export const JOB_DESCRIPTIONS: Record<JobKind, string> = {
  'invoice-file': 'New bills from InHANCE to InvoiceCloud as a Biller Invoice File.',
  balance: 'Changed balances from InHANCE to InvoiceCloud.',
  'balance-all': 'Compares both sides’ balances, reports mismatches and corrects InvoiceCloud from InHANCE.',
  customer: 'Customer changes (paperless, email, phone) from InvoiceCloud to InHANCE.',
  'auto-pay': 'Autopay flags from InvoiceCloud to InHANCE, with dummy bank info.',
  payments: 'Payments, reversals and returns from InvoiceCloud to InHANCE.',
};

// ---------------------------------------------------------------- schedules

export const INTERVAL_UNITS = ['minutes', 'hours'] as const;
export type IntervalUnit = (typeof INTERVAL_UNITS)[number];

/**
 * Intervals the clock face can keep: "every 7 minutes" has no cron form that stays 7 minutes
 * apart across the hour, so only divisors of the hour (and of the day) are offered.
 */
export const MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60] as const;
export const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12, 24] as const;

const cronScheduleSchema = z.object({
  type: z.literal('cron'),
  /** Five fields, in the biller's time zone: minute hour day-of-month month day-of-week. */
  expression: z
    .string({ error: 'Enter a cron expression such as 0 */3 * * *.' })
    .trim()
    .min(1, 'Enter a cron expression such as 0 */3 * * *.')
    .max(200, 'Keep the cron expression under 200 characters.'),
});

const intervalScheduleSchema = z
  .object({
    type: z.literal('interval'),
    every: z
      .number({ error: 'Enter how often the job runs as a whole number.' })
      .int('Enter how often the job runs as a whole number.')
      .positive('The interval must be at least 1.'),
    unit: z.enum(INTERVAL_UNITS, { error: 'Choose minutes or hours.' }),
  })
  .superRefine((s, ctx) => {
    const steps: readonly number[] = s.unit === 'minutes' ? MINUTE_STEPS : HOUR_STEPS;
    if (!steps.includes(s.every)) {
      ctx.addIssue({
        code: 'custom',
        path: ['every'],
        message:
          s.unit === 'minutes'
            ? `Every ${s.every} minutes cannot stay evenly spaced on the clock. Choose ${MINUTE_STEPS.join(', ')} minutes, or a number of hours.`
            : `Every ${s.every} hours cannot stay evenly spaced over the day. Choose ${HOUR_STEPS.join(', ')} hours, or write a cron expression.`,
      });
    }
  });

export const scheduleSchema = z.discriminatedUnion('type', [cronScheduleSchema, intervalScheduleSchema], {
  error: 'Choose a cron expression or an interval.',
});
export type Schedule = z.output<typeof scheduleSchema>;

/**
 * A schedule as a form holds it while someone types: the right shape, not yet checked. The
 * preview takes this and says in words what is wrong, instead of refusing the call.
 */
export const scheduleDraftSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('cron'), expression: z.string() }),
  z.object({ type: z.literal('interval'), every: z.number(), unit: z.enum(INTERVAL_UNITS) }),
]);
export type ScheduleDraft = z.output<typeof scheduleDraftSchema>;

/**
 * The cron expression a schedule runs on. Intervals are anchored to the clock face (every 15
 * minutes runs at :00 :15 :30 :45; every 3 hours at 00:00, 03:00, ...), so runs land at times a
 * person can predict, and the same times every day.
 */
export function scheduleToCron(schedule: Schedule): string {
  if (schedule.type === 'cron') return schedule.expression.trim().replace(/\s+/g, ' ');
  if (schedule.unit === 'minutes') {
    if (schedule.every === 60) return '0 * * * *';
    return schedule.every === 1 ? '* * * * *' : `*/${schedule.every} * * * *`;
  }
  if (schedule.every === 24) return '0 0 * * *';
  return schedule.every === 1 ? '0 * * * *' : `0 */${schedule.every} * * *`;
}

/**
 * "Every 15 minutes", "Every 3 hours", "Weekly, Sunday 3:00 AM", "Every 30 minutes, between 6:00
 * AM and 6:59 PM, Monday through Friday": what the dashboard shows, in words (never a raw cron
 * line), with the clock written as every other time on the cards ("Jan 15, 3:00 PM").
 */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.type === 'cron') {
    const cron = scheduleToCron(schedule);
    const known = KNOWN_CRON_TEXT[cron];
    if (known) return known;
    try {
      // cronstrue writes "06:30 AM"; the app writes "6:30 AM".
      return cronstrue
        .toString(cron, { use24HourTimeFormat: false, throwExceptionOnParseError: true })
        .replace(/\b0(\d:\d\d [AP]M)/g, '$1');
    } catch {
      return `On the schedule ${cron}`;
    }
  }
  if (schedule.every === 1) return schedule.unit === 'minutes' ? 'Every minute' : 'Every hour';
  return `Every ${schedule.every} ${schedule.unit}`;
}

const KNOWN_CRON_TEXT: Record<string, string> = {
  '0 3 * * 0': 'Weekly, Sunday 3:00 AM',
  '0 0 * * *': 'Daily at 12:00 AM (midnight)',
};

/**
 * Defaults from the source document. Balance All runs on Sunday at 03:00: late enough to miss the
 * 02:00 daylight-saving change in North America and the 01:00 UTC change in Europe.
 */
export const DEFAULT_SCHEDULES: Record<JobKind, Schedule> = {
  'invoice-file': { type: 'interval', every: 3, unit: 'hours' },
  balance: { type: 'interval', every: 15, unit: 'minutes' },
  'balance-all': { type: 'cron', expression: '0 3 * * 0' },
  customer: { type: 'interval', every: 1, unit: 'hours' },
  'auto-pay': { type: 'interval', every: 1, unit: 'hours' },
  payments: { type: 'interval', every: 15, unit: 'minutes' },
};

// ---------------------------------------------------------------- run policy

/**
 * Per biller and job, how scheduled runs behave beyond their schedule: skip a slot while the
 * services cannot be reached (and catch up once when they can), stop a run that takes too long,
 * and how often and how soon a transient failure is retried.
 */
export const runPolicySchema = z.object({
  onlyWhenReachable: z.boolean({ error: 'Say yes or no to running only when the network is reachable.' }),
  timeLimitMinutes: z
    .number({ error: 'Enter the time limit in minutes as a whole number, or leave it empty for no limit.' })
    .int('Enter the time limit in minutes as a whole number.')
    .min(1, 'The time limit must be at least 1 minute; leave it empty for no limit.')
    .max(1440, 'The time limit can be at most 1440 minutes (one day).')
    .nullable(),
  retryCount: z
    .number({ error: 'Enter how many times a failed run is retried as a whole number.' })
    .int('Enter how many times a failed run is retried as a whole number.')
    .min(0, 'The retry count cannot be negative; 0 turns retries off.')
    .max(10, 'A job can be retried at most 10 times.'),
  retryIntervalSeconds: z
    .number({ error: 'Enter the retry interval in seconds as a whole number.' })
    .int('Enter the retry interval in seconds as a whole number.')
    .min(5, 'The retry interval must be at least 5 seconds.')
    .max(3600, 'The retry interval can be at most 3600 seconds (one hour).'),
});
export type RunPolicy = z.output<typeof runPolicySchema>;

/** A run policy in a few words, for the CLI's table. */
export function describeRunPolicy(p: RunPolicy): string {
  return [
    p.onlyWhenReachable ? 'only when reachable' : 'always',
    p.timeLimitMinutes === null ? 'no time limit' : `limit ${p.timeLimitMinutes} min`,
    p.retryCount === 0
      ? 'no retries'
      : `${p.retryCount} ${p.retryCount === 1 ? 'retry' : 'retries'} from ${p.retryIntervalSeconds} s`,
  ].join(', ');
}

/** The defaults: always run, no time limit, 3 retries starting 30 s after a failure. */
export const DEFAULT_RUN_POLICY: RunPolicy = {
  onlyWhenReachable: false,
  timeLimitMinutes: null,
  retryCount: 3,
  retryIntervalSeconds: 30,
};

// ---------------------------------------------------------------- runs

export const RUN_TRIGGERS = ['schedule', 'manual', 'catch-up', 'retry'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const runTriggerSchema = z.enum(RUN_TRIGGERS);

export const RUN_STATES = [
  'running',
  'succeeded',
  'failed',
  'partial',
  'skipped-busy',
  'cancelled',
  'interrupted',
] as const;
export type RunState = (typeof RUN_STATES)[number];
export const runStateSchema = z.enum(RUN_STATES, { error: 'Choose a run state.' });

export const RUN_STATE_LABELS: Record<RunState, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  partial: 'Partly done',
  'skipped-busy': 'Skipped (still busy)',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

export const countsSchema = z.object({
  read: z.number().int().nonnegative(),
  written: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type Counts = z.output<typeof countsSchema>;
export type CountKind = keyof Counts;
export const COUNT_KINDS = ['read', 'written', 'skipped', 'failed'] as const satisfies readonly CountKind[];
export const zeroCounts = (): Counts => ({ read: 0, written: 0, skipped: 0, failed: 0 });

export const runErrorSchema = z.object({
  code: z.string(),
  /** A sentence a clerk can read. */
  message: z.string(),
  /** What to do about it. */
  action: z.string(),
  /** Technical detail for support (never secrets); null when there is nothing more to say. */
  details: z.string().nullable(),
});
export type RunError = z.output<typeof runErrorSchema>;

export const runProgressSchema = z.object({
  done: z.number().nonnegative(),
  /** Null while the job does not yet know how much there is. */
  total: z.number().nonnegative().nullable(),
  note: z.string().nullable(),
});
export type RunProgress = z.output<typeof runProgressSchema>;

export const runSchema = z.object({
  id: z.string(),
  billerId: z.string(),
  job: jobKindSchema,
  trigger: runTriggerSchema,
  dryRun: z.boolean(),
  /** 1 for the first try; 2, 3, ... for automatic retries of the same work. */
  attempt: z.number().int().positive(),
  /** The run this one retries (the first of its chain), or null. */
  retryOf: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Null while running. */
  durationMs: z.number().nullable(),
  state: runStateSchema,
  counts: countsSchema,
  /** One line the job chose to say about its result ("12 balances sent"). */
  summary: z.string().nullable(),
  error: runErrorSchema.nullable(),
  progress: runProgressSchema,
  /** Which installation ran it (see docs/job-host.md). */
  installationId: z.string(),
});
export type Run = z.output<typeof runSchema>;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type RunLogLevel = (typeof LOG_LEVELS)[number];

export const runLogLineSchema = z.object({
  at: z.string(),
  level: z.enum(LOG_LEVELS),
  message: z.string(),
});
export type RunLogLine = z.output<typeof runLogLineSchema>;

// ---------------------------------------------------------------- status

export const pauseInfoSchema = z.object({
  /** 'job' when this job alone is paused, 'all' when every job of the biller is. */
  scope: z.enum(['job', 'all']),
  reason: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});
export type PauseInfo = z.output<typeof pauseInfoSchema>;

export const jobStatusSchema = z.object({
  job: jobKindSchema,
  label: z.string(),
  description: z.string(),
  /** False when this version of the app has no implementation of the job yet. */
  available: z.boolean(),
  schedule: scheduleSchema,
  scheduleText: z.string(),
  /** Whether the schedule is the source document's default. */
  isDefaultSchedule: z.boolean(),
  pause: pauseInfoSchema.nullable(),
  /** Null when nothing is scheduled here (paused, or this installation is not the job host). */
  nextRunAt: z.string().nullable(),
  /** When an automatic retry of a failed run is due, or null. */
  retryAt: z.string().nullable(),
  /** The latest finished real run (dry runs and skipped slots aside). */
  lastRun: runSchema.nullable(),
  /** The latest finished dry run, when it is newer than `lastRun`; else null. */
  lastDryRun: runSchema.nullable(),
  running: runSchema.nullable(),
  /** Failed real runs in a row, most recent first; 0 after a success. Dry runs do not count. */
  failureStreak: z.number().int().nonnegative(),
  /** Reachability check, time limit and retries of this job (defaults when never changed). */
  runPolicy: runPolicySchema.default(DEFAULT_RUN_POLICY),
});
export type JobStatus = z.output<typeof jobStatusSchema>;

export const foreignStampSchema = z.object({
  installationId: z.string().min(1),
  /** When the other installation's stamp was made (or seen), ISO. */
  seenAt: z.string(),
  /** Where it was seen, e.g. "InHANCE batch 20250301-IC". */
  where: z.string(),
});
export type ForeignStamp = z.output<typeof foreignStampSchema>;

export const billerJobsSchema = z.object({
  billerId: z.string(),
  timeZone: z.string(),
  /** Whether this installation runs the biller's schedules. */
  isJobHost: z.boolean(),
  installationId: z.string(),
  pausedAll: pauseInfoSchema.nullable(),
  /** A plain warning when another installation seems to run this biller's jobs too. */
  hostWarning: z.string().nullable(),
  foreignStamps: z.array(foreignStampSchema),
  jobs: z.array(jobStatusSchema),
});
export type BillerJobs = z.output<typeof billerJobsSchema>;

// ---------------------------------------------------------------- errors

/** What a person can do about a failed run, by error code. */
const ACTIONS: Partial<Record<ErrorCode, string>> = {
  IC_AUTH: 'Check the InvoiceCloud biller GUID and web service key in the biller settings.',
  IC_NOT_FOUND: 'Check that the record exists in InvoiceCloud; the next run tries again.',
  IC_BUSINESS: 'Read InvoiceCloud’s message above; correct the data it names, then run the job again.',
  IC_TRANSIENT:
    'InvoiceCloud did not answer in time. Run the job again once InvoiceCloud answers; if it keeps failing, check the network or InvoiceCloud’s status.',
  IC_PROTOCOL: 'InvoiceCloud answered in an unexpected way. Send the run details to support.',
  IMPRESA_AUTH: 'Check the InHANCE Impresa username and password in the biller settings.',
  IMPRESA_NOT_FOUND: 'Check that the record exists in InHANCE; the next run tries again.',
  IMPRESA_CONFLICT: 'Someone changed the record in InHANCE at the same time; the next run tries again.',
  IMPRESA_TRANSIENT:
    'InHANCE Impresa did not answer in time. Run the job again once InHANCE Impresa answers; if it keeps failing, check that the Impresa server is up.',
  IMPRESA_PROTOCOL: 'InHANCE Impresa answered in an unexpected way. Send the run details to support.',
  KEYCHAIN_UNAVAILABLE: 'Unlock the system keychain, then run the job again.',
  NOT_FOUND:
    'Do what the message says (a missing key or password is entered on the Billers screen), then run the job again.',
  CANCELLED: 'Nothing to do: work already accepted is kept, and the next run carries on from there.',
  NOT_JOB_HOST: 'Run the job on the biller’s job host, or mark this installation as the job host.',
  INVALID_INPUT: 'Correct the biller settings named above, then run the job again.',
  INTERNAL: 'Run the job again; if it fails the same way, send the log file to support.',
};

/** Network failures where nothing answered at all (as the clients word them, see describeNetworkError). */
const UNREACHABLE = /connection was refused|cannot be resolved|ECONNREFUSED|ENOTFOUND/i;

/** The advice while an automatic retry is actually scheduled (see JobsService's retries). */
const RETRYING_ACTIONS: Partial<Record<ErrorCode, string>> = {
  IC_TRANSIENT:
    'InvoiceCloud did not answer in time. The job retries by itself; if it keeps failing, check the network or InvoiceCloud’s status.',
  IMPRESA_TRANSIENT:
    'InHANCE Impresa did not answer in time. The job retries by itself; if it keeps failing, check that the Impresa server is up.',
};

/**
 * What a person can do about a failed run. `retrying` says whether an automatic retry is
 * scheduled: only then may the advice promise one (not for a run by hand, a paused job, or
 * once the retries are used up).
 */
export function errorAction(code: string, options: { retrying?: boolean; message?: string } = {}): string {
  // "Did not answer in time" is wrong advice when nothing listens at the address at all.
  if (
    options.message &&
    UNREACHABLE.test(options.message) &&
    (code === 'IC_TRANSIENT' || code === 'IMPRESA_TRANSIENT')
  ) {
    const then = options.retrying ? ' The job also retries by itself.' : '';
    return code === 'IC_TRANSIENT'
      ? `Nothing answered at InvoiceCloud’s address: check the InvoiceCloud host in the biller settings and this computer’s network, then run the job again.${then}`
      : `Nothing answered at the InHANCE Impresa address: check the endpoint URL in the biller settings and that the Impresa server is running, then run the job again.${then}`;
  }
  const retrying = options.retrying ? RETRYING_ACTIONS[code as ErrorCode] : undefined;
  return retrying ?? ACTIONS[code as ErrorCode] ?? ACTIONS.INTERNAL!;
}

export function isTransientCode(code: string): boolean {
  return code.endsWith('_TRANSIENT');
}
