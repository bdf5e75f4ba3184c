import { describe, expect, it } from 'vitest';
import { IC_FIELDS } from '../../shared/domain/invoicecloud-fields';
import type { MappingRow, Suggestion } from '../../shared/domain/mapping';
import { acceptSuggestions, draftFrom, parseAccountNumbers, patchRow, sameMapping } from './draft-rows';

const saved: MappingRow[] = [
  { target: 'customers-accountnumber', source: 'account.accountNumber', transform: 'trim', required: true },
  { target: 'customers-customername', source: 'account.customerName', transform: 'trim', required: true },
  {
    target: 'invoices-invoicedate',
    source: 'bill.billDate',
    transform: 'date',
    dateFormat: 'M/D/YYYY',
    required: true,
  },
];

describe('the editor draft', () => {
  it('has one row per catalog target, in catalog order, unmapped ones with no source and the catalog’s required flag', () => {
    const draft = draftFrom(saved, IC_FIELDS);
    expect(draft.map((r) => r.target)).toEqual(IC_FIELDS.map((f) => f.key));
    expect(draft.find((r) => r.target === 'customers-phone')).toEqual({
      target: 'customers-phone',
      source: null,
      transform: 'none',
      required: false,
    });
    expect(draft.find((r) => r.target === 'invoices-balancedue')).toMatchObject({ source: null, required: true });
    expect(draft.find((r) => r.target === 'invoices-invoicedate')).toEqual(saved[2]);
  });

  it('equals the saved version until a row really changes, as main compares versions', () => {
    const draft = draftFrom(saved, IC_FIELDS);
    expect(sameMapping(draft, saved, IC_FIELDS)).toBe(true);
    const edited = patchRow(draft, 'customers-customername', { transform: 'upper' });
    expect(sameMapping(edited, saved, IC_FIELDS)).toBe(false);
    expect(sameMapping(patchRow(edited, 'customers-customername', { transform: 'trim' }), saved, IC_FIELDS)).toBe(true);
    // Ticking "required" on an unmapped optional target is a change: the version would store that row.
    expect(sameMapping(patchRow(draft, 'customers-phone', { required: true }), saved, IC_FIELDS)).toBe(false);
  });

  it('gives the date transform the Invoice File’s format and drops the format with any other transform', () => {
    const draft = draftFrom(saved, IC_FIELDS);
    const dated = patchRow(draft, 'invoices-duedate', { source: 'bill.dueDate', transform: 'date' });
    expect(dated.find((r) => r.target === 'invoices-duedate')).toMatchObject({
      transform: 'date',
      dateFormat: 'M/D/YYYY',
    });
    const plain = patchRow(dated, 'invoices-duedate', { transform: 'none' });
    expect(plain.find((r) => r.target === 'invoices-duedate')).not.toHaveProperty('dateFormat');
  });

  it('applies accepted suggestions only where the target is still unmapped, leaving the input untouched', () => {
    const draft = patchRow(draftFrom(saved, IC_FIELDS), 'customers-city', {
      source: 'account.address2',
      transform: 'trim',
    });
    const suggestions: Suggestion[] = [
      { target: 'customers-phone', source: 'account.phone', transform: 'phone', score: 1, reason: 'same name' },
      { target: 'customers-city', source: 'account.city', transform: 'trim', score: 1, reason: 'same name' },
      { target: 'invoices-duedate', source: 'bill.dueDate', transform: 'date', score: 1, reason: 'same name' },
    ];
    const after = acceptSuggestions(draft, suggestions);
    expect(after.find((r) => r.target === 'customers-phone')).toEqual({
      target: 'customers-phone',
      source: 'account.phone',
      transform: 'phone',
      required: false,
    });
    expect(after.find((r) => r.target === 'customers-city')?.source).toBe('account.address2');
    expect(after.find((r) => r.target === 'invoices-duedate')).toEqual({
      target: 'invoices-duedate',
      source: 'bill.dueDate',
      transform: 'date',
      dateFormat: 'M/D/YYYY',
      required: true,
    });
    expect(draft.find((r) => r.target === 'customers-phone')?.source).toBeNull();
  });

  it('reads typed account numbers separated by commas, spaces, semicolons or lines, each once', () => {
    expect(parseAccountNumbers(' 100234, 100871;100234\n 2001-7 ')).toEqual(['100234', '100871', '2001-7']);
    expect(parseAccountNumbers('  ')).toEqual([]);
  });
});
