import type { Migration } from '../store/migration';

/**
 * The payments ledger and this installation's copy of InHANCE's queue. Times are ISO instants in
 * UTC unless a column says otherwise; days are YYYY-MM-DD in the biller's time zone; money is cents.
 *
 * - payments: one row per IC PaymentGUID, recorded before anything is written to InHANCE. `intent`
 *   is set before each write to InHANCE and cleared once its result is recorded: a row with an
 *   intent after a restart is looked up in InHANCE by external reference before it is retried.
 * - payment_deliveries: every feed record IC delivered (a second sequence with a known GUID is a
 *   duplicate delivery).
 * - payment_returns: IC's reversals and ACH returns, with what was done in InHANCE.
 * - queue_entries: InHANCE's batch entries and today's receipts as last read (the shared queue),
 *   one row per external reference, with the derived tab, so 20,000 rows page and sort in SQL.
 */
export const paymentsMigration: Migration = {
  version: 6,
  name: 'payments: ledger, deliveries, returns, batches, queue copy',
  sql: `
    CREATE TABLE payments (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      payment_guid TEXT NOT NULL,
      ic_sequence INTEGER NOT NULL,
      -- IC's local wall-clock time of the payment, without a zone (2025-03-03T13:05:00).
      paid_at TEXT NOT NULL,
      deposit_date TEXT NOT NULL,
      invoice_number TEXT NOT NULL,
      account_number TEXT NOT NULL,
      customer_name TEXT NOT NULL,
      amount_cents INTEGER NOT NULL,
      fee_cents INTEGER NOT NULL,
      payment_type_id INTEGER NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('card', 'ach', 'other')),
      card_type TEXT NOT NULL,
      biller_reference TEXT NOT NULL,
      payment_message TEXT NOT NULL,
      approved INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('downloaded', 'queued', 'exception', 'posted', 'held', 'rejected', 'reversed', 'returned')),
      mode TEXT CHECK (mode IN ('pending', 'live')),
      exception_kind TEXT,
      exception_reason TEXT,
      batch_id TEXT,
      entry_id TEXT,
      receipt_id TEXT,
      posted_by TEXT,
      posted_at TEXT,
      state_by TEXT,
      state_at TEXT,
      state_reason TEXT,
      intent TEXT CHECK (intent IN ('entry', 'live')),
      intent_at TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      deliveries INTEGER NOT NULL DEFAULT 1,
      downloaded_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (biller_id, payment_guid)
    ) WITHOUT ROWID;
    CREATE INDEX payments_day ON payments (biller_id, deposit_date);
    CREATE INDEX payments_unwritten ON payments (biller_id, ic_sequence) WHERE state = 'downloaded';
    CREATE INDEX payments_entry ON payments (biller_id, entry_id);
    CREATE INDEX payments_account_day ON payments (biller_id, account_number, deposit_date);

    CREATE TABLE payment_deliveries (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      payment_guid TEXT NOT NULL,
      ic_sequence INTEGER NOT NULL,
      record_type TEXT NOT NULL CHECK (record_type IN ('Payment', 'Reversal', 'Return')),
      received_at TEXT NOT NULL,
      run_id TEXT,
      duplicate INTEGER NOT NULL,
      UNIQUE (biller_id, payment_guid, ic_sequence)
    );

    CREATE TABLE payment_returns (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      return_guid TEXT NOT NULL,
      original_guid TEXT NOT NULL,
      ic_sequence INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('reversal', 'return')),
      code TEXT NOT NULL,
      reason TEXT NOT NULL,
      amount_cents INTEGER NOT NULL,
      -- IC's local time of the take-back, without a zone.
      returned_at TEXT NOT NULL,
      deposit_date TEXT NOT NULL,
      received_at TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('received', 'reversed', 'pulled', 'failed')),
      intent INTEGER NOT NULL DEFAULT 0,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      reversal_id TEXT,
      applied_at TEXT,
      deliveries INTEGER NOT NULL DEFAULT 1,
      PRIMARY KEY (biller_id, return_guid)
    ) WITHOUT ROWID;
    CREATE INDEX payment_returns_original ON payment_returns (biller_id, original_guid);

    CREATE TABLE payment_batches (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      deposit_date TEXT NOT NULL,
      batch_id TEXT NOT NULL,
      installation_id TEXT,
      recorded_at TEXT NOT NULL,
      PRIMARY KEY (biller_id, deposit_date)
    ) WITHOUT ROWID;

    -- Accounts with a returned or reversed payment; InHANCE's contract has no flag of its own.
    CREATE TABLE flagged_accounts (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      account_number TEXT NOT NULL,
      code TEXT NOT NULL,
      reason TEXT NOT NULL,
      payment_guid TEXT NOT NULL,
      flagged_at TEXT NOT NULL,
      PRIMARY KEY (biller_id, account_number)
    ) WITHOUT ROWID;

    CREATE TABLE queue_entries (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      entry_id TEXT,
      receipt_id TEXT,
      batch_id TEXT,
      tab TEXT NOT NULL CHECK (tab IN ('ready', 'exceptions', 'held', 'rejected', 'returns', 'posted')),
      state TEXT NOT NULL,
      account_number TEXT NOT NULL,
      original_account_number TEXT NOT NULL,
      customer_name TEXT NOT NULL,
      amount_cents INTEGER NOT NULL,
      fee_cents INTEGER NOT NULL,
      method TEXT NOT NULL,
      invoice_number TEXT NOT NULL,
      deposit_date TEXT NOT NULL,
      paid_at TEXT,
      queued_at TEXT NOT NULL,
      exception_kind TEXT,
      exception_reason TEXT,
      state_reason TEXT NOT NULL,
      state_by TEXT NOT NULL,
      state_at TEXT,
      posted_by TEXT,
      posted_at TEXT,
      posted_day TEXT,
      return_info TEXT,
      flagged INTEGER NOT NULL DEFAULT 0,
      -- Lower-cased text the search box matches.
      search TEXT NOT NULL,
      PRIMARY KEY (biller_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX queue_entries_tab ON queue_entries (biller_id, tab, paid_at);
    CREATE INDEX queue_entries_entry ON queue_entries (biller_id, entry_id);

    CREATE TABLE queue_sync (
      biller_id TEXT PRIMARY KEY REFERENCES billers(id) ON DELETE CASCADE,
      synced_at TEXT NOT NULL,
      entries INTEGER NOT NULL
    );
  `,
};

/**
 * InHANCE's batches as last read (every installation): each day's running figures and IC's day
 * total as the job host set it on the batch (ASSUMED contract, CONTRACT.md). A workstation without
 * the ledger takes IC's side of its control totals from here; the job host compares its ledger
 * with it to set the total only when it changed.
 */
export const paymentBatchTotalsMigration: Migration = {
  version: 7,
  name: 'payments: batches as read from InHANCE, with IC day totals',
  sql: `
    CREATE TABLE payment_batch_totals (
      biller_id TEXT NOT NULL REFERENCES billers(id) ON DELETE CASCADE,
      deposit_date TEXT NOT NULL,
      batch_id TEXT NOT NULL,
      entry_count INTEGER NOT NULL,
      total_cents INTEGER NOT NULL,
      ic_total_cents INTEGER,
      ic_count INTEGER,
      ic_total_at TEXT,
      ic_total_by TEXT,
      read_at TEXT NOT NULL,
      PRIMARY KEY (biller_id, deposit_date)
    ) WITHOUT ROWID;
  `,
};

/**
 * The queue's default order (when paid, else the deposit day) as an index: every page of the list
 * sorted all of a tab's rows before (23,000 at a large utility, once per page of 5,000); with it a
 * page walks the index. The amount at its end lets a page's count and total read the index alone.
 */
export const queueOrderIndexMigration: Migration = {
  version: 32,
  name: 'payments: the queue copy indexed in its default order',
  sql: `
    CREATE INDEX queue_entries_paid ON queue_entries (biller_id, tab, COALESCE(paid_at, deposit_date), id, amount_cents);
  `,
};
