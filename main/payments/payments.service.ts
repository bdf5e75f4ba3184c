import type {
  AccountMatch,
  BulkResult,
  ControlTotal,
  DownloadFile,
  QueueEntry,
  QueueFilter,
  QueueSort,
} from '../../shared/domain/payments';
import type { QueueCounts, QueuePage } from '../../shared/contract/payments';
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../ground/audit';
import type { Clock } from '../ground/clock';
import type { Logger } from '../ground/logger';
import type { BillerProfile } from '../billers/billers.service';
import type { ImpresaClient } from '../clients/impresa';
import type { InvoiceCloudClient } from '../clients/invoicecloud';
import type { EventBus } from '../ipc/router';
import type { JobDefinition } from '../jobs/job-definition';
import { addDays, startOfDayIn } from '../ground/dates';
import type { Db } from '../store/database';
import { controlTotals } from './control-totals';
import { CrashHook } from './crash-hook';
import { gatherDailyReport } from './daily-report';
import { IcTotals } from './ic-totals';
import { PaymentIntake } from './intake';
import { PaymentLedger } from './ledger';
import { checkLedger, type LedgerCheck } from './ledger-check';
import { dayIn } from './payment-states';
import { PAYMENTS_CURSOR, paymentsJob } from './payments-job';
import { PaymentsAudit, type AuditFilter } from './payments-audit';
import { Posting, type BulkInput, type ReassignInput } from './posting';
import { toQueueEntry } from './queue-rows';
import { QueueStore } from './queue-store';
import { QueueSync } from './queue-sync';
import { reportCsv, reportPdf } from './report-files';
import { ReturnsPath } from './returns';
import { WriteBack } from './write-back';
import { WritePath } from './write-path';

export interface PaymentsServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  events: EventBus;
  log: Logger;
  billers: { profile(id: string): BillerProfile };
  clients: { forBiller(billerId: string): Promise<{ ic: InvoiceCloudClient; impresa: ImpresaClient }> };
  /** One of the Payments job's committed cursors, by name (the feed cursor, for `ledger check`). */
  cursor(billerId: string, name: string): string | null;
  crash?: CrashHook;
  /** A copy of the queue older than this is stale (QUEUE_REFRESH_MS unless a test says otherwise). */
  refreshAfterMs?: number;
}

/**
 * How fresh the queue copy is kept, decided here only: older than this, a read of the copy
 * refreshes it from InHANCE in the background, and an open Payments screen (told through `counts`)
 * asks for a refresh this often.
 */
export const QUEUE_REFRESH_MS = 20_000;

/** Default control-totals window: the last two weeks of deposit days. */
const CONTROL_DAYS = 14;

/**
 * The payments core: the ledger and the Payments job (its write half is PaymentIntake), the
 * clerk's queue read from InHANCE, the posting actions, control totals, the daily report, the
 * audit views and `ledger check`. IPC, CLI and the job all call this.
 */
export class PaymentsService {
  readonly ledger: PaymentLedger;
  readonly store: QueueStore;
  readonly intake: PaymentIntake;
  readonly posting: Posting;
  readonly icTotals: IcTotals;
  /** Where every answer from InHANCE reaches the ledger, the queue copy and the screens. */
  readonly writeBack: WriteBack;
  private readonly sync: QueueSync;
  private readonly auditView: PaymentsAudit;
  private readonly crash: CrashHook;
  private readonly refreshing = new Map<string, Promise<{ syncedAt: string; entries: number; changed: number }>>();
  private readonly clocks = new Map<string, { now(): Date }>();

  constructor(private readonly deps: PaymentsServiceDeps) {
    const { db, clock } = deps;
    this.crash = deps.crash ?? CrashHook.fromEnv();
    this.ledger = new PaymentLedger(db);
    this.store = new QueueStore(db);
    this.icTotals = new IcTotals(db);
    this.writeBack = new WriteBack({ ledger: this.ledger, store: this.store, clock, events: deps.events });
    this.sync = new QueueSync({
      store: this.store,
      ledger: this.ledger,
      writeBack: this.writeBack,
      clock,
      totals: this.icTotals,
    });
    this.auditView = new PaymentsAudit(deps.audit);
    this.intake = new PaymentIntake({
      ledger: this.ledger,
      writeBack: this.writeBack,
      write: new WritePath({ ledger: this.ledger, clock, crash: this.crash, writeBack: this.writeBack }),
      returns: new ReturnsPath(this.ledger, clock, this.crash),
      clock,
      crash: this.crash,
      impresa: (id) => this.impresa(id),
      audited: (biller, action, subject, detail) =>
        deps.audit.record(action, {
          billerId: biller.id,
          subject,
          detail,
          actor: { id: biller.livePostingUser, name: `${biller.livePostingUser} (Payments job)` },
        }),
    });
    this.posting = new Posting({
      ledger: this.ledger,
      writeBack: this.writeBack,
      audit: deps.audit,
      events: deps.events,
      biller: (id) => deps.billers.profile(id),
      impresa: (id) => this.impresa(id),
    });
  }

  private async impresa(billerId: string): Promise<ImpresaClient> {
    return (await this.deps.clients.forBiller(billerId)).impresa;
  }

  /** The Payments job (download → ledger → InHANCE → cursor). */
  job(options: { pageSize?: number } = {}): JobDefinition {
    return paymentsJob({
      intake: this.intake,
      invoiceCloud: async (id) => (await this.deps.clients.forBiller(id)).ic,
      crash: this.crash,
      publishIcTotals: async (ctx) =>
        this.icTotals.publish(ctx, {
          impresa: await this.impresa(ctx.biller.id),
          today: this.today(ctx.biller.id),
          at: () => this.now(),
        }),
      ...options,
    });
  }

  /** "Today" for a biller comes from this clock (the embedded sandbox runs on its own simulated time). */
  useClock(billerId: string, clock: { now(): Date }): void {
    this.clocks.set(billerId, clock);
  }

  /** Now on the app's clock, as an ISO instant. */
  now(): string {
    return this.deps.clock.now().toISOString();
  }

  today(billerId: string): string {
    const biller = this.deps.billers.profile(billerId);
    return dayIn((this.clocks.get(billerId) ?? this.deps.clock).now(), biller.timeZone);
  }

  // ------------------------------------------------------------ the queue

  /** Reads the queue from InHANCE now (one refresh at a time per biller). */
  refresh(billerId: string): Promise<{ syncedAt: string; entries: number; changed: number }> {
    const running = this.refreshing.get(billerId);
    if (running) return running;
    const biller = this.deps.billers.profile(billerId);
    const work = (async () => {
      const result = await this.sync.sync(biller, await this.impresa(billerId), this.today(billerId));
      if (result.changed > 0) this.writeBack.changed(billerId, 'sync');
      return result;
    })().finally(() => this.refreshing.delete(billerId));
    this.refreshing.set(billerId, work);
    return work;
  }

  /** How old the queue copy may be before it is read again from InHANCE. */
  get refreshAfterMs(): number {
    return this.deps.refreshAfterMs ?? QUEUE_REFRESH_MS;
  }

  /** Waits for InHANCE only when there is no copy yet; a stale copy is refreshed in the background. */
  private async fresh(billerId: string): Promise<{ syncedAt: string | null; stale: boolean }> {
    const syncedAt = this.store.syncedAt(billerId);
    if (!syncedAt) {
      const r = await this.refresh(billerId);
      return { syncedAt: r.syncedAt, stale: false };
    }
    const age = this.deps.clock.now().getTime() - Date.parse(syncedAt);
    const stale = age > this.refreshAfterMs;
    if (stale)
      this.refresh(billerId).catch((error: unknown) =>
        this.deps.log.warn(`Refreshing the payments queue from InHANCE failed: ${(error as Error).message}`),
      );
    return { syncedAt, stale };
  }

  async list(
    input: QueueFilter & { sort: QueueSort; direction: 'asc' | 'desc'; offset: number; limit: number },
  ): Promise<QueuePage> {
    const { syncedAt, stale } = await this.fresh(input.billerId);
    const page = this.store.page(input, this.today(input.billerId), input, input.offset, input.limit);
    return {
      rows: page.rows.map(toQueueEntry),
      total: page.total,
      totalCents: page.totalCents,
      offset: input.offset,
      syncedAt,
      stale,
    };
  }

  async counts(billerId: string): Promise<QueueCounts> {
    const biller = this.deps.billers.profile(billerId);
    const { syncedAt } = await this.fresh(billerId);
    const today = this.today(billerId);
    return {
      tabs: this.store.counts(billerId, today),
      postingMode: biller.postingMode,
      livePostingUser: biller.livePostingUser,
      today,
      now: (this.clocks.get(billerId) ?? this.deps.clock).now().toISOString(),
      syncedAt,
      refreshAfterMs: this.refreshAfterMs,
      actor: { ...this.deps.audit.currentActor },
    };
  }

  async ids(filter: QueueFilter): Promise<{ entryIds: string[]; count: number; totalCents: number }> {
    await this.fresh(filter.billerId);
    const { entryIds, totalCents } = this.store.ids(filter, this.today(filter.billerId));
    return { entryIds, count: entryIds.length, totalCents };
  }

  /** One queue row by entry id (after an action, for the CLI). */
  entry(billerId: string, entryId: string): QueueEntry | null {
    const row = this.store.byEntryId(billerId, entryId);
    return row ? toQueueEntry(row) : null;
  }

  /**
   * The clerk's actions. `expected` is the state the clerk saw the entries in (the screen always
   * sends it): an entry InHANCE now holds in another state is left alone (STATE_CHANGED).
   */
  post(input: BulkInput): Promise<BulkResult> {
    return this.posting.post(input);
  }

  hold(input: BulkInput & { reason?: string | undefined }): Promise<BulkResult> {
    return this.posting.hold(input);
  }

  reject(input: BulkInput & { reason: string }): Promise<BulkResult> {
    return this.posting.reject(input);
  }

  /** Never puts back an entry pulled for an ACH return or card reversal (PAYMENT_RETURNED). */
  undo(input: BulkInput): Promise<BulkResult> {
    return this.posting.undo(input);
  }

  reassign(input: ReassignInput) {
    return this.posting.reassign(input);
  }

  /** InHANCE accounts by number prefix (digits and dashes) or part of the name. */
  async searchAccounts({
    billerId,
    query,
    ...options
  }: {
    billerId: string;
    query: string;
    status?: 'active' | 'closed' | 'final' | undefined;
    limit?: number | undefined;
  }): Promise<AccountMatch[]> {
    const q = query.trim();
    if (!q) throw new AppError('INVALID_INPUT', 'Type an account number or a name.');
    const impresa = await this.impresa(billerId);
    const byNumber = /^[\d-]+$/.test(q);
    const accounts = await impresa.searchAccounts({
      ...(byNumber ? { number: q } : { name: q }),
      ...(options.status ? { status: options.status } : {}),
      limit: options.limit ?? 20,
    });
    return accounts.map((a) => ({
      accountNumber: a.accountNumber,
      name: a.name,
      status: a.status,
      balanceCents: a.balanceCents,
      address: [
        a.address.line1,
        a.address.line2,
        [a.address.city, `${a.address.state} ${a.address.zip}`.trim()].filter(Boolean).join(', '),
      ]
        .filter(Boolean)
        .join(', '),
    }));
  }

  // ------------------------------------------------------------ totals, report, audit, check

  async controlTotals({
    billerId,
    from,
    to,
  }: {
    billerId: string;
    from?: string | undefined;
    to?: string | undefined;
  }): Promise<ControlTotal[]> {
    const biller = this.deps.billers.profile(billerId);
    await this.fresh(billerId);
    const end = to ?? this.today(billerId);
    const start = from ?? addDays(end, -(CONTROL_DAYS - 1));
    return this.totals(biller, start, end);
  }

  private totals(biller: BillerProfile, from: string | null, to: string | null): ControlTotal[] {
    const payments = this.ledger.totalsPayments(biller.id, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    return controlTotals({
      payments,
      returns: this.ledger.returns(biller.id),
      rows: this.store.totalsRows(biller.id, from, to),
      hasLedger: biller.isJobHost || payments.length > 0,
      batches: this.icTotals.byDay(biller.id, from, to),
    });
  }

  /** The daily report for a day, as a file (InHANCE read fresh, the queue copy refreshed first). */
  async report({
    billerId,
    date,
    format,
  }: {
    billerId: string;
    date: string;
    format: 'csv' | 'pdf';
  }): Promise<DownloadFile> {
    const biller = this.deps.billers.profile(billerId);
    const impresa = await this.impresa(billerId);
    await this.refresh(billerId);
    const names = this.deps.audit.actorNames({ actionPrefix: 'payment.' });
    try {
      for (const u of await impresa.listUsers())
        if (!names.has(u.username)) names.set(u.username, u.displayName || u.username);
    } catch (error) {
      this.deps.log.warn(`The InHANCE user list could not be read for the report: ${(error as Error).message}`);
    }
    const report = await gatherDailyReport({
      biller,
      impresa,
      ledger: this.ledger,
      date,
      generatedAt: this.deps.clock.now().toISOString(),
      generatedBy: this.deps.audit.currentActor.name,
      names,
      knownNames: (guid) => this.store.get(billerId, guid)?.customerName ?? '',
      controls: (days) =>
        days.length === 0
          ? []
          : this.totals(biller, days[0]!, days.at(-1)!).filter((c) => days.includes(c.depositDate)),
      history: this.auditView.entryEvents(billerId, startOfDayIn(date, biller.timeZone).toISOString()),
      copyOf: (entryId) => this.store.byEntryId(billerId, entryId),
    });
    const safeName = biller.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'biller';
    const bytes = format === 'csv' ? Buffer.from(reportCsv(report), 'utf8') : await reportPdf(report);
    return {
      fileName: `payments-${safeName}-${date}.${format}`,
      mimeType: format === 'csv' ? 'text/csv' : 'application/pdf',
      bytes: bytes.length,
      base64: bytes.toString('base64'),
    };
  }

  auditLog({ offset, limit, ...filter }: AuditFilter & { offset: number; limit: number }) {
    return this.auditView.list(filter, this.deps.billers.profile(filter.billerId).timeZone, offset, limit);
  }

  auditExport(filter: AuditFilter): DownloadFile {
    const biller = this.deps.billers.profile(filter.billerId);
    const bytes = Buffer.from(this.auditView.csv(filter, biller.timeZone), 'utf8');
    return {
      fileName: `payments-audit-${this.today(biller.id)}.csv`,
      mimeType: 'text/csv',
      bytes: bytes.length,
      base64: bytes.toString('base64'),
    };
  }

  /** `ledger check`: the invariants against InHANCE and IC themselves. */
  async check(billerId: string): Promise<LedgerCheck> {
    const biller = this.deps.billers.profile(billerId);
    const { ic, impresa } = await this.deps.clients.forBiller(billerId);
    await this.refresh(billerId);
    return checkLedger({
      biller,
      impresa,
      ic,
      ledger: this.ledger,
      cursor: Number(this.deps.cursor(billerId, PAYMENTS_CURSOR) ?? '0') || 0,
      controlTotals: this.totals(biller, null, null),
    });
  }
}
