import { formatCents } from '../../shared/domain/money';
import type { ControlTotal } from '../../shared/domain/payments';
import type { BillerProfile } from '../billers/billers.service';
import type { ImpresaBatchEntry, ImpresaClient, ImpresaReceipt } from '../clients/impresa';
import type { InvoiceCloudClient } from '../clients/invoicecloud';
import type { PaymentLedger } from './ledger';
import { allPages } from './impresa-pages';

export interface LedgerCheck {
  ok: boolean;
  /** One sentence per broken invariant. */
  problems: string[];
  figures: {
    ledgerPayments: number;
    icPayments: number;
    icThroughSequence: number;
    inhanceEntries: number;
    inhanceLiveReceipts: number;
    duplicateDeliveries: number;
    days: number;
  };
}

const MAX_LISTED = 20;

/**
 * `ledger check`: the invariants, verified against the systems themselves rather than this
 * installation's copies. (1) InHANCE holds exactly one entry or live receipt per PaymentGUID the
 * ledger settled, and no external reference twice. (2) Every payment in IC's feed up to the committed
 * cursor is in the ledger, with the same total per deposit day. (3) The control totals of every
 * deposit day balance. (4) A payment IC took back stays taken back: an entry pulled for a return is
 * not pending, held or posted again without a reversal. Read-only.
 */
export async function checkLedger(input: {
  biller: BillerProfile;
  impresa: ImpresaClient;
  ic: InvoiceCloudClient;
  ledger: PaymentLedger;
  cursor: number;
  controlTotals: ControlTotal[];
}): Promise<LedgerCheck> {
  const { biller, impresa, ic, ledger } = input;
  const problems: string[] = [];
  const list = (what: string, items: string[]) => {
    if (items.length === 0) return;
    problems.push(
      `${items.length} ${what}: ${items.slice(0, MAX_LISTED).join('; ')}${items.length > MAX_LISTED ? '; …' : ''}`,
    );
  };

  // (1) InHANCE: one landing per external reference.
  const entries: ImpresaBatchEntry[] = await allPages((after) => impresa.listEntries({ after, limit: 1000 }));
  const receipts: ImpresaReceipt[] = await allPages((after) => impresa.listReceipts({ after, limit: 1000 }));
  const landings = new Map<string, number>();
  for (const e of entries) landings.set(e.externalRef, (landings.get(e.externalRef) ?? 0) + 1);
  const live = receipts.filter((r) => r.source === 'live');
  for (const r of live) landings.set(r.externalRef, (landings.get(r.externalRef) ?? 0) + 1);
  const receiptByRef = new Map(receipts.map((r) => [r.externalRef, r]));
  const entryByRef = new Map(entries.map((e) => [e.externalRef, e]));
  list(
    'external reference(s) are in InHANCE more than once',
    [...landings.entries()].filter(([, n]) => n > 1).map(([ref, n]) => `${ref} (${n} times)`),
  );
  const payments = ledger.payments(biller.id);
  const missing: string[] = [];
  const unwritten: string[] = [];
  const notReversed: string[] = [];
  const backInQueue: string[] = [];
  for (const p of payments) {
    if (p.state === 'downloaded') {
      unwritten.push(
        `${p.paymentGuid} (${p.accountNumber}, ${formatCents(p.amountCents)}${p.lastError ? `: ${p.lastError}` : ''})`,
      );
      continue;
    }
    if (!p.entryId && !p.receiptId) continue; // never meant for InHANCE (not approved by IC, no amount)
    if (!landings.has(p.paymentGuid))
      missing.push(`${p.paymentGuid} (${p.state}, ${p.accountNumber}, ${formatCents(p.amountCents)})`);
    const ret = ledger.returnFor(biller.id, p.paymentGuid);
    if (ret?.state === 'reversed' && !receiptByRef.get(p.paymentGuid)?.reversalId)
      notReversed.push(`${p.paymentGuid} (${ret.code})`);
    if (ret?.state === 'pulled') {
      // The return took the payment out of the queue; it must stay out (or, once posted, be reversed).
      const entry = entryByRef.get(p.paymentGuid);
      const receipt = receiptByRef.get(p.paymentGuid) ?? null;
      const unreversed = receipt !== null && !receipt.reversalId;
      if (unreversed || entry?.state === 'pending' || entry?.state === 'held') {
        const now = unreversed
          ? `posted (receipt ${receipt.receiptId}) without a reversal`
          : `${entry!.state} again (entry ${entry!.entryId})`;
        backInQueue.push(`${p.paymentGuid} (${ret.code}, ${p.accountNumber}, ${formatCents(p.amountCents)}: ${now})`);
      }
    }
  }
  list('payment(s) the ledger settled are not in InHANCE', missing);
  list('payment(s) downloaded from IC are not written to InHANCE yet', unwritten);
  list('reversal(s) recorded here are not reversed in InHANCE', notReversed);
  list(
    'payment(s) taken back by IC are back in the queue or posted in InHANCE; reverse or reject them there',
    backInQueue,
  );

  // (2) IC: every payment up to the cursor is in the ledger, with the same day totals.
  const icDays = new Map<string, number>();
  const icSeen = new Set<string>();
  const notInLedger: string[] = [];
  let icPayments = 0;
  let after = 0;
  while (after < input.cursor) {
    const page = await ic.downloadPayments({ afterSequence: after, maxRecords: 1000 });
    for (const r of page.records) {
      if (r.sequence > input.cursor || icSeen.has(r.paymentGuid)) continue;
      icSeen.add(r.paymentGuid);
      if (r.recordType !== 'Payment') continue;
      icPayments++;
      if (!ledger.has(biller.id, r.paymentGuid)) notInLedger.push(`${r.paymentGuid} (IC record ${r.sequence})`);
      if (r.approved) icDays.set(r.depositDate, (icDays.get(r.depositDate) ?? 0) + r.amountCents);
    }
    if (!page.hasMore || page.lastSequence <= after) break;
    after = page.lastSequence;
  }
  list('IC payment(s) up to the committed cursor are not in the ledger', notInLedger);
  const ledgerDays = new Map<string, number>();
  for (const p of payments)
    if (p.approved) ledgerDays.set(p.depositDate, (ledgerDays.get(p.depositDate) ?? 0) + p.amountCents);
  const dayProblems: string[] = [];
  for (const [day, cents] of icDays) {
    const mine = ledgerDays.get(day) ?? 0;
    if (mine !== cents) dayProblems.push(`${day}: IC ${formatCents(cents)}, ledger ${formatCents(mine)}`);
  }
  list('deposit day(s) where the ledger differs from IC', dayProblems);

  // (3) Control totals per deposit day.
  list(
    'deposit day(s) do not balance',
    input.controlTotals
      .filter((c) => c.differenceCents !== null && c.differenceCents !== 0)
      .map((c) => `${c.depositDate}: ${c.message}`),
  );

  return {
    ok: problems.length === 0,
    problems,
    figures: {
      ledgerPayments: payments.length,
      icPayments,
      icThroughSequence: input.cursor,
      inhanceEntries: entries.length,
      inhanceLiveReceipts: live.length,
      duplicateDeliveries: ledger.duplicateDeliveries(biller.id),
      days: input.controlTotals.length,
    },
  };
}
