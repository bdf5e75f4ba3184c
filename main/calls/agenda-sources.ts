import { JOB_KINDS, JOB_LABELS } from '../../shared/domain/jobs';
import type { JobsService } from '../jobs/jobs.service';
import type { PaymentsService } from '../payments/payments.service';
import type { AgendaSources } from './calls.service';

/**
 * The agenda's facts from the other domains: failed job runs since the last call and the current
 * failure streaks (Jobs), deposit days whose control totals do not balance (Payments), and the
 * conversion checklist's blocked or overdue items.
 */
export function agendaSources(jobs: JobsService, payments: PaymentsService): AgendaSources {
  return {
    jobFailures(billerId, since) {
      return JOB_KINDS.map((job) => {
        const failed = jobs.history({ billerId, job, state: 'failed', ...(since ? { from: since } : {}), limit: 500 });
        const status = jobs.status(billerId, job);
        return { jobLabel: JOB_LABELS[job], failures: failed.total, streak: status.failureStreak, lastError: failed.runs[0]?.error?.message ?? null };
      });
    },
    async controlDaysOff(billerId, from, to) {
      const days = await payments.controlTotals(billerId, from, to);
      return days.filter((d) => d.balanced === false).map((d) => ({ date: d.depositDate, message: d.message }));
    },
    checklistBlockedOrOverdue: checklistAgendaItemsUntilChecklistMerged,
  };
}

/**
 * HOOK for the conversion checklist (built on another branch): return its blocked or overdue items
 * as one sentence each. Until the checklist is merged there is nothing to report.
 */
export function checklistAgendaItemsUntilChecklistMerged(_billerId: string): string[] {
  return [];
}
