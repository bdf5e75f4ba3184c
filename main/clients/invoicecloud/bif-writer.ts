import { IC_FIELDS } from '../../../shared/domain/invoicecloud-fields';
import { bifDateOf, centsToMoney } from './values';

/**
 * Writes a Biller Invoice File: CSV (RFC 4180, CRLF), header row = the IC field keys in the order
 * of shared/domain/invoicecloud-fields.ts, money as 123.45, dates M/D/YYYY, empty for "none".
 */
export interface BifRow {
  accountNumber: string;
  customerName: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  phone?: string;
  emailAddress?: string;
  invoiceNumber: string;
  /** `YYYY-MM-DD`. */
  invoiceDate: string;
  dueDate: string;
  totalAmountDueCents: number;
  balanceDueCents: number;
  minimumAmountDueCents?: number | null;
  allowPartialPayments?: boolean;
  invoiceTypeId: number;
  invoiceFormatGuid?: string | null;
  pdfLink?: string | null;
  firstNotifyDate?: string | null;
  secondNotifyDate?: string | null;
  thirdNotifyDate?: string | null;
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function values(row: BifRow): Record<string, string> {
  const day = (d: string | null | undefined) => (d ? bifDateOf(d) : '');
  return {
    'customers-accountnumber': row.accountNumber,
    'customers-customername': row.customerName,
    'customers-address1': row.address1 ?? '',
    'customers-address2': row.address2 ?? '',
    'customers-city': row.city ?? '',
    'customers-state': row.state ?? '',
    'customers-zip': row.zip ?? '',
    'customers-phone': row.phone ?? '',
    'customers-emailaddress': row.emailAddress ?? '',
    'invoices-invoicenumber': row.invoiceNumber,
    'invoices-invoicedate': day(row.invoiceDate),
    'invoices-duedate': day(row.dueDate),
    'invoices-totalamountdue': centsToMoney(row.totalAmountDueCents),
    'invoices-balancedue': centsToMoney(row.balanceDueCents),
    'invoices-minimumamountdue':
      row.minimumAmountDueCents === null || row.minimumAmountDueCents === undefined
        ? ''
        : centsToMoney(row.minimumAmountDueCents),
    'invoices-allowpartialpayments': row.allowPartialPayments === undefined ? '' : String(row.allowPartialPayments),
    'invoices-invoicetypeid': String(row.invoiceTypeId),
    'invoices-invoiceformatguid': row.invoiceFormatGuid ?? '',
    'invoices-pdflink': row.pdfLink ?? '',
    'invoices-firstnotifydate': day(row.firstNotifyDate),
    'invoices-secondnotifydate': day(row.secondNotifyDate),
    'invoices-thirdnotifydate': day(row.thirdNotifyDate),
  };
}

export function writeBif(rows: BifRow[]): string {
  const keys = IC_FIELDS.map((f) => f.key);
  const lines = [keys.join(',')];
  for (const row of rows) {
    const v = values(row);
    lines.push(keys.map((k) => cell(v[k] ?? '')).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
