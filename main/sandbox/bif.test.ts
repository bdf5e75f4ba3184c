import { describe, expect, it } from 'vitest';
import { IC_FIELD_KEYS } from '../../shared/domain/invoicecloud-fields';
import { writeBif } from '../clients/invoicecloud/bif-writer';
import { parseBif, parseCsv } from './bif';

const row = { accountNumber: '0000001-00', customerName: 'Ann', invoiceNumber: 'I-1', invoiceDate: '2025-03-01', dueDate: '2025-03-22', totalAmountDueCents: 1050, balanceDueCents: 1050, invoiceTypeId: 4 };

describe('BIF reading in the IC simulator', () => {
  it('reads what the writer writes, quotes and line breaks included', () => {
    const csv = writeBif([{ ...row, customerName: 'Smith, "Junior"\nJr', address1: ' 12 Main St ', minimumAmountDueCents: 500, allowPartialPayments: false, thirdNotifyDate: '2025-03-25' }]);
    expect(csv.split('\r\n')[0]).toBe(IC_FIELD_KEYS.join(','));
    const result = parseBif(csv, 4);
    expect(result.rejected).toEqual([]);
    expect(result.accepted[0]).toMatchObject({ line: 2, customerName: 'Smith, "Junior"\nJr', totalAmountDueCents: 1050, minimumAmountDueCents: 500, allowPartialPayments: false, invoiceDate: '2025-03-01', notifyDates: [null, null, '2025-03-25'] });
  });

  it('reports each bad row by its line with a reason and keeps the good ones', () => {
    const good = writeBif([row]).split('\r\n')[1]!;
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
      { line: 5, invoiceNumber: '', reason: expect.stringMatching(/Invoice Number \(invoices-invoicenumber\) is required/) },
      { line: 6, invoiceNumber: '', reason: 'The row has 3 fields; the layout has 22.' },
      { line: 7, invoiceNumber: 'I-1', reason: 'Invoice number I-1 appears twice in this file (first on line 2).' },
    ]);
  });

  it('refuses a file whose header is not the layout, saying which columns are off', () => {
    const header = IC_FIELD_KEYS.filter((k) => k !== 'invoices-duedate').concat('invoices-color');
    expect(parseBif(`${header.join(',')}\n`, 4).fileError).toMatch(/Missing: invoices-duedate\. Unknown: invoices-color\./);
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
