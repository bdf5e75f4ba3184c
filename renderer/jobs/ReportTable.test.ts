import { describe, expect, it } from 'vitest';
import { cellText, columnTitle } from './ReportTable';

describe('report columns and cells', () => {
  it('names columns the way the business does', () => {
    expect(
      [
        'account',
        'status',
        'inhanceCents',
        'icCents',
        'missingInIc',
        'customer_id',
        'differenceCents',
        'not-in-invoicecloud',
        'inhanceBalanceCents',
      ].map(columnTitle),
    ).toEqual([
      'Account',
      'Status',
      'InHANCE',
      'IC',
      'Missing in IC',
      'Customer ID',
      'Difference',
      'Not in InvoiceCloud',
      'InHANCE balance',
    ]);
  });

  it('shows cents as dollars and leaves other values as they are', () => {
    expect(cellText('inhanceCents', 123456)).toBe('$1,234.56');
    expect(cellText('differenceCents', -5)).toBe('-$0.05');
    expect(cellText('inhanceCents', null)).toBe('');
    expect(cellText('rows', 12000)).toBe('12,000');
    expect(cellText('account', '000123')).toBe('000123');
    expect(cellText('paperless', true)).toBe('yes');
    expect(cellText('extra', { a: 1 })).toBe('{"a":1}');
  });
});
