import { formatCents } from '../../shared/domain/money';
import type { ControlTotal } from '../../shared/domain/payments';
import type { BatchTotal } from './ic-totals';
import type { LedgerReturn, TotalsPayment } from './ledger';
import type { TotalsRow } from './queue-store';

interface Day {
  ic: number;
  icCount: number;
  fee: number;
  posted: number;
  pending: number;
  held: number;
  exception: number;
  rejected: number;
  reversed: number;
  notWritten: number;
  notWrittenCount: number;
  /** Batch entries in the copy (any state): what of the batch's own total the copy can see. */
  entryRows: number;
}

const blank = (): Day => ({
  ic: 0,
  icCount: 0,
  fee: 0,
  posted: 0,
  pending: 0,
  held: 0,
  exception: 0,
  rejected: 0,
  reversed: 0,
  notWritten: 0,
  notWrittenCount: 0,
  entryRows: 0,
});

/**
 * Control totals per deposit day: IC's total (the payments this installation downloaded) against
 * what InHANCE holds for them, by state as last read. accounted = posted + pending + held +
 * exceptions + rejected (a pulled return is a rejected entry; a reversed receipt stays posted: the
 * money reached the account and then went back, shown apart as reversed). Entries in InHANCE that
 * IC never sent (a manual entry, another job host) count on InHANCE's side and show as a difference.
 *
 * A workstation without the ledger (not the job host) takes IC's side from the day's InHANCE batch,
 * where the job host set it (ic-totals.ts); so does the job host for a day its ledger has no payment
 * for. InHANCE's side then also counts the batch's own total: entries posted on an earlier day are
 * no longer in the queue copy, so what the batch holds beyond the copy's entries was posted. Without
 * either, IC's side is unknown.
 */
export function controlTotals(input: {
  payments: readonly TotalsPayment[];
  returns: LedgerReturn[];
  rows: readonly TotalsRow[];
  days?: string[];
  hasLedger: boolean;
  /** InHANCE's batches by deposit day as last read, with IC's totals as the job host set them. */
  batches?: ReadonlyMap<string, BatchTotal>;
}): ControlTotal[] {
  const days = new Map<string, Day>();
  const day = (d: string) => {
    let v = days.get(d);
    if (!v) days.set(d, (v = blank()));
    return v;
  };
  for (const d of input.days ?? []) day(d);
  for (const b of input.batches?.values() ?? []) if (b.icTotalCents !== null) day(b.depositDate);
  const pulled = new Set(input.returns.filter((r) => r.state === 'pulled').map((r) => r.originalGuid));
  const known = new Set<string>();
  for (const p of input.payments) {
    known.add(p.paymentGuid);
    if (!p.approved) continue;
    const d = day(p.depositDate);
    d.ic += p.amountCents;
    d.icCount++;
    d.fee += p.feeCents;
    switch (p.state) {
      case 'downloaded':
        d.notWritten += p.amountCents;
        d.notWrittenCount++;
        break;
      case 'queued':
        d.pending += p.amountCents;
        break;
      case 'exception':
        d.exception += p.amountCents;
        break;
      case 'held':
        d.held += p.amountCents;
        break;
      case 'posted':
        d.posted += p.amountCents;
        break;
      case 'rejected':
        d.rejected += p.amountCents;
        break;
      case 'reversed':
      case 'returned':
        if (pulled.has(p.paymentGuid) || !p.receiptId) d.rejected += p.amountCents;
        else {
          d.posted += p.amountCents;
          d.reversed += p.amountCents;
        }
        break;
    }
  }
  for (const r of input.rows) {
    if (known.has(r.id)) continue;
    const d = day(r.depositDate);
    if (r.entryId) d.entryRows += r.amountCents;
    if (r.returnInfo?.action === 'pulled' || r.state === 'rejected') d.rejected += r.amountCents;
    else if (r.state === 'posted' || r.state === 'reversed') {
      d.posted += r.amountCents;
      if (r.state === 'reversed') d.reversed += r.amountCents;
    } else if (r.state === 'held') d.held += r.amountCents;
    else if (r.exception) d.exception += r.amountCents;
    else d.pending += r.amountCents;
  }
  return [...days.entries()]
    .sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0))
    .map(([depositDate, d]) => {
      const batch = input.batches?.get(depositDate);
      const fromBatch = batch && batch.icTotalCents !== null && !(input.hasLedger && d.icCount > 0) ? batch : null;
      if (fromBatch) {
        d.ic = fromBatch.icTotalCents!;
        d.icCount = fromBatch.icCount ?? 0;
        d.posted += Math.max(0, fromBatch.totalCents - d.entryRows);
      }
      const accounted = d.posted + d.pending + d.held + d.exception + d.rejected;
      const icKnown = input.hasLedger || fromBatch !== null;
      const difference = icKnown ? d.ic - accounted : null;
      let message: string;
      if (!icKnown)
        message =
          'IC’s total is known on the job host, which downloads the payments; it shows here once the job host’s Payments job sets it in InHANCE.';
      else if (difference === 0) message = `Balanced: ${formatCents(d.ic)} from IC is all in InHANCE.`;
      else if (difference! > 0) {
        message = `Off by ${formatCents(difference!)}: InHANCE holds less than IC reported${d.notWrittenCount ? ` (${d.notWrittenCount} payment${d.notWrittenCount === 1 ? '' : 's'} not written yet)` : ''}.`;
      } else
        message = `Off by ${formatCents(-difference!)}: InHANCE holds more than IC reported (entries IC did not send).`;
      return {
        depositDate,
        icCents: icKnown ? d.ic : null,
        icCount: icKnown ? d.icCount : null,
        icTotalAt: fromBatch?.icTotalAt ?? null,
        postedCents: d.posted,
        pendingCents: d.pending,
        heldCents: d.held,
        exceptionCents: d.exception,
        rejectedCents: d.rejected,
        reversedCents: d.reversed,
        notWrittenCents: d.notWritten,
        accountedCents: accounted,
        differenceCents: difference,
        balanced: difference === null ? null : difference === 0,
        message,
        feeCents: d.fee,
      };
    });
}
