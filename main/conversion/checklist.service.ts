import { stringify } from 'csv-stringify/sync';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_ROLES,
  checklistItemDef,
  GO_LIVE_LABELS,
  ITEM_STATUS_LABELS,
  ROLE_LABELS,
  type Checklist,
  type ChecklistItem,
  type ChecklistRole,
  type GoLiveAction,
  type ItemChange,
  type ItemStatus,
  type Readiness,
  type ReadinessSummary,
} from '../../shared/domain/checklist';
import { JOB_KINDS, JOB_LABELS, DEFAULT_SCHEDULES } from '../../shared/domain/jobs';
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../ground/audit';
import type { Clock } from '../ground/clock';
import type { BillerProfile, BillersService } from '../billers/billers.service';
import type { EventBus } from '../ipc/router';
import type { InvoiceFileSettingsStore } from '../jobs/definitions';
import type { JobsService } from '../jobs/jobs.service';
import type { MappingService } from '../mapping/mapping.service';
import type { Db } from '../store/database';
import { evaluateRule, type ChecklistFacts, type Stamp } from './checklist-rules';
import type { SetupService } from './setup.service';

interface ItemRow {
  item_id: string;
  status: ItemStatus | null;
  owner: string | null;
  due: string | null;
  notes: string | null;
  evidence: string | null;
  updated_at: string;
  updated_by: string;
}

export interface ChecklistDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  events: EventBus;
  billers: BillersService;
  setup: SetupService;
  mapping: MappingService;
  jobs: JobsService;
  invoiceFileSettings: InvoiceFileSettingsStore;
  /** The date of the biller's last weekly support call on record (the Calls domain), or null. */
  lastCallAt: (billerId: string) => string | null;
}

function readiness(items: ChecklistItem[]): Readiness {
  const required = items.filter((i) => i.required);
  return {
    done: items.filter((i) => i.status === 'done').length,
    total: items.length,
    requiredDone: required.filter((i) => i.status === 'done').length,
    requiredTotal: required.length,
  };
}

/** Builds a checklist from the pure rules and what people set; applies the go-live gate. */
export class ChecklistService {
  constructor(private readonly deps: ChecklistDeps) {}

  /** Reads what the app knows about a biller, for the rules. */
  async facts(biller: BillerProfile): Promise<ChecklistFacts> {
    const { db, audit, billers, setup, mapping, jobs, invoiceFileSettings } = this.deps;
    const withSecrets = await billers.withSecrets(biller);
    const s = setup.get(biller.id);
    const lastTest = (system: 'invoicecloud' | 'impresa', secret: string): Stamp | null => {
      const [row] = audit.query(
        { billerId: biller.id, actions: ['biller.connection-test'], subject: system },
        { limit: 1 },
      );
      if (!row || row.detail !== 'ok') return null;
      // A secret replaced after the test has not been tested.
      const later = audit.count({ billerId: biller.id, actions: ['secret.set'], subject: secret, afterId: row.id }) > 0;
      return later ? null : { at: row.at, by: row.actorName };
    };
    const firstSuccess = db
      .prepare(
        "SELECT job, MIN(ended_at) AS at, trigger FROM job_runs WHERE biller_id = ? AND state = 'succeeded' AND dry_run = 0 GROUP BY job",
      )
      .all(biller.id) as Array<{ job: string; at: string; trigger: string }>;
    return {
      biller: {
        invoiceFormatGuid: biller.invoiceFormatGuid,
        postingMode: biller.postingMode,
        createdAt: biller.createdAt,
      },
      secrets: {
        webServiceKey: withSecrets.secrets['web-service-key'],
        impresaPassword: withSecrets.secrets['impresa-password'],
      },
      connections: {
        invoicecloud: lastTest('invoicecloud', 'web-service-key'),
        impresa: lastTest('impresa', 'impresa-password'),
      },
      setup: s.fields,
      pdfCheck: s.pdfCheck,
      sampleImage: s.sampleImage,
      bifDates: invoiceFileSettings.get(biller.id).described,
      mapping: mapping.confirmationStatus(biller.id),
      jobs: JOB_KINDS.map((kind) => {
        const status = jobs.status(biller, kind);
        const first = firstSuccess.find((r) => r.job === kind);
        return {
          label: JOB_LABELS[kind],
          atDocumentFrequency:
            status.isDefaultSchedule || JSON.stringify(status.schedule) === JSON.stringify(DEFAULT_SCHEDULES[kind]),
          scheduleText: status.scheduleText,
          firstSuccess: first
            ? { at: first.at, by: first.trigger === 'manual' ? 'a manual run' : `a ${first.trigger} run` }
            : null,
        };
      }),
      lastCallAt: this.deps.lastCallAt(biller.id),
      now: this.deps.clock.now(),
    };
  }

  /** The items with their effective status; pure over the facts and the stored rows. */
  static build(facts: ChecklistFacts, rows: ItemRow[]): ChecklistItem[] {
    return CHECKLIST_ITEMS.map((def) => {
      const row = rows.find((r) => r.item_id === def.id);
      const auto = def.auto ? evaluateRule(def.auto, facts) : null;
      const base = {
        id: def.id,
        role: def.role,
        section: def.section,
        text: def.text,
        who: def.who ?? null,
        required: def.required,
        auto: def.auto ?? null,
        owner: row?.owner ?? null,
        due: row?.due ?? null,
        notes: row?.notes ?? null,
        evidence: row?.evidence ?? null,
        updatedAt: row?.updated_at ?? null,
        updatedBy: row?.updated_by ?? null,
      };
      if (auto?.done)
        return { ...base, status: 'done' as const, source: 'auto' as const, statusText: `done: ${auto.text}` };
      if (row?.status) {
        const set = `${row.updated_by} on ${row.updated_at.slice(0, 10)}`;
        const statusText =
          row.status === 'done'
            ? `done by hand: marked by ${set}`
            : `${ITEM_STATUS_LABELS[row.status].toLowerCase()} (set by ${set})${auto ? `. ${auto.text}` : ''}`;
        return { ...base, status: row.status, source: 'manual' as const, statusText };
      }
      return { ...base, status: 'not-started' as const, source: null, statusText: auto ? auto.text : 'Not started.' };
    });
  }

  private rows(billerId: string): ItemRow[] {
    return this.deps.db.prepare('SELECT * FROM checklist_items WHERE biller_id = ?').all(billerId) as ItemRow[];
  }

  async get(billerId: string): Promise<Checklist> {
    const biller = this.deps.billers.profile(billerId);
    const items = ChecklistService.build(await this.facts(biller), this.rows(billerId));
    const byRole = Object.fromEntries(
      CHECKLIST_ROLES.map((r) => [r, readiness(items.filter((i) => i.role === r))]),
    ) as Record<ChecklistRole, Readiness>;
    const overall = readiness(items);
    return {
      billerId,
      billerName: biller.name,
      sandbox: biller.sandbox,
      items,
      byRole,
      overall,
      ready: overall.requiredDone === overall.requiredTotal,
    };
  }

  async summary(): Promise<ReadinessSummary[]> {
    const out: ReadinessSummary[] = [];
    for (const b of this.deps.billers.profiles()) {
      const { items: _items, ...rest } = await this.get(b.id);
      out.push(rest);
    }
    return out;
  }

  /** A person changes an item: stored, written to the audit log with who and when. */
  async set(change: ItemChange): Promise<ChecklistItem> {
    const def = checklistItemDef(change.itemId);
    if (!def)
      throw new AppError(
        'NOT_FOUND',
        `No checklist item has the id "${change.itemId}". Run "checklist show" to see them.`,
      );
    this.deps.billers.profile(change.billerId);
    const current = this.rows(change.billerId).find((r) => r.item_id === def.id);
    const pick = <K extends 'owner' | 'due' | 'notes' | 'evidence'>(k: K) =>
      change[k] === undefined ? (current?.[k] ?? null) : change[k] || null;
    const next = {
      billerId: change.billerId,
      itemId: def.id,
      status: change.status ?? current?.status ?? null,
      owner: pick('owner'),
      due: pick('due'),
      notes: pick('notes'),
      evidence: pick('evidence'),
      now: this.deps.clock.now().toISOString(),
      by: this.deps.audit.currentActor.name,
    };
    this.deps.db
      .prepare(
        `INSERT INTO checklist_items (biller_id, item_id, status, owner, due, notes, evidence, updated_at, updated_by)
         VALUES (@billerId, @itemId, @status, @owner, @due, @notes, @evidence, @now, @by)
         ON CONFLICT (biller_id, item_id) DO UPDATE SET status = @status, owner = @owner, due = @due, notes = @notes, evidence = @evidence, updated_at = @now, updated_by = @by`,
      )
      .run(next);
    const parts = [
      change.status !== undefined ? `status ${change.status}` : '',
      change.owner !== undefined ? `owner ${change.owner || '(none)'}` : '',
      change.due !== undefined ? `due ${change.due || '(none)'}` : '',
      change.notes !== undefined ? 'notes' : '',
      change.evidence !== undefined ? `evidence ${change.evidence || '(none)'}` : '',
    ].filter(Boolean);
    this.deps.audit.record('checklist.set', {
      billerId: change.billerId,
      subject: def.id,
      detail: parts.join('; ') || 'no change',
    });
    this.deps.events.emit('checklist:changed', { billerId: change.billerId });
    const checklist = await this.get(change.billerId);
    return checklist.items.find((i) => i.id === def.id)!;
  }

  async exportCsv(billerId: string): Promise<{ fileName: string; csv: string }> {
    const c = await this.get(billerId);
    const rows = c.items.map((i) => [
      ROLE_LABELS[i.role],
      i.section,
      i.text,
      i.required ? 'yes' : 'no',
      ITEM_STATUS_LABELS[i.status],
      i.statusText,
      i.owner ?? '',
      i.due ?? '',
      i.notes ?? '',
      i.evidence ?? '',
      i.updatedBy ?? '',
      i.updatedAt ?? '',
    ]);
    const csv = stringify(
      [
        [
          'Role',
          'Section',
          'Item',
          'Required',
          'Status',
          'How',
          'Owner',
          'Due',
          'Notes',
          'Evidence',
          'Updated by',
          'Updated at',
        ],
        ...rows,
      ],
      { record_delimiter: '\r\n' },
    );
    const safe = c.billerName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'biller';
    return { fileName: `checklist-${safe}-${this.deps.clock.now().toISOString().slice(0, 10)}.csv`, csv };
  }

  /**
   * The go-live gate. The sandbox biller is never gated; a real one needs every required item
   * done, or an override with a reason, which goes to the audit log with the items still open.
   */
  async assertGoLive(billerId: string, action: GoLiveAction, overrideReason?: string): Promise<void> {
    const biller = this.deps.billers.profile(billerId);
    if (biller.sandbox) return;
    const c = await this.get(billerId);
    const open = c.items.filter((i) => i.required && i.status !== 'done');
    if (open.length === 0) return;
    const reason = overrideReason?.trim();
    if (reason) {
      this.deps.audit.record('golive.override', {
        billerId,
        subject: action,
        detail: `${reason} [open: ${open.map((i) => i.id).join(', ')}]`,
      });
      return;
    }
    const list = open
      .slice(0, 3)
      .map((i) => `“${i.text}”`)
      .join('; ');
    throw new AppError(
      'GO_LIVE_BLOCKED',
      `Cannot ${GO_LIVE_LABELS[action]} for ${biller.name} yet: ${open.length} required checklist item${open.length === 1 ? ' is' : 's are'} not done (${list}${open.length > 3 ? '; …' : ''}). Finish them, or override with a reason (Conversion screen, or "checklist go-live --override-reason").`,
    );
  }
}
