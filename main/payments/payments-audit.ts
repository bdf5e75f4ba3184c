import { stringify } from 'csv-stringify/sync';
import type { PaymentsAuditRow } from '../../shared/domain/payments';
import { addDays, startOfDayIn } from '../ground/dates';
import type { AuditLog, AuditQuery } from '../ground/audit';
import { formatCents } from '../../shared/domain/money';

/** How every clerk action names its entry in the audit detail; entryEvents reads the IC reference and reason back from it. */
export function describeEntry(entry: {
  amountCents: number;
  accountNumber: string;
  entryId: string;
  externalRef: string;
}): string {
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
export function parseEntryDetail(
  action: string,
  detail: string | null,
): { paymentGuid: string | null; reason: string | null } {
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
  constructor(private readonly audit: AuditLog) {}

  private query(f: AuditFilter, timeZone: string): AuditQuery {
    return {
      billerId: f.billerId,
      actionPrefix: 'payment.',
      ...(f.action ? { actions: [f.action] } : {}),
      actor: f.actor,
      search: f.search,
      ...(f.from ? { from: startOfDayIn(f.from, timeZone).toISOString() } : {}),
      ...(f.to ? { to: startOfDayIn(addDays(f.to, 1), timeZone).toISOString() } : {}),
    };
  }

  list(
    f: AuditFilter,
    timeZone: string,
    offset: number,
    limit: number,
  ): { entries: PaymentsAuditRow[]; total: number } {
    const q = this.query(f, timeZone);
    const total = this.audit.count(q);
    const entries = this.audit
      .query(q, { offset, limit })
      .map(({ id, at, actor, actorName, action, subject, detail }) => ({
        id,
        at,
        actor,
        actorName,
        action,
        subject,
        detail,
      }));
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
    const rows = this.audit.query(
      { billerId, actions: ENTRY_ACTIONS, hasSubject: true, from, to },
      { oldestFirst: true },
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      actorName: r.actorName,
      kind: r.action.slice('payment.'.length) as EntryEvent['kind'],
      entryId: r.subject!,
      ...parseEntryDetail(r.action, r.detail),
    }));
  }
}
