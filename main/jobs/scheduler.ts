import type { JobKind } from '../../shared/domain/jobs';
import type { Clock } from '../ground/clock';
import type { Logger } from '../ground/logger';
import type { BillerProfile } from '../billers/billers.service';
import type { JobStateStore } from './job-state-store';
import { compileSchedule, periodAfter, slotsBetween, type CompiledSchedule } from './schedule';

export interface SchedulerOptions {
  /** A timer firing later than this after its slot means the wall clock jumped (sleep, clock change). */
  lateToleranceMs: number;
  /**
   * How often to look for such a jump, and for schedules or pauses changed by another process
   * on the same data folder (the CLI): a change is picked up within this time.
   */
  heartbeatMs: number;
  /** How far back a missed slot is still caught up; 'period' = the gap from that slot to the next. */
  catchUpWindowMs: number | 'period';
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  lateToleranceMs: 60_000,
  heartbeatMs: 60_000,
  catchUpWindowMs: 'period',
};

/** A slot that has come: run the job now (or record that it was still busy). */
export interface SlotEvent {
  billerId: string;
  job: JobKind;
  trigger: 'schedule' | 'catch-up';
  /** The slot's time (for a catch-up: the latest missed slot). */
  slot: Date;
  /** Slots this run stands for: 1 on schedule, the number missed on catch-up. */
  missed: number;
  /** True when more slots were missed than were counted. */
  missedCapped: boolean;
  /** The slot handled before these, or null. */
  since: Date | null;
}

interface Armed {
  billerId: string;
  job: JobKind;
  slot: Date;
  cancel: () => void;
}

export interface SchedulerDeps {
  clock: Clock;
  state: JobStateStore;
  log: Logger;
  /** The jobs this installation can run (those with a definition). */
  kinds: readonly JobKind[];
  isPaused: (billerId: string, job: JobKind) => boolean;
  onSlot: (event: SlotEvent) => void;
  /** Jobs of a biller re-armed because another process changed their schedule or pause. */
  onSettingsChanged: (billerId: string, jobs: JobKind[]) => void;
  options: SchedulerOptions;
}

const key = (billerId: string, job: JobKind) => `${billerId}/${job}`;

/**
 * When each job of each job-host biller runs next, on the injected clock, in the biller's time
 * zone (croner computes the slots; the clock's timers wait for them). It only says "a slot has
 * come"; what a run is, and whether the job is busy, is JobsService's business.
 */
export class JobScheduler {
  private readonly armed = new Map<string, Armed>();
  /** Per job: the settings stamp (JobStateStore.settingsStamp) it was last armed under. */
  private readonly stamps = new Map<string, string>();
  private billers = new Map<string, BillerProfile>();
  private heartbeat: { cancel: () => void; plannedAt: number } | null = null;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /**
   * Schedules exactly these billers: billers whose time zone changed are re-armed, gone ones are
   * dropped, new ones are armed. `catchUp` (at start) first runs each job once if it missed slots
   * while the app was closed; a biller that becomes job host while the app runs missed nothing here.
   */
  sync(billers: BillerProfile[], options: { catchUp: boolean }): void {
    this.stopped = false;
    const next = new Map(billers.map((b) => [b.id, b]));
    for (const [id, old] of this.billers) {
      const now = next.get(id);
      if (!now) this.disarmBiller(id);
      else if (now.timeZone !== old.timeZone) {
        this.billers.set(id, now);
        for (const job of this.deps.kinds) this.arm(id, job, false);
      }
    }
    for (const [id, biller] of next) {
      const known = this.billers.has(id);
      this.billers.set(id, biller);
      if (known) continue;
      for (const job of this.deps.kinds) {
        if (!options.catchUp) this.deps.state.setLastSlot(id, job, this.deps.clock.now().toISOString());
        this.arm(id, job, options.catchUp);
      }
    }
    this.billers = next;
    this.armHeartbeat();
  }

  /** Re-arms one job after its schedule or pause changed. Slots before now do not count as missed. */
  rearm(billerId: string, job: JobKind): void {
    if (!this.billers.has(billerId)) return;
    this.deps.state.setLastSlot(billerId, job, this.deps.clock.now().toISOString());
    this.arm(billerId, job, false);
  }

  /** After a sleep or a jump of the wall clock: one catch-up per job that missed slots, then re-arm. */
  resume(): void {
    if (this.stopped) return;
    // First what another process changed meanwhile: a job resumed there must not catch up the
    // slots that passed while it was paused.
    this.adoptSettingsChanges();
    for (const id of this.billers.keys()) for (const job of this.deps.kinds) this.arm(id, job, true);
    this.armHeartbeat();
  }

  /**
   * Re-arms, from now, every job whose schedule or pause differs in SQLite from what it was
   * armed under (changed by the CLI or another window), and reports them. Changes made through
   * this scheduler's own service re-arm at once and are not reported again.
   */
  private adoptSettingsChanges(): void {
    if (this.stopped) return;
    for (const id of [...this.billers.keys()]) {
      const changed = this.deps.kinds.filter(
        (job) => this.stamps.get(key(id, job)) !== this.deps.state.settingsStamp(id, job),
      );
      if (changed.length === 0) continue;
      this.deps.log.info(
        `Schedule or pause of ${changed.join(', ')} of biller ${id} changed in another process: re-armed`,
      );
      for (const job of changed) this.rearm(id, job);
      this.deps.onSettingsChanged(id, changed);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const a of this.armed.values()) a.cancel();
    this.armed.clear();
    this.heartbeat?.cancel();
    this.heartbeat = null;
    this.billers.clear();
    this.stamps.clear();
  }

  isScheduling(billerId: string): boolean {
    return this.billers.has(billerId);
  }

  nextRunAt(billerId: string, job: JobKind): Date | null {
    return this.armed.get(key(billerId, job))?.slot ?? null;
  }

  private disarmBiller(billerId: string): void {
    for (const job of this.deps.kinds) {
      this.disarm(billerId, job);
      this.stamps.delete(key(billerId, job));
    }
    this.billers.delete(billerId);
  }

  private disarm(billerId: string, job: JobKind): void {
    const k = key(billerId, job);
    this.armed.get(k)?.cancel();
    this.armed.delete(k);
  }

  private compiled(billerId: string, job: JobKind): CompiledSchedule | null {
    const biller = this.billers.get(billerId);
    if (!biller) return null;
    const { schedule } = this.deps.state.settings(billerId, job);
    try {
      return compileSchedule(schedule, biller.timeZone, this.deps.clock.now());
    } catch (error) {
      this.deps.log.error(`The ${job} schedule of biller ${biller.name} cannot be used, so it is not scheduled`, error);
      return null;
    }
  }

  private arm(billerId: string, job: JobKind, catchUp: boolean): void {
    this.disarm(billerId, job);
    if (!this.stopped && this.billers.has(billerId))
      this.stamps.set(key(billerId, job), this.deps.state.settingsStamp(billerId, job));
    if (this.stopped || this.deps.isPaused(billerId, job)) return;
    const compiled = this.compiled(billerId, job);
    if (!compiled) return;
    const now = this.deps.clock.now();
    if (catchUp) this.catchUp(billerId, job, compiled, now);
    const lastSlot = this.deps.state.settings(billerId, job).lastSlotAt;
    const from = lastSlot && Date.parse(lastSlot) > now.getTime() ? new Date(lastSlot) : now;
    const slot = compiled.next(from);
    if (slot) this.armTimer(billerId, job, slot);
  }

  /** Missed slots since the last one handled: run once if the latest is inside the window. */
  private catchUp(billerId: string, job: JobKind, compiled: CompiledSchedule, now: Date): void {
    const lastSlotAt = this.deps.state.settings(billerId, job).lastSlotAt;
    if (!lastSlotAt) {
      // Never scheduled here before: nothing was missed; start counting from now.
      this.deps.state.setLastSlot(billerId, job, now.toISOString());
      return;
    }
    const since = new Date(lastSlotAt);
    const missed = slotsBetween(compiled, since, now);
    if (!missed.latest) return;
    const window =
      this.deps.options.catchUpWindowMs === 'period'
        ? periodAfter(compiled, missed.latest)
        : this.deps.options.catchUpWindowMs;
    if (now.getTime() - missed.latest.getTime() > window) {
      this.deps.state.setLastSlot(billerId, job, now.toISOString());
      this.deps.log.info(
        `${job} of biller ${billerId} missed ${missed.count} slot(s), the latest at ${missed.latest.toISOString()}: too long ago to catch up`,
      );
      return;
    }
    this.deps.state.setLastSlot(billerId, job, missed.latest.toISOString());
    this.deps.onSlot({
      billerId,
      job,
      trigger: 'catch-up',
      slot: missed.latest,
      missed: missed.count,
      missedCapped: missed.capped,
      since,
    });
  }

  private armTimer(billerId: string, job: JobKind, slot: Date): void {
    const wait = slot.getTime() - this.deps.clock.now().getTime();
    const entry: Armed = { billerId, job, slot, cancel: () => undefined };
    entry.cancel = this.deps.clock.setTimer(wait, () => this.fire(entry));
    this.armed.set(key(billerId, job), entry);
  }

  private fire(entry: Armed): void {
    const k = key(entry.billerId, entry.job);
    if (this.armed.get(k) !== entry || this.stopped) return;
    const now = this.deps.clock.now();
    if (now.getTime() < entry.slot.getTime()) {
      // Long waits are clamped by setTimeout, and timers may fire a hair early: wait again.
      this.armTimer(entry.billerId, entry.job, entry.slot);
      return;
    }
    if (now.getTime() - entry.slot.getTime() > this.deps.options.lateToleranceMs) {
      // The wall clock moved on without us (sleep): every job may have missed slots.
      this.deps.log.info(
        `A timer fired ${Math.round((now.getTime() - entry.slot.getTime()) / 1000)} s late: checking for missed slots`,
      );
      this.resume();
      return;
    }
    if (this.stamps.get(k) !== this.deps.state.settingsStamp(entry.billerId, entry.job)) {
      // Another process paused the job or changed its schedule since this slot was armed: the
      // slot belongs to settings that no longer hold, so it is not run (nor recorded).
      this.adoptSettingsChanges();
      return;
    }
    this.armed.delete(k);
    const since = this.deps.state.settings(entry.billerId, entry.job).lastSlotAt;
    this.deps.state.setLastSlot(entry.billerId, entry.job, entry.slot.toISOString());
    this.deps.onSlot({
      billerId: entry.billerId,
      job: entry.job,
      trigger: 'schedule',
      slot: entry.slot,
      missed: 1,
      missedCapped: false,
      since: since ? new Date(since) : null,
    });
    // onSlot may have paused or re-armed the job; only arm the next slot if nothing else did.
    if (!this.armed.has(k) && this.billers.has(entry.billerId) && !this.deps.isPaused(entry.billerId, entry.job)) {
      const compiled = this.compiled(entry.billerId, entry.job);
      const next = compiled?.next(entry.slot);
      if (next) this.armTimer(entry.billerId, entry.job, next);
    }
  }

  private armHeartbeat(): void {
    this.heartbeat?.cancel();
    this.heartbeat = null;
    if (this.stopped || this.billers.size === 0) return;
    const plannedAt = this.deps.clock.now().getTime() + this.deps.options.heartbeatMs;
    const beat = {
      plannedAt,
      cancel: this.deps.clock.setTimer(this.deps.options.heartbeatMs, () => {
        if (this.heartbeat !== beat) return;
        const late = this.deps.clock.now().getTime() - plannedAt;
        if (late > this.deps.options.lateToleranceMs) {
          this.deps.log.info(`The clock jumped ${Math.round(late / 1000)} s: checking for missed slots`);
          this.resume();
        } else {
          this.adoptSettingsChanges();
          this.armHeartbeat();
        }
      }),
    };
    this.heartbeat = beat;
  }
}
