import { describe, expect, it } from 'vitest';
import { SOURCE_FIELDS } from '../../shared/domain/mapping';
import { discoverExtraFields, discoverSourceFields, labelFromKey } from './source-fields';

describe('discoverSourceFields', () => {
  it('returns the catalog when records carry only known fields', () => {
    const fields = discoverSourceFields([
      { account: { accountNumber: '1', customerName: 'A' }, bill: { totalCents: 5 } },
    ]);
    expect(fields).toEqual(SOURCE_FIELDS);
  });

  it('adds the further fields a site’s InHANCE API sends, with types read from the values', () => {
    const extra = discoverExtraFields([
      {
        account: {
          accountNumber: '1',
          meterId: 'M-77',
          depositCents: 5000,
          routeNumber: 12,
          moveInDate: '2020-05-01',
          mobilePhone: '555 222 3333',
          alternateEmail: 'a@b.co',
          serviceAddress: { line1: '1 Elm', geo: { lat: 'x', deep: { tooDeep: 1 } } },
          tags: ['a', 'b'],
          'bad key': 1,
        },
        bill: { invoiceNumber: 'I1', lateFeeCents: null, printedAt: '2025-03-01T08:00:00Z' },
      },
      { account: { accountNumber: '2', moveInDate: '2021-06-01T00:00:00Z' }, bill: { lateFeeCents: 150 } },
    ]);
    expect(extra.map((f) => [f.path, f.type])).toEqual([
      ['account.alternateEmail', 'email'],
      ['account.depositCents', 'cents'],
      ['account.meterId', 'string'],
      ['account.mobilePhone', 'phone'],
      ['account.moveInDate', 'datetime'],
      ['account.routeNumber', 'integer'],
      ['account.serviceAddress.geo.lat', 'string'],
      ['account.serviceAddress.line1', 'string'],
      ['bill.lateFeeCents', 'cents'],
      ['bill.printedAt', 'datetime'],
    ]);
    expect(extra.every((f) => f.discovered)).toBe(true);
    expect(extra.find((f) => f.path === 'bill.lateFeeCents')).toMatchObject({
      origin: 'bill',
      label: 'Late Fee Cents',
    });
  });

  it('keeps fields known from earlier records and merges disagreeing types to text', () => {
    const earlier = discoverExtraFields([{ account: { meterId: 12 } }]);
    const fields = discoverSourceFields([{ account: { meterId: 'M-12' } }], earlier);
    expect(fields.find((f) => f.path === 'account.meterId')?.type).toBe('string');
    expect(fields).toHaveLength(SOURCE_FIELDS.length + 1);
  });

  it('never lists two fields under the same label', () => {
    const fields = discoverSourceFields([
      { account: { accountNumber: '1', customer_name: 'A' }, bill: { customerName: 'A', city: 'X' } },
    ]);
    const labels = fields.map((f) => f.label.toLowerCase().replace(/[^a-z0-9]/g, ''));
    expect(new Set(labels).size).toBe(labels.length);
    expect(fields.find((f) => f.path === 'bill.customerName')?.label).toBe('Customer Name (on the bill)');
  });

  it('labels keys for people', () => {
    expect(labelFromKey('billDate')).toBe('Bill Date');
    expect(labelFromKey('pdf_url')).toBe('Pdf Url');
    expect(labelFromKey('serviceAddress line1')).toBe('Service Address Line1');
  });
});
