import type { QueueFilter, QueueSort, QueueTab } from '../../shared/domain/payments';
import { QUEUE_TABS } from '../../shared/domain/payments';
import { decimalToCents } from '../../shared/domain/money';
import type { Db } from '../store/database';
import { Statements } from './statements';
import { rowStamp, type QueueRow } from './queue-rows';

/**
 * This installation's copy of the queue (InHANCE's batch entries and today's receipts), in SQLite
 * so that 20,000 rows filter, sort and page in milliseconds. InHANCE stays the truth: a refresh
 * replaces the copy, and every clerk action writes InHANCE's answer back into it.
 */
const SORT_COLUMNS: Record<QueueSort, string> = {
  paidAt: 'COALESCE(paid_at, deposit_date)',
  amount: 'amount_cents',
  account: 'account_number',
  name: 'customer_name COLLATE NOCASE',
  method: 'method',
  reference: 'id',
  age: 'queued_at',
  depositDate: 'deposit_date',
  postedAt: 'posted_at',
};

const COLUMNS = `id, entry_id AS entryId, receipt_id AS receiptId, batch_id AS batchId, tab, state, account_number AS accountNumber,
  original_account_number AS originalAccountNumber, customer_name AS customerName, amount_cents AS amountCents, fee_cents AS convenienceFeeCents,
  method, invoice_number AS invoiceNumber, deposit_date AS depositDate, paid_at AS paidAt, queued_at AS queuedAt, exception_kind AS exceptionKind,
  exception_reason AS exceptionReason, state_reason AS stateReason, state_by AS stateBy, state_at AS stateAt, posted_by AS postedBy,
  posted_at AS postedAt, posted_day AS postedDay, return_info AS returnInfo, flagged`;

/** Rows as read back: the search text is for SQL only and is not read. */
interface StoredRow extends Omit<QueueRow, 'exception' | 'returnInfo' | 'accountFlagged' | 'paymentGuid' | 'search'> {
  exceptionKind: string | null;
  exceptionReason: string | null;
  returnInfo: string | null;
  flagged: number;
}

function storedException(r: Pick<StoredRow, 'exceptionKind' | 'exceptionReason'>): QueueRow['exception'] {
  return r.exceptionKind
    ? { kind: r.exceptionKind as NonNullable<QueueRow['exception']>['kind'], reason: r.exceptionReason ?? '' }
    : null;
}

function storedReturnInfo(r: Pick<StoredRow, 'returnInfo'>): QueueRow['returnInfo'] {
  return r.returnInfo ? (JSON.parse(r.returnInfo) as QueueRow['returnInfo']) : null;
}

function fromStored(r: StoredRow): QueueRow {
  // Field by field, not `{ ...rest }`: the list sends 23,000 of these, and the rest-spread was a tenth
  // of main's time serving it (profile). The literal is checked against QueueRow both ways.
  return {
    id: r.id,
    entryId: r.entryId,
    receiptId: r.receiptId,
    batchId: r.batchId,
    paymentGuid: r.id,
    tab: r.tab,
    state: r.state,
    accountNumber: r.accountNumber,
    originalAccountNumber: r.originalAccountNumber,
    customerName: r.customerName,
    amountCents: r.amountCents,
    convenienceFeeCents: r.convenienceFeeCents,
    method: r.method,
    invoiceNumber: r.invoiceNumber,
    depositDate: r.depositDate,
    paidAt: r.paidAt,
    queuedAt: r.queuedAt,
    exception: storedException(r),
    stateReason: r.stateReason,
    stateBy: r.stateBy,
    stateAt: r.stateAt,
    postedBy: r.postedBy,
    postedAt: r.postedAt,
    returnInfo: storedReturnInfo(r),
    accountFlagged: r.flagged === 1,
    postedDay: r.postedDay,
    search: '',
  };
}

/** What control totals read of a queue row (`QueueStore.totalsRows`). */
export type TotalsRow = Pick<
  QueueRow,
  'id' | 'depositDate' | 'entryId' | 'amountCents' | 'state' | 'exception' | 'returnInfo'
>;

function pageSql(where: string, sort: { sort: QueueSort; direction: 'asc' | 'desc' }): string {
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  return `SELECT ${COLUMNS} FROM queue_entries WHERE ${where} ORDER BY ${SORT_COLUMNS[sort.sort]} ${dir}, id ${dir} LIMIT @limit OFFSET @offset`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** queue_entries' columns and the row parameter each one takes (one list for every write). */
const QUEUE_COLUMNS: ReadonlyArray<readonly [column: string, param: string]> = [
  ['biller_id', 'billerId'],
  ['id', 'id'],
  ['entry_id', 'entryId'],
  ['receipt_id', 'receiptId'],
  ['batch_id', 'batchId'],
  ['tab', 'tab'],
  ['state', 'state'],
  ['account_number', 'accountNumber'],
  ['original_account_number', 'originalAccountNumber'],
  ['customer_name', 'customerName'],
  ['amount_cents', 'amountCents'],
  ['fee_cents', 'convenienceFeeCents'],
  ['method', 'method'],
  ['invoice_number', 'invoiceNumber'],
  ['deposit_date', 'depositDate'],
  ['paid_at', 'paidAt'],
  ['queued_at', 'queuedAt'],
  ['exception_kind', 'exceptionKind'],
  ['exception_reason', 'exceptionReason'],
  ['state_reason', 'stateReason'],
  ['state_by', 'stateBy'],
  ['state_at', 'stateAt'],
  ['posted_by', 'postedBy'],
  ['posted_at', 'postedAt'],
  ['posted_day', 'postedDay'],
  ['return_info', 'returnInfo'],
  ['flagged', 'flagged'],
  ['search', 'search'],
];

export class QueueStore {
  private readonly statements: Statements;
  /**
   * Rows written by a clerk's action or a job write, per biller: row id → write number. A refresh
   * takes a mark before it reads InHANCE; rows written after the mark hold a newer answer than the
   * refresh's copy, so replaceAll keeps them (kept in memory: actions and refreshes of one
   * installation run in this process).
   */
  private readonly written = new Map<string, Map<string, number>>();
  private writes = 0;

  constructor(private readonly db: Db) {
    this.statements = new Statements(db);
  }

  private sql(text: string) {
    return this.statements.get(text);
  }

  private insertStatement() {
    return this.sql(
      `INSERT OR REPLACE INTO queue_entries (${QUEUE_COLUMNS.map(([c]) => c).join(', ')}) VALUES (${QUEUE_COLUMNS.map(([, p]) => `@${p}`).join(', ')})`,
    );
  }

  /**
   * A refresh's write of one row: an upsert that leaves a row InHANCE did not change untouched (no
   * page or index written). A refresh rewrote all 23,000 rows in 1.5 s of main's time before.
   */
  private refreshStatement() {
    const data = QUEUE_COLUMNS.filter(([c]) => c !== 'biller_id' && c !== 'id').map(([c]) => c);
    return this.sql(
      `INSERT INTO queue_entries (${QUEUE_COLUMNS.map(([c]) => c).join(', ')}) VALUES (${QUEUE_COLUMNS.map(([, p]) => `@${p}`).join(', ')})
       ON CONFLICT (biller_id, id) DO UPDATE SET ${data.map((c) => `${c} = excluded.${c}`).join(', ')}
       WHERE (${data.map((c) => `queue_entries.${c}`).join(', ')}) IS NOT (${data.map((c) => `excluded.${c}`).join(', ')})`,
    );
  }

  private params(billerId: string, r: QueueRow) {
    const { exception, returnInfo, accountFlagged, paymentGuid: _guid, ...rest } = r;
    void _guid;
    return {
      ...rest,
      billerId,
      exceptionKind: exception?.kind ?? null,
      exceptionReason: exception?.reason ?? null,
      returnInfo: returnInfo ? JSON.stringify(returnInfo) : null,
      flagged: accountFlagged ? 1 : 0,
    };
  }

  /** Taken before a refresh reads InHANCE; hand it to replaceAll (and writtenSince). */
  mark(): number {
    return this.writes;
  }

  /** Ids of the rows written by actions after `mark`: newer than a refresh that began at it. */
  writtenSince(billerId: string, mark: number): Set<string> {
    const ids = new Set<string>();
    for (const [id, n] of this.written.get(billerId) ?? []) if (n > mark) ids.add(id);
    return ids;
  }

  /**
   * Replaces the biller's copy with a fresh read, except the rows a clerk's action (or a job write)
   * changed after the refresh began (`mark`): their answer from InHANCE is newer than the refresh's
   * copy and is kept, so a posted entry never comes back under Ready. Returns how many rows differ.
   */
  replaceAll(billerId: string, rows: QueueRow[], at: string, mark = this.writes): number {
    const before = this.stamps(billerId);
    const kept = this.writtenSince(billerId, mark);
    let changed = 0;
    const insert = this.refreshStatement();
    const remove = this.sql('DELETE FROM queue_entries WHERE biller_id = ? AND id = ?');
    const incoming = new Set(rows.map((r) => r.id));
    this.db.transaction(() => {
      // Rows InHANCE no longer lists go; the others are written over in place, when they changed.
      for (const id of before.keys()) if (!kept.has(id) && !incoming.has(id)) remove.run(billerId, id);
      for (const row of rows) {
        if (kept.has(row.id)) continue;
        const old = before.get(row.id);
        if (old !== rowStamp(row)) changed++;
        before.delete(row.id);
        insert.run(this.params(billerId, row));
      }
      this.sql(
        'INSERT INTO queue_sync (biller_id, synced_at, entries) VALUES (?, ?, ?) ON CONFLICT (biller_id) DO UPDATE SET synced_at = excluded.synced_at, entries = excluded.entries',
      ).run(billerId, at, rows.length);
    })();
    // What the refresh wrote supersedes the older marks; newer ones wait for the next refresh.
    const marks = this.written.get(billerId);
    if (marks) for (const [id, n] of marks) if (n <= mark) marks.delete(id);
    for (const id of kept) before.delete(id);
    return changed + before.size;
  }

  /** Writes InHANCE's answer to one action (or one job write) into the copy. */
  upsert(billerId: string, rows: QueueRow[]): void {
    const insert = this.insertStatement();
    this.db.transaction(() => {
      for (const row of rows) insert.run(this.params(billerId, row));
    })();
    const n = ++this.writes;
    let marks = this.written.get(billerId);
    if (!marks) this.written.set(billerId, (marks = new Map()));
    for (const row of rows) marks.set(row.id, n);
  }

  /** rowStamp of every stored row, read without building whole rows. */
  private stamps(billerId: string): Map<string, string> {
    const rows = this.sql(
      `SELECT id, tab || '|' || state || '|' || account_number || '|' || COALESCE(state_at, '') || '|' || state_by || '|' || COALESCE(posted_at, '') || '|' ||
         COALESCE(json_extract(return_info, '$.action'), '') || '|' || flagged || '|' || COALESCE(exception_kind, '') AS stamp
       FROM queue_entries WHERE biller_id = ?`,
    ).all(billerId) as Array<{ id: string; stamp: string }>;
    return new Map(rows.map((r) => [r.id, r.stamp]));
  }

  /** Customer names already known per row (a receipt read later does not carry one). */
  names(billerId: string): Map<string, string> {
    const rows = this.sql(
      "SELECT id, customer_name AS name FROM queue_entries WHERE biller_id = ? AND customer_name <> ''",
    ).all(billerId) as Array<{ id: string; name: string }>;
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  get(billerId: string, id: string): QueueRow | null {
    const r = this.sql(`SELECT ${COLUMNS} FROM queue_entries WHERE biller_id = ? AND id = ?`).get(billerId, id) as
      StoredRow | undefined;
    return r ? fromStored(r) : null;
  }

  byEntryId(billerId: string, entryId: string): QueueRow | null {
    const r = this.sql(`SELECT ${COLUMNS} FROM queue_entries WHERE biller_id = ? AND entry_id = ?`).get(
      billerId,
      entryId,
    ) as StoredRow | undefined;
    return r ? fromStored(r) : null;
  }

  all(billerId: string): QueueRow[] {
    return (this.sql(`SELECT ${COLUMNS} FROM queue_entries WHERE biller_id = ?`).all(billerId) as StoredRow[]).map(
      fromStored,
    );
  }

  syncedAt(billerId: string): string | null {
    const r = this.sql('SELECT synced_at AS at FROM queue_sync WHERE biller_id = ?').get(billerId) as
      { at: string } | undefined;
    return r?.at ?? null;
  }

  private where(filter: QueueFilter, today: string): { sql: string; params: Record<string, unknown> } {
    const clauses = ['biller_id = @billerId'];
    const params: Record<string, unknown> = { billerId: filter.billerId };
    if (filter.tab === 'posted-today') {
      clauses.push("tab = 'posted' AND posted_day = @today");
      params.today = today;
    } else {
      clauses.push('tab = @tab');
      params.tab = filter.tab;
    }
    const search = filter.search.trim().toLowerCase();
    if (search) {
      // Every word must match somewhere; "$1,234.50" finds 1234.50.
      search.split(/\s+/).forEach((word, i) => {
        const cents = decimalToCents(word.replace(/[$,]/g, ''));
        const term =
          cents !== null && /[.$]/.test(word)
            ? `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
            : word;
        clauses.push(`search LIKE @s${i} ESCAPE '\\'`);
        params[`s${i}`] = `%${escapeLike(term)}%`;
      });
    }
    if (filter.method) {
      clauses.push('method = @method');
      params.method = filter.method;
    }
    if (filter.depositDate) {
      clauses.push('deposit_date = @depositDate');
      params.depositDate = filter.depositDate;
    }
    if (filter.exceptionKind) {
      clauses.push('exception_kind = @exceptionKind');
      params.exceptionKind = filter.exceptionKind;
    }
    if (filter.minCents !== undefined) {
      clauses.push('amount_cents >= @minCents');
      params.minCents = filter.minCents;
    }
    if (filter.maxCents !== undefined) {
      clauses.push('amount_cents <= @maxCents');
      params.maxCents = filter.maxCents;
    }
    if (filter.postedBy) {
      clauses.push('posted_by = @postedBy COLLATE NOCASE');
      params.postedBy = filter.postedBy;
    }
    return { sql: clauses.join(' AND '), params };
  }

  page(
    filter: QueueFilter,
    today: string,
    sort: { sort: QueueSort; direction: 'asc' | 'desc' },
    offset: number,
    limit: number,
  ): { rows: QueueRow[]; total: number; totalCents: number } {
    const { sql, params } = this.where(filter, today);
    const totals = this.sql(
      `SELECT COUNT(*) AS n, COALESCE(SUM(amount_cents), 0) AS cents FROM queue_entries WHERE ${sql}`,
    ).get(params) as { n: number; cents: number };
    const rows = this.sql(pageSql(sql, sort)).all({ ...params, limit, offset }) as StoredRow[];
    return { rows: rows.map(fromStored), total: totals.n, totalCents: totals.cents };
  }

  /** SQLite's plan for a page of the list: tests hold the default order to its index (no sort per page). */
  pagePlan(filter: QueueFilter, today: string, sort: { sort: QueueSort; direction: 'asc' | 'desc' }): string[] {
    const { sql, params } = this.where(filter, today);
    return (
      this.db.prepare(`EXPLAIN QUERY PLAN ${pageSql(sql, sort)}`).all({ ...params, limit: 1, offset: 0 }) as Array<{
        detail: string;
      }>
    ).map((r) => r.detail);
  }

  ids(filter: QueueFilter, today: string): { entryIds: string[]; totalCents: number } {
    const { sql, params } = this.where(filter, today);
    const rows = this.sql(
      `SELECT entry_id AS entryId, amount_cents AS cents FROM queue_entries WHERE ${sql} AND entry_id IS NOT NULL ORDER BY ${SORT_COLUMNS.paidAt}, id`,
    ).all(params) as Array<{
      entryId: string;
      cents: number;
    }>;
    return { entryIds: rows.map((r) => r.entryId), totalCents: rows.reduce((s, r) => s + r.cents, 0) };
  }

  counts(billerId: string, today: string): Record<QueueTab, { count: number; totalCents: number }> {
    const out = Object.fromEntries(QUEUE_TABS.map((t) => [t, { count: 0, totalCents: 0 }])) as Record<
      QueueTab,
      { count: number; totalCents: number }
    >;
    const rows = this.sql(
      `SELECT CASE WHEN tab = 'posted' THEN (CASE WHEN posted_day = @today THEN 'posted-today' ELSE NULL END) ELSE tab END AS t,
           COUNT(*) AS n, COALESCE(SUM(amount_cents), 0) AS cents
         FROM queue_entries WHERE biller_id = @billerId GROUP BY t`,
    ).all({ billerId, today }) as Array<{ t: QueueTab | null; n: number; cents: number }>;
    for (const r of rows) if (r.t) out[r.t] = { count: r.n, totalCents: r.cents };
    return out;
  }

  /**
   * What control totals read of the rows of deposit days in a range, whatever their tab: seven
   * columns, not the whole row (a sum over 23,000 rows when the clerk opens the queue).
   */
  totalsRows(billerId: string, from: string | null, to: string | null): TotalsRow[] {
    const rows = this.sql(
      `SELECT id, deposit_date AS depositDate, entry_id AS entryId, amount_cents AS amountCents, state,
         exception_kind AS exceptionKind, exception_reason AS exceptionReason, return_info AS returnInfo
       FROM queue_entries WHERE biller_id = @billerId AND (@from IS NULL OR deposit_date >= @from) AND (@to IS NULL OR deposit_date <= @to)`,
    ).all({ billerId, from, to }) as Array<
      Pick<
        StoredRow,
        'id' | 'depositDate' | 'entryId' | 'amountCents' | 'state' | 'exceptionKind' | 'exceptionReason' | 'returnInfo'
      >
    >;
    return rows.map((r) => ({
      id: r.id,
      depositDate: r.depositDate,
      entryId: r.entryId,
      amountCents: r.amountCents,
      state: r.state,
      exception: storedException(r),
      returnInfo: storedReturnInfo(r),
    }));
  }
}
