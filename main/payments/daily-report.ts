import type { ControlTotal, PaymentMethod } from '../../shared/domain/payments';
import type { BillerProfile } from '../billers/billers.service';
import type { ImpresaBatchEntry, ImpresaClient, ImpresaReceipt } from '../clients/impresa';
import type { LedgerPayment, PaymentLedger } from './ledger';
import { dayIn, parsePulledReason } from './payment-states';
import { allPages } from './impresa-pages';

/**
 * The daily report's content for one of the biller's days, read from InHANCE (so it is the same
 * whichever workstation writes it) and enriched by this installation's ledger: what was posted and
 * by whom (a clerk or IC Clerk), held, rejected, reversed and returned (with the code), totals by
 * method, convenience fees, and the control totals of that deposit day.
 */
export interface ReportLine {
  time: string | null;
  entryId: string | null;
  receiptId: string | null;
  paymentGuid: string;
  accountNumber: string;
  customerName: string;
  method: PaymentMethod;
  amountCents: number;
  feeCents: number;
  by: string;
  byName: string;
  code: string;
  reason: string;
}

export interface DailyReport {
  billerName: string;
  timeZone: string;
  date: string;
  generatedAt: string;
  generatedBy: string;
  posted: ReportLine[];
  held: ReportLine[];
  rejected: ReportLine[];
  reversed: ReportLine[];
  returned: ReportLine[];
  byMethod: Record<PaymentMethod, { count: number; cents: number }>;
  byPoster: Array<{ user: string; name: string; live: boolean; count: number; cents: number }>;
  postedCents: number;
  /** Convenience fees IC collected on the payments posted this day, and on the day's deposits (never posted to accounts). */
  postedFeeCents: number;
  depositFeeCents: number;
  control: ControlTotal | null;
}

export async function gatherDailyReport(input: {
  biller: BillerProfile;
  impresa: ImpresaClient;
  ledger: PaymentLedger;
  date: string;
  generatedAt: string;
  generatedBy: string;
  names: Map<string, string>;
  knownNames: (guid: string) => string;
  control: ControlTotal | null;
}): Promise<DailyReport> {
  const { biller, impresa, ledger, date } = input;
  const tz = biller.timeZone;
  const live = biller.livePostingUser;
  // The live-posting user is also who the Payments job reverses and pulls as.
  const nameOf = (user: string, liveRole = 'live posting') => (user === live ? `${live} (${liveRole})` : (input.names.get(user) ?? user));
  const paymentOf = (guid: string): LedgerPayment | null => ledger.get(biller.id, guid);
  const customer = (guid: string, fallback = '') => paymentOf(guid)?.customerName || fallback || input.knownNames(guid);

  const receipts = await allPages((after) => impresa.listReceipts({ postedOn: date, after, limit: 1000 }));
  const posted: ReportLine[] = receipts.map((r: ImpresaReceipt) => ({
    time: r.postedAt,
    entryId: r.entryId,
    receiptId: r.receiptId,
    paymentGuid: r.externalRef,
    accountNumber: r.accountNumber,
    customerName: customer(r.externalRef),
    method: r.paymentType,
    amountCents: r.amountCents,
    feeCents: r.convenienceFeeCents,
    by: r.postedBy,
    byName: nameOf(r.postedBy),
    code: r.reversalId ? 'REVERSED' : '',
    reason: r.source === 'live' ? 'Live posting' : 'Posted from the queue',
  }));

  const entryLine = (e: ImpresaBatchEntry, code = '', reason = e.stateReason): ReportLine => ({
    time: e.stateAt,
    entryId: e.entryId,
    receiptId: e.receiptId,
    paymentGuid: e.externalRef,
    accountNumber: e.accountNumber,
    customerName: customer(e.externalRef, e.payerName),
    method: e.paymentType,
    amountCents: e.amountCents,
    feeCents: e.convenienceFeeCents,
    by: e.stateBy,
    byName: nameOf(e.stateBy, 'Payments job'),
    code,
    reason,
  });
  const onDay = (e: ImpresaBatchEntry) => e.stateAt !== null && dayIn(e.stateAt, tz) === date;
  const held = (await allPages((after) => impresa.listEntries({ state: 'held', after, limit: 1000 })))
    .filter(onDay)
    .map((e) => entryLine(e));
  const rejectedEntries = (await allPages((after) => impresa.listEntries({ state: 'rejected', after, limit: 1000 }))).filter(onDay);
  const rejected: ReportLine[] = [];
  const returned: ReportLine[] = [];
  const reversed: ReportLine[] = [];
  const seen = new Set<string>();
  for (const e of rejectedEntries) {
    const pulled = parsePulledReason(e.stateReason);
    if (!pulled) {
      rejected.push(entryLine(e));
      continue;
    }
    seen.add(e.externalRef);
    (pulled.kind === 'return' ? returned : reversed).push(entryLine(e, pulled.code, `Pulled from the queue: ${pulled.reason}`));
  }
  // Receipts reversed this day: known from this installation's ledger (InHANCE lists reversals by receipt only).
  for (const ret of ledger.returns(biller.id)) {
    if (seen.has(ret.originalGuid) || !ret.appliedAt || dayIn(ret.appliedAt, tz) !== date || ret.state !== 'reversed') continue;
    const p = paymentOf(ret.originalGuid);
    const line: ReportLine = {
      time: ret.appliedAt,
      entryId: p?.entryId ?? null,
      receiptId: p?.receiptId ?? null,
      paymentGuid: ret.originalGuid,
      accountNumber: p?.accountNumber ?? '',
      customerName: p?.customerName ?? '',
      method: p?.method === 'ach' ? 'ach' : 'card',
      amountCents: ret.amountCents,
      feeCents: p?.feeCents ?? 0,
      by: live,
      byName: nameOf(live, 'Payments job'),
      code: ret.code,
      reason: `Receipt reversed: ${ret.reason}`,
    };
    (ret.kind === 'return' ? returned : reversed).push(line);
  }

  const byMethod: DailyReport['byMethod'] = { card: { count: 0, cents: 0 }, ach: { count: 0, cents: 0 } };
  const posters = new Map<string, { user: string; name: string; live: boolean; count: number; cents: number }>();
  for (const p of posted) {
    byMethod[p.method].count++;
    byMethod[p.method].cents += p.amountCents;
    const who = posters.get(p.by) ?? { user: p.by, name: p.byName, live: p.by === live, count: 0, cents: 0 };
    who.count++;
    who.cents += p.amountCents;
    posters.set(p.by, who);
  }
  const sortByTime = (a: ReportLine, b: ReportLine) => (a.time ?? '').localeCompare(b.time ?? '');
  return {
    billerName: biller.name,
    timeZone: tz,
    date,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    posted: posted.sort(sortByTime),
    held: held.sort(sortByTime),
    rejected: rejected.sort(sortByTime),
    reversed: reversed.sort(sortByTime),
    returned: returned.sort(sortByTime),
    byMethod,
    byPoster: [...posters.values()].sort((a, b) => b.cents - a.cents),
    postedCents: posted.reduce((s, p) => s + p.amountCents, 0),
    postedFeeCents: posted.reduce((s, p) => s + p.feeCents, 0),
    depositFeeCents: input.control?.feeCents ?? 0,
    control: input.control,
  };
}
