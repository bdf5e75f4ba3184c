import { JOB_KINDS, JOB_LABELS } from '../../shared/domain/jobs';
import type { Checklist } from '../../shared/domain/checklist';
import type { JobsService } from '../jobs/jobs.service';
import type { PaymentsService } from '../payments/payments.service';
import type { AgendaSources } from './calls.service';

/**
 * The agenda's facts from the other domains: failed job runs since the last call and the current
 * failure streaks (Jobs), deposit days whose control totals do not balance (Payments), and the
 * conversion checklist's blocked or overdue items.
 */
export function agendaSources(
  jobs: JobsService,
  payments: PaymentsService,
  checklist: { get(billerId: string): Promise<Checklist> },
): AgendaSources {
  return {
    jobFailures(billerId, since) {
      return JOB_KINDS.map((job) => {
        const failed = jobs.history({ billerId, job, state: 'failed', ...(since ? { from: since } : {}), limit: 500 });
        const status = jobs.status(billerId, job);
        return {
          jobLabel: JOB_LABELS[job],
          failures: failed.total,
          streak: status.failureStreak,
          lastError: failed.runs[0]?.error?.message ?? null,
        };
      });
    },
    async controlDaysOff(billerId, from, to) {
      const days = await payments.controlTotals({ billerId, from, to });
      return days.filter((d) => d.balanced === false).map((d) => ({ date: d.depositDate, message: d.message }));
    },
    async checklistBlockedOrOverdue(billerId, today) {
      const { items } = await checklist.get(billerId);
      return checklistAgendaLines(items, today);
    },
  };
}

/** The conversion checklist's blocked items and the open items past their due date, one sentence each. */
export function checklistAgendaLines(items: Checklist['items'], today: string): string[] {
  const lines: string[] = [];
  for (const item of items) {
    const what = `${item.text.replace(/\.$/, '')}${item.owner ? ` (owner: ${item.owner})` : ''}.`;
    if (item.status === 'blocked') lines.push(`Blocked: ${what}`);
    else if (item.status !== 'done' && item.due && item.due < today) lines.push(`Overdue since ${item.due}: ${what}`);
  }
  return lines;
}
