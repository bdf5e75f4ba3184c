import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../sandbox/bif';
import { bifCsv, bifFileName } from './bif-file';

describe('the BIF the Invoice File job writes', () => {
  it('has the mapping’s columns as its header and quotes what CSV needs quoted', () => {
    const csv = bifCsv(
      ['customers-accountnumber', 'customers-customername', 'invoices-pdflink'],
      [
        {
          'customers-accountnumber': '0000001-00',
          'customers-customername': 'Smith, "Junior"\nJr',
          'invoices-pdflink': 'http://x/1.pdf',
        },
        { 'customers-accountnumber': ' 0000002-00', 'customers-customername': 'Ann' },
      ],
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv).records.map((r) => r.cells)).toEqual([
      ['customers-accountnumber', 'customers-customername', 'invoices-pdflink'],
      ['0000001-00', 'Smith, "Junior"\nJr', 'http://x/1.pdf'],
      [' 0000002-00', 'Ann', ''],
    ]);
  });

  it('names each file by time, installation and page', () => {
    expect(bifFileName(new Date('2025-03-03T14:05:12.345Z'), '3f2a9c1b-aaaa-4bbb-8ccc-000000000000', 2)).toBe(
      'BIF-20250303-140512-3f2a9c1b-p2.csv',
    );
  });
});
