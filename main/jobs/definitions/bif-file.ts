import type { ImpresaAccount, ImpresaBill } from '../../clients/impresa';
import type { InhanceRecord } from '../../mapping/records';

/**
 * The Biller Invoice File as the Invoice File job writes it: CSV (RFC 4180, CRLF, UTF-8), the
 * header row is the compiled mapping's targets, one invoice per row (docs/assumptions.md: the
 * ASSUMED layout is shared/domain/invoicecloud-fields.ts).
 */
function cell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function bifCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, string>>): string {
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * `BIF-20250303-140512-3f2a9c1b-p2.csv`: when, which installation (IC keeps the file name, so a
 * second job host's uploads can be told apart), and the page of the run.
 */
export function bifFileName(at: Date, installationId: string, page: number): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `BIF-${stamp}-${installationId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)}-p${page}.csv`;
}

/**
 * An InHANCE account as the mapping reads it (`account.customerName`, `account.address1`, ...):
 * the catalog's names over the record as the API sent it, so discovered fields still resolve.
 */
export function accountSource(a: ImpresaAccount): InhanceRecord {
  // The renamed fields are left out so they are not "discovered" a second time under their raw names.
  const { name, address, autopay, ...rest } = a;
  return {
    ...rest,
    customerName: name,
    address1: address.line1,
    address2: address.line2,
    city: address.city,
    state: address.state,
    zip: address.zip,
    autoPay: autopay.enrolled,
  };
}

/**
 * A bill as the mapping reads it. Its balance is the account's balance now: payments since the
 * bill was issued already count, and IC applies the balance of an upload to the account.
 */
export function billSource(b: ImpresaBill, account: ImpresaAccount): InhanceRecord {
  const { totalAmountDueCents, minimumAmountDueCents, ...rest } = b;
  return {
    ...rest,
    totalCents: totalAmountDueCents,
    minimumCents: minimumAmountDueCents,
    balanceCents: account.balanceCents,
  };
}
