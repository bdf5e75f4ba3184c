import type { DomainHandlers } from '../ipc/router';
import type { JobsService } from './jobs.service';
import { exportReport } from './report-export';

/** The `jobs:*` channels: thin, every rule lives in JobsService. */
export function jobsHandlers(jobs: JobsService): DomainHandlers<'jobs'> {
  return {
    list: ({ billerId }) => jobs.overview(billerId),
    run: ({ billerId, job, dryRun, force }) => jobs.run(billerId, job, { dryRun, force }).run,
    cancel: ({ runId }) => jobs.cancel(runId),
    pause: ({ billerId, job, reason }) => {
      jobs.pause(billerId, job, reason);
      return { ok: true as const };
    },
    resume: ({ billerId, job }) => {
      jobs.resume(billerId, job);
      return { ok: true as const };
    },
    pauseAll: ({ billerId, reason }) => {
      jobs.pauseAll(billerId, reason);
      return { ok: true as const };
    },
    resumeAll: ({ billerId }) => {
      jobs.resumeAll(billerId);
      return { ok: true as const };
    },
    setSchedule: ({ billerId, job, schedule }) => jobs.setSchedule(billerId, job, schedule),
    setRunPolicy: ({ billerId, job, runPolicy }) => jobs.setRunPolicy(billerId, job, runPolicy),
    previewSchedule: ({ schedule, timeZone, count }) => jobs.previewSchedule(schedule, timeZone, count),
    history: (query) => jobs.history(query),
    runDetail: ({ runId, report, offset, limit }) => jobs.runDetail(runId, { report, offset, limit }),
    exportReport: ({ runId, report }) => exportReport(jobs, runId, report),
    stats: ({ billerId, days }) => jobs.stats(billerId, days),
  };
}
