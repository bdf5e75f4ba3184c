import type { ControlTotal, PaymentMethod } from '../../shared/domain/payments';
import type { BillerProfile } from '../billers/billers.service';
import type { ImpresaBatchEntry, ImpresaClient, ImpresaReceipt } from '../clients/impresa';
import type { LedgerPayment, PaymentLedger } from './ledger';
import { dayIn, parsePulledReason } from './payment-states';
import { allPages } from './impresa-pages';
import type { EntryEvent } from './payments-audit';
import type { QueueRow } from './queue-rows';
import { factsFromEntry, factsFromLedger, factsFromRow, laterNote } from './report-history';

/**
 * The daily report's content for one of the biller's days: what was posted and by whom (a clerk or
 * IC Clerk) and what was pulled, read from InHANCE (so it is the same whichever workstation writes
 * it); what was held and rejected that day, from the audit log's history of the day (so a past day
 * keeps its holds and rejections after they are undone or posted; see report-history.ts); reversed
 * and returned (with the code), totals by method, convenience fees, and control totals from this
 * installation's ledger for every deposit day with a payment in the report (a payment posted today
 * may have come in on an earlier deposit day), the report's own day included.
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
  /** Held and Rejected lines: what came of the entry after that day ("Later: Posted by … at …"), or ''. */
  later: string;
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
  /** Control totals per deposit day: the report's day and every deposit day of a payment in it, oldest first. */
  controls: ControlTotal[];
  /**
   * Holds and rejections still standing at the end of the day (one undone or posted later that
   * same day is not), and how many of the day's were undone that same day.
   */
  standing: { held: number; rejected: number };
  undoneSameDay: { held: number; rejected: number };
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
  /** The control totals of these deposit days (those with payments in the ledger). */
  controls: (depositDates: string[]) => ControlTotal[];
  /** The audit log's entry events from the start of `date` (biller's day) until now, oldest first. */
  history: readonly EntryEvent[];
  /** This installation's copy of the queue (refreshed just before), by entry. */
  copyOf: (entryId: string) => QueueRow | null;
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
    later: '',
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
    later: '',
  });
  const onDay = (e: ImpresaBatchEntry) => e.stateAt !== null && dayIn(e.stateAt, tz) === date;
  const heldNow = await allPages((after) => impresa.listEntries({ state: 'held', after, limit: 1000 }));
  const rejectedNow = await allPages((after) => impresa.listEntries({ state: 'rejected', after, limit: 1000 }));
  const inInhance = new Map<string, ImpresaBatchEntry>([...heldNow, ...rejectedNow].map((e) => [e.entryId, e]));

  // The day's holds and rejections, from the audit log: they stay in the day's report whatever came later.
  const held: ReportLine[] = [];
  const rejected: ReportLine[] = [];
  const dayEvents = input.history.filter((e) => (e.kind === 'hold' || e.kind === 'reject') && dayIn(e.at, tz) === date);
  const standing = { held: 0, rejected: 0 };
  const undoneSameDay = { held: 0, rejected: 0 };
  const eventName = (e: EntryEvent) => (e.actorName && e.actorName !== e.actor ? e.actorName : nameOf(e.actor));
  for (const ev of dayEvents) {
    const row = input.copyOf(ev.entryId);
    const current = inInhance.get(ev.entryId) ?? null;
    const fromLedger = paymentOf(ev.paymentGuid ?? '') ?? ledger.byEntryId(biller.id, ev.entryId);
    let facts = row ? factsFromRow(row) : fromLedger ? factsFromLedger(fromLedger) : current ? factsFromEntry(current) : null;
    // Out of the copy (posted on an earlier day) with nothing recorded since, or unknown here: InHANCE still has the entry.
    const recordedLater = input.history.some((e) => e.id > ev.id && e.entryId === ev.entryId);
    let now: ImpresaBatchEntry | null = current;
    if (!facts || (!row && !current && !recordedLater)) {
      now = await impresa.getEntry(ev.entryId).catch(() => null);
      facts ??= now ? factsFromEntry(now) : null;
    }
    const state = row ? { state: row.state, by: row.stateBy, at: row.stateAt } : now ? { state: now.state, by: now.stateBy, at: now.stateAt } : null;
    const line: ReportLine = {
      time: ev.at,
      entryId: ev.entryId,
      receiptId: facts?.receiptId ?? null,
      paymentGuid: facts?.paymentGuid ?? ev.paymentGuid ?? '',
      accountNumber: facts?.accountNumber ?? '',
      customerName: customer(facts?.paymentGuid ?? ev.paymentGuid ?? '', facts?.customerName ?? ''),
      method: facts?.method ?? 'card',
      amountCents: facts?.amountCents ?? 0,
      feeCents: facts?.feeCents ?? 0,
      by: ev.actor,
      byName: eventName(ev),
      code: '',
      reason: ev.reason ?? '',
      later: laterNote(ev, input.history, state, tz, eventName),
    };
    (ev.kind === 'hold' ? held : rejected).push(line);
    // Still held (rejected) at the end of the day unless something was done to the entry later that same day.
    const sameDayAfter = input.history.filter((e) => e.id > ev.id && e.entryId === ev.entryId && dayIn(e.at, tz) === date);
    const key = ev.kind === 'hold' ? 'held' : 'rejected';
    if (sameDayAfter.length === 0) standing[key]++;
    else if (sameDayAfter[0]!.kind === 'undo') undoneSameDay[key]++;
  }
  // Holds and rejections made elsewhere (another workstation) that InHANCE still shows from that day.
  const recorded = new Set(dayEvents.map((e) => `${e.kind}:${e.entryId}`));
  for (const e of heldNow.filter(onDay)) {
    if (recorded.has(`hold:${e.entryId}`)) continue;
    held.push(entryLine(e));
    standing.held++;
  }
  const rejectedEntries = rejectedNow.filter(onDay);
  const returned: ReportLine[] = [];
  const reversed: ReportLine[] = [];
  const seen = new Set<string>();
  for (const e of rejectedEntries) {
    const pulled = parsePulledReason(e.stateReason);
    if (!pulled) {
      if (!recorded.has(`reject:${e.entryId}`)) {
        rejected.push(entryLine(e));
        standing.rejected++;
      }
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
      later: '',
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
  const depositDays = new Set<string>([date]);
  for (const l of [...posted, ...held, ...rejected, ...reversed, ...returned]) {
    const day = paymentOf(l.paymentGuid)?.depositDate;
    if (day) depositDays.add(day);
  }
  const controls = input.controls([...depositDays].sort()).sort((a, b) => a.depositDate.localeCompare(b.depositDate));
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
    depositFeeCents: controls.find((c) => c.depositDate === date)?.feeCents ?? 0,
    controls,
    standing,
    undoneSameDay,
  };
}
