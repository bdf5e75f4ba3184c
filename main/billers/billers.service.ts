import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { SECRET_NAMES, type Biller, type BillerFields, type SecretName } from '../../shared/domain/biller';
import type { AuditLog } from '../ground/audit';
import type { Clock } from '../ground/clock';
import type { EventBus } from '../ipc/router';
import type { SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/database';

interface BillerRow {
  id: string;
  name: string;
  time_zone: string;
  biller_guid: string;
  invoice_type_id: number;
  invoice_format_guid: string | null;
  ic_host: string;
  impresa_url: string;
  impresa_user: string;
  posting_mode: 'pending' | 'live';
  live_posting_user: string;
  is_job_host: number;
  sandbox: number;
  created_at: string;
  updated_at: string;
}

/** A biller profile without its secret status (what the jobs and clients read). */
export type BillerProfile = Omit<Biller, 'secrets'>;

function toProfile(r: BillerRow): BillerProfile {
  return {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    billerGuid: r.biller_guid,
    invoiceTypeId: r.invoice_type_id,
    invoiceFormatGuid: r.invoice_format_guid,
    icHost: r.ic_host,
    impresaUrl: r.impresa_url,
    impresaUser: r.impresa_user,
    postingMode: r.posting_mode,
    livePostingUser: r.live_posting_user,
    isJobHost: r.is_job_host === 1,
    sandbox: r.sandbox === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Checks a profile change before it is written (the go-live gate): throws to refuse it. Given the
 * profile before, the fields after, and an override reason when the person gave one.
 */
export type BillerUpdateGuard = (
  before: BillerProfile,
  after: BillerFields,
  overrideReason: string | undefined,
) => Promise<void>;

/** Biller profiles in SQLite; their secrets in the keychain through SecretStore. */
export class BillersService {
  private updateGuard: BillerUpdateGuard | null = null;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly events: EventBus,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  profiles(): BillerProfile[] {
    return (this.db.prepare('SELECT * FROM billers ORDER BY name COLLATE NOCASE').all() as BillerRow[]).map(toProfile);
  }

  profile(id: string): BillerProfile {
    const row = this.db.prepare('SELECT * FROM billers WHERE id = ?').get(id) as BillerRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'That biller no longer exists. Choose another from the list.');
    return toProfile(row);
  }

  /** Finds a biller by id or (case-insensitive) name, as `--biller` accepts. */
  resolve(idOrName: string): BillerProfile {
    const row = this.db
      .prepare('SELECT * FROM billers WHERE id = ? OR name = ? COLLATE NOCASE')
      .get(idOrName, idOrName) as BillerRow | undefined;
    if (!row)
      throw new AppError('NOT_FOUND', `No biller has the id or name "${idOrName}". Run "billers list" to see them.`);
    return toProfile(row);
  }

  async withSecrets(profile: BillerProfile): Promise<Biller> {
    return { ...profile, secrets: await this.secrets.status(profile.id) };
  }

  async list(): Promise<Biller[]> {
    const profiles = this.profiles();
    return Promise.all(profiles.map((p) => this.withSecrets(p)));
  }

  async get(id: string): Promise<Biller> {
    return this.withSecrets(this.profile(id));
  }

  private assertNameFree(name: string, exceptId?: string): void {
    const clash = this.db
      .prepare('SELECT id FROM billers WHERE name = ? COLLATE NOCASE AND id != ?')
      .get(name, exceptId ?? '') as { id: string } | undefined;
    if (clash)
      throw new AppError('CONFLICT', `A biller named "${name}" already exists. Choose another name.`, {
        fields: { name: 'A biller with this name already exists.' },
      });
  }

  createProfile(fields: BillerFields, options: { sandbox?: boolean; id?: string } = {}): BillerProfile {
    const profile = this.insertProfile(fields, options);
    this.created(profile);
    return profile;
  }

  private created(profile: BillerProfile): void {
    this.audit.record('biller.create', { billerId: profile.id, subject: profile.name });
    this.events.emit('billers:changed', { id: profile.id });
  }

  private insertProfile(fields: BillerFields, options: { sandbox?: boolean; id?: string }): BillerProfile {
    this.assertNameFree(fields.name);
    const now = this.clock.now().toISOString();
    const id = options.id ?? randomUUID();
    this.db
      .prepare(
        `INSERT INTO billers (id, name, time_zone, biller_guid, invoice_type_id, invoice_format_guid, ic_host, impresa_url,
           impresa_user, posting_mode, live_posting_user, is_job_host, sandbox, created_at, updated_at)
         VALUES (@id, @name, @timeZone, @billerGuid, @invoiceTypeId, @invoiceFormatGuid, @icHost, @impresaUrl,
           @impresaUser, @postingMode, @livePostingUser, @isJobHost, @sandbox, @now, @now)`,
      )
      .run({ ...fields, id, isJobHost: fields.isJobHost ? 1 : 0, sandbox: options.sandbox ? 1 : 0, now });
    return this.profile(id);
  }

  /**
   * A new biller and its secrets, all or nothing: the keychain is checked before the profile is
   * written, and the profile is taken back if storing a secret still fails, so a retry never
   * meets "already exists".
   */
  async create(fields: BillerFields, secrets: Partial<Record<SecretName, string>> = {}): Promise<Biller> {
    const given = SECRET_NAMES.flatMap((name) => (secrets[name] ? [[name, secrets[name]] as const] : []));
    if (given.length) await this.secrets.assertAvailable();
    const profile = this.insertProfile(fields, {});
    try {
      for (const [name, value] of given) await this.secrets.set(profile.id, name, value);
    } catch (error) {
      this.db.prepare('DELETE FROM billers WHERE id = ?').run(profile.id);
      // Best effort: a secret stored before the failure must not outlive its profile, but the
      // keychain failing again must not hide the first error.
      await this.secrets.removeAll(profile.id).catch(() => undefined);
      throw error;
    }
    this.created(profile);
    for (const [name] of given) this.audit.record('secret.set', { billerId: profile.id, subject: name });
    return this.withSecrets(profile);
  }

  /** Set once by the composition root: the conversion checklist's go-live gate. */
  guardUpdates(guard: BillerUpdateGuard): void {
    this.updateGuard = guard;
  }

  async update(id: string, fields: BillerFields, options: { overrideReason?: string } = {}): Promise<Biller> {
    const before = this.profile(id);
    this.assertNameFree(fields.name, id);
    await this.updateGuard?.(before, fields, options.overrideReason);
    this.db
      .prepare(
        `UPDATE billers SET name=@name, time_zone=@timeZone, biller_guid=@billerGuid, invoice_type_id=@invoiceTypeId,
           invoice_format_guid=@invoiceFormatGuid, ic_host=@icHost, impresa_url=@impresaUrl, impresa_user=@impresaUser,
           posting_mode=@postingMode, live_posting_user=@livePostingUser, is_job_host=@isJobHost, updated_at=@now
         WHERE id=@id`,
      )
      .run({ ...fields, id, isJobHost: fields.isJobHost ? 1 : 0, now: this.clock.now().toISOString() });
    this.audit.record('biller.update', { billerId: id, subject: fields.name });
    this.events.emit('billers:changed', { id });
    return this.get(id);
  }

  /**
   * Deletes the profile, its keychain entries and (by cascade) what this computer keeps for it:
   * job history, schedules, mappings, the queue copy. Refused while the payments ledger holds any
   * payment or return: money records must never vanish with a click.
   */
  async remove(id: string): Promise<void> {
    const profile = this.profile(id);
    this.assertNoMoneyRecords(profile);
    await this.secrets.removeAll(id);
    this.db.prepare('DELETE FROM billers WHERE id = ?').run(id);
    this.audit.record('biller.remove', { billerId: id, subject: profile.name });
    this.events.emit('billers:changed', { id });
  }

  private assertNoMoneyRecords(profile: BillerProfile): void {
    // The ledger belongs to main/payments; every table there cascades from billers, so the check
    // must happen here, before the DELETE.
    const { n } = this.db
      .prepare(
        'SELECT (SELECT COUNT(*) FROM payments WHERE biller_id = @id) + (SELECT COUNT(*) FROM payment_returns WHERE biller_id = @id) AS n',
      )
      .get({ id: profile.id }) as { n: number };
    if (n === 0) return;
    throw new AppError(
      'CONFLICT',
      `"${profile.name}" cannot be deleted: its payments ledger holds ${n} payment record${n === 1 ? '' : 's'}, and payment records are never deleted. To stop it, pause its jobs on the Jobs screen; to keep a copy elsewhere, export its payments from the Payments screen.`,
    );
  }

  /** A connection test's outcome, kept in the audit log (the checklist reads the latest per system). */
  connectionTested(billerId: string, system: 'invoicecloud' | 'impresa', ok: boolean, message: string): void {
    this.audit.record('biller.connection-test', {
      billerId,
      subject: system,
      detail: ok ? 'ok' : `failed: ${message}`,
    });
    this.events.emit('checklist:changed', { billerId });
  }

  async setSecret(billerId: string, name: SecretName, value: string): Promise<void> {
    this.profile(billerId);
    await this.secrets.set(billerId, name, value);
    this.audit.record('secret.set', { billerId, subject: name });
    this.events.emit('secrets:changed', { billerId });
  }

  async removeSecret(billerId: string, name: SecretName): Promise<void> {
    this.profile(billerId);
    await this.secrets.remove(billerId, name);
    this.audit.record('secret.remove', { billerId, subject: name });
    this.events.emit('secrets:changed', { billerId });
  }
}
