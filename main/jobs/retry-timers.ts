import type { JobKind } from '../../shared/domain/jobs';
import type { Clock } from '../ground/clock';

const key = (billerId: string, job: JobKind) => `${billerId}/${job}`;

interface Pending {
  at: Date;
  /** The failed run this retry follows. */
  runId: string;
  cancel: () => void;
}

/**
 * At most one pending automatic retry per biller and job, on the injected clock. A retry called
 * off before it fires is reported through `onDropped` with its failed run's id.
 */
export class RetryTimers {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly clock: Clock,
    private readonly onDropped: (failedRunId: string) => void = () => undefined,
  ) {}

  /** Replaces any pending retry of the job with `fn` after `waitMs`; returns when it will fire. */
  schedule(billerId: string, job: JobKind, failedRunId: string, waitMs: number, fn: () => void): Date {
    this.cancel(billerId, job);
    const k = key(billerId, job);
    const at = new Date(this.clock.now().getTime() + waitMs);
    const entry: Pending = {
      at,
      runId: failedRunId,
      cancel: this.clock.setTimer(waitMs, () => {
        if (this.pending.get(k) !== entry) return;
        this.pending.delete(k);
        fn();
      }),
    };
    this.pending.set(k, entry);
    return at;
  }

  at(billerId: string, job: JobKind): Date | null {
    return this.pending.get(key(billerId, job))?.at ?? null;
  }

  cancel(billerId: string, job: JobKind): void {
    const k = key(billerId, job);
    const entry = this.pending.get(k);
    if (entry) this.drop(k, entry);
  }

  /** Cancels every retry of billers not in `keep`. */
  keepOnly(keep: ReadonlySet<string>): void {
    for (const [k, entry] of this.pending) {
      if (keep.has(k.slice(0, k.lastIndexOf('/')))) continue;
      this.drop(k, entry);
    }
  }

  clear(): void {
    for (const [k, entry] of this.pending) this.drop(k, entry);
  }

  private drop(k: string, entry: Pending): void {
    entry.cancel();
    this.pending.delete(k);
    this.onDropped(entry.runId);
  }
}
