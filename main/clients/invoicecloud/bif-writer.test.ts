import { describe, expect, it } from 'vitest';
import { IC_FIELD_KEYS } from '../../../shared/domain/invoicecloud-fields';
import { parseBif } from '../../sandbox/bif';
import { writeBif } from './bif-writer';

const row = {
  accountNumber: '0000001-00',
  customerName: 'Ann',
  invoiceNumber: 'I-1',
  invoiceDate: '2025-03-01',
  dueDate: '2025-03-22',
  totalAmountDueCents: 1050,
  balanceDueCents: 1050,
  invoiceTypeId: 4,
};

describe('the BIF writer, read back by the IC simulator', () => {
  it('writes a file the simulator reads field for field, quotes and line breaks included', () => {
    const csv = writeBif([
      {
        ...row,
        customerName: 'Smith, "Junior"\nJr',
        address1: ' 12 Main St ',
        minimumAmountDueCents: 500,
        allowPartialPayments: false,
        thirdNotifyDate: '2025-03-25',
      },
    ]);
    expect(csv.split('\r\n')[0]).toBe(IC_FIELD_KEYS.join(','));
    const result = parseBif(csv, 4);
    expect(result.rejected).toEqual([]);
    expect(result.accepted[0]).toMatchObject({
      line: 2,
      customerName: 'Smith, "Junior"\nJr',
      totalAmountDueCents: 1050,
      minimumAmountDueCents: 500,
      allowPartialPayments: false,
      invoiceDate: '2025-03-01',
      dueDate: '2025-03-22',
      notifyDates: [null, null, '2025-03-25'],
    });
  });
});
