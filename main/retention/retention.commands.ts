import { AppError } from '../../shared/errors';
import { flagString } from '../cli/args';
import type { CliContext, Command } from '../cli/command';
import { describePlan } from './retention';

function days(ctx: CliContext): number | undefined {
  const raw = flagString(ctx.args, 'days');
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new AppError('INVALID_INPUT', '--days must be a whole number of days, e.g. --days 90.');
  return Number(raw);
}

/** How long logs, run history, run reports and batch results are kept, and what a prune removes. */
export const retentionCommands: Command[] = [
  {
    domain: 'retention',
    verb: 'show',
    usage: 'retention show [--days N] [--json]',
    flags: ['days'],
    summary:
      'The retention setting and what a prune would remove now (with --days: what that setting would remove). Changes nothing.',
    async run(ctx) {
      const plan = ctx.core.retention.plan(days(ctx));
      return { json: plan, text: describePlan(plan) };
    },
  },
  {
    domain: 'retention',
    verb: 'set',
    usage: 'retention set --days N',
    flags: ['days'],
    summary: 'Keeps logs, run history, run reports and batch results for N days (7–3650; default 90); pruned daily.',
    async run(ctx) {
      const n = days(ctx);
      if (n === undefined) throw new AppError('INVALID_INPUT', 'Say how many days with --days, e.g. --days 90.');
      ctx.core.retention.setDays(n);
      const plan = ctx.core.retention.plan();
      return { json: plan, text: `Retention is now ${n} days.\n${describePlan(plan)}` };
    },
  },
  {
    domain: 'retention',
    verb: 'prune',
    usage: 'retention prune [--json]',
    flags: [],
    summary: 'Prunes now what is older than the retention setting (the app also does it daily).',
    async run(ctx) {
      const plan = ctx.core.retention.prune();
      return { json: plan, text: `Pruned. ${describePlan(plan).replace('Would remove', 'Removed')}` };
    },
  },
];
