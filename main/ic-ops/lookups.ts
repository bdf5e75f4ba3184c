import { formatCents } from '../../shared/domain/money';
import type { Comparison } from '../../shared/contract/ic';
import { AppError } from '../../shared/errors';
import type { AuditLog } from '../ground/audit';
import type { BillerClients } from '../clients/client-factory';
import { ClientError } from '../clients/errors';
import type { ImpresaAccount, ImpresaBill } from '../clients/impresa';
import type { InvoiceCloudClient } from '../clients/invoicecloud';
import type { IcCustomerRecord, IcInvoice } from '../clients/invoicecloud/types';

/**
 * A cursor sorting just before the account number `n`, for IC's "balances after X" paging: the
 * digits counted down by one (0012345-01 → 0012345-00, 0012345-00 → 0012344-99), so it has the
 * same shape as an account number (IC may refuse another shape); '' when all digits are 0.
 * Without digits: the last character one lower, followed by U+FFFF.
 */
export function accountBefore(n: string): string {
  const chars = [...n];
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i]!;
    if (c < '0' || c > '9') continue;
    if (c !== '0') {
      chars[i] = String.fromCharCode(c.charCodeAt(0) - 1);
      return chars.join('');
    }
    chars[i] = '9';
  }
  if (/\d/.test(n)) return '';
  const last = n.charCodeAt(n.length - 1);
  return last > 0 ? `${n.slice(0, -1)}${String.fromCharCode(last - 1)}\uffff` : n.slice(0, -1);
}

/**
 * IC's balance of one account, or null when IC has none. IC has no single-account balance call
 * (CONTRACT.md, ViewAccountBalances, ASSUMED): this reads the one-record page that starts just
 * before the account number.
 */
export async function icAccountBalance(ic: InvoiceCloudClient, accountNumber: string): Promise<number | null> {
  const page = await ic.viewAccountBalances({ startAfterAccountNumber: accountBefore(accountNumber), pageSize: 1 });
  const first = page.balances[0];
  return first && first.accountNumber === accountNumber ? first.balanceDueCents : null;
}

/** Runs a read; a not-found becomes null, another failure a sentence. */
async function side<T>(fn: () => Promise<T>): Promise<{ value: T | null; error: string | null }> {
  try {
    return { value: await fn(), error: null };
  } catch (error) {
    if (error instanceof ClientError && error.kind === 'NOT_FOUND')
      return { value: null, error: `${error.system} has no such record.` };
    if (error instanceof AppError) return { value: null, error: error.message };
    throw error;
  }
}

const money = (c: number | null | undefined) => (c === null || c === undefined ? null : formatCents(c));
const yesNo = (b: boolean | null | undefined) => (b === null || b === undefined ? null : b ? 'Yes' : 'No');
const day = (d: string | null | undefined) => (d ? d.slice(0, 10) : null);
const norm = (s: string | null) =>
  (s ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s().-]/g, '');

function field(
  key: string,
  label: string,
  ic: string | null,
  impresa: string | null,
  present: { ic: boolean; impresa: boolean },
) {
  const differs = present.ic && present.impresa && norm(ic) !== norm(impresa);
  return { field: key, label, ic: present.ic ? ic : null, impresa: present.impresa ? impresa : null, differs };
}

function finish(c: Omit<Comparison, 'differences'>): Comparison {
  return { ...c, differences: c.fields.filter((f) => f.differs).length };
}

/**
 * Look-ups of one invoice or customer in InvoiceCloud and in InHANCE, side by side, and the one
 * write they offer: set an account's IC balance to InHANCE's now, through the same call the
 * Balance job makes, with an audit line.
 */
export class Lookups {
  constructor(private readonly deps: { clients: (billerId: string) => Promise<BillerClients>; audit: AuditLog }) {}

  async invoice(billerId: string, invoiceNumber: string): Promise<Comparison> {
    const { ic, impresa } = await this.deps.clients(billerId);
    const [icInvoice, bill] = await Promise.all([
      side<IcInvoice>(() => ic.viewInvoiceByInvoiceNumber(invoiceNumber)),
      side<ImpresaBill>(() => impresa.getBill(invoiceNumber)),
    ]);
    const accountNumber = bill.value?.accountNumber ?? null;
    const account = accountNumber
      ? await side<ImpresaAccount>(() => impresa.getAccount(accountNumber))
      : { value: null, error: null };
    const i = icInvoice.value;
    const b = bill.value;
    const a = account.value;
    const present = { ic: i !== null, impresa: b !== null };
    return finish({
      kind: 'invoice',
      key: invoiceNumber,
      accountNumber,
      ic: { found: i !== null, error: icInvoice.error },
      impresa: { found: b !== null, error: bill.error ?? account.error },
      fields: [
        field('balance', 'Balance due', money(i?.balanceDueCents), money(a?.balanceCents), {
          ic: present.ic,
          impresa: a !== null,
        }),
        field(
          'totalAmountDue',
          'Total amount due',
          money(i?.totalAmountDueCents),
          money(b?.totalAmountDueCents),
          present,
        ),
        field(
          'minimumAmountDue',
          'Minimum amount due',
          money(i?.minimumAmountDueCents),
          money(b?.minimumAmountDueCents),
          present,
        ),
        field('dueDate', 'Due date', day(i?.invoiceDueDate), day(b?.dueDate), present),
        field('invoiceDate', 'Bill date', day(i?.invoiceDate), day(b?.billDate), present),
        field('autoPay', 'Autopay', i ? (i.autoPayCollectionDate ? 'Yes' : 'No') : null, yesNo(a?.autopay.enrolled), {
          ic: present.ic,
          impresa: a !== null,
        }),
      ],
      icBalanceCents: i?.balanceDueCents ?? null,
      impresaBalanceCents: a?.balanceCents ?? null,
    });
  }

  async customer(billerId: string, accountNumber: string): Promise<Comparison> {
    const { ic, impresa } = await this.deps.clients(billerId);
    const [record, balance, account] = await Promise.all([
      side<IcCustomerRecord>(() => ic.viewCustomerRecord(accountNumber)),
      side<number | null>(() => icAccountBalance(ic, accountNumber)),
      side<ImpresaAccount>(() => impresa.getAccount(accountNumber)),
    ]);
    const r = record.value;
    const a = account.value;
    const present = { ic: r !== null, impresa: a !== null };
    const icBalance = balance.value ?? null;
    return finish({
      kind: 'customer',
      key: accountNumber,
      accountNumber,
      ic: { found: r !== null, error: record.error ?? balance.error },
      impresa: { found: a !== null, error: account.error },
      fields: [
        field('balance', 'Balance due', money(icBalance), money(a?.balanceCents), {
          ic: icBalance !== null,
          impresa: present.impresa,
        }),
        field('autoPay', 'Autopay', yesNo(r?.autoPay), yesNo(a?.autopay.enrolled), present),
        field('paperless', 'Paperless', r ? yesNo(!r.paperInvoices) : null, yesNo(a?.paperless), present),
        field('email', 'Email', r?.emailAddress ?? null, a?.email ?? null, present),
        field('phone', 'Phone', r?.phone ?? null, a?.phone ?? null, present),
        field('name', 'Name', r?.customerName ?? null, a?.name ?? null, present),
      ],
      icBalanceCents: icBalance,
      impresaBalanceCents: a?.balanceCents ?? null,
    });
  }

  /** Sets IC's balance of the account to InHANCE's, as the Balance job does; audited. */
  async pushBalance(
    billerId: string,
    accountNumber: string,
  ): Promise<{ accountNumber: string; fromCents: number | null; toCents: number; updated: boolean }> {
    const { ic, impresa } = await this.deps.clients(billerId);
    const account = await impresa.getAccount(accountNumber);
    const fromCents = await icAccountBalance(ic, accountNumber).catch(() => null);
    const result = await ic.updateAccountBalances([{ accountNumber, balanceDueCents: account.balanceCents }]);
    const updated = !result.unknownAccounts.includes(accountNumber) && result.recordsUpdated > 0;
    this.deps.audit.record('ic.push-balance', {
      billerId,
      subject: `Account ${accountNumber}`,
      detail: updated
        ? `InvoiceCloud balance set to ${formatCents(account.balanceCents)} (was ${fromCents === null ? 'unknown' : formatCents(fromCents)})`
        : 'InvoiceCloud does not know the account yet; nothing changed',
    });
    return { accountNumber, fromCents, toCents: account.balanceCents, updated };
  }
}
