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

export interface DailyReportInput {
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
}

/** Gathers the report in named steps; each step below reads one source and writes its lines. */
export async function gatherDailyReport(input: DailyReportInput): Promise<DailyReport> {
  const day = reportDay(input);
  const posted = await postedLines(day);
  const heldNow = await allPages((after) => input.impresa.listEntries({ state: 'held', after, limit: 1000 }));
  const rejectedNow = await allPages((after) => input.impresa.listEntries({ state: 'rejected', after, limit: 1000 }));
  const audited = await auditedHoldsAndRejections(
    day,
    new Map([...heldNow, ...rejectedNow].map((e) => [e.entryId, e])),
  );
  const { held, rejected, standing } = audited;
  addHoldsAndRejectionsMadeElsewhere(day, heldNow, rejectedNow, audited);
  const { returned, reversed, seen } = pulledEntries(day, rejectedNow);
  addReversedReceipts(day, seen, { returned, reversed });

  const controls = input
    .controls(depositDays(day, [...posted, ...held, ...rejected, ...reversed, ...returned]))
    .sort((a, b) => a.depositDate.localeCompare(b.depositDate));
  return {
    billerName: input.biller.name,
    timeZone: day.tz,
    date: day.date,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    posted: posted.sort(byTime),
    held: held.sort(byTime),
    rejected: rejected.sort(byTime),
    reversed: reversed.sort(byTime),
    returned: returned.sort(byTime),
    ...postedTotals(posted, day.live),
    depositFeeCents: controls.find((c) => c.depositDate === day.date)?.feeCents ?? 0,
    controls,
    standing,
    undoneSameDay: audited.undoneSameDay,
  };
}

/** The report's day and how its lines name people and payments. */
interface ReportDay {
  input: DailyReportInput;
  date: string;
  tz: string;
  live: string;
  /** A user's name; the live-posting user is also who the Payments job reverses and pulls as. */
  nameOf(user: string, liveRole?: string): string;
  paymentOf(guid: string): LedgerPayment | null;
  customer(guid: string, fallback?: string): string;
  /** Who made an audited event, by the name the log kept or the one known now. */
  eventName(e: EntryEvent): string;
}

function reportDay(input: DailyReportInput): ReportDay {
  const { biller, ledger } = input;
  const live = biller.livePostingUser;
  const nameOf = (user: string, liveRole = 'live posting') =>
    user === live ? `${live} (${liveRole})` : (input.names.get(user) ?? user);
  const paymentOf = (guid: string): LedgerPayment | null => ledger.get(biller.id, guid);
  return {
    input,
    date: input.date,
    tz: biller.timeZone,
    live,
    nameOf,
    paymentOf,
    customer: (guid, fallback = '') => paymentOf(guid)?.customerName || fallback || input.knownNames(guid),
    eventName: (e) => (e.actorName && e.actorName !== e.actor ? e.actorName : nameOf(e.actor)),
  };
}

const byTime = (a: ReportLine, b: ReportLine) => (a.time ?? '').localeCompare(b.time ?? '');

/** Posted: every receipt InHANCE dated that day, whoever posted it (a clerk here or elsewhere, or live posting). */
async function postedLines(day: ReportDay): Promise<ReportLine[]> {
  const receipts = await allPages((after) =>
    day.input.impresa.listReceipts({ postedOn: day.date, after, limit: 1000 }),
  );
  return receipts.map((r: ImpresaReceipt) => ({
    time: r.postedAt,
    entryId: r.entryId,
    receiptId: r.receiptId,
    paymentGuid: r.externalRef,
    accountNumber: r.accountNumber,
    customerName: day.customer(r.externalRef),
    method: r.paymentType,
    amountCents: r.amountCents,
    feeCents: r.convenienceFeeCents,
    by: r.postedBy,
    byName: day.nameOf(r.postedBy),
    code: r.reversalId ? 'REVERSED' : '',
    reason: r.source === 'live' ? 'Live posting' : 'Posted from the queue',
    later: '',
  }));
}

/** A line for an entry as InHANCE shows it now (held, rejected or pulled). */
function entryLine(day: ReportDay, e: ImpresaBatchEntry, code = '', reason = e.stateReason): ReportLine {
  return {
    time: e.stateAt,
    entryId: e.entryId,
    receiptId: e.receiptId,
    paymentGuid: e.externalRef,
    accountNumber: e.accountNumber,
    customerName: day.customer(e.externalRef, e.payerName),
    method: e.paymentType,
    amountCents: e.amountCents,
    feeCents: e.convenienceFeeCents,
    by: e.stateBy,
    byName: day.nameOf(e.stateBy, 'Payments job'),
    code,
    reason,
    later: '',
  };
}

const onDay = (day: ReportDay) => (e: ImpresaBatchEntry) => e.stateAt !== null && dayIn(e.stateAt, day.tz) === day.date;

interface Audited {
  held: ReportLine[];
  rejected: ReportLine[];
  standing: { held: number; rejected: number };
  undoneSameDay: { held: number; rejected: number };
  /** `hold:<entry>` and `reject:<entry>` for every audited event of the day. */
  recorded: Set<string>;
}

/** Held and rejected, from the audit log: they stay in the day's report whatever came later. */
async function auditedHoldsAndRejections(day: ReportDay, inInhance: Map<string, ImpresaBatchEntry>): Promise<Audited> {
  const { history } = day.input;
  const audited: Audited = {
    held: [],
    rejected: [],
    standing: { held: 0, rejected: 0 },
    undoneSameDay: { held: 0, rejected: 0 },
    recorded: new Set(),
  };
  const dayEvents = history.filter(
    (e) => (e.kind === 'hold' || e.kind === 'reject') && dayIn(e.at, day.tz) === day.date,
  );
  for (const ev of dayEvents) {
    audited.recorded.add(`${ev.kind}:${ev.entryId}`);
    (ev.kind === 'hold' ? audited.held : audited.rejected).push(
      await auditedLine(day, ev, inInhance.get(ev.entryId) ?? null),
    );
    // Still held (rejected) at the end of the day unless something was done to the entry later that same day.
    const sameDayAfter = history.filter(
      (e) => e.id > ev.id && e.entryId === ev.entryId && dayIn(e.at, day.tz) === day.date,
    );
    const key = ev.kind === 'hold' ? 'held' : 'rejected';
    if (sameDayAfter.length === 0) audited.standing[key]++;
    else if (sameDayAfter[0]!.kind === 'undo') audited.undoneSameDay[key]++;
  }
  return audited;
}

/** One audited hold or rejection, with the payment's facts from the queue copy, the ledger or InHANCE, and what came of it later. */
async function auditedLine(day: ReportDay, ev: EntryEvent, current: ImpresaBatchEntry | null): Promise<ReportLine> {
  const { input } = day;
  const row = input.copyOf(ev.entryId);
  const fromLedger = day.paymentOf(ev.paymentGuid ?? '') ?? input.ledger.byEntryId(input.biller.id, ev.entryId);
  let facts = row
    ? factsFromRow(row)
    : fromLedger
      ? factsFromLedger(fromLedger)
      : current
        ? factsFromEntry(current)
        : null;
  // Out of the copy (posted on an earlier day) with nothing recorded since, or unknown here: InHANCE still has the entry.
  const recordedLater = input.history.some((e) => e.id > ev.id && e.entryId === ev.entryId);
  let now: ImpresaBatchEntry | null = current;
  if (!facts || (!row && !current && !recordedLater)) {
    now = await input.impresa.getEntry(ev.entryId).catch(() => null);
    facts ??= now ? factsFromEntry(now) : null;
  }
  const state = row
    ? { state: row.state, by: row.stateBy, at: row.stateAt }
    : now
      ? { state: now.state, by: now.stateBy, at: now.stateAt }
      : null;
  return {
    time: ev.at,
    entryId: ev.entryId,
    receiptId: facts?.receiptId ?? null,
    paymentGuid: facts?.paymentGuid ?? ev.paymentGuid ?? '',
    accountNumber: facts?.accountNumber ?? '',
    customerName: day.customer(facts?.paymentGuid ?? ev.paymentGuid ?? '', facts?.customerName ?? ''),
    method: facts?.method ?? 'card',
    amountCents: facts?.amountCents ?? 0,
    feeCents: facts?.feeCents ?? 0,
    by: ev.actor,
    byName: day.eventName(ev),
    code: '',
    reason: ev.reason ?? '',
    later: laterNote(ev, input.history, state, day.tz, day.eventName),
  };
}

/** Holds and rejections made elsewhere (another workstation) that InHANCE still shows from that day. */
function addHoldsAndRejectionsMadeElsewhere(
  day: ReportDay,
  heldNow: ImpresaBatchEntry[],
  rejectedNow: ImpresaBatchEntry[],
  audited: Audited,
): void {
  for (const e of heldNow.filter(onDay(day))) {
    if (audited.recorded.has(`hold:${e.entryId}`)) continue;
    audited.held.push(entryLine(day, e));
    audited.standing.held++;
  }
  for (const e of rejectedNow.filter(onDay(day))) {
    if (parsePulledReason(e.stateReason) || audited.recorded.has(`reject:${e.entryId}`)) continue;
    audited.rejected.push(entryLine(day, e));
    audited.standing.rejected++;
  }
}

/** Returned and reversed entries the Payments job pulled from the queue that day (with the return code). */
function pulledEntries(
  day: ReportDay,
  rejectedNow: ImpresaBatchEntry[],
): { returned: ReportLine[]; reversed: ReportLine[]; seen: Set<string> } {
  const returned: ReportLine[] = [];
  const reversed: ReportLine[] = [];
  const seen = new Set<string>();
  for (const e of rejectedNow.filter(onDay(day))) {
    const pulled = parsePulledReason(e.stateReason);
    if (!pulled) continue;
    seen.add(e.externalRef);
    (pulled.kind === 'return' ? returned : reversed).push(
      entryLine(day, e, pulled.code, `Pulled from the queue: ${pulled.reason}`),
    );
  }
  return { returned, reversed, seen };
}

/** Receipts reversed this day: known from this installation's ledger (InHANCE lists reversals by receipt only). */
function addReversedReceipts(
  day: ReportDay,
  seen: Set<string>,
  into: { returned: ReportLine[]; reversed: ReportLine[] },
): void {
  const { biller, ledger } = day.input;
  for (const ret of ledger.returns(biller.id)) {
    if (
      seen.has(ret.originalGuid) ||
      !ret.appliedAt ||
      dayIn(ret.appliedAt, day.tz) !== day.date ||
      ret.state !== 'reversed'
    )
      continue;
    const p = day.paymentOf(ret.originalGuid);
    (ret.kind === 'return' ? into.returned : into.reversed).push({
      time: ret.appliedAt,
      entryId: p?.entryId ?? null,
      receiptId: p?.receiptId ?? null,
      paymentGuid: ret.originalGuid,
      accountNumber: p?.accountNumber ?? '',
      customerName: p?.customerName ?? '',
      method: p?.method === 'ach' ? 'ach' : 'card',
      amountCents: ret.amountCents,
      feeCents: p?.feeCents ?? 0,
      by: day.live,
      byName: day.nameOf(day.live, 'Payments job'),
      code: ret.code,
      reason: `Receipt reversed: ${ret.reason}`,
      later: '',
    });
  }
}

/** Totals of what was posted: by method, by poster (largest first), the amount and the convenience fees. */
function postedTotals(
  posted: ReportLine[],
  live: string,
): Pick<DailyReport, 'byMethod' | 'byPoster' | 'postedCents' | 'postedFeeCents'> {
  const byMethod: DailyReport['byMethod'] = { card: { count: 0, cents: 0 }, ach: { count: 0, cents: 0 } };
  const posters = new Map<string, DailyReport['byPoster'][number]>();
  for (const p of posted) {
    byMethod[p.method].count++;
    byMethod[p.method].cents += p.amountCents;
    const who = posters.get(p.by) ?? { user: p.by, name: p.byName, live: p.by === live, count: 0, cents: 0 };
    who.count++;
    who.cents += p.amountCents;
    posters.set(p.by, who);
  }
  return {
    byMethod,
    byPoster: [...posters.values()].sort((a, b) => b.cents - a.cents),
    postedCents: posted.reduce((s, p) => s + p.amountCents, 0),
    postedFeeCents: posted.reduce((s, p) => s + p.feeCents, 0),
  };
}

/** The deposit days whose control totals the report shows: its own day and each of its payments' deposit days, sorted. */
function depositDays(day: ReportDay, lines: ReportLine[]): string[] {
  const days = new Set<string>([day.date]);
  for (const l of lines) {
    const d = day.paymentOf(l.paymentGuid)?.depositDate;
    if (d) days.add(d);
  }
  return [...days].sort();
}
