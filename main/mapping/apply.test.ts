import { describe, expect, it } from 'vitest';
import { IC_FIELDS } from '../../shared/domain/invoicecloud-fields';
import type { MappingRow } from '../../shared/domain/mapping';
import { accountFieldsByTarget, applyMapping, compileMapping, type ApplyResult } from './apply';
import { standardMapping } from './presets';
import type { SourceRecord } from './records';

const account = {
  accountNumber: '100234',
  customerName: ' Ann Lee ',
  status: 'active',
  balanceCents: 4512,
  address1: '12 Main St',
  address2: null,
  city: 'Springfield',
  state: 'ma',
  zip: '01101',
  phone: '555.123.4567',
  email: 'ann@example.com',
  paperless: true,
  autoPay: false,
  updatedAt: '2025-03-01T10:00:00Z',
};
const bill = {
  invoiceNumber: 'INV-2025-0001',
  accountNumber: '100234',
  billDate: '2025-03-01',
  dueDate: '2025-03-21',
  totalCents: 12345,
  balanceCents: -5,
  minimumCents: 0,
  pdfUrl: 'https://bills.example.com/INV-2025-0001.pdf',
};
const biller = { invoiceTypeId: 7, invoiceFormatGuid: null };
const record = (over: Partial<SourceRecord> = {}): SourceRecord => ({
  account,
  bill,
  biller,
  notify: { first: '2025-03-02', second: '2025-03-14', third: null },
  ...over,
});

function values(r: ApplyResult): Record<string, string> {
  if (!('values' in r)) throw new Error(`expected values, got the rejection: ${r.rejected}`);
  return r.values;
}
function rejected(r: ApplyResult): string {
  if ('values' in r) throw new Error('expected a rejection, got values');
  return r.rejected;
}

describe('the standard mapping applied to an InHANCE account and bill', () => {
  it('writes every mapped IC field in the BIF’s formats', () => {
    expect(values(applyMapping(standardMapping(), record()))).toEqual({
      'customers-accountnumber': '100234',
      'customers-customername': 'Ann Lee',
      'customers-address1': '12 Main St',
      'customers-address2': '',
      'customers-city': 'Springfield',
      'customers-state': 'MA',
      'customers-zip': '01101',
      'customers-phone': '(555) 123-4567',
      'customers-emailaddress': 'ann@example.com',
      'invoices-invoicenumber': 'INV-2025-0001',
      'invoices-invoicedate': '3/1/2025',
      'invoices-duedate': '3/21/2025',
      'invoices-totalamountdue': '123.45',
      'invoices-balancedue': '-0.05',
      'invoices-minimumamountdue': '0.00',
      'invoices-invoicetypeid': '7',
      'invoices-invoiceformatguid': '',
      'invoices-pdflink': 'https://bills.example.com/INV-2025-0001.pdf',
      'invoices-firstnotifydate': '3/2/2025',
      'invoices-secondnotifydate': '3/14/2025',
      'invoices-thirdnotifydate': '',
    });
  });

  it('lists its targets in catalog order whatever the row order (the BIF header)', () => {
    const compiled = compileMapping([...standardMapping()].reverse());
    const catalogOrder = IC_FIELDS.map((f) => f.key).filter((k) => compiled.targets.includes(k));
    expect(compiled.targets).toEqual(catalogOrder);
    expect(Object.keys(values(compiled.apply(record())))).toEqual(catalogOrder);
  });
});

describe('rejections', () => {
  it('rejects a record whose required field comes out empty, naming the field and the account', () => {
    const r = applyMapping(standardMapping(), record({ account: { ...account, customerName: '   ' } }));
    expect(rejected(r)).toBe('Account 100234: Customer Name (customers-customername) is required but empty.');
  });

  it('rejects a value a transform cannot convert, and lists every problem of the record', () => {
    const r = applyMapping(
      standardMapping(),
      record({ account: { ...account, phone: '123-4567' }, bill: { ...bill, dueDate: '21/03/2025' } }),
    );
    expect(rejected(r)).toBe(
      "Account 100234: Phone could not be written: '123-4567' is not a 10-digit US phone number; Due Date could not be written: '21/03/2025' is not a date written YYYY-MM-DD.",
    );
  });

  it('rejects a value longer than InvoiceCloud takes', () => {
    const r = applyMapping(standardMapping(), record({ account: { ...account, state: 'Mass' } }));
    expect(rejected(r)).toBe('Account 100234: State is 4 characters; InvoiceCloud takes at most 2.');
  });

  it('keeps what could be mapped next to the reason, for the preview', () => {
    const r = applyMapping(standardMapping(), record({ account: { ...account, customerName: null } }));
    expect('partial' in r && r.partial['customers-accountnumber']).toBe('100234');
  });

  it('names a record without an account number so it can still be found', () => {
    const r = applyMapping(standardMapping(), record({ account: { ...account, accountNumber: '' } }));
    expect(rejected(r)).toBe('Account (no number): Account Number (customers-accountnumber) is required but empty.');
  });

  it('holds a PM-raised required flag like the catalog’s', () => {
    const rows = standardMapping().map((r) => (r.target === 'customers-phone' ? { ...r, required: true } : r));
    expect(rejected(applyMapping(rows, record({ account: { ...account, phone: null } })))).toBe(
      'Account 100234: Phone (customers-phone) is required but empty.',
    );
    expect(
      values(applyMapping(standardMapping(), record({ account: { ...account, phone: null } })))['customers-phone'],
    ).toBe('');
  });
});

describe('compileMapping', () => {
  it('maps only the customer section for the Customer job, which has no bill', () => {
    const compiled = compileMapping(standardMapping(), { sections: ['customer'] });
    expect(compiled.targets.every((t) => t.startsWith('customers-'))).toBe(true);
    expect(values(compiled.apply(record({ bill: null, notify: null })))['customers-customername']).toBe('Ann Lee');
    expect(rejected(compileMapping(standardMapping()).apply(record({ bill: null })))).toMatch(
      /^Account 100234: Invoice Number \(invoices-invoicenumber\) is required but empty; /,
    );
  });

  it('reads nested fields the site’s InHANCE API sends, and ignores unmapped rows and second rows for a target', () => {
    const rows: MappingRow[] = [
      { target: 'customers-accountnumber', source: 'account.accountNumber', transform: 'none', required: true },
      { target: 'customers-address1', source: 'account.service.address.line1', transform: 'upper', required: false },
      { target: 'customers-address1', source: 'account.city', transform: 'none', required: false },
      { target: 'customers-city', source: null, transform: 'none', required: false },
    ];
    const compiled = compileMapping(rows);
    expect(compiled.targets).toEqual(['customers-accountnumber', 'customers-address1']);
    expect(
      values(compiled.apply(record({ account: { accountNumber: 9, service: { address: { line1: '1 elm st' } } } }))),
    ).toEqual({
      'customers-accountnumber': '9',
      'customers-address1': '1 ELM ST',
    });
    expect(
      values(compiled.apply(record({ account: { accountNumber: 9, service: 'not an object' } })))['customers-address1'],
    ).toBe('');
  });

  it('gives the same results as applyMapping over many records (the compiled form is reused)', () => {
    const rows = standardMapping();
    const compiled = compileMapping(rows);
    for (let i = 0; i < 1000; i++) {
      const r = record({
        account: { ...account, accountNumber: String(100000 + i), balanceCents: i },
        bill: { ...bill, totalCents: i * 101 - 5000 },
      });
      expect(applyMapping(rows, r)).toEqual(compiled.apply(r));
    }
    expect(values(compiled.apply(record({ bill: { ...bill, totalCents: 1 } })))['invoices-totalamountdue']).toBe(
      '0.01',
    );
  });
});

describe('accountFieldsByTarget (the Customer job’s direction, IC → InHANCE)', () => {
  it('names the InHANCE account field behind each IC customer key', () => {
    const rows = standardMapping().map((r) =>
      r.target === 'customers-emailaddress' ? { ...r, source: 'account.emailAddress' } : r,
    );
    const map = accountFieldsByTarget(rows);
    expect(map.get('customers-phone')).toBe('phone');
    expect(map.get('customers-emailaddress')).toBe('emailAddress');
    expect(map.has('invoices-invoicenumber')).toBe(false);
    expect(map.size).toBe(9);
  });
});
