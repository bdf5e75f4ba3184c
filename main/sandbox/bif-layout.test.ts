import { describe, expect, it } from 'vitest';
import { IC_FIELDS } from '../../shared/domain/invoicecloud-fields';
import { parseBif } from './bif';

const values: Record<string, string> = {
  'customers-accountnumber': '0000001-00',
  'customers-customername': 'Ann Lee',
  'customers-phone': '(555) 201-0001',
  'invoices-invoicenumber': '2503-0000001',
  'invoices-invoicedate': '3/3/2025',
  'invoices-duedate': '3/24/2025',
  'invoices-totalamountdue': '10.50',
  'invoices-balancedue': '10.50',
  'invoices-invoicetypeid': '4',
  'invoices-pdflink': 'http://127.0.0.1:1/bills/2503-0000001.pdf',
};

function file(columns: string[]): string {
  return `${columns.join(',')}\r\n${columns.map((c) => values[c] ?? '').join(',')}\r\n`;
}

describe('BIF layout chosen by the biller’s mapping', () => {
  it('accepts a header without optional columns (an unmapped field has no column) and reads them as empty', () => {
    const columns = IC_FIELDS.filter((f) => f.required || f.key === 'invoices-pdflink').map((f) => f.key);
    const result = parseBif(file(columns), 4);
    expect(result.fileError).toBeNull();
    expect(result.columns).toEqual(columns);
    expect(result.accepted).toHaveLength(1);
    expect(result.accepted[0]).toMatchObject({
      pdfLink: values['invoices-pdflink'],
      minimumAmountDueCents: null,
      notifyDates: [null, null, null],
    });
  });

  it('still refuses a header without a required column, or with one twice', () => {
    const noName = IC_FIELDS.filter((f) => f.required && f.key !== 'customers-customername').map((f) => f.key);
    expect(parseBif(file(noName), 4).fileError).toMatch(/Missing: customers-customername\./);
    const required = IC_FIELDS.filter((f) => f.required).map((f) => f.key);
    expect(parseBif(file([...required.slice(0, 2), required[1]!, ...required.slice(2)]), 4).fileError).toMatch(
      /appears twice/,
    );
  });
});
