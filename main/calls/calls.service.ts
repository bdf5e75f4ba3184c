import { createHash, randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import {
  actionItemInputSchema,
  callInputSchema,
  CALLS_SECRET_LABELS,
  CALLS_SECRET_NAMES,
  DEFAULT_SERIES,
  escalationInputSchema,
  seriesInputSchema,
  SMARTSHEET_DEFAULT_TITLES,
  SMARTSHEET_DEFAULT_URL,
  SMARTSHEET_FIELDS,
  syncSettingsInputSchema,
  type ActionItem,
  type ActionItemInput,
  type Agenda,
  type Attendee,
  type Call,
  type CallInput,
  type CallsSecretName,
  type CallSummary,
  type ConfluencePublishResult,
  type Escalation,
  type OpenIssue,
  type Series,
  type SeriesInput,
  type SheetColumns,
  type SmartsheetField,
  type SmartsheetSyncResult,
  type SyncSettings,
  type SyncSettingsInput,
} from '../../shared/domain/calls';
import type { DownloadFile } from '../../shared/domain/payments';
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../ground/audit';
import { delay, type Clock } from '../ground/clock';
import { addDays } from '../ground/dates';
import type { BillersService } from '../billers/billers.service';
import { ConfluenceClient, ConfluenceError, type ConfluencePage } from '../clients/confluence/confluence-client';
import { SmartsheetClient, SmartsheetError, type RowCell, type Sleeper } from '../clients/smartsheet/smartsheet-client';
import type { EventBus } from '../ipc/router';
import type { SecretStore } from '../secrets/secret-store';
import type { Db } from '../store/database';
import {
  buildAgenda,
  callMarkdown,
  carriedOver,
  joinText,
  nextOccurrences,
  openEscalationsOn,
  openIssues,
  type ControlDayFact,
  type JobFailureFact,
  type OpenIssueFilter,
} from './rules';

/** What the agenda reads from the other domains (wired in the composition root). */
export interface AgendaSources {
  jobFailures(billerId: string, sinceIso: string | null): JobFailureFact[];
  controlDaysOff(billerId: string, from: string, to: string): Promise<ControlDayFact[]>;
  /** Conversion checklist items that are blocked or past their due date, one sentence each. */
  checklistBlockedOrOverdue(billerId: string, today: string): Promise<string[]>;
}

export const noAgendaSources: AgendaSources = {
  jobFailures: () => [],
  controlDaysOff: async () => [],
  checklistBlockedOrOverdue: async () => [],
};

interface CallRow {
  id: string;
  biller_id: string;
  date: string;
  summary: string;
  blockers: string;
  decisions: string;
  attendees_json: string;
  published_at: string | null;
}

interface ActionRow {
  id: string;
  biller_id: string;
  call_id: string;
  call_date: string;
  text: string;
  owner: string;
  role: string;
  due_date: string | null;
  status: 'open' | 'done';
  done_on: string | null;
  smartsheet_row_id: number | null;
  synced_at: string | null;
  synced_hash: string | null;
}

interface EscalationRow {
  id: string;
  biller_id: string;
  call_id: string;
  call_date: string;
  issue: string;
  to_whom: string;
  channel: string;
  status: 'open' | 'resolved';
  resolved_on: string | null;
}

function invalid(error: { issues: Array<{ message: string; path: PropertyKey[] }> }): AppError {
  const fields = Object.fromEntries(error.issues.map((i) => [i.path.map(String).join('.'), i.message]));
  return new AppError('INVALID_INPUT', error.issues[0]?.message ?? 'The input is not valid.', { fields });
}

function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: Array<{ message: string; path: PropertyKey[] }> } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(r.error);
  return r.data;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface CallsServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  events: EventBus;
  billers: BillersService;
  secrets: SecretStore;
  agenda?: AgendaSources;
  /** Waits between Smartsheet rate-limit retries (tests pass a fake clock's). */
  sleeper?: Sleeper;
}

export class CallsService {
  private readonly sleeper: Sleeper;
  private agendaSources: AgendaSources;

  constructor(private readonly deps: CallsServiceDeps) {
    this.sleeper = deps.sleeper ?? { sleep: (ms) => delay(deps.clock, ms) };
    this.agendaSources = deps.agenda ?? noAgendaSources;
  }

  useAgendaSources(sources: AgendaSources): void {
    this.agendaSources = sources;
  }

  /** The biller's "today" (its time zone). */
  today(billerId: string): string {
    const tz = this.deps.billers.profile(billerId).timeZone;
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      this.deps.clock.now(),
    );
  }

  // ---- meeting series -------------------------------------------------------------------------

  series(billerId: string | null): Series {
    const row = (
      billerId
        ? this.deps.db.prepare('SELECT * FROM call_series WHERE biller_id = ?').get(billerId)
        : this.deps.db.prepare('SELECT * FROM call_series WHERE biller_id IS NULL').get()
    ) as Record<string, unknown> | undefined;
    const fallback =
      billerId && !row
        ? (this.deps.db.prepare('SELECT * FROM call_series WHERE biller_id IS NULL').get() as
            Record<string, unknown> | undefined)
        : undefined;
    const r = row ?? fallback;
    const base: SeriesInput = r
      ? {
          title: r.title as string,
          meetingId: r.meeting_id as string,
          passcode: r.passcode as string,
          joinUrl: (r.join_url as string | null) ?? null,
          dialIn: r.dial_in as string,
          conferenceId: r.conference_id as string,
          weekday: (r.weekday as number | null) ?? null,
          time: (r.time as string | null) ?? null,
          timeZone: r.time_zone as string,
          host: r.host as string,
          reminderMinutes: r.reminder_minutes as number,
        }
      : { ...DEFAULT_SERIES };
    return {
      ...base,
      id: row ? (row.id as string) : 'default',
      billerId: row ? billerId : null,
      next: nextOccurrences(base, this.deps.clock.now()),
      joinText: joinText(base),
    };
  }

  saveSeries(billerId: string | null, input: unknown): Series {
    const s = parse(seriesInputSchema, input);
    if (billerId) this.deps.billers.profile(billerId);
    const existing = (
      billerId
        ? this.deps.db.prepare('SELECT id FROM call_series WHERE biller_id = ?').get(billerId)
        : this.deps.db.prepare('SELECT id FROM call_series WHERE biller_id IS NULL').get()
    ) as { id: string } | undefined;
    const values = [
      s.title,
      s.meetingId,
      s.passcode,
      s.joinUrl,
      s.dialIn,
      s.conferenceId,
      s.weekday,
      s.time,
      s.timeZone,
      s.host,
      s.reminderMinutes,
      this.deps.clock.now().toISOString(),
    ];
    if (existing)
      this.deps.db
        .prepare(
          'UPDATE call_series SET title=?, meeting_id=?, passcode=?, join_url=?, dial_in=?, conference_id=?, weekday=?, time=?, time_zone=?, host=?, reminder_minutes=?, updated_at=? WHERE id=?',
        )
        .run(...values, existing.id);
    else
      this.deps.db
        .prepare(
          'INSERT INTO call_series (title, meeting_id, passcode, join_url, dial_in, conference_id, weekday, time, time_zone, host, reminder_minutes, updated_at, id, biller_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
        )
        .run(...values, randomUUID(), billerId);
    this.deps.audit.record('calls.series', { billerId, subject: s.title });
    return this.series(billerId);
  }

  // ---- calls, action items, escalations -------------------------------------------------------

  private actions(billerId?: string): ActionItem[] {
    const rows = this.deps.db
      .prepare(
        `SELECT a.*, c.date AS call_date FROM call_action_items a JOIN calls c ON c.id = a.call_id WHERE (@b IS NULL OR a.biller_id = @b) ORDER BY c.date, a.created_at`,
      )
      .all({ b: billerId ?? null }) as ActionRow[];
    return rows.map((r) => {
      const item: ActionItem = {
        id: r.id,
        billerId: r.biller_id,
        callId: r.call_id,
        raisedOn: r.call_date,
        text: r.text,
        owner: r.owner,
        role: r.role as ActionItem['role'],
        dueDate: r.due_date,
        status: r.status,
        doneOn: r.done_on,
        smartsheetRowId: r.smartsheet_row_id,
        syncedAt: r.synced_at,
        changedSinceSync: false,
      };
      item.changedSinceSync = r.synced_hash !== this.rowHash(item);
      return item;
    });
  }

  private escalations(billerId?: string): Escalation[] {
    const rows = this.deps.db
      .prepare(
        `SELECT e.*, c.date AS call_date FROM call_escalations e JOIN calls c ON c.id = e.call_id WHERE (@b IS NULL OR e.biller_id = @b) ORDER BY c.date, e.created_at`,
      )
      .all({ b: billerId ?? null }) as EscalationRow[];
    return rows.map((r) => ({
      id: r.id,
      billerId: r.biller_id,
      callId: r.call_id,
      raisedOn: r.call_date,
      issue: r.issue,
      toWhom: r.to_whom,
      channel: r.channel as Escalation['channel'],
      status: r.status,
      resolvedOn: r.resolved_on,
    }));
  }

  private callRow(billerId: string, date: string): CallRow | undefined {
    return this.deps.db.prepare('SELECT * FROM calls WHERE biller_id = ? AND date = ?').get(billerId, date) as
      CallRow | undefined;
  }

  list(billerId: string): CallSummary[] {
    this.deps.billers.profile(billerId);
    const items = this.actions(billerId);
    const esc = this.escalations(billerId);
    const rows = this.deps.db
      .prepare('SELECT * FROM calls WHERE biller_id = ? ORDER BY date DESC')
      .all(billerId) as CallRow[];
    return rows.map((r) => ({
      id: r.id,
      billerId: r.biller_id,
      date: r.date,
      summary: r.summary,
      actionItems: items.filter((i) => i.callId === r.id).length,
      openActionItems: items.filter((i) => i.callId === r.id && i.status === 'open').length,
      escalations: esc.filter((e) => e.callId === r.id).length,
    }));
  }

  get(billerId: string, date: string): Call {
    const row = this.callRow(billerId, date);
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        `There is no call on ${date} for ${this.deps.billers.profile(billerId).name}. Add it first (calls add --date ${date}).`,
      );
    const items = this.actions(billerId);
    const esc = this.escalations(billerId);
    return {
      id: row.id,
      billerId,
      date: row.date,
      summary: row.summary,
      blockers: row.blockers,
      decisions: row.decisions,
      attendees: JSON.parse(row.attendees_json) as Attendee[],
      actionItems: items.filter((i) => i.callId === row.id),
      carriedOver: carriedOver(items, row.date, row.id),
      escalations: esc.filter((e) => e.callId === row.id),
      openEscalations: openEscalationsOn(esc, row.date, row.id),
      publishedAt: row.published_at,
    };
  }

  /** Creates the call on that date, or updates its notes (attendees, summary, blockers, decisions). */
  save(input: CallInput): Call {
    const c = parse(callInputSchema, input);
    this.deps.billers.profile(c.billerId);
    const now = this.deps.clock.now().toISOString();
    const existing = this.callRow(c.billerId, c.date);
    if (existing)
      this.deps.db
        .prepare('UPDATE calls SET summary=?, blockers=?, decisions=?, attendees_json=?, updated_at=? WHERE id=?')
        .run(c.summary, c.blockers, c.decisions, JSON.stringify(c.attendees), now, existing.id);
    else
      this.deps.db
        .prepare(
          'INSERT INTO calls (id, biller_id, date, summary, blockers, decisions, attendees_json, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)',
        )
        .run(
          randomUUID(),
          c.billerId,
          c.date,
          c.summary,
          c.blockers,
          c.decisions,
          JSON.stringify(c.attendees),
          now,
          now,
        );
    this.deps.audit.record(existing ? 'calls.update' : 'calls.add', { billerId: c.billerId, subject: c.date });
    this.changed(c.billerId);
    return this.get(c.billerId, c.date);
  }

  /** Adds the call on that date if there is none yet (with no notes). */
  private ensureCall(billerId: string, date: string): CallRow {
    if (!this.callRow(billerId, date)) this.save({ billerId, date });
    return this.callRow(billerId, date)!;
  }

  addAction(billerId: string, date: string, input: unknown): ActionItem {
    const a = parse(actionItemInputSchema, input);
    const call = this.ensureCall(billerId, date);
    const id = randomUUID();
    const now = this.deps.clock.now().toISOString();
    this.deps.db
      .prepare(
        "INSERT INTO call_action_items (id, biller_id, call_id, text, owner, role, due_date, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,'open',?,?)",
      )
      .run(id, billerId, call.id, a.text, a.owner, a.role, a.dueDate, now, now);
    this.deps.audit.record('calls.action.add', { billerId, subject: id, detail: a.text });
    this.changed(billerId);
    return this.actions(billerId).find((i) => i.id === id)!;
  }

  updateAction(id: string, change: Partial<ActionItemInput> & { status?: 'open' | 'done' }): ActionItem {
    const row = this.deps.db.prepare('SELECT biller_id FROM call_action_items WHERE id = ?').get(id) as
      { biller_id: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'That action item no longer exists. Reload the call.');
    const current = this.actions(row.biller_id).find((i) => i.id === id)!;
    const next = parse(actionItemInputSchema, {
      text: change.text ?? current.text,
      owner: change.owner ?? current.owner,
      role: change.role ?? current.role,
      dueDate: change.dueDate === undefined ? current.dueDate : change.dueDate,
    });
    const status = change.status ?? current.status;
    const doneOn = status === 'done' ? (current.doneOn ?? this.today(row.biller_id)) : null;
    this.deps.db
      .prepare(
        'UPDATE call_action_items SET text=?, owner=?, role=?, due_date=?, status=?, done_on=?, updated_at=? WHERE id=?',
      )
      .run(next.text, next.owner, next.role, next.dueDate, status, doneOn, this.deps.clock.now().toISOString(), id);
    this.deps.audit.record(status !== current.status ? `calls.action.${status}` : 'calls.action.update', {
      billerId: row.biller_id,
      subject: id,
      detail: next.text,
    });
    this.changed(row.biller_id);
    return this.actions(row.biller_id).find((i) => i.id === id)!;
  }

  addEscalation(billerId: string, date: string, input: unknown): Escalation {
    const e = parse(escalationInputSchema, input);
    const call = this.ensureCall(billerId, date);
    const id = randomUUID();
    this.deps.db
      .prepare(
        "INSERT INTO call_escalations (id, biller_id, call_id, issue, to_whom, channel, status, created_at) VALUES (?,?,?,?,?,?,'open',?)",
      )
      .run(id, billerId, call.id, e.issue, e.toWhom, e.channel, this.deps.clock.now().toISOString());
    this.deps.audit.record('calls.escalation.add', { billerId, subject: id, detail: e.issue });
    this.changed(billerId);
    return this.escalations(billerId).find((x) => x.id === id)!;
  }

  setEscalationStatus(id: string, status: 'open' | 'resolved'): Escalation {
    const row = this.deps.db.prepare('SELECT biller_id FROM call_escalations WHERE id = ?').get(id) as
      { biller_id: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'That escalation no longer exists. Reload the call.');
    this.deps.db
      .prepare('UPDATE call_escalations SET status = ?, resolved_on = ? WHERE id = ?')
      .run(status, status === 'resolved' ? this.today(row.biller_id) : null, id);
    this.deps.audit.record(`calls.escalation.${status}`, { billerId: row.biller_id, subject: id });
    this.changed(row.biller_id);
    return this.escalations(row.biller_id).find((x) => x.id === id)!;
  }

  openIssues(filter: OpenIssueFilter = {}): OpenIssue[] {
    const names = new Map(this.deps.billers.profiles().map((b) => [b.id, b.name]));
    const today = filter.billerId
      ? this.today(filter.billerId)
      : new Date(this.deps.clock.now()).toISOString().slice(0, 10);
    return openIssues(
      this.actions(filter.billerId),
      this.escalations(filter.billerId),
      today,
      (id) => names.get(id) ?? id,
      filter,
    );
  }

  /** The date (YYYY-MM-DD) of the biller's latest call held on or before today, or null: the checklist's weekly-call rule. */
  lastCallHeldAt(billerId: string): string | null {
    const last = this.deps.db
      .prepare('SELECT date FROM calls WHERE biller_id = ? AND date <= ? ORDER BY date DESC LIMIT 1')
      .get(billerId, this.today(billerId)) as { date: string } | undefined;
    return last?.date ?? null;
  }

  /** The next call's draft agenda. */
  async agenda(billerId: string): Promise<Agenda> {
    this.deps.billers.profile(billerId);
    const today = this.today(billerId);
    const since = this.lastCallHeldAt(billerId);
    const notes: string[] = [];
    let controlDaysOff: ControlDayFact[] = [];
    try {
      controlDaysOff = await this.agendaSources.controlDaysOff(billerId, since ?? addDays(today, -7), today);
    } catch (error) {
      notes.push(`Control totals could not be read (${(error as Error).message}).`);
    }
    const items = buildAgenda({
      today,
      openActions: this.actions(billerId).filter((i) => i.status === 'open'),
      openEscalations: this.escalations(billerId).filter((e) => e.status === 'open'),
      jobFailures: this.agendaSources.jobFailures(billerId, since),
      checklist: await this.agendaSources.checklistBlockedOrOverdue(billerId, today),
      controlDaysOff,
    });
    return { billerId, since, items, notes };
  }

  markdown(billerId: string, date: string): string {
    return callMarkdown(this.get(billerId, date), this.deps.billers.profile(billerId).name);
  }

  async export(billerId: string, date: string, format: 'md' | 'pdf'): Promise<DownloadFile> {
    const name = this.deps.billers.profile(billerId).name;
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const md = this.markdown(billerId, date);
    const buffer = format === 'md' ? Buffer.from(md, 'utf8') : await markdownPdf(md, `${name}: support call ${date}`);
    return {
      fileName: `call-notes-${slug}-${date}.${format}`,
      mimeType: format === 'md' ? 'text/markdown' : 'application/pdf',
      bytes: buffer.length,
      base64: buffer.toString('base64'),
    };
  }

  private changed(billerId: string): void {
    this.deps.events.emit('calls:changed', { billerId });
  }

  // ---- sync settings --------------------------------------------------------------------------

  async settings(billerId: string): Promise<SyncSettings> {
    this.deps.billers.profile(billerId);
    const row = this.deps.db.prepare('SELECT * FROM call_sync_settings WHERE biller_id = ?').get(billerId) as
      Record<string, string | null> | undefined;
    const tokens = await this.deps.secrets.stored(billerId, CALLS_SECRET_NAMES);
    return {
      billerId,
      smartsheetUrl: row?.smartsheet_url ?? SMARTSHEET_DEFAULT_URL,
      sheetId: row?.sheet_id ?? null,
      columns: row ? (JSON.parse(row.columns_json!) as SyncSettings['columns']) : {},
      confluenceUrl: row?.confluence_url ?? null,
      pageId: row?.page_id ?? null,
      confluenceEmail: row?.confluence_email ?? null,
      smartsheetToken: tokens['smartsheet-token'],
      confluenceToken: tokens['confluence-token'],
    };
  }

  /** Replaces the fields given; a field left out keeps its value. */
  async saveSettings(billerId: string, input: Partial<SyncSettingsInput>): Promise<SyncSettings> {
    const current = await this.settings(billerId);
    const merged = parse(syncSettingsInputSchema, {
      smartsheetUrl: current.smartsheetUrl,
      sheetId: current.sheetId,
      columns: current.columns,
      confluenceUrl: current.confluenceUrl,
      pageId: current.pageId,
      confluenceEmail: current.confluenceEmail,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    });
    this.deps.db
      .prepare(
        `INSERT INTO call_sync_settings (biller_id, smartsheet_url, sheet_id, columns_json, confluence_url, page_id, confluence_email) VALUES (?,?,?,?,?,?,?)
         ON CONFLICT (biller_id) DO UPDATE SET smartsheet_url=excluded.smartsheet_url, sheet_id=excluded.sheet_id, columns_json=excluded.columns_json, confluence_url=excluded.confluence_url, page_id=excluded.page_id, confluence_email=excluded.confluence_email`,
      )
      .run(
        billerId,
        merged.smartsheetUrl,
        merged.sheetId,
        JSON.stringify(merged.columns),
        merged.confluenceUrl,
        merged.pageId,
        merged.confluenceEmail,
      );
    this.deps.audit.record('calls.settings', { billerId });
    return this.settings(billerId);
  }

  async setToken(billerId: string, name: CallsSecretName, value: string): Promise<void> {
    this.deps.billers.profile(billerId);
    if (!value.trim()) throw new AppError('INVALID_INPUT', `Enter the ${CALLS_SECRET_LABELS[name]}.`);
    await this.deps.secrets.set(billerId, name, value.trim());
    this.deps.audit.record('calls.token.set', { billerId, subject: name });
  }

  async removeToken(billerId: string, name: CallsSecretName): Promise<void> {
    await this.deps.secrets.remove(billerId, name);
    this.deps.audit.record('calls.token.remove', { billerId, subject: name });
  }

  // ---- Smartsheet -----------------------------------------------------------------------------

  private async smartsheet(
    billerId: string,
  ): Promise<{ client: SmartsheetClient; sheetId: string; settings: SyncSettings }> {
    const settings = await this.settings(billerId);
    if (!settings.sheetId)
      throw new AppError('INVALID_INPUT', 'Enter the Smartsheet sheet ID in the Calls settings first.');
    const token = await this.deps.secrets.get(billerId, 'smartsheet-token');
    if (!token)
      throw new AppError(
        'NOT_FOUND',
        'The Smartsheet API access token is not stored for this biller. Store it in the Calls settings.',
      );
    return {
      client: new SmartsheetClient(settings.smartsheetUrl, token, this.sleeper),
      sheetId: settings.sheetId,
      settings,
    };
  }

  private static resolveColumns(
    columns: Array<{ id: number; title: string }>,
    chosen: SyncSettings['columns'],
  ): { resolved: Partial<Record<SmartsheetField, number | null>>; missing: string[] } {
    const resolved: Partial<Record<SmartsheetField, number | null>> = {};
    const missing: string[] = [];
    for (const f of SMARTSHEET_FIELDS) {
      const pick = chosen[f];
      const byChoice = pick !== undefined ? columns.find((c) => c.id === pick) : undefined;
      const byTitle = columns.find((c) => c.title.trim().toLowerCase() === SMARTSHEET_DEFAULT_TITLES[f].toLowerCase());
      const col = byChoice ?? (pick === undefined ? byTitle : undefined);
      resolved[f] = col?.id ?? null;
      if (!col)
        missing.push(
          pick !== undefined
            ? `the column chosen for "${SMARTSHEET_DEFAULT_TITLES[f]}" is no longer in the sheet`
            : `no column "${SMARTSHEET_DEFAULT_TITLES[f]}"`,
        );
    }
    return { resolved, missing };
  }

  async sheetColumns(billerId: string): Promise<SheetColumns> {
    const { client, sheetId, settings } = await this.smartsheet(billerId);
    const sheet = await this.wrap(() => client.getSheet(sheetId));
    const { resolved, missing } = CallsService.resolveColumns(sheet.columns, settings.columns);
    return { sheetName: sheet.name, columns: sheet.columns, resolved, missing };
  }

  private rowHash(i: ActionItem): string {
    return createHash('sha256')
      .update(JSON.stringify([i.text, i.owner, i.role, i.dueDate, i.status, i.raisedOn, i.billerId]))
      .digest('hex')
      .slice(0, 32);
  }

  private async wrap<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof SmartsheetError || error instanceof ConfluenceError)
        throw new AppError('SYNC_FAILED', error.message);
      throw error;
    }
  }

  /**
   * Sends new and changed action items (all of the biller's, or those raised on `date`) as rows.
   * Nothing is sent when a field has no column. A row deleted in Smartsheet is added again.
   */
  async syncSmartsheet(billerId: string, date?: string): Promise<SmartsheetSyncResult> {
    const { client, sheetId } = await this.smartsheet(billerId);
    const settings = await this.settings(billerId);
    const sheet = await this.wrap(() => client.getSheet(sheetId));
    const { resolved, missing } = CallsService.resolveColumns(sheet.columns, settings.columns);
    if (missing.length)
      throw new AppError(
        'SYNC_FAILED',
        `Nothing was sent to Smartsheet: the sheet "${sheet.name}" has ${missing.join(', ')}. Add the columns in Smartsheet or choose them in the Calls settings.`,
      );
    const billerName = this.deps.billers.profile(billerId).name;
    const existingRows = new Set(sheet.rows.map((r) => r.id));
    const items = this.actions(billerId).filter((i) => !date || i.raisedOn === date);
    const cellsOf = (i: ActionItem): RowCell[] => [
      { columnId: resolved.actionItem!, value: i.text },
      { columnId: resolved.owner!, value: `${i.owner} (${i.role})` },
      { columnId: resolved.dueDate!, value: i.dueDate ?? '' },
      { columnId: resolved.status!, value: i.status === 'done' ? 'Done' : 'Open' },
      { columnId: resolved.biller!, value: billerName },
      { columnId: resolved.callDate!, value: i.raisedOn },
    ];
    const toAdd: ActionItem[] = [];
    const readded: ActionItem[] = [];
    const toUpdate: ActionItem[] = [];
    let unchanged = 0;
    for (const i of items) {
      if (i.smartsheetRowId === null) toAdd.push(i);
      else if (!existingRows.has(i.smartsheetRowId)) readded.push(i);
      else if (i.changedSinceSync) toUpdate.push(i);
      else unchanged++;
    }
    const failed: SmartsheetSyncResult['failed'] = [];
    const mark = this.deps.db.prepare(
      'UPDATE call_action_items SET smartsheet_row_id = ?, synced_at = ?, synced_hash = ? WHERE id = ?',
    );
    const now = () => this.deps.clock.now().toISOString();
    const adds = [...toAdd, ...readded];
    let added = 0;
    let readdedOk = 0;
    let updated = 0;
    if (adds.length) {
      const result = await this.wrap(() =>
        client.addRows(
          sheetId,
          adds.map((i) => ({ cells: cellsOf(i) })),
        ),
      );
      const failedAt = new Set(result.failed.map((f) => f.index));
      for (const f of result.failed)
        failed.push({
          actionItemId: adds[f.index]?.id ?? '',
          text: adds[f.index]?.text ?? '',
          reason: `${f.message} (Smartsheet error ${f.errorCode}${f.refId ? `, reference ${f.refId}` : ''})`,
        });
      // Smartsheet lists the saved rows in request order, leaving out those that failed.
      const succeeded = adds.filter((_, index) => !failedAt.has(index));
      succeeded.forEach((item, k) => {
        const row = result.rows[k];
        if (!row) return;
        mark.run(row.id, now(), this.rowHash(item), item.id);
        if (readded.includes(item)) readdedOk++;
        else added++;
      });
    }
    if (toUpdate.length) {
      const result = await this.wrap(() =>
        client.updateRows(
          sheetId,
          toUpdate.map((i) => ({ id: i.smartsheetRowId!, cells: cellsOf(i) })),
        ),
      );
      const failedAt = new Set(result.failed.map((f) => f.index));
      for (const f of result.failed)
        failed.push({
          actionItemId: toUpdate[f.index]?.id ?? '',
          text: toUpdate[f.index]?.text ?? '',
          reason: `${f.message} (Smartsheet error ${f.errorCode}${f.refId ? `, reference ${f.refId}` : ''})`,
        });
      toUpdate.forEach((item, index) => {
        if (failedAt.has(index)) return;
        mark.run(item.smartsheetRowId, now(), this.rowHash(item), item.id);
        updated++;
      });
    }
    const parts = [`${added} added`, `${updated} updated`, `${unchanged} unchanged`];
    if (readdedOk)
      parts.push(
        `${readdedOk} added again because ${readdedOk === 1 ? 'its row was' : 'their rows were'} deleted in Smartsheet`,
      );
    if (failed.length) parts.push(`${failed.length} failed and stay unsynced`);
    const message = `Smartsheet "${sheet.name}": ${parts.join(', ')}.`;
    this.deps.audit.record('calls.sync.smartsheet', { billerId, detail: message });
    this.changed(billerId);
    return { added, updated, readded: readdedOk, failed, unchanged, message };
  }

  // ---- Confluence -----------------------------------------------------------------------------

  private storageSection(call: Call, billerName: string, startAnchor: string, endAnchor: string): string {
    const anchor = (name: string) =>
      `<ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">${name}</ac:parameter></ac:structured-macro>`;
    const p = (t: string) =>
      t.trim()
        ? t
            .split(/\n+/)
            .map((l) => `<p>${escapeXml(l)}</p>`)
            .join('')
        : '<p><em>None recorded.</em></p>';
    const li = (items: string[]) =>
      items.length ? `<ul>${items.map((i) => `<li>${escapeXml(i)}</li>`).join('')}</ul>` : '<p><em>None.</em></p>';
    const action = (i: ActionItem) =>
      `${i.status === 'done' ? '[done] ' : ''}${i.text}. Owner: ${i.owner} (${i.role}); due ${i.dueDate ?? 'not set'}`;
    return [
      anchor(startAnchor),
      `<h2>Support call ${escapeXml(call.date)}</h2>`,
      `<h3>Attendees</h3>${li(call.attendees.map((a) => `${a.name} (${a.role}): ${a.present ? 'present' : 'absent'}`))}`,
      `<h3>Status summary</h3>${p(call.summary)}`,
      `<h3>Blockers</h3>${p(call.blockers)}`,
      `<h3>Decisions</h3>${p(call.decisions)}`,
      `<h3>Action items</h3>${li(call.actionItems.map(action))}`,
      call.carriedOver.length
        ? `<h3>Carried over</h3>${li(call.carriedOver.map((i) => `${action(i)}; raised ${i.raisedOn}`))}`
        : '',
      `<h3>Escalations</h3>${li([...call.escalations, ...call.openEscalations].map((e) => `${e.issue}. To ${e.toWhom} by ${e.channel}, raised ${e.raisedOn}; ${e.status}`))}`,
      `<p><em>Published from Impresa Bridge for ${escapeXml(billerName)}.</em></p>`,
      anchor(endAnchor),
    ].join('');
  }

  /**
   * Adds the call's section to the biller's page, or replaces it when the call was published
   * before; everything else on the page is kept as read. On a version conflict (409) the page is
   * read again and the section put into what is there now, at most three tries in all.
   */
  async publishConfluence(billerId: string, date: string): Promise<ConfluencePublishResult> {
    const settings = await this.settings(billerId);
    if (!settings.confluenceUrl || !settings.pageId || !settings.confluenceEmail)
      throw new AppError(
        'INVALID_INPUT',
        'Enter the Confluence site address, page ID and account email in the Calls settings first.',
      );
    const token = await this.deps.secrets.get(billerId, 'confluence-token');
    if (!token)
      throw new AppError(
        'NOT_FOUND',
        'The Confluence API token is not stored for this biller. Store it in the Calls settings.',
      );
    const call = this.get(billerId, date);
    const billerName = this.deps.billers.profile(billerId).name;
    const client = new ConfluenceClient(settings.confluenceUrl, settings.confluenceEmail, token);
    const start = `impresa-bridge-call-${date}`;
    const end = `impresa-bridge-call-${date}-end`;
    const section = this.storageSection(call, billerName, start, end);
    const anchorRe = (name: string) =>
      new RegExp(
        `<ac:structured-macro ac:name="anchor"[^>]*>\\s*<ac:parameter ac:name="">${name}</ac:parameter>\\s*</ac:structured-macro>`,
      );
    for (let attempt = 1; ; attempt++) {
      const page: ConfluencePage = await this.wrap(() => client.getPage(settings.pageId!));
      const s = anchorRe(start).exec(page.storage);
      const e = anchorRe(end).exec(page.storage);
      const replaced = Boolean(s && e && e.index > s.index);
      const storage = replaced
        ? page.storage.slice(0, s!.index) + section + page.storage.slice(e!.index + e![0].length)
        : `${page.storage}${section}`;
      try {
        const version = await client.updatePage(page, storage, `Support call ${date} notes from Impresa Bridge`);
        this.deps.db
          .prepare('UPDATE calls SET published_at = ? WHERE id = ?')
          .run(this.deps.clock.now().toISOString(), call.id);
        const message = `${replaced ? 'Replaced' : 'Added'} the ${date} call's section on the Confluence page "${page.title}" (version ${version}${attempt > 1 ? `, after ${attempt - 1} version conflict${attempt > 2 ? 's' : ''}` : ''}).`;
        this.deps.audit.record('calls.sync.confluence', { billerId, subject: date, detail: message });
        this.changed(billerId);
        return { pageId: page.id, version, replaced, attempts: attempt, message };
      } catch (error) {
        if (error instanceof ConfluenceError && error.status === 409 && attempt < 3) continue;
        if (error instanceof ConfluenceError && error.status === 409)
          throw new AppError(
            'SYNC_FAILED',
            `The Confluence page kept changing while it was being published (3 version conflicts in a row); nothing on it was lost or overwritten. Publish again.`,
          );
        if (error instanceof ConfluenceError) throw new AppError('SYNC_FAILED', error.message);
        throw error;
      }
    }
  }
}

/** The Markdown notes as a plain, readable PDF (standard fonts, so the text can be copied). */
function markdownPdf(md: string, title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 50, info: { Title: title, Author: 'Impresa Bridge' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const line of md.split('\n')) {
      if (line.startsWith('# ')) doc.font('Helvetica-Bold').fontSize(16).text(line.slice(2)).moveDown(0.5);
      else if (line.startsWith('## ')) doc.moveDown(0.3).font('Helvetica-Bold').fontSize(12).text(line.slice(3));
      else if (line.trim() === '') doc.moveDown(0.3);
      else
        doc
          .font('Helvetica')
          .fontSize(10)
          .text(
            line
              .replace(/^_(.*)_$/, '$1')
              .replace(/^- \[x\] /, '- (done) ')
              .replace(/^- \[ \] /, '- '),
          );
    }
    doc.end();
  });
}
