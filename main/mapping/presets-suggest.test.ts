import { describe, expect, it } from 'vitest';
import { IC_FIELDS } from '../../shared/domain/invoicecloud-fields';
import { SOURCE_FIELDS, type MappingRow, type SourceField } from '../../shared/domain/mapping';
import { standardMapping } from './presets';
import { acceptSuggestions, suggest } from './suggest';
import { validateMapping } from './validate';

describe('the standard mapping', () => {
  it('maps the two fields the source document names', () => {
    const rows = standardMapping();
    expect(rows.find((r) => r.target === 'customers-accountnumber')).toMatchObject({
      source: 'account.accountNumber',
      required: true,
    });
    expect(rows.find((r) => r.target === 'customers-customername')).toMatchObject({
      source: 'account.customerName',
      required: true,
    });
  });

  it('takes the invoice type and format from the biller profile and the notify dates from the job', () => {
    const bySource = new Map(standardMapping().map((r) => [r.target, r]));
    expect(bySource.get('invoices-invoicetypeid')?.source).toBe('biller.invoiceTypeId');
    expect(bySource.get('invoices-invoiceformatguid')?.source).toBe('biller.invoiceFormatGuid');
    expect(bySource.get('invoices-firstnotifydate')).toMatchObject({
      source: 'notify.first',
      transform: 'date',
      dateFormat: 'M/D/YYYY',
    });
    expect(bySource.get('invoices-totalamountdue')).toMatchObject({
      source: 'bill.totalCents',
      transform: 'cents-to-decimal',
    });
    expect(bySource.get('customers-phone')?.transform).toBe('phone');
  });

  it('maps every catalog target but Allow Partial Payments, which InHANCE has no field for', () => {
    const mapped = new Set(standardMapping().map((r) => r.target));
    expect(IC_FIELDS.filter((f) => !mapped.has(f.key)).map((f) => f.key)).toEqual(['invoices-allowpartialpayments']);
  });

  it('gives a fresh array each time, so an editor cannot change the preset by accident', () => {
    const a = standardMapping();
    a[0]!.source = 'account.city';
    expect(standardMapping()[0]!.source).toBe('account.accountNumber');
  });
});

describe('suggest', () => {
  it('suggests, from names alone, what the standard mapping maps (with fitting transforms)', () => {
    const suggestions = suggest(SOURCE_FIELDS, IC_FIELDS);
    const standard = new Map(standardMapping().map((r) => [r.target, r.source]));
    for (const s of suggestions) expect(s.source, s.target).toBe(standard.get(s.target));
    expect(suggestions).toHaveLength(standard.size);
    expect(suggestions.find((s) => s.target === 'invoices-balancedue')).toMatchObject({
      source: 'bill.balanceCents',
      transform: 'cents-to-decimal',
    });
    expect(suggestions.find((s) => s.target === 'invoices-invoicedate')).toMatchObject({
      source: 'bill.billDate',
      transform: 'date',
      dateFormat: 'M/D/YYYY',
    });
    expect(suggestions.find((s) => s.target === 'customers-phone')).toMatchObject({ transform: 'phone', score: 1 });
  });

  it('says why, with a score', () => {
    const s = suggest(SOURCE_FIELDS, IC_FIELDS).find((x) => x.target === 'customers-emailaddress')!;
    expect(s).toMatchObject({ source: 'account.email', score: 0.9 });
    expect(s.reason).toBe('Email Address ← Email (account.email): known synonym, with the trim transform.');
  });

  it('suggests only for unmapped targets, and not sources already in use', () => {
    const current: MappingRow[] = [
      { target: 'customers-accountnumber', source: 'account.accountNumber', transform: 'trim', required: true },
      { target: 'customers-customername', source: 'account.email', transform: 'trim', required: true },
      { target: 'customers-city', source: null, transform: 'none', required: false },
    ];
    const suggestions = suggest(SOURCE_FIELDS, IC_FIELDS, current);
    expect(suggestions.map((s) => s.target)).not.toContain('customers-accountnumber');
    expect(suggestions.map((s) => s.target)).not.toContain('customers-customername');
    expect(suggestions.map((s) => s.source)).not.toContain('account.email');
    expect(suggestions.find((s) => s.target === 'customers-city')?.source).toBe('account.city');
  });

  it('suggests a discovered field by a synonym, and never a pair that would fail validation', () => {
    const discovered: SourceField[] = [
      { path: 'account.postalCode', label: 'Postal Code', type: 'string', origin: 'account', discovered: true },
      { path: 'bill.totalDue', label: 'Total Due', type: 'date', origin: 'bill', discovered: true },
    ];
    const sources = [
      ...SOURCE_FIELDS.filter((f) => f.path !== 'account.zip' && f.path !== 'bill.totalCents'),
      ...discovered,
    ];
    const suggestions = suggest(sources, IC_FIELDS);
    expect(suggestions.find((s) => s.target === 'customers-zip')?.source).toBe('account.postalCode');
    expect(suggestions.find((s) => s.target === 'invoices-totalamountdue')).toBeUndefined();
  });

  it('returns suggestions without touching the rows; accepting them is a separate, explicit step', () => {
    const current: MappingRow[] = [
      { target: 'customers-accountnumber', source: 'account.accountNumber', transform: 'trim', required: true },
    ];
    const before = JSON.stringify(current);
    const suggestions = suggest(SOURCE_FIELDS, IC_FIELDS, current);
    expect(JSON.stringify(current)).toBe(before);

    const one = acceptSuggestions(
      current,
      suggestions.filter((s) => s.target === 'customers-customername'),
      IC_FIELDS,
    );
    expect(JSON.stringify(current)).toBe(before);
    expect(one.map((r) => r.target)).toEqual(['customers-accountnumber', 'customers-customername']);
    expect(one[1]).toEqual({
      target: 'customers-customername',
      source: 'account.customerName',
      transform: 'trim',
      required: true,
    });

    const all = acceptSuggestions(current, suggestions, IC_FIELDS);
    expect(validateMapping(all)).toEqual([]);
  });

  it('does not let an accepted suggestion overwrite a target the PM mapped meanwhile', () => {
    const rows: MappingRow[] = [
      { target: 'customers-city', source: 'account.address2', transform: 'trim', required: false },
    ];
    const out = acceptSuggestions(
      rows,
      [{ target: 'customers-city', source: 'account.city', transform: 'trim', score: 1, reason: '' }],
      IC_FIELDS,
    );
    expect(out).toEqual(rows);
  });
});
