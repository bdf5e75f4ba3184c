import {
  DEFAULT_NOTIFY_DATES,
  describeNotifyRule,
  notifyDatesSchema,
  type NotifyDates,
} from '../../../shared/domain/notify-dates';
import type { InvoiceFileSettings } from '../../../shared/contract/bif';
import type { DomainHandlers } from '../../ipc/router';
import type { AuditLog } from '../../ground/audit';
import type { Clock } from '../../ground/clock';
import type { EventBus } from '../../ipc/router';
import type { Db } from '../../store/database';

const JOB = 'invoice-file';
const NOTIFY_DATES = 'notify-dates';
const PDF_LINKING = 'pdf-linking';

/**
 * A biller's Invoice File settings (job_options, migration 5: one row per setting, none while it
 * is the default): the BIF notification date rules and whether the biller uses PDF linking. The
 * Invoice File job reads them at the start of every run; the Billers screen, the CLI and `bif:*`
 * change them.
 */
export class InvoiceFileSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly deps: {
      audit: AuditLog;
      events: EventBus;
      clock: Clock;
      billers: { profile(id: string): unknown };
    },
  ) {}

  /** The biller's settings, with the defaults for anything not saved (or saved but no longer parsing). */
  get(billerId: string): InvoiceFileSettings {
    this.deps.billers.profile(billerId);
    const rawDates = this.read(billerId, NOTIFY_DATES);
    const parsed = rawDates === undefined ? null : notifyDatesSchema.safeParse(JSON.parse(rawDates));
    const dates: NotifyDates = parsed?.success ? parsed.data : DEFAULT_NOTIFY_DATES;
    // Default on: the standard mapping has always sent bill.pdfUrl as the PDF link.
    const pdfLinking = this.read(billerId, PDF_LINKING) !== 'false';
    return {
      billerId,
      dates,
      isDefault: !parsed?.success,
      described: [dates.first, dates.second, dates.third].map(describeNotifyRule),
      pdfLinking,
    };
  }

  /** Saves both settings (dates null: the defaults), with one audit line and a `jobs:changed`. */
  set(billerId: string, change: { dates: NotifyDates | null; pdfLinking: boolean }): InvoiceFileSettings {
    this.deps.billers.profile(billerId);
    const dates = change.dates === null ? null : notifyDatesSchema.parse(change.dates);
    this.db.transaction(() => {
      this.write(billerId, NOTIFY_DATES, dates === null ? null : JSON.stringify(dates));
      this.write(billerId, PDF_LINKING, change.pdfLinking ? null : 'false');
    })();
    const setting = this.get(billerId);
    const detail = `${setting.isDefault ? 'default dates' : setting.described.join('; ')}; PDF linking ${setting.pdfLinking ? 'on' : 'off'}`;
    this.deps.audit.record('bif.settings', { billerId, subject: 'Invoice File settings', detail });
    this.deps.events.emit('jobs:changed', { billerId, job: JOB });
    return setting;
  }

  private read(billerId: string, name: string): string | undefined {
    return this.db
      .prepare('SELECT value FROM job_options WHERE biller_id = ? AND job = ? AND name = ?')
      .pluck()
      .get(billerId, JOB, name) as string | undefined;
  }

  /** null removes the row: the setting is back to its default. */
  private write(billerId: string, name: string, value: string | null): void {
    if (value === null) {
      this.db.prepare('DELETE FROM job_options WHERE biller_id = ? AND job = ? AND name = ?').run(billerId, JOB, name);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO job_options (biller_id, job, name, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (biller_id, job, name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(billerId, JOB, name, value, this.deps.audit.currentActor.name, this.deps.clock.now().toISOString());
  }
}

/** The `bif:*` channels. */
export function bifHandlers(settings: InvoiceFileSettingsStore): DomainHandlers<'bif'> {
  return {
    settings: ({ billerId }) => settings.get(billerId),
    setSettings: ({ billerId, dates, pdfLinking }) => settings.set(billerId, { dates, pdfLinking }),
  };
}
