import { foreignStampSchema, type ForeignStamp } from '../../shared/domain/jobs';
import type { Clock } from '../ground/clock';
import type { BillerProfile } from '../billers/billers.service';
import type { JobStateStore } from './job-state-store';
import { localDateTime } from '../ground/dates';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Watches for a second job host (docs/job-host.md): jobs report other installations' stamps
 * they see on a biller's recent work; two hosts for one biller is a mistake to show at once.
 */
export class JobHostWatch {
  constructor(
    private readonly state: JobStateStore,
    private readonly clock: Clock,
    private readonly installationId: string,
    private readonly recentDays: number,
  ) {}

  /**
   * Records a stamp (our own are ignored). Returns the warning to raise when this is the first
   * sight of that installation and it makes a warning; otherwise null.
   */
  record(biller: BillerProfile, stamp: ForeignStamp): { recorded: boolean; newWarning: string | null } {
    const parsed = foreignStampSchema.parse(stamp);
    if (parsed.installationId === this.installationId) return { recorded: false, newWarning: null };
    const now = this.clock.now().toISOString();
    const seen = Date.parse(parsed.seenAt);
    const seenAt = Number.isNaN(seen) ? now : new Date(seen).toISOString();
    const first = this.state.recordForeignStamp(biller.id, { ...parsed, seenAt }, now);
    const warning = this.warning(biller, this.recent(biller.id));
    return { recorded: true, newWarning: first ? warning : null };
  }

  /** Other installations' stamps on this biller's work in the last days, newest first. */
  recent(billerId: string): ForeignStamp[] {
    const since = new Date(this.clock.now().getTime() - this.recentDays * DAY).toISOString();
    return this.state.foreignStamps(billerId, since).filter((s) => s.installationId !== this.installationId);
  }

  /**
   * On the job host, any other installation's recent stamp is a warning; elsewhere, stamps of one
   * other installation are expected (that is the job host), two or more are not.
   */
  warning(biller: BillerProfile, stamps: ForeignStamp[]): string | null {
    const ids = [...new Set(stamps.map((s) => s.installationId))];
    if (ids.length === 0 || (!biller.isJobHost && ids.length < 2)) return null;
    const latest = stamps[0]!;
    const others = ids.map((id) => id.slice(0, 8)).join(', ');
    const lead = biller.isJobHost
      ? `This installation is the job host for ${biller.name}, but another installation (${others}) also did its work recently`
      : `More than one installation (${others}) did ${biller.name}’s work recently`;
    return `${lead}: seen on ${latest.where}, ${localDateTime(latest.seenAt, biller.timeZone)}. A biller must have exactly one job host: turn "job host" off on all installations but one.`;
  }
}
