import { JOB_LABELS, type JobKind } from '../../shared/domain/jobs';
import type { BillerProfile } from '../billers/billers.service';
import type { JobsServiceDeps } from './jobs.types';
import type { SlotEvent } from './scheduler';
import { localDateTime } from '../ground/dates';

export interface OwedRunsParts {
  deps: Pick<JobsServiceDeps, 'log' | 'audit' | 'clock'>;
  probeMs: number;
  reachability(biller: BillerProfile): Promise<boolean>;
  /** Whether the job is still this installation's to run on schedule (started, job host, not paused). */
  isScheduled(billerId: string, job: JobKind): boolean;
  /** Makes the one catch-up run the job is owed, with these notes. */
  catchUp(biller: BillerProfile, job: JobKind, notes: string[]): void;
  changed(billerId: string, job: JobKind): void;
}

/**
 * Slots of jobs set to run only when the network is reachable, skipped while the services did not
 * answer: each such job is owed ONE catch-up run, made when a probe (every `probeMs`) finds the
 * services again, however many slots passed.
 */
export class OwedRuns {
  /** Per job (billerId/job): slots skipped while unreachable, and the probe that looks again. */
  private readonly owed = new Map<string, { count: number; since: Date; cancel: () => void }>();

  constructor(private readonly p: OwedRunsParts) {}

  /** A slot came while the services did not answer: it is not run, the audit log says so, and a probe looks again. */
  skip(biller: BillerProfile, event: SlotEvent): void {
    const { deps } = this.p;
    const k = `${event.billerId}/${event.job}`;
    const detail = `${event.slot.toISOString()} slot skipped: the InvoiceCloud host or the InHANCE URL did not answer`;
    deps.log.info(`${JOB_LABELS[event.job]} of biller ${biller.name}: ${detail}`);
    deps.audit.record('job.skippedUnreachable', { billerId: event.billerId, subject: event.job, detail });
    const owed = this.owed.get(k);
    if (owed) {
      owed.count += event.missed;
      return;
    }
    const entry = { count: event.missed, since: event.slot, cancel: () => undefined as void };
    this.owed.set(k, entry);
    const probe = () => {
      entry.cancel = deps.clock.setTimer(this.p.probeMs, () => {
        if (this.owed.get(k) !== entry) return;
        if (!this.p.isScheduled(event.billerId, event.job)) {
          this.owed.delete(k);
          return;
        }
        void this.p
          .reachability(biller)
          .catch(() => false)
          .then((ok) => {
            if (this.owed.get(k) !== entry) return;
            if (!ok) return probe();
            this.owed.delete(k);
            if (!this.p.isScheduled(event.billerId, event.job)) return;
            this.p.catchUp(biller, event.job, [
              `Catching up once for ${entry.count} slot(s) skipped since ${localDateTime(entry.since, biller.timeZone)} while the services could not be reached.`,
            ]);
          });
      });
    };
    probe();
    this.p.changed(event.billerId, event.job);
  }

  /** The job ran (or no longer waits for the network): whatever it was owed is settled. */
  drop(billerId: string, job: JobKind): void {
    const k = `${billerId}/${job}`;
    this.owed.get(k)?.cancel();
    this.owed.delete(k);
  }

  clear(): void {
    for (const o of this.owed.values()) o.cancel();
    this.owed.clear();
  }
}
