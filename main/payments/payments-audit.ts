import { stringify } from 'csv-stringify/sync';
import type { PaymentsAuditRow } from '../../shared/domain/payments';
import { addDays, startOfDayIn } from '../jobs/time-zone';
import type { Db } from '../store/database';

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
}
