import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { centsToDecimal } from '../../shared/domain/money';
import type { Batch, BatchRow } from '../../shared/contract/ic';
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../ground/audit';
import type { Clock } from '../ground/clock';
import type { Logger } from '../ground/logger';
import type { BillerClients } from '../clients/client-factory';
import { ClientError } from '../clients/errors';
import type { EventBus } from '../ipc/router';
import type { Db } from '../store/database';
import type { Migration } from '../store/migration';
import { detectLayout, previewRows, readCsvRows, type BatchKind, type CsvLayout } from './csv-reader';
import { icAccountBalance } from './lookups';

export const icBatchMigration: Migration = {
  version: 31,
  name: 'invoicecloud: CSV batches of invoice or account numbers and their per-row results',
  sql: `
    CREATE TABLE ic_batches (
      id TEXT PRIMARY KEY,
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('invoices', 'accounts')),
      action TEXT CHECK (action IN ('lookup', 'refresh')),
      file_name TEXT NOT NULL,
      layout TEXT NOT NULL,
      preview TEXT NOT NULL,
      state TEXT NOT NULL,
      total INTEGER NOT NULL,
      note TEXT,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX ic_batches_biller ON ic_batches (biller_id, created_at);
    CREATE TABLE ic_batch_rows (
      batch_id TEXT NOT NULL REFERENCES ic_batches(id) ON DELETE CASCADE,
      line INTEGER NOT NULL,
      value TEXT NOT NULL,
      status TEXT NOT NULL,
      account_number TEXT,
      ic_cents INTEGER,
      impresa_cents INTEGER,
      new_ic_cents INTEGER,
      message TEXT,
      PRIMARY KEY (batch_id, line)
    ) WITHOUT ROWID;
    CREATE INDEX ic_batch_rows_status ON ic_batch_rows (batch_id, status, line);
    CREATE INDEX ic_batch_rows_value ON ic_batch_rows (batch_id, value);
  `,
};

type Action = 'lookup' | 'refresh';
type RowResult = Pick<BatchRow, 'status' | 'accountNumber' | 'icCents' | 'impresaCents' | 'newIcCents' | 'message'>;

interface BatchRecord {
  id: string;
  biller_id: string;
  kind: BatchKind;
  action: Action | null;
  file_name: string;
  layout: string;
  preview: string;
  state: Batch['state'];
  total: number;
  note: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

interface Running {
  action: Action;
  stop: 'pause' | 'cancel' | null;
  done: Promise<void>;
}

const PROGRESS_EVERY_MS = 250;
const FETCH = 200;
const PROBLEMS = ['invalid', 'differs', 'not-found', 'failed'];

/**
 * CSV batches: a list of invoice or account numbers, read into SQLite row by row, then looked up
 * or refreshed (IC's balance set to InHANCE's) in the main process, a few rows at a time within
 * the biller's IC rate limits. Results go to SQLite as each row ends; the screen pages them and
 * the export streams them, so neither memory nor the screen grows with the row count. A batch can
 * be paused, cancelled and resumed: only rows still pending are taken.
 */
export class BatchService {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly db: Db,
    private readonly deps: {
      clients: (billerId: string) => Promise<BillerClients>;
      audit: AuditLog;
      events: EventBus;
      clock: Clock;
      log: Logger;
      billers: { profile(id: string): unknown };
      /** How many rows are worked at once (capped by the biller's IC concurrency limit). */
      workers?: (billerId: string) => number;
    },
  ) {
    // A batch that was running when the app stopped is paused; its pending rows wait for Resume.
    this.db
      .prepare(
        "UPDATE ic_batches SET state = 'paused', note = 'The app stopped while this batch ran; resume it to go on.' WHERE state = 'running'",
      )
      .run();
  }

  /** Reads a CSV (text, or a stream with its first bytes for detection) into a new batch. */
  async load(input: {
    billerId: string;
    kind: BatchKind;
    fileName: string;
    text?: string;
    head?: string;
    stream?: NodeJS.ReadableStream;
  }): Promise<Batch> {
    this.deps.billers.profile(input.billerId);
    const sample = input.text ?? input.head ?? '';
    if (!sample.trim())
      throw new AppError(
        'INVALID_INPUT',
        `${input.fileName} is empty: choose a CSV file with one invoice or account number per line.`,
      );
    const layout = detectLayout(sample, input.kind);
    const id = randomUUID();
    const now = this.deps.clock.now().toISOString();
    this.db
      .prepare(
        'INSERT INTO ic_batches (id, biller_id, kind, action, file_name, layout, preview, state, total, note, created_at, created_by, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, 0, NULL, ?, ?, ?)',
      )
      .run(
        id,
        input.billerId,
        input.kind,
        input.fileName,
        JSON.stringify(layout),
        JSON.stringify(previewRows(sample, layout)),
        'loaded',
        now,
        this.deps.audit.currentActor.name,
        now,
      );
    const insert = this.db.prepare(
      'INSERT OR REPLACE INTO ic_batch_rows (batch_id, line, value, status, message) VALUES (?, ?, ?, ?, ?)',
    );
    const seen = this.db
      .prepare("SELECT line FROM ic_batch_rows WHERE batch_id = ? AND value = ? AND status != 'invalid' LIMIT 1")
      .pluck();
    const flush = this.db.transaction((rows: Array<{ line: number; value: string; error: string | null }>) => {
      for (const row of rows) {
        let error = row.error;
        if (!error) {
          const first = seen.get(id, row.value) as number | undefined;
          if (first !== undefined) error = `${row.value} is already on line ${first}; it is looked up once.`;
        }
        insert.run(id, row.line, row.value, error ? 'invalid' : 'pending', error);
      }
    });
    let chunk: Array<{ line: number; value: string; error: string | null }> = [];
    let total = 0;
    try {
      for await (const row of readCsvRows(input.stream ?? input.text ?? '', layout, input.kind)) {
        chunk.push(row);
        total++;
        if (chunk.length >= 1000) {
          flush(chunk);
          chunk = [];
        }
      }
      flush(chunk);
    } catch (error) {
      this.db.prepare('DELETE FROM ic_batches WHERE id = ?').run(id);
      throw new AppError('INVALID_INPUT', `${input.fileName} could not be read: ${(error as Error).message}`);
    }
    if (total === 0) {
      this.db.prepare('DELETE FROM ic_batches WHERE id = ?').run(id);
      throw new AppError(
        'INVALID_INPUT',
        `${input.fileName} has no rows below its header: put one ${input.kind === 'invoices' ? 'invoice' : 'account'} number per line.`,
      );
    }
    this.db.prepare('UPDATE ic_batches SET total = ? WHERE id = ?').run(total, id);
    this.deps.audit.record('ic.batch-load', {
      billerId: input.billerId,
      subject: input.fileName,
      detail: `${total} rows of ${input.kind}`,
    });
    return this.get(id);
  }

  private record(batchId: string): BatchRecord {
    const row = this.db.prepare('SELECT * FROM ic_batches WHERE id = ?').get(batchId) as BatchRecord | undefined;
    if (!row) throw new AppError('NOT_FOUND', 'That batch no longer exists. Load the file again.');
    return row;
  }

  get(batchId: string): Batch {
    const r = this.record(batchId);
    const layout = JSON.parse(r.layout) as CsvLayout;
    const byStatus = new Map(
      (
        this.db
          .prepare('SELECT status, COUNT(*) AS n FROM ic_batch_rows WHERE batch_id = ? GROUP BY status')
          .all(batchId) as Array<{ status: string; n: number }>
      ).map((x) => [x.status, x.n]),
    );
    const n = (s: string) => byStatus.get(s) ?? 0;
    const counts = {
      pending: n('pending'),
      invalid: n('invalid'),
      ok: n('ok'),
      differs: n('differs'),
      changed: n('changed'),
      notFound: n('not-found'),
      failed: n('failed'),
    };
    const valid = r.total - counts.invalid;
    return {
      id: r.id,
      billerId: r.biller_id,
      kind: r.kind,
      action: r.action,
      fileName: r.file_name,
      delimiter: layout.delimiter,
      hasHeader: layout.hasHeader,
      column: layout.column,
      columns: layout.columns,
      preview: JSON.parse(r.preview) as string[][],
      state: r.state,
      total: r.total,
      valid,
      done: valid - counts.pending,
      counts,
      note: r.note,
      createdAt: r.created_at,
      createdBy: r.created_by,
      updatedAt: r.updated_at,
    };
  }

  list(billerId: string, limit = 20): Batch[] {
    const ids = this.db
      .prepare('SELECT id FROM ic_batches WHERE biller_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?')
      .pluck()
      .all(billerId, limit) as string[];
    return ids.map((id) => this.get(id));
  }

  rows(batchId: string, offset: number, limit: number, problemsOnly = false): { rows: BatchRow[]; total: number } {
    this.record(batchId);
    const where = problemsOnly ? `AND status IN (${PROBLEMS.map(() => '?').join(', ')})` : '';
    const params = problemsOnly ? PROBLEMS : [];
    const total = this.db
      .prepare(`SELECT COUNT(*) FROM ic_batch_rows WHERE batch_id = ? ${where}`)
      .pluck()
      .get(batchId, ...params) as number;
    const rows = this.db
      .prepare(
        `SELECT line, value, status, account_number AS accountNumber, ic_cents AS icCents, impresa_cents AS impresaCents, new_ic_cents AS newIcCents, message
         FROM ic_batch_rows WHERE batch_id = ? ${where} ORDER BY line LIMIT ? OFFSET ?`,
      )
      .all(batchId, ...params, limit, offset) as BatchRow[];
    return { rows, total };
  }

  /** The per-row results as CSV text, built a page at a time. */
  exportCsv(batchId: string): { fileName: string; csv: string } {
    const batch = this.get(batchId);
    const parts: string[] = [stringify([EXPORT_HEADER])];
    for (const page of this.pages(batchId)) parts.push(stringify(page.map(exportRow)));
    return { fileName: `${batch.fileName.replace(/\.[^.]*$/, '')}-results.csv`, csv: parts.join('') };
  }

  /** Every row in file order, a page at a time (the CLI writes them to a file as they come). */
  *pages(batchId: string, size = 1000): Generator<BatchRow[]> {
    for (let offset = 0; ; offset += size) {
      const { rows } = this.rows(batchId, offset, size);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < size) return;
    }
  }

  /** Starts or resumes the batch (failed rows are tried again); returns at once (`whenIdle` waits for the end). */
  start(batchId: string, action: Action): Batch {
    const r = this.record(batchId);
    if (this.running.has(batchId)) throw new AppError('CONFLICT', 'This batch is already running.');
    if (r.action && r.action !== action && this.get(batchId).done > 0)
      throw new AppError(
        'CONFLICT',
        `This batch was started as ${r.action === 'lookup' ? 'a look-up' : 'a refresh'}; load the file again to ${action === 'lookup' ? 'look up' : 'refresh'} it.`,
      );
    // Rows that failed last time (a lost network, a timeout) are tried again.
    this.db
      .prepare("UPDATE ic_batch_rows SET status = 'pending', message = NULL WHERE batch_id = ? AND status = 'failed'")
      .run(batchId);
    this.setState(batchId, 'running', null, action);
    this.deps.audit.record('ic.batch-start', {
      billerId: r.biller_id,
      subject: r.file_name,
      detail: `${action} of ${r.kind}`,
    });
    const running: Running = { action, stop: null, done: Promise.resolve() };
    running.done = this.work(r.biller_id, batchId, r.kind, running).catch((error: unknown) => {
      this.deps.log.error(`Batch ${batchId} stopped`, error);
      this.setState(batchId, 'paused', `Stopped: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.running.set(batchId, running);
    void running.done.finally(() => {
      this.running.delete(batchId);
      this.emit(batchId);
    });
    return this.get(batchId);
  }

  /** Finishes the rows in flight, then stops; Resume goes on from the next pending row. */
  pause(batchId: string): Batch {
    return this.stop(batchId, 'pause');
  }

  /** Stops taking rows at once; rows in flight still record their result. Resume stays possible. */
  cancel(batchId: string): Batch {
    return this.stop(batchId, 'cancel');
  }

  private stop(batchId: string, how: 'pause' | 'cancel'): Batch {
    const r = this.record(batchId);
    const running = this.running.get(batchId);
    if (!running) {
      if (how === 'cancel' && r.state === 'paused') this.setState(batchId, 'cancelled', 'Cancelled.');
      return this.get(batchId);
    }
    running.stop = how;
    this.setState(batchId, how === 'pause' ? 'paused' : 'cancelled', how === 'pause' ? 'Paused.' : 'Cancelled.');
    this.deps.audit.record(`ic.batch-${how}`, { billerId: r.biller_id, subject: r.file_name });
    return this.get(batchId);
  }

  /** Resolves when the batch is not running (for the CLI and tests). */
  async whenIdle(batchId: string): Promise<Batch> {
    await this.running.get(batchId)?.done;
    return this.get(batchId);
  }

  private setState(batchId: string, state: Batch['state'], note: string | null, action?: Action): void {
    this.db
      .prepare('UPDATE ic_batches SET state = ?, note = ?, action = COALESCE(?, action), updated_at = ? WHERE id = ?')
      .run(state, note, action ?? null, this.deps.clock.now().toISOString(), batchId);
    this.emit(batchId);
  }

  private emit(batchId: string): void {
    const b = this.get(batchId);
    this.deps.events.emit('ic:batch', { batchId, billerId: b.billerId, state: b.state, done: b.done, valid: b.valid });
  }

  private async work(billerId: string, batchId: string, kind: BatchKind, running: Running): Promise<void> {
    const clients = await this.deps.clients(billerId);
    const next = this.db.prepare(
      "SELECT line, value FROM ic_batch_rows WHERE batch_id = ? AND status = 'pending' AND line > ? ORDER BY line LIMIT ?",
    );
    const save = this.db.prepare(
      'UPDATE ic_batch_rows SET status = ?, account_number = ?, ic_cents = ?, impresa_cents = ?, new_ic_cents = ?, message = ? WHERE batch_id = ? AND line = ?',
    );
    let buffer: Array<{ line: number; value: string }> = [];
    let after = 0;
    let exhausted = false;
    const take = (): { line: number; value: string } | null => {
      if (running.stop) return null;
      if (buffer.length === 0 && !exhausted) {
        buffer = next.all(batchId, after, FETCH) as Array<{ line: number; value: string }>;
        if (buffer.length < FETCH) exhausted = true;
        if (buffer.length) after = buffer[buffer.length - 1]!.line;
      }
      return buffer.shift() ?? null;
    };
    let lastEmit = 0;
    const workers = Math.max(1, Math.min(8, this.deps.workers?.(billerId) ?? 2));
    const worker = async () => {
      for (let row = take(); row; row = take()) {
        const result = await this.processRow(clients, kind, running.action, row.value);
        save.run(
          result.status,
          result.accountNumber,
          result.icCents,
          result.impresaCents,
          result.newIcCents,
          result.message,
          batchId,
          row.line,
        );
        const now = Date.now();
        if (now - lastEmit >= PROGRESS_EVERY_MS) {
          lastEmit = now;
          this.emit(batchId);
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    if (!running.stop) {
      const b = this.get(batchId);
      this.setState(batchId, 'done', null);
      this.deps.audit.record('ic.batch-done', {
        billerId,
        subject: b.fileName,
        detail: `${running.action}: ${b.counts.ok} ok, ${b.counts.differs} differ, ${b.counts.changed} changed, ${b.counts.notFound} not found, ${b.counts.failed} failed`,
      });
    }
  }

  /** One row: both balances, and for a refresh IC's set to InHANCE's when they differ. */
  private async processRow(clients: BillerClients, kind: BatchKind, action: Action, value: string): Promise<RowResult> {
    const result: RowResult = {
      status: 'failed',
      accountNumber: null,
      icCents: null,
      impresaCents: null,
      newIcCents: null,
      message: null,
    };
    try {
      let accountNumber = value;
      if (kind === 'invoices') {
        const bill = await notFound(() => clients.impresa.getBill(value));
        if (!bill) return { ...result, status: 'not-found', message: `InHANCE has no invoice ${value}.` };
        accountNumber = bill.accountNumber;
      }
      result.accountNumber = accountNumber;
      const account = await notFound(() => clients.impresa.getAccount(accountNumber));
      if (!account) return { ...result, status: 'not-found', message: `InHANCE has no account ${accountNumber}.` };
      result.impresaCents = account.balanceCents;
      let ic: number | null;
      if (kind === 'invoices')
        ic = (await notFound(() => clients.ic.viewInvoiceByInvoiceNumber(value)))?.balanceDueCents ?? null;
      else ic = await icAccountBalance(clients.ic, accountNumber);
      if (ic === null)
        return {
          ...result,
          status: 'not-found',
          message:
            kind === 'invoices'
              ? `InvoiceCloud has no invoice ${value}.`
              : `InvoiceCloud has no balance for account ${accountNumber} (it learns an account from its first invoice).`,
        };
      result.icCents = ic;
      if (ic === account.balanceCents) return { ...result, status: 'ok' };
      if (action === 'lookup')
        return {
          ...result,
          status: 'differs',
          message: `InvoiceCloud ${centsToDecimal(ic)}, InHANCE ${centsToDecimal(account.balanceCents)}.`,
        };
      const written = await clients.ic.updateAccountBalances([
        { accountNumber, balanceDueCents: account.balanceCents },
      ]);
      if (written.unknownAccounts.includes(accountNumber))
        return { ...result, status: 'not-found', message: `InvoiceCloud does not know account ${accountNumber}.` };
      return { ...result, status: 'changed', newIcCents: account.balanceCents };
    } catch (error) {
      return { ...result, status: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }
}

async function notFound<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ClientError && error.kind === 'NOT_FOUND') return null;
    throw error;
  }
}

export const EXPORT_HEADER = [
  'line',
  'number',
  'result',
  'account_number',
  'invoicecloud_balance',
  'inhance_balance',
  'new_invoicecloud_balance',
  'message',
];

export function exportRow(r: BatchRow): string[] {
  const money = (c: number | null) => (c === null ? '' : centsToDecimal(c));
  return [
    String(r.line),
    r.value,
    r.status,
    r.accountNumber ?? '',
    money(r.icCents),
    money(r.impresaCents),
    money(r.newIcCents),
    r.message ?? '',
  ];
}
