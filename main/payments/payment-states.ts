import { EXCEPTION_KINDS, type ExceptionKind, type LedgerState, type ReturnInfo } from '../../shared/domain/payments';
import type { ImpresaBatchEntry, ImpresaReceipt } from '../clients/impresa';

/**
 * How a payment's state is read from what InHANCE holds, and the two markers this app writes into
 * InHANCE so every workstation sees the same thing: an exception's reason in the entry's memo, and
 * a return's code in the reason of the entry it pulled. Pure functions, unit-tested.
 */

const EXCEPTION_MEMO = /^\[exception:([a-z-]+)\]\s*(.*)$/s;

/** The memo of an entry created as an exception: `[exception:account-closed] Account … is closed`. */
export function exceptionMemo(kind: ExceptionKind, reason: string): string {
  return `[exception:${kind}] ${reason}`.slice(0, 500);
}

/**
 * The exception an entry waits with, from its memo. A reassigned entry (moved to another account
 * than IC sent) is resolved: the clerk chose where it goes.
 */
export function exceptionOf(
  entry: Pick<ImpresaBatchEntry, 'memo' | 'accountNumber' | 'originalAccountNumber'>,
): { kind: ExceptionKind; reason: string } | null {
  const m = EXCEPTION_MEMO.exec(entry.memo.trim());
  if (!m || !(EXCEPTION_KINDS as readonly string[]).includes(m[1]!)) return null;
  if (entry.accountNumber !== entry.originalAccountNumber) return null;
  return { kind: m[1] as ExceptionKind, reason: m[2]!.trim() };
}

/** NACHA return reasons IC sends; other codes keep IC's own words. */
export const NACHA_REASONS: Record<string, string> = {
  R01: 'Insufficient funds',
  R02: 'Account closed',
  R03: 'No account / unable to locate account',
  R04: 'Invalid account number',
  R08: 'Payment stopped',
  R10: 'Customer advises not authorized',
  R16: 'Account frozen',
  R20: 'Non-transaction account',
  R29: 'Corporate customer advises not authorized',
};

/** The reason a pulled entry is rejected with: `ACH return R01: Insufficient funds (IC <guid>)`. */
export function pulledReason(kind: 'reversal' | 'return', code: string, reason: string, returnGuid: string): string {
  const head = kind === 'return' ? `ACH return ${code}` : 'Card reversal';
  return `${head}: ${reason || NACHA_REASONS[code] || 'taken back by InvoiceCloud'} (IC ${returnGuid})`.slice(0, 500);
}

const PULLED = /^(?:ACH return ([A-Z0-9]{2,5})|Card reversal): (.*?)(?: \(IC [0-9a-f-]+\))?$/s;

/** Reads a pulled entry's reason back (any workstation sees the code in InHANCE). */
export function parsePulledReason(
  stateReason: string,
): { kind: 'reversal' | 'return'; code: string; reason: string } | null {
  const m = PULLED.exec(stateReason.trim());
  if (!m) return null;
  return m[1]
    ? { kind: 'return', code: m[1], reason: m[2]!.trim() }
    : { kind: 'reversal', code: 'REVERSAL', reason: m[2]!.trim() };
}

/** The ledger state that matches what InHANCE holds for a payment. */
export function ledgerStateOf(
  found: { entry: ImpresaBatchEntry | null; receipt: ImpresaReceipt | null },
  context: { returnKind: 'reversal' | 'return' | null },
): LedgerState | null {
  const { entry, receipt } = found;
  const taken = context.returnKind === 'return' ? 'returned' : 'reversed';
  if (receipt) return receipt.reversalId ? taken : 'posted';
  if (!entry) return null;
  if (entry.state === 'posted') return 'posted';
  if (entry.state === 'held') return 'held';
  if (entry.state === 'rejected') {
    const pulled = parsePulledReason(entry.stateReason);
    if (pulled) return pulled.kind === 'return' ? 'returned' : 'reversed';
    return context.returnKind ? taken : 'rejected';
  }
  return exceptionOf(entry) ? 'exception' : 'queued';
}

export type StoredTab = 'ready' | 'exceptions' | 'held' | 'rejected' | 'returns' | 'posted';

/** The queue tab a row belongs in ('posted' rows show under "Posted today" on the day they were posted). */
export function tabOf(row: {
  state: 'pending' | 'held' | 'rejected' | 'posted' | 'reversed';
  exception: unknown;
  returnInfo: ReturnInfo | null;
}): StoredTab {
  if (row.returnInfo) return 'returns';
  if (row.state === 'posted' || row.state === 'reversed') return 'posted';
  if (row.state === 'held') return 'held';
  if (row.state === 'rejected') return 'rejected';
  return row.exception ? 'exceptions' : 'ready';
}

/** YYYY-MM-DD of an instant in a time zone (the biller's day). */
export function dayIn(at: Date | string | number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(at));
  const n = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${n('year')}-${n('month')}-${n('day')}`;
}

/** "10:42 AM on Mar 3" in the biller's time zone: for "already posted by X at T". */
export function localMoment(at: string | null, timeZone: string): string {
  if (!at) return 'an unknown time';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(d);
  const day = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' }).format(d);
  return `${time} on ${day}`;
}
