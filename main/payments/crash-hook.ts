/**
 * A test-only way to die at an exact step of the write path, to prove that a crash anywhere leaves
 * InHANCE with exactly one entry or receipt per PaymentGUID once the job runs again.
 *
 * `IMPRESA_BRIDGE_CRASH_AT=<step>:<n>` kills this process with SIGKILL the n-th time (1-based) it
 * reaches `<step>`. Without the variable (every real installation) `reach` does nothing.
 */
export const CRASH_STEPS = [
  /** The page is in the ledger; nothing written to InHANCE yet. */
  'recorded',
  /** A payment's intent is recorded; its InHANCE write not yet sent. */
  'intent',
  /** InHANCE created the deposit day's batch; the ledger has not noted it. */
  'batch',
  /** InHANCE accepted the entry or live receipt; the ledger has not recorded it. */
  'written',
  /** The ledger recorded InHANCE's answer. */
  'settled',
  /** A return's intent is recorded; the reversal or pull not yet sent. */
  'return-intent',
  /** InHANCE reversed the receipt or pulled the entry; the ledger has not recorded it. */
  'return-written',
  /** The job committed the feed cursor. */
  'committed',
] as const;
export type CrashStep = (typeof CRASH_STEPS)[number];

export class CrashHook {
  private readonly counts = new Map<CrashStep, number>();

  constructor(
    private readonly spec: { step: CrashStep; n: number } | null,
    private readonly die: () => void = () => process.kill(process.pid, 'SIGKILL'),
  ) {}

  static fromEnv(value = process.env.IMPRESA_BRIDGE_CRASH_AT): CrashHook {
    if (!value) return new CrashHook(null);
    const m = /^([a-z-]+):(\d+)$/.exec(value.trim());
    if (!m || !(CRASH_STEPS as readonly string[]).includes(m[1]!) || Number(m[2]) < 1) {
      throw new Error(
        `IMPRESA_BRIDGE_CRASH_AT="${value}" is not <step>:<n> with a step among ${CRASH_STEPS.join(', ')}.`,
      );
    }
    return new CrashHook({ step: m[1] as CrashStep, n: Number(m[2]) });
  }

  reach(step: CrashStep): void {
    if (!this.spec || this.spec.step !== step) return;
    const n = (this.counts.get(step) ?? 0) + 1;
    this.counts.set(step, n);
    if (n === this.spec.n) this.die();
  }
}
