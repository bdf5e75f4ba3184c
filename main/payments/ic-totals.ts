import type { ImpresaBatch, ImpresaClient } from '../clients/impresa';
import { addDays } from '../ground/dates';
import type { Db } from '../store/database';
import type { RunContext } from './run-context';
import { Statements } from './statements';

/** How many deposit days back batches are read and IC's totals kept on them (beyond the control-totals window and a month of reports). */
export const IC_TOTAL_DAYS = 62;

/** One deposit day's batch as last read from InHANCE, with IC's total as the job host set it. */
export interface BatchTotal {
  depositDate: string;
  batchId: string;
  /** Every entry in the batch, whatever its state (InHANCE's own running figures). */
  entryCount: number;
  totalCents: number;
  /** IC's total and count for the day, null until a job host set them. */
  icTotalCents: number | null;
  icCount: number | null;
  icTotalAt: string | null;
  icTotalBy: string | null;
}

const COLUMNS = `deposit_date AS depositDate, batch_id AS batchId, entry_count AS entryCount, total_cents AS totalCents,
  ic_total_cents AS icTotalCents, ic_count AS icCount, ic_total_at AS icTotalAt, ic_total_by AS icTotalBy`;

/**
 * IC's day totals carried on InHANCE's batches (ASSUMED contract). Only the job host downloads IC's
 * payments, so it sets each day's total on the day's batch; every installation reads the batches
 * with the queue and keeps them here, so control totals can say "Balanced" or "Off by $X" on any
 * clerk workstation.
 */
export class IcTotals {
  private readonly statements: Statements;

  constructor(private readonly db: Db) {
    this.statements = new Statements(db);
  }

  private sql(text: string) {
    return this.statements.get(text);
  }

  /** The first deposit day a refresh reads batches from. */
  static since(today: string): string {
    return addDays(today, -IC_TOTAL_DAYS);
  }

  /** Replaces the copy from `from` on with a fresh read of InHANCE's batches (a batch gone from InHANCE goes here too). */
  replace(billerId: string, batches: readonly ImpresaBatch[], from: string, at: string): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM payment_batch_totals WHERE biller_id = ? AND deposit_date >= ?').run(billerId, from);
      for (const b of batches) if (b.depositDate >= from) this.put(billerId, b, at);
    })();
  }

  private put(billerId: string, b: ImpresaBatch, at: string): void {
    this.sql(
      `INSERT OR REPLACE INTO payment_batch_totals (biller_id, deposit_date, batch_id, entry_count, total_cents, ic_total_cents, ic_count, ic_total_at, ic_total_by, read_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      billerId,
      b.depositDate,
      b.batchId,
      b.entryCount,
      b.totalCents,
      b.icTotalCents,
      b.icCount,
      b.icTotalAt,
      b.icTotalBy,
      at,
    );
  }

  byDay(billerId: string, from: string | null, to: string | null): Map<string, BatchTotal> {
    const rows = this.sql(
      `SELECT ${COLUMNS} FROM payment_batch_totals WHERE biller_id = @billerId AND (@from IS NULL OR deposit_date >= @from) AND (@to IS NULL OR deposit_date <= @to)`,
    ).all({ billerId, from, to }) as BatchTotal[];
    return new Map(rows.map((r) => [r.depositDate, r]));
  }

  /**
   * The job host's days (its own batches, from `since`) whose ledger total differs from what
   * InHANCE's batch last said: the approved payments IC reported for the day, as control totals count them.
   * Days with live-posted payments are left out (live mode's exception batches hold only part of the day).
   */
  changed(
    billerId: string,
    since: string,
  ): Array<{ depositDate: string; batchId: string; icTotalCents: number; icCount: number }> {
    const rows = this.sql(
      `
      SELECT b.deposit_date AS depositDate, b.batch_id AS batchId,
        (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payments p WHERE p.biller_id = b.biller_id AND p.deposit_date = b.deposit_date AND p.approved = 1) AS icTotalCents,
        (SELECT COUNT(*) FROM payments p WHERE p.biller_id = b.biller_id AND p.deposit_date = b.deposit_date AND p.approved = 1) AS icCount,
        t.batch_id AS knownBatch, t.ic_total_cents AS knownTotal, t.ic_count AS knownCount
      FROM payment_batches b LEFT JOIN payment_batch_totals t ON t.biller_id = b.biller_id AND t.deposit_date = b.deposit_date
      WHERE b.biller_id = ? AND b.deposit_date >= ?
        -- A day with live-posted payments: their receipts are not in the batch, so a workstation could not balance it.
        AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.biller_id = b.biller_id AND p.deposit_date = b.deposit_date AND p.mode = 'live')
      ORDER BY b.deposit_date`,
    ).all(billerId, since) as Array<{
      depositDate: string;
      batchId: string;
      icTotalCents: number;
      icCount: number;
      knownBatch: string | null;
      knownTotal: number | null;
      knownCount: number | null;
    }>;
    return rows
      .filter((r) => r.knownBatch !== r.batchId || r.knownTotal !== r.icTotalCents || r.knownCount !== r.icCount)
      .map(({ depositDate, batchId, icTotalCents, icCount }) => ({ depositDate, batchId, icTotalCents, icCount }));
  }

  /**
   * The job host sets IC's total on each of its batches whose day changed since InHANCE last said.
   * A failure is logged and left: nothing else depends on it, and the next run tries again (the
   * total is absolute, so setting it twice is harmless). Returns how many days were set.
   */
  async publish(
    run: Pick<RunContext, 'biller' | 'installationId' | 'log'>,
    input: { impresa: ImpresaClient; today: string; at: () => string },
  ): Promise<number> {
    const { biller } = run;
    const { impresa } = input;
    let set = 0;
    for (const day of this.changed(biller.id, IcTotals.since(input.today))) {
      try {
        const batch = await impresa.setBatchIcTotal(day.batchId, {
          icTotalCents: day.icTotalCents,
          icCount: day.icCount,
          installationId: run.installationId,
        });
        this.put(biller.id, batch, input.at());
        set++;
      } catch (error) {
        run.log(
          'warn',
          `IC's total for ${day.depositDate} could not be set on InHANCE batch ${day.batchId}: ${error instanceof Error ? error.message : String(error)} Clerk workstations show the earlier total until the next run sets it.`,
        );
      }
    }
    if (set)
      run.log(
        'info',
        `IC's total set on ${set} InHANCE batch${set === 1 ? '' : 'es'}, for the clerk workstations' control totals.`,
      );
    return set;
  }
}
