import { Cron } from 'croner';
import {
  describeSchedule,
  scheduleSchema,
  scheduleToCron,
  type Schedule,
  type ScheduleDraft,
} from '../../shared/domain/jobs';
import { isValidTimeZone } from '../../shared/domain/common';
import { AppError } from '../../shared/errors';

/** A validated schedule, ready to say when it runs next in the biller's time zone. */
export interface CompiledSchedule {
  schedule: Schedule;
  expression: string;
  timeZone: string;
  /** The first slot strictly after `after`, or null if the expression never matches again. */
  next(after: Date): Date | null;
  /** The latest slot at or before `until`, or null. */
  latestUpTo(until: Date): Date | null;
}

const FIELD_WORDS: Record<string, string> = {
  minute: 'The minute (first field) must be 0–59',
  hour: 'The hour (second field) must be 0–23',
  day: 'The day of the month (third field) must be 1–31',
  month: 'The month (fourth field) must be 1–12 or JAN–DEC',
  dayOfWeek: 'The day of the week (fifth field) must be 0–6 (Sunday is 0) or SUN–SAT',
};

const HOW_TO =
  'Write five fields: minute hour day-of-month month day-of-week, for example 0 */3 * * * for every 3 hours.';

/** Turns croner's parser messages into a sentence a PM can act on. */
function plainCronError(expression: string, error: unknown): string {
  const raw = (error instanceof Error ? error.message : String(error)).replace(/^CronPattern:\s*/, '');
  const field = /Invalid value for (\w+)/.exec(raw)?.[1];
  if (field && FIELD_WORDS[field]) return `${FIELD_WORDS[field]}. ${HOW_TO}`;
  if (/requires exactly 5 parts|exactly five/.test(raw)) {
    const parts = expression.trim().split(/\s+/).length;
    return `The cron expression has ${parts} field${parts === 1 ? '' : 's'}; it needs exactly five. ${HOW_TO}`;
  }
  if (/illegal stepping/.test(raw)) return `A step (the number after /) must be at least 1. ${HOW_TO}`;
  if (/illegal characters/.test(raw)) return `The cron expression has characters cron does not understand. ${HOW_TO}`;
  return `The cron expression is not valid (${raw}). ${HOW_TO}`;
}

/** Thrown for anything a person typed wrong in a schedule; `fields` points the form at it. */
function invalid(message: string, field: string): AppError {
  return new AppError('INVALID_INPUT', message, { fields: { [field]: message } });
}

/**
 * Validates a schedule for a time zone and compiles it with croner. Only 5-field expressions are
 * accepted: a job scheduled by the second would hammer both services for no gain.
 */
export function compileSchedule(
  input: Schedule | ScheduleDraft,
  timeZone: string,
  now: Date = new Date(),
): CompiledSchedule {
  const parsed = scheduleSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : 'schedule';
    throw invalid(issue?.message ?? 'The schedule is not valid.', path);
  }
  const schedule = parsed.data;
  if (!isValidTimeZone(timeZone)) {
    throw invalid(
      `The time zone "${timeZone}" is not known. Choose an IANA name such as America/New_York in the biller settings.`,
      'timeZone',
    );
  }
  const expression = scheduleToCron(schedule);
  let cron: Cron;
  try {
    cron = new Cron(expression, { timezone: timeZone, paused: true, mode: '5-part' });
  } catch (error) {
    throw invalid(plainCronError(expression, error), 'expression');
  }
  const first = cron.nextRun(now);
  if (!first)
    throw invalid(
      'This schedule never runs (no date matches it, for example 31 February). Check the day and month fields.',
      'expression',
    );
  return {
    schedule,
    expression,
    timeZone,
    next: (after) => cron.nextRun(after),
    // previousRuns is strictly before its reference, to the millisecond.
    latestUpTo: (until) => cron.previousRuns(1, new Date(until.getTime() + 1))[0] ?? null,
  };
}

export type SchedulePreview =
  | { valid: true; expression: string; description: string; nextRuns: string[] }
  | { valid: false; message: string; field: string };

/** The next `count` run times (ISO), or the reason the schedule cannot be used. */
export function previewSchedule(
  schedule: Schedule | ScheduleDraft,
  timeZone: string,
  from: Date,
  count = 5,
): SchedulePreview {
  try {
    const compiled = compileSchedule(schedule, timeZone, from);
    const nextRuns: string[] = [];
    let at: Date | null = from;
    while (nextRuns.length < count && at) {
      at = compiled.next(at);
      if (at) nextRuns.push(at.toISOString());
    }
    return { valid: true, expression: compiled.expression, description: describeSchedule(compiled.schedule), nextRuns };
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_INPUT') {
      return { valid: false, message: error.message, field: Object.keys(error.fields ?? {})[0] ?? 'schedule' };
    }
    throw error;
  }
}

/**
 * Slots in (after, until]: how many, and the latest. Counting stops at `cap` so a month asleep on
 * a one-minute schedule costs nothing noticeable; the latest slot is found directly.
 */
export function slotsBetween(
  compiled: CompiledSchedule,
  after: Date,
  until: Date,
  cap = 10_000,
): { count: number; latest: Date | null; capped: boolean } {
  const latest = compiled.latestUpTo(until);
  if (!latest || latest.getTime() <= after.getTime()) return { count: 0, latest: null, capped: false };
  let count = 0;
  let at = compiled.next(after);
  while (at && at.getTime() <= until.getTime()) {
    if (++count >= cap) return { count, latest, capped: true };
    at = compiled.next(at);
  }
  return { count, latest, capped: false };
}

/** The gap from `slot` to the slot after it: "one period" for the catch-up window. */
export function periodAfter(compiled: CompiledSchedule, slot: Date): number {
  const next = compiled.next(slot);
  return next ? next.getTime() - slot.getTime() : Number.POSITIVE_INFINITY;
}
