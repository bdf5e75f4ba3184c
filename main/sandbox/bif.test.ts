import { describe, expect, it } from 'vitest';
import { IC_FIELD_KEYS } from '../../shared/domain/invoicecloud-fields';
import { parseBif, parseCsv } from './bif';

/**
 * Files are written here by hand from the BIF layout (header = the field keys in catalog order,
 * money 123.45, dates M/D/YYYY), not by the client's writer: the simulator is checked against the
 * contract. main/clients/invoicecloud/bif-writer.test.ts checks the writer against this reader.
 */
const quote = (v: string) => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function bifRow(values: Record<string, string>): string {
  const base: Record<string, string> = {
    'customers-accountnumber': '0000001-00',
    'customers-customername': 'Ann',
    'invoices-invoicenumber': 'I-1',
    'invoices-invoicedate': '3/1/2025',
    'invoices-duedate': '3/22/2025',
    'invoices-totalamountdue': '10.50',
    'invoices-balancedue': '10.50',
    'invoices-invoicetypeid': '4',
  };
  const all = { ...base, ...values };
  return IC_FIELD_KEYS.map((k) => quote(all[k] ?? '')).join(',');
}

describe('BIF reading in the IC simulator', () => {
  it('reads a file written to the layout, quotes and line breaks included', () => {
    const csv = `${IC_FIELD_KEYS.join(',')}\r\n${bifRow({ 'customers-customername': 'Smith, "Junior"\nJr', 'customers-address1': ' 12 Main St ', 'invoices-minimumamountdue': '5.00', 'invoices-allowpartialpayments': 'false', 'invoices-thirdnotifydate': '3/25/2025' })}\r\n`;
    const result = parseBif(csv, 4);
    expect(result.rejected).toEqual([]);
    expect(result.accepted[0]).toMatchObject({
      line: 2,
      customerName: 'Smith, "Junior"\nJr',
      totalAmountDueCents: 1050,
      minimumAmountDueCents: 500,
      allowPartialPayments: false,
      invoiceDate: '2025-03-01',
      notifyDates: [null, null, '2025-03-25'],
    });
  });

  it('reports each bad row by its line with a reason and keeps the good ones', () => {
    const good = bifRow({});
    const lines = [
      IC_FIELD_KEYS.join(','),
      good,
      good.replace('I-1', 'I-2').replace('10.50', '10.5.0'),
      good.replace('I-1', 'I-3').replace('3/22/2025', '2/30/2025'),
      good.replace('I-1', ''),
      'too,few,fields',
      good,
    ];
    const result = parseBif(lines.join('\n'), 4);
    expect(result.rowsReceived).toBe(6);
    expect(result.accepted.map((a) => a.invoiceNumber)).toEqual(['I-1']);
    expect(result.rejected).toEqual([
      { line: 3, invoiceNumber: 'I-2', reason: expect.stringMatching(/Total Amount Due "10.5.0" is not an amount/) },
      { line: 4, invoiceNumber: 'I-3', reason: expect.stringMatching(/Due Date "2\/30\/2025" is not a date/) },
      {
        line: 5,
        invoiceNumber: '',
        reason: expect.stringMatching(/Invoice Number \(invoices-invoicenumber\) is required/),
      },
      { line: 6, invoiceNumber: '', reason: 'The row has 3 fields; the layout has 22.' },
      { line: 7, invoiceNumber: 'I-1', reason: 'Invoice number I-1 appears twice in this file (first on line 2).' },
    ]);
  });

  it('refuses a file whose header is not the layout, saying which columns are off', () => {
    const header = IC_FIELD_KEYS.filter((k) => k !== 'invoices-duedate').concat('invoices-color');
    expect(parseBif(`${header.join(',')}\n`, 4).fileError).toMatch(
      /Missing: invoices-duedate\. Unknown: invoices-color\./,
    );
    const swapped = [...IC_FIELD_KEYS];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(parseBif(`${swapped.join(',')}\n`, 4).fileError).toMatch(/out of order/);
    expect(parseBif('', 4).fileError).toMatch(/empty/);
  });

  it('splits CSV records on quotes and CRLF correctly', () => {
    expect(parseCsv('a,"b,c"\r\n"d""e",\n"f\ng",h').records).toEqual([
      { line: 1, cells: ['a', 'b,c'] },
      { line: 2, cells: ['d"e', ''] },
      { line: 3, cells: ['f\ng', 'h'] },
    ]);
    expect(parseCsv('a,"open').error).toMatch(/never closed/);
  });
});
