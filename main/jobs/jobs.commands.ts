import {
  JOB_KINDS,
  JOB_LABELS,
  RUN_STATE_LABELS,
  describeRunPolicy,
  jobKindSchema,
  type JobKind,
  type Run,
  type RunPolicy,
} from '../../shared/domain/jobs';
import { AppError } from '../../shared/errors';
import { flagString } from '../cli/args';
import { table, type CliContext, type Command, type CommandResult } from '../cli/command';
import { localDateTime } from '../ground/dates';

/**
 * `npm run cli -- jobs list|run <job> [--dry-run] [--force]|cancel <job>|history [--job J] [--limit N]|pause <job>
 * [--reason R]|resume <job>` with `--biller` and `--json`. `jobs run` waits for the run to end and
 * exits 1 when it failed or was cancelled, with the plain error on standard error.
 */
function jobArg(ctx: CliContext, what: string): JobKind {
  const raw = ctx.args.positionals[2] ?? flagString(ctx.args, 'job');
  if (!raw) throw new AppError('INVALID_INPUT', `Say which job to ${what}: one of ${JOB_KINDS.join(', ')}.`);
  return parseJob(raw);
}

function parseJob(raw: string): JobKind {
  const parsed = jobKindSchema.safeParse(raw.trim().toLowerCase());
  if (!parsed.success)
    throw new AppError('INVALID_INPUT', `There is no job "${raw}". The jobs are ${JOB_KINDS.join(', ')}.`);
  return parsed.data;
}

function duration(run: Run): string {
  if (run.durationMs === null) return 'running';
  return run.durationMs < 60_000
    ? `${(run.durationMs / 1000).toFixed(1)} s`
    : `${Math.round(run.durationMs / 60_000)} min`;
}

const counts = (run: Run) => `${run.counts.read}/${run.counts.written}/${run.counts.skipped}/${run.counts.failed}`;

/** The lines a person reads after `jobs run`. */
function describeRun(run: Run, tz: string): string {
  const lines = [
    `${JOB_LABELS[run.job]}${run.dryRun ? ' (dry run)' : ''}: ${RUN_STATE_LABELS[run.state]} in ${duration(run)}, started ${localDateTime(run.startedAt, tz)}`,
    `  read ${run.counts.read}, written ${run.counts.written}, skipped ${run.counts.skipped}, failed ${run.counts.failed}`,
  ];
  if (run.summary) lines.push(`  ${run.summary}`);
  lines.push(`  run ${run.id}`);
  return lines.join('\n');
}

async function runJob(ctx: CliContext): Promise<CommandResult> {
  const biller = ctx.biller();
  const job = jobArg(ctx, 'run');
  const started = ctx.core.jobs.run(biller.id, job, {
    dryRun: ctx.args.flags['dry-run'] === true,
    force: ctx.args.flags.force === true,
  });
  // Ctrl+C asks the run to stop cleanly (work already accepted is kept), then the command ends.
  const onInterrupt = () => {
    try {
      ctx.core.jobs.cancel(started.run.id);
    } catch {
      // It has just ended by itself.
    }
  };
  process.once('SIGINT', onInterrupt);
  let run: Run;
  try {
    run = await started.finished;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  const bad = run.state === 'failed' || run.state === 'cancelled' || run.state === 'interrupted';
  const detail = ctx.core.jobs.runDetail(run.id, { limit: 1 });
  const reports = detail.artifacts
    .filter((a) => a.kind === 'report' && a.rows > 0)
    .map((a) => `  report "${a.name}": ${a.rows} row${a.rows === 1 ? '' : 's'}`);
  return {
    json: run,
    text: [describeRun(run, biller.timeZone), ...reports].join('\n'),
    ...(bad
      ? {
          exitCode: 1,
          stderr: `${run.error?.message ?? 'The run failed.'}${run.error?.action ? ` ${run.error.action}` : ''}`,
        }
      : {}),
  };
}

export const jobsCommands: Command[] = [
  {
    domain: 'jobs',
    verb: 'list',
    usage: 'jobs list [--biller B] [--json]',
    flags: ['biller'],
    summary: 'The six jobs: schedule, run options, pause, last run.',
    async run(ctx) {
      const biller = ctx.biller();
      const overview = ctx.core.jobs.overview(biller.id);
      const rows = overview.jobs.map((j) => [
        j.job,
        j.scheduleText,
        describeRunPolicy(j.runPolicy),
        !j.available ? 'not available' : j.running ? 'running' : j.pause ? 'paused' : 'ready',
        j.lastRun
          ? `${RUN_STATE_LABELS[j.lastRun.state]} ${localDateTime(j.lastRun.startedAt, biller.timeZone)}`
          : 'never run',
        j.lastRun?.summary ?? j.lastRun?.error?.message ?? '',
      ]);
      const notes = [
        overview.pausedAll ? `All jobs paused by ${overview.pausedAll.by}: ${overview.pausedAll.reason ?? ''}` : '',
        overview.hostWarning ?? '',
        overview.isJobHost
          ? ''
          : 'This installation is not the job host for this biller: runs need --force (dry runs do not).',
      ].filter(Boolean);
      return {
        json: overview,
        text: [table(['JOB', 'SCHEDULE', 'RUN OPTIONS', 'STATE', 'LAST RUN', 'RESULT'], rows), ...notes].join('\n'),
      };
    },
  },
  {
    domain: 'jobs',
    verb: 'run',
    usage: 'jobs run <job> [--dry-run] [--force] [--biller B] [--json]',
    flags: ['job', 'dry-run', 'force', 'biller'],
    summary: 'Run a job now and wait for it; exits 1 if the run fails.',
    run: runJob,
  },
  {
    domain: 'jobs',
    verb: 'history',
    usage: 'jobs history [--job J] [--limit N] [--biller B] [--json]',
    flags: ['job', 'limit', 'biller'],
    summary: 'Recent runs, newest first.',
    async run(ctx) {
      const biller = ctx.biller();
      const job = flagString(ctx.args, 'job');
      const limitText = flagString(ctx.args, 'limit');
      const limit = limitText === undefined ? 20 : /^\d{1,3}$/.test(limitText) ? Number(limitText) : Number.NaN;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new AppError('INVALID_INPUT', '--limit is a whole number from 1 to 500.');
      const history = ctx.core.jobs.history({ billerId: biller.id, job: job ? parseJob(job) : undefined, limit });
      const rows = history.runs.map((r) => [
        localDateTime(r.startedAt, biller.timeZone),
        r.job,
        r.trigger + (r.dryRun ? ' (dry)' : ''),
        RUN_STATE_LABELS[r.state],
        duration(r),
        counts(r),
        r.error?.message ?? r.summary ?? '',
      ]);
      return {
        json: history,
        text: history.runs.length
          ? `${table(['STARTED', 'JOB', 'TRIGGER', 'STATE', 'TOOK', 'R/W/S/F', 'RESULT'], rows)}\n${history.runs.length} of ${history.total} runs`
          : 'No runs yet.',
      };
    },
  },
  {
    domain: 'jobs',
    verb: 'cancel',
    usage: 'jobs cancel <job> [--biller B] [--json]',
    flags: ['job', 'biller'],
    summary:
      'Stop a job’s run in progress (here or in another window or command); a run whose process is gone is closed as interrupted at once.',
    async run(ctx) {
      const biller = ctx.biller();
      const job = jobArg(ctx, 'cancel');
      const run = ctx.core.jobs.cancelJob(biller.id, job);
      const text =
        run.state === 'interrupted'
          ? `${JOB_LABELS[job]} run ${run.id} was left running by a process that has ended: it is closed as interrupted, and the job can run again now.`
          : `${JOB_LABELS[job]} run ${run.id} (started ${localDateTime(run.startedAt, biller.timeZone)}) was asked to stop; it stops at its next check, keeping the work already accepted.`;
      return { json: run, text };
    },
  },
  {
    domain: 'jobs',
    verb: 'pause',
    usage: 'jobs pause <job> [--reason R] [--biller B]',
    flags: ['job', 'reason', 'biller'],
    summary: 'Stop a job’s schedule (a run in progress carries on).',
    async run(ctx) {
      const biller = ctx.biller();
      const job = jobArg(ctx, 'pause');
      ctx.core.jobs.pause(biller.id, job, flagString(ctx.args, 'reason') ?? null);
      const status = ctx.core.jobs.status(biller.id, job);
      return { json: status, text: `${JOB_LABELS[job]} is paused for ${biller.name}.` };
    },
  },
  {
    domain: 'jobs',
    verb: 'resume',
    usage: 'jobs resume <job> [--biller B]',
    flags: ['job', 'biller'],
    summary: 'Resume a paused job from its next slot.',
    async run(ctx) {
      const biller = ctx.biller();
      const job = jobArg(ctx, 'resume');
      ctx.core.jobs.resume(biller.id, job);
      const status = ctx.core.jobs.status(biller.id, job);
      return {
        json: status,
        text: `${JOB_LABELS[job]} resumes on its schedule (${status.scheduleText}) for ${biller.name}.`,
      };
    },
  },
  {
    domain: 'jobs',
    verb: 'options',
    usage:
      'jobs options <job> [--only-when-reachable yes|no] [--time-limit N|none] [--retries N] [--retry-interval S] [--biller B] [--json]',
    flags: ['job', 'only-when-reachable', 'time-limit', 'retries', 'retry-interval', 'biller'],
    summary: 'Show or change a job’s run options: only when the network is reachable, time limit, retries.',
    async run(ctx) {
      const biller = ctx.biller();
      const job = jobArg(ctx, 'options');
      const current = ctx.core.jobs.runPolicy(biller.id, job);
      const next: RunPolicy = { ...current };
      const reach = flagString(ctx.args, 'only-when-reachable');
      if (reach !== undefined) {
        if (reach !== 'yes' && reach !== 'no')
          throw new AppError('INVALID_INPUT', `--only-when-reachable takes yes or no (not "${reach}").`);
        next.onlyWhenReachable = reach === 'yes';
      }
      // Numbers go through as typed; the shared rule refuses a bad one in words, writing nothing.
      const num = (name: string): number | undefined => {
        const v = flagString(ctx.args, name);
        return v === undefined ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
      };
      const limit = flagString(ctx.args, 'time-limit');
      if (limit !== undefined) next.timeLimitMinutes = limit.trim() === 'none' ? null : (num('time-limit') as number);
      const retries = num('retries');
      if (retries !== undefined) next.retryCount = retries;
      const interval = num('retry-interval');
      if (interval !== undefined) next.retryIntervalSeconds = interval;
      const changed = JSON.stringify(next) !== JSON.stringify(current);
      const status = changed ? ctx.core.jobs.setRunPolicy(biller.id, job, next) : ctx.core.jobs.status(biller.id, job);
      return {
        json: status.runPolicy,
        text: `${JOB_LABELS[job]} for ${biller.name}: ${describeRunPolicy(status.runPolicy)}.`,
      };
    },
  },
];
