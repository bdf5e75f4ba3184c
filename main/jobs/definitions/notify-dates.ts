import { DEFAULT_NOTIFY_DATES, describeNotifyRule, notifyDatesSchema, type NotifyDates } from '../../../shared/domain/notify-dates';
import type { NotifyDatesSetting } from '../../../shared/contract/bif';
import type { DomainHandlers } from '../../ipc/router';
import type { AuditLog } from '../../app/audit';
import type { Clock } from '../../app/clock';
import type { EventBus } from '../../ipc/router';
import type { Db } from '../../store/database';

const JOB = 'invoice-file';
const NAME = 'notify-dates';

/**
 * The BIF notification date rules per biller (job_options, migration 5). The Invoice File job
 * reads them at the start of every run; the biller setup screen and `bif:*` change them.
 */
export class NotifyDateSettings {
  constructor(
    private readonly db: Db,
    private readonly deps: { audit: AuditLog; events: EventBus; clock: Clock; billers: { profile(id: string): unknown } },
  ) {}

  /** The biller's rules, or the defaults when none are saved (or the saved ones no longer parse). */
  get(billerId: string): NotifyDatesSetting {
    this.deps.billers.profile(billerId);
    const raw = this.db.prepare('SELECT value FROM job_options WHERE biller_id = ? AND job = ? AND name = ?').pluck().get(billerId, JOB, NAME) as string | undefined;
    const parsed = raw === undefined ? null : notifyDatesSchema.safeParse(JSON.parse(raw));
    const dates: NotifyDates = parsed?.success ? parsed.data : DEFAULT_NOTIFY_DATES;
    return { billerId, dates, isDefault: !parsed?.success, described: [dates.first, dates.second, dates.third].map(describeNotifyRule) };
  }

  /** Saves the rules (null: back to the defaults), with an audit line and a `jobs:changed`. */
  set(billerId: string, dates: NotifyDates | null): NotifyDatesSetting {
    this.deps.billers.profile(billerId);
    const actor = this.deps.audit.currentActor;
    if (dates === null) {
      this.db.prepare('DELETE FROM job_options WHERE biller_id = ? AND job = ? AND name = ?').run(billerId, JOB, NAME);
    } else {
      const value = JSON.stringify(notifyDatesSchema.parse(dates));
      this.db
        .prepare(
          `INSERT INTO job_options (biller_id, job, name, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (biller_id, job, name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        )
        .run(billerId, JOB, NAME, value, actor.name, this.deps.clock.now().toISOString());
    }
    const setting = this.get(billerId);
    this.deps.audit.record('bif.notifyDates', { billerId, subject: 'BIF notification dates', detail: setting.isDefault ? 'defaults' : setting.described.join('; ') });
    this.deps.events.emit('jobs:changed', { billerId, job: JOB });
    return setting;
  }
}

/** The `bif:*` channels. */
export function bifHandlers(settings: NotifyDateSettings): DomainHandlers<'bif'> {
  return {
    notifyDates: ({ billerId }) => settings.get(billerId),
    setNotifyDates: ({ billerId, dates }) => settings.set(billerId, dates),
  };
}
