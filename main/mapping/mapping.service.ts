import * as z from 'zod';
import { IC_FIELDS } from '../../shared/domain/invoicecloud-fields';
import {
  mappingRowSchema,
  type Confirmation,
  type ConfirmationStatus,
  type DiffEntry,
  type MappingRow,
  type MappingVersion,
  type PreviewRow,
  type SourceField,
  type SourceFieldType,
  type Suggestion,
  type ValidationIssue,
} from '../../shared/domain/mapping';
import type { PreviewResult, SaveResult } from '../../shared/contract/mapping';
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../ground/audit';
import type { Clock } from '../ground/clock';
import type { BillersService } from '../billers/billers.service';
import type { EventBus } from '../ipc/router';
import type { Db } from '../store/database';
import { compileMapping, type CompiledMapping, type CompileOptions } from './apply';
import { diffRows } from './diff';
import { mappingFileName, parseMappingFile, writeMappingFile } from './mapping-file';
import { STANDARD_MAPPING_LABEL, standardMapping } from './presets';
import type { SampleRecord } from './records';
import { discoveredField, discoverExtraFields, discoverSourceFields } from './source-fields';
import { suggest } from './suggest';
import { canonicalRows, hasErrors, validateMapping } from './validate';

interface VersionRow {
  version: number;
  kind: 'save' | 'revert' | 'import';
  comment: string;
  author: string;
  author_name: string;
  created_at: string;
  rows_json: string;
  reverted_from: number | null;
}

interface ConfirmationRow {
  version: number;
  confirmed_by: string;
  confirmed_by_name: string;
  confirmed_at: string;
}

/** The preview of given records; the IPC handler adds the account numbers it could not find. */
export type RecordsPreview = Omit<PreviewResult, 'notFound'>;

const rowsSchema = z.array(mappingRowSchema);
const toConfirmation = (r: ConfirmationRow): Confirmation => ({
  confirmedBy: r.confirmed_by,
  confirmedByName: r.confirmed_by_name,
  confirmedAt: r.confirmed_at,
  version: r.version,
});

function blocked(what: string, issues: readonly ValidationIssue[], withRows: boolean): AppError {
  const errors = issues.filter((i) => i.severity === 'error');
  const line = (i: ValidationIssue) => (withRows && i.row !== undefined ? `Row ${i.row}: ${i.message}` : i.message);
  const fields: Record<string, string> = {};
  for (const i of errors) {
    const key = i.target || '_';
    fields[key] = fields[key] ? `${fields[key]} ${i.message}` : i.message;
  }
  return new AppError(
    'INVALID_INPUT',
    `${what} (${errors.length} problem${errors.length === 1 ? '' : 's'}): ${errors.map(line).join(' ')}`,
    { fields },
  );
}

/**
 * The CRM field mapping per biller: append-only versions (save, import and revert each add one),
 * the built-in standard mapping as version 0 until the first save, and "Confirmed in CRM" per
 * version. The jobs read the active version; the editor, the CLI and the checklist go through here.
 */
export class MappingService {
  constructor(
    private readonly db: Db,
    private readonly billers: Pick<BillersService, 'profile'>,
    private readonly events: EventBus,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The source fields for this biller: the catalog plus fields seen on its InHANCE records. */
  sourceFields(billerId: string): SourceField[] {
    const rows = this.db
      .prepare('SELECT path, type FROM mapping_discovered_fields WHERE biller_id = ? ORDER BY path')
      .all(billerId) as Array<{ path: string; type: SourceFieldType }>;
    return discoverSourceFields(
      [],
      rows.map((r) => discoveredField(r.path, r.type)),
    );
  }

  validate(billerId: string, rows: readonly MappingRow[]): ValidationIssue[] {
    return validateMapping(rows, this.sourceFields(billerId));
  }

  private standardVersion(active: boolean): MappingVersion {
    return {
      version: 0,
      kind: 'standard',
      comment: STANDARD_MAPPING_LABEL,
      author: 'impresa-bridge',
      authorName: 'Impresa Bridge',
      createdAt: null,
      rows: standardMapping(),
      active,
      revertedFrom: null,
      confirmation: null,
    };
  }

  private latestVersionNumber(billerId: string): number {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM mapping_versions WHERE biller_id = ?').get(billerId) as {
      v: number | null;
    };
    return row.v ?? 0;
  }

  private confirmationOf(billerId: string, version: number): Confirmation | null {
    const row = this.db
      .prepare(
        'SELECT version, confirmed_by, confirmed_by_name, confirmed_at FROM mapping_confirmations WHERE biller_id = ? AND version = ? ORDER BY id DESC LIMIT 1',
      )
      .get(billerId, version) as ConfirmationRow | undefined;
    return row ? toConfirmation(row) : null;
  }

  private toVersion(billerId: string, r: VersionRow, latest: number): MappingVersion {
    return {
      version: r.version,
      kind: r.kind,
      comment: r.comment,
      author: r.author,
      authorName: r.author_name,
      createdAt: r.created_at,
      rows: rowsSchema.parse(JSON.parse(r.rows_json)),
      active: r.version === latest,
      revertedFrom: r.reverted_from,
      confirmation: this.confirmationOf(billerId, r.version),
    };
  }

  /** One version; 0 is the standard mapping. */
  getVersion(billerId: string, version: number): MappingVersion {
    this.billers.profile(billerId);
    const latest = this.latestVersionNumber(billerId);
    if (version === 0) return this.standardVersion(latest === 0);
    const row = this.db
      .prepare('SELECT * FROM mapping_versions WHERE biller_id = ? AND version = ?')
      .get(billerId, version) as VersionRow | undefined;
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        `This biller has no mapping version ${version}. The history lists the versions there are.`,
      );
    return this.toVersion(billerId, row, latest);
  }

  /** The version the jobs use: the newest saved one, or the standard mapping (version 0) before any save. */
  getActive(billerId: string): MappingVersion {
    return this.getVersion(billerId, this.latestVersionNumber(billerId));
  }

  /** The active mapping compiled for a job run; the run records `version`. */
  activeForJob(
    billerId: string,
    options: CompileOptions = {},
  ): { version: number; rows: MappingRow[]; compiled: CompiledMapping } {
    const active = this.getActive(billerId);
    return { version: active.version, rows: active.rows, compiled: compileMapping(active.rows, options) };
  }

  /** Every version, newest first, ending with the standard mapping (version 0). */
  history(billerId: string): MappingVersion[] {
    this.billers.profile(billerId);
    const latest = this.latestVersionNumber(billerId);
    const rows = this.db
      .prepare('SELECT * FROM mapping_versions WHERE biller_id = ? ORDER BY version DESC')
      .all(billerId) as VersionRow[];
    return [...rows.map((r) => this.toVersion(billerId, r, latest)), this.standardVersion(latest === 0)];
  }

  private append(
    billerId: string,
    input: {
      rows: readonly MappingRow[];
      comment: string;
      kind: VersionRow['kind'];
      revertedFrom?: number;
      baseVersion?: number;
      audit: string;
      auditDetail?: string;
    },
  ): SaveResult {
    const issues = this.validate(billerId, input.rows);
    if (hasErrors(issues)) throw blocked('The mapping was not saved', issues, false);
    const rows = canonicalRows(input.rows);
    const rowsJson = JSON.stringify(rows);
    const actor = this.audit.currentActor;
    const now = this.clock.now().toISOString();
    const version = this.db
      .transaction(() => {
        const latest = this.latestVersionNumber(billerId);
        if (input.baseVersion !== undefined && input.baseVersion !== latest) {
          throw new AppError(
            'CONFLICT',
            `Version ${latest} was saved while you were editing version ${input.baseVersion}. Reload the mapping to see it, then make your change again.`,
          );
        }
        if (latest > 0) {
          const current = this.db
            .prepare('SELECT rows_json FROM mapping_versions WHERE biller_id = ? AND version = ?')
            .get(billerId, latest) as { rows_json: string };
          if (current.rows_json === rowsJson) {
            throw new AppError('CONFLICT', `Nothing to save: the mapping is the same as the active version ${latest}.`);
          }
        }
        const next = latest + 1;
        this.db
          .prepare(
            `INSERT INTO mapping_versions (biller_id, version, kind, comment, author, author_name, created_at, rows_json, reverted_from)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            billerId,
            next,
            input.kind,
            input.comment,
            actor.id,
            actor.name,
            now,
            rowsJson,
            input.revertedFrom ?? null,
          );
        this.audit.record(input.audit, {
          billerId,
          subject: `mapping version ${next}`,
          detail: input.auditDetail ?? input.comment,
        });
        return next;
      })
      .immediate();
    this.events.emit('mapping:changed', { billerId, version });
    return { version: this.getVersion(billerId, version), warnings: issues.filter((i) => i.severity === 'warning') };
  }

  private requireComment(comment: string | undefined, fallback?: string): string {
    const text = (comment ?? '').trim() || fallback;
    if (!text)
      throw new AppError('INVALID_INPUT', 'Add a comment saying what changed and why.', {
        fields: { comment: 'Add a comment saying what changed and why.' },
      });
    return text.slice(0, 500);
  }

  /**
   * Saves rows as the next version. Errors block it (INVALID_INPUT listing them); warnings come
   * back with the saved version. `baseVersion`, when given, refuses to overwrite a newer save.
   */
  save(
    billerId: string,
    rows: readonly MappingRow[],
    comment: string,
    options: { baseVersion?: number } = {},
  ): SaveResult {
    this.billers.profile(billerId);
    const text = this.requireComment(comment);
    return this.append(billerId, {
      rows: rowsSchema.parse(rows),
      comment: text,
      kind: 'save',
      audit: 'mapping.save',
      ...options,
    });
  }

  /** Per target, what changed from version `from` to version `to` (either may be 0, the standard mapping). */
  diff(billerId: string, from: number, to: number): DiffEntry[] {
    return diffRows(this.getVersion(billerId, from).rows, this.getVersion(billerId, to).rows);
  }

  /** Makes an older version's rows active again, as a new version: history is never rewritten. */
  revert(billerId: string, version: number, comment?: string): SaveResult {
    const target = this.getVersion(billerId, version);
    const text = this.requireComment(
      comment,
      `Reverted to version ${version}${version === 0 ? ' (standard mapping)' : ''}.`,
    );
    return this.append(billerId, {
      rows: target.rows,
      comment: text,
      kind: 'revert',
      revertedFrom: version,
      audit: 'mapping.revert',
    });
  }

  /** A version (the active one by default) as the JSON of an export file. */
  export(billerId: string, version?: number): string {
    return this.exportFile(billerId, version).json;
  }

  /** The export file with a name saying which biller and version it holds. */
  exportFile(billerId: string, version?: number): { fileName: string; json: string } {
    const profile = this.billers.profile(billerId);
    const v = version === undefined ? this.getActive(billerId) : this.getVersion(billerId, version);
    const json = writeMappingFile({
      exportedAt: this.clock.now().toISOString(),
      biller: { id: profile.id, name: profile.name },
      version: v.version,
      comment: v.comment,
      rows: v.rows,
    });
    return { fileName: mappingFileName(profile.name, v.version), json };
  }

  /**
   * Reads an export file and saves it as the next version. Every problem (file, row or mapping)
   * is reported at once, by row number, and nothing is written unless there are none.
   */
  import(billerId: string, json: string, comment?: string): SaveResult {
    this.billers.profile(billerId);
    const parsed = parseMappingFile(json);
    if (!parsed.ok) {
      throw new AppError(
        'INVALID_INPUT',
        `The mapping file was not imported (${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}): ${parsed.problems.join(' ')}`,
        {
          fields: Object.fromEntries(parsed.problems.map((p, i) => [`problem${i + 1}`, p])),
        },
      );
    }
    const issues = this.validate(billerId, parsed.rows);
    if (hasErrors(issues)) throw blocked('The mapping file was not imported', issues, true);
    const o = parsed.origin;
    const from = [
      o.billerName ? `from ${o.billerName}` : '',
      o.version !== undefined ? `version ${o.version}` : '',
      o.exportedAt ? `exported ${o.exportedAt.slice(0, 10)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const text = this.requireComment(comment, `Imported from a mapping file${from ? ` (${from})` : ''}.`);
    return this.append(billerId, {
      rows: parsed.rows,
      comment: text,
      kind: 'import',
      audit: 'mapping.import',
      auditDetail: `${text}${from ? ` [${from}]` : ''}`,
    });
  }

  /** Where "Confirmed in CRM" stands for the active version: what the conversion checklist reads. */
  confirmationStatus(billerId: string): ConfirmationStatus {
    this.billers.profile(billerId);
    const active = this.latestVersionNumber(billerId);
    const row = this.db
      .prepare(
        'SELECT version, confirmed_by, confirmed_by_name, confirmed_at FROM mapping_confirmations WHERE biller_id = ? ORDER BY id DESC LIMIT 1',
      )
      .get(billerId) as ConfirmationRow | undefined;
    if (!row)
      return {
        state: 'not-confirmed',
        activeVersion: active,
        latest: null,
        message: 'The field mapping has not been confirmed in CRM yet.',
      };
    const latest = toConfirmation(row);
    const by = `${latest.confirmedByName} on ${latest.confirmedAt.slice(0, 10)}`;
    if (latest.version === active) {
      return {
        state: 'confirmed',
        activeVersion: active,
        latest,
        message: `Confirmed in CRM by ${by} (version ${active}).`,
      };
    }
    return {
      state: 'outdated',
      activeVersion: active,
      latest,
      message: `Version ${latest.version} was confirmed in CRM by ${by}; the active version ${active} is not confirmed yet.`,
    };
  }

  /**
   * Records that the PM checked `version` in IC's CRM. It must be the active version: a PM who
   * checked version 2 while someone saved version 3 has not checked version 3, so that is refused
   * (CONFLICT) rather than recorded against whatever is active now. Confirming the standard
   * mapping (version 0) first saves it as version 1, so a confirmation always names a stored
   * version. Confirming a confirmed version again changes nothing.
   */
  confirm(billerId: string, version: number): ConfirmationStatus {
    this.billers.profile(billerId);
    const latest = this.latestVersionNumber(billerId);
    this.requireActive(version, latest);
    let active = latest;
    if (active === 0) {
      // baseVersion 0: a save that lands in between is refused, not confirmed unseen.
      active = this.append(billerId, {
        rows: standardMapping(),
        comment: 'Standard mapping, saved when it was confirmed in CRM.',
        kind: 'save',
        audit: 'mapping.save',
        baseVersion: 0,
      }).version.version;
    }
    const actor = this.audit.currentActor;
    const now = this.clock.now().toISOString();
    const recorded = this.db
      .transaction(() => {
        // Checked again under the write lock: a save between the check above and here is refused too.
        this.requireActive(active, this.latestVersionNumber(billerId));
        if (this.confirmationOf(billerId, active)) return false;
        this.db
          .prepare(
            'INSERT INTO mapping_confirmations (biller_id, version, confirmed_by, confirmed_by_name, confirmed_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(billerId, active, actor.id, actor.name, now);
        this.audit.record('mapping.confirm', {
          billerId,
          subject: `mapping version ${active}`,
          detail: 'Confirmed in CRM',
        });
        return true;
      })
      .immediate();
    if (recorded) this.events.emit('mapping:changed', { billerId, version: active });
    return this.confirmationStatus(billerId);
  }

  /** Refuses a confirmation of anything but the active version, saying what to do instead. */
  private requireActive(version: number, latest: number): void {
    if (version === latest) return;
    if (version > latest) {
      throw new AppError(
        'NOT_FOUND',
        `This biller has no mapping version ${version}; the active version is ${latest}. Reload the mapping, check it in CRM, then confirm it.`,
      );
    }
    throw new AppError(
      'CONFLICT',
      `Version ${version} is no longer the active mapping: version ${latest} was saved since. Nothing was recorded. Check version ${latest} in CRM, then confirm it.`,
    );
  }

  /** Suggestions by name for the targets `rows` leaves unmapped. Returned only; nothing is saved. */
  suggest(billerId: string, rows: readonly MappingRow[]): Suggestion[] {
    this.billers.profile(billerId);
    return suggest(this.sourceFields(billerId), IC_FIELDS, rows);
  }

  /**
   * The rows as a job would write them for these InHANCE records, with the rejections and their
   * reasons. An account without a bill is mapped as the Customer job would (customer fields only).
   * Fields found on the records beyond the catalog are remembered for this biller.
   */
  preview(billerId: string, rows: readonly MappingRow[], records: readonly SampleRecord[]): RecordsPreview {
    const profile = this.billers.profile(billerId);
    const biller = { invoiceTypeId: profile.invoiceTypeId, invoiceFormatGuid: profile.invoiceFormatGuid };
    const full = compileMapping(rows);
    const customerOnly = compileMapping(rows, { sections: ['customer'] });
    let rejected = 0;
    const out = records.map((record): PreviewRow => {
      const compiled = record.bill ? full : customerOnly;
      const result = compiled.apply({
        account: record.account,
        bill: record.bill ?? null,
        biller,
        notify: record.notify ?? null,
      });
      const accountNumber = String(record.account.accountNumber ?? '');
      const invoiceNumber =
        record.bill?.invoiceNumber === undefined || record.bill?.invoiceNumber === null
          ? null
          : String(record.bill.invoiceNumber);
      if ('values' in result) return { accountNumber, invoiceNumber, values: result.values, rejected: null };
      rejected++;
      return { accountNumber, invoiceNumber, values: result.partial, rejected: result.rejected };
    });
    this.remember(billerId, discoverExtraFields(records));
    return { rows: out, rejected, sourceFields: this.sourceFields(billerId) };
  }

  private remember(billerId: string, fields: readonly SourceField[]): void {
    if (fields.length === 0) return;
    const now = this.clock.now().toISOString();
    const insert = this.db.prepare(
      `INSERT INTO mapping_discovered_fields (biller_id, path, type, first_seen_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (biller_id, path) DO UPDATE SET type = CASE WHEN type = 'unknown' THEN excluded.type ELSE type END`,
    );
    this.db.transaction(() => {
      for (const f of fields) insert.run(billerId, f.path, f.type, now);
    })();
  }
}
