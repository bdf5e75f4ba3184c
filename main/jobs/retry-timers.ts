import type { JobKind } from '../../shared/domain/jobs';
import type { Clock } from '../app/clock';

const key = (billerId: string, job: JobKind) => `${billerId}/${job}`;

/** At most one pending automatic retry per biller and job, on the injected clock. */
export class RetryTimers {
  private readonly pending = new Map<string, { at: Date; cancel: () => void }>();

  constructor(private readonly clock: Clock) {}

  /** Replaces any pending retry of the job with `fn` after `waitMs`; returns when it will fire. */
  schedule(billerId: string, job: JobKind, waitMs: number, fn: () => void): Date {
    this.cancel(billerId, job);
    const k = key(billerId, job);
    const at = new Date(this.clock.now().getTime() + waitMs);
    const entry = {
      at,
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
    this.pending.get(k)?.cancel();
    this.pending.delete(k);
  }

  /** Cancels every retry of billers not in `keep`. */
  keepOnly(keep: ReadonlySet<string>): void {
    for (const [k, entry] of this.pending) {
      if (keep.has(k.slice(0, k.lastIndexOf('/')))) continue;
      entry.cancel();
      this.pending.delete(k);
    }
  }

  clear(): void {
    for (const entry of this.pending.values()) entry.cancel();
    this.pending.clear();
  }
}
