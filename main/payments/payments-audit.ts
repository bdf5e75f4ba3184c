import { stringify } from 'csv-stringify/sync';
import type { PaymentsAuditRow } from '../../shared/domain/payments';
import { addDays, startOfDayIn } from '../ground/dates';
import type { Db } from '../store/database';
import { formatCents } from '../../shared/domain/money';

/** How every clerk action names its entry in the audit detail; entryEvents reads the IC reference and reason back from it. */
export function describeEntry(entry: { amountCents: number; accountNumber: string; entryId: string; externalRef: string }): string {
  return `${formatCents(entry.amountCents)} on account ${entry.accountNumber} (entry ${entry.entryId}, IC ${entry.externalRef})`;
}

/** A hold, rejection, undo, post or pull of one batch entry, as this installation's audit log has it. */
export interface EntryEvent {
  id: number;
  at: string;
  actor: string;
  actorName: string;
  kind: 'hold' | 'reject' | 'undo' | 'post' | 'pull';
  entryId: string;
  /** The IC PaymentGUID (the entry's external reference), when the detail names it. */
  paymentGuid: string | null;
  /** What the clerk wrote (hold, reject), or what the job did (pull). */
  reason: string | null;
}

const ENTRY_ACTIONS = ['payment.hold', 'payment.reject', 'payment.undo', 'payment.post', 'payment.pull'];

/** The IC reference and the clerk's reason out of a detail written with describeEntry ("Held … (entry E1, IC g): reason"). */
export function parseEntryDetail(action: string, detail: string | null): { paymentGuid: string | null; reason: string | null } {
  if (!detail) return { paymentGuid: null, reason: null };
  if (action === 'payment.pull') {
    // "ACH return R01 (Insufficient funds) of IC payment <guid> on account …: pulled from the queue; account flagged"
    const m = /^([\s\S]*?) of IC payment (\S+) on account/.exec(detail);
    return { paymentGuid: m?.[2] ?? null, reason: m?.[1] ?? detail };
  }
  const m = /\(entry [^,()]+, IC ([^()]*)\)(?:: ([\s\S]*))?/.exec(detail);
  return { paymentGuid: m?.[1] || null, reason: m?.[2]?.trim() || null };
}

export interface AuditFilter {
  billerId: string;
  action?: string | undefined;
  actor?: string | undefined;
  search?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The payments part of the audit log (actions `payment.*`): who posted, held, rejected, reassigned
 * or undid what and when on this installation, and the reversals and pulls the Payments job made
 * (as the live-posting user). The subject is the entry (or, for a live receipt, the receipt). Dates
 * are the biller's days.
 */
export class PaymentsAudit {
  constructor(private readonly db: Db) {}

  private where(f: AuditFilter, timeZone: string): { sql: string; params: Record<string, unknown> } {
    const clauses = ["biller_id = @billerId", "action LIKE 'payment.%'"];
    const params: Record<string, unknown> = { billerId: f.billerId };
    if (f.action) {
      clauses.push('action = @action');
      params.action = f.action;
    }
    if (f.actor) {
      clauses.push("(actor LIKE @actor ESCAPE '\\' OR actor_name LIKE @actor ESCAPE '\\')");
      params.actor = `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (f.search) {
      clauses.push("(subject LIKE @search ESCAPE '\\' OR detail LIKE @search ESCAPE '\\')");
      params.search = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (f.from) {
      clauses.push('at >= @from');
      params.from = startOfDayIn(f.from, timeZone).toISOString();
    }
    if (f.to) {
      clauses.push('at < @to');
      params.to = startOfDayIn(addDays(f.to, 1), timeZone).toISOString();
    }
    return { sql: clauses.join(' AND '), params };
  }

  list(f: AuditFilter, timeZone: string, offset: number, limit: number): { entries: PaymentsAuditRow[]; total: number } {
    const { sql, params } = this.where(f, timeZone);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE ${sql}`).get(params) as { n: number }).n;
    const entries = this.db
      .prepare(`SELECT id, at, actor, actor_name AS actorName, action, subject, detail FROM audit_log WHERE ${sql} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as PaymentsAuditRow[];
    return { entries, total };
  }

  csv(f: AuditFilter, timeZone: string): string {
    const { entries } = this.list(f, timeZone, 0, 1_000_000);
    return stringify(
      entries.map((e) => [e.at, e.actor, e.actorName, e.action, e.subject ?? '', e.detail ?? '']),
      { header: true, columns: ['at', 'user', 'name', 'action', 'subject', 'detail'] },
    );
  }

  /**
   * Holds, rejections, undos, posts and pulls of batch entries recorded from `from` (an instant) on,
   * oldest first: what the daily report needs to say what happened on a day, and what came of it later.
   */
  entryEvents(billerId: string, from: string, to?: string): EntryEvent[] {
    const rows = this.db
      .prepare(
        `SELECT id, at, actor, actor_name AS actorName, action, subject, detail FROM audit_log
         WHERE biller_id = @billerId AND action IN (${ENTRY_ACTIONS.map((a) => `'${a}'`).join(', ')}) AND subject IS NOT NULL
           AND at >= @from AND (@to IS NULL OR at < @to)
         ORDER BY id`,
      )
      .all({ billerId, from, to: to ?? null }) as Array<{ id: number; at: string; actor: string; actorName: string; action: string; subject: string; detail: string | null }>;
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      actorName: r.actorName,
      kind: r.action.slice('payment.'.length) as EntryEvent['kind'],
      entryId: r.subject,
      ...parseEntryDetail(r.action, r.detail),
    }));
  }
}
