import { describe, expect, it } from 'vitest';
import { IC_FIELDS, type IcField } from '../../shared/domain/invoicecloud-fields';
import { SOURCE_FIELDS, type MappingRow, type SourceField } from '../../shared/domain/mapping';
import { standardMapping } from './presets';
import { canonicalRows, hasErrors, isRequired, rowFindings, validateMapping } from './validate';

/** The standard mapping with one target's row replaced (or removed with `null`). */
function withRow(target: string, row: Partial<MappingRow> | null): MappingRow[] {
  const rows = standardMapping().filter((r) => r.target !== target);
  if (row) rows.push({ target, source: null, transform: 'none', required: false, ...row });
  return rows;
}

const about = (rows: MappingRow[], target: string) => validateMapping(rows).filter((i) => i.target === target);

describe('validateMapping', () => {
  it('finds nothing wrong with the standard mapping', () => {
    expect(validateMapping(standardMapping())).toEqual([]);
  });

  describe('required targets', () => {
    it('reports each required target without a source as an error', () => {
      const issues = validateMapping([]);
      const required = IC_FIELDS.filter((f) => f.required).map((f) => f.key);
      expect(
        issues
          .filter((i) => i.severity === 'error')
          .map((i) => i.target)
          .sort(),
      ).toEqual([...required].sort());
      expect(issues.find((i) => i.target === 'customers-accountnumber')?.message).toBe(
        'Account Number (customers-accountnumber) is required by InvoiceCloud and has no source.',
      );
    });

    it('treats a row with a null source as unmapped', () => {
      const issues = about(
        withRow('customers-customername', { source: null, required: true }),
        'customers-customername',
      );
      expect(issues).toEqual([
        expect.objectContaining({
          severity: 'error',
          message: expect.stringMatching(/required by InvoiceCloud and has no source/),
        }),
      ]);
    });

    it('holds a PM-raised required flag on an optional target to the same rule', () => {
      const rows = withRow('customers-phone', { source: null, required: true });
      expect(about(rows, 'customers-phone')).toEqual([
        {
          severity: 'error',
          target: 'customers-phone',
          message: 'Phone (customers-phone) is marked required but has no source.',
        },
      ]);
      expect(about(withRow('customers-phone', null), 'customers-phone')).toEqual([]);
    });
  });

  it('rejects a target mapped twice, naming both rows', () => {
    const rows = [
      ...standardMapping(),
      { target: 'customers-city', source: 'account.address2', transform: 'trim' as const, required: false },
    ];
    const issues = about(rows, 'customers-city');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', row: rows.length });
    expect(issues[0]!.message).toBe(`City (customers-city) is mapped twice (rows 5 and ${rows.length}); keep one.`);
  });

  it('only warns when one source feeds two targets', () => {
    const rows = withRow('customers-address2', { source: 'account.address1', transform: 'trim' });
    const issues = validateMapping(rows);
    expect(hasErrors(issues)).toBe(false);
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'account.address1 feeds 2 fields (Address 1, Address 2). Check that this is intended.',
      }),
    ]);
  });

  it('rejects a target key that is not in the InvoiceCloud catalog', () => {
    const rows = [
      ...standardMapping(),
      { target: 'customers-foo', source: 'account.city', transform: 'trim' as const, required: false },
    ];
    expect(about(rows, 'customers-foo')).toEqual([
      {
        severity: 'error',
        target: 'customers-foo',
        message: "Target 'customers-foo' is not an InvoiceCloud field.",
        row: rows.length,
      },
    ]);
  });

  describe('types', () => {
    it('rejects an amount without cents-to-decimal, from cents or from text', () => {
      for (const source of ['bill.totalCents', 'account.customerName']) {
        const issues = about(
          withRow('invoices-totalamountdue', { source, transform: 'none', required: true }),
          'invoices-totalamountdue',
        );
        expect(
          issues.some((i) => i.severity === 'error' && /is an amount: choose "Cents to 123.45"/.test(i.message)),
        ).toBe(true);
      }
    });

    it('rejects cents-to-decimal on a date, but only warns on text (checked value by value)', () => {
      const onDate = about(
        withRow('invoices-totalamountdue', { source: 'bill.billDate', transform: 'cents-to-decimal' }),
        'invoices-totalamountdue',
      );
      expect(onDate).toEqual([
        expect.objectContaining({ severity: 'error', message: expect.stringMatching(/holds date values, not cents/) }),
      ]);
      const onText = about(
        withRow('invoices-totalamountdue', { source: 'account.zip', transform: 'cents-to-decimal' }),
        'invoices-totalamountdue',
      );
      expect(onText).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: expect.stringMatching(/is text: values that are not whole cents will be rejected/),
        }),
      ]);
    });

    it('rejects a date target fed from a field that is not a date', () => {
      for (const [source, transform] of [
        ['bill.totalCents', 'none'],
        ['account.customerName', 'none'],
        ['account.paperless', 'none'],
      ] as const) {
        const issues = about(withRow('invoices-duedate', { source, transform }), 'invoices-duedate');
        expect(hasErrors(issues), `${source} → Due Date`).toBe(true);
        expect(issues.find((i) => i.severity === 'error')!.message).toMatch(/^Due Date is a date, but .* holds /);
      }
    });

    it('rejects the date transform on a field that holds numbers', () => {
      const issues = about(
        withRow('invoices-duedate', { source: 'bill.totalCents', transform: 'date' }),
        'invoices-duedate',
      );
      expect(issues.map((i) => i.message)).toContain(
        'Bill Total (cents) (bill.totalCents) holds cents values, not dates: the date transform cannot convert them.',
      );
    });

    it('rejects a BIF date that would go out as stored instead of M/D/YYYY', () => {
      const issues = about(
        withRow('invoices-duedate', { source: 'bill.dueDate', transform: 'none', required: true }),
        'invoices-duedate',
      );
      expect(issues).toEqual([
        expect.objectContaining({
          severity: 'error',
          message:
            'Due Date would be written as InHANCE stores it (YYYY-MM-DD); the Invoice File takes M/D/YYYY and InvoiceCloud would refuse every row: choose the date transform.',
        }),
      ]);
      const fromDateTime = about(
        withRow('invoices-invoicedate', { source: 'account.updatedAt', transform: 'trim', required: true }),
        'invoices-invoicedate',
      );
      expect(fromDateTime).toEqual([
        expect.objectContaining({
          severity: 'error',
          message: expect.stringMatching(/as InHANCE stores it \(an ISO date-time\)/),
        }),
      ]);
    });

    it('rejects a BIF date written in any style but the BIF’s (M/D/YYYY), whatever the source', () => {
      for (const target of ['invoices-invoicedate', 'invoices-duedate', 'invoices-firstnotifydate']) {
        for (const dateFormat of ['MM/DD/YYYY', 'YYYY-MM-DD'] as const) {
          const source =
            target === 'invoices-firstnotifydate'
              ? 'notify.first'
              : target === 'invoices-duedate'
                ? 'bill.dueDate'
                : 'bill.billDate';
          const issues = about(withRow(target, { source, transform: 'date', dateFormat, required: true }), target);
          expect(issues, `${target} as ${dateFormat}`).toHaveLength(1);
          expect(issues[0]).toMatchObject({ severity: 'error' });
          expect(issues[0]!.message).toMatch(
            new RegExp(
              `is a column of the Invoice File, which takes dates as M/D/YYYY; written as ${dateFormat.replace(/\//g, '\\/')}, InvoiceCloud would refuse every row\\. Choose M/D/YYYY\\.$`,
            ),
          );
        }
      }
      const invoiceDate = about(
        withRow('invoices-invoicedate', {
          source: 'bill.billDate',
          transform: 'date',
          dateFormat: 'MM/DD/YYYY',
          required: true,
        }),
        'invoices-invoicedate',
      );
      expect(invoiceDate[0]!.message).toBe(
        'Invoice Date is a column of the Invoice File, which takes dates as M/D/YYYY; written as MM/DD/YYYY, InvoiceCloud would refuse every row. Choose M/D/YYYY.',
      );
      // A text source the PM vouches for through the date transform: the style is still checked.
      const fromText = about(
        withRow('invoices-duedate', {
          source: 'account.zip',
          transform: 'date',
          dateFormat: 'YYYY-MM-DD',
          required: true,
        }),
        'invoices-duedate',
      );
      expect(hasErrors(fromText)).toBe(true);
      expect(
        about(
          withRow('invoices-duedate', {
            source: 'bill.dueDate',
            transform: 'date',
            dateFormat: 'M/D/YYYY',
            required: true,
          }),
          'invoices-duedate',
        ),
      ).toEqual([]);
    });

    it('warns when true/false or a date goes into a text field', () => {
      expect(
        about(
          withRow('customers-customername', { source: 'account.paperless', transform: 'trim', required: true }),
          'customers-customername',
        ),
      ).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message:
            'Customer Name is text, but Paperless (account.paperless) is true/false: every row would get "true" or "false" there. Check this is the source you meant.',
        }),
      ]);
      for (const [target, source] of [
        ['invoices-invoicenumber', 'bill.billDate'],
        ['customers-address2', 'account.updatedAt'],
      ] as const) {
        const issues = about(
          withRow(target, { source, transform: 'none', required: target === 'invoices-invoicenumber' }),
          target,
        );
        expect(issues, source).toEqual([
          expect.objectContaining({
            severity: 'warning',
            message: expect.stringMatching(
              / is text, but .* is a date: every row would get a date there\. Check this is the source you meant\.$/,
            ),
          }),
        ]);
      }
      expect(
        hasErrors(
          validateMapping(
            withRow('customers-customername', { source: 'account.autoPay', transform: 'none', required: true }),
          ),
        ),
      ).toBe(false);
    });

    it('warns when a source writes more than a short target takes (State takes 2)', () => {
      expect(
        about(withRow('customers-state', { source: 'account.city', transform: 'upper' }), 'customers-state'),
      ).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message:
            'State takes at most 2 characters, but City (account.city) values are usually 3 or more characters: InvoiceCloud would refuse them.',
        }),
      ]);
      const fromFlag = about(
        withRow('customers-state', { source: 'account.paperless', transform: 'none' }),
        'customers-state',
      );
      expect(fromFlag.map((i) => i.message)).toContain(
        'State takes at most 2 characters, but Paperless (account.paperless) writes 4 to 5 characters: InvoiceCloud would refuse them.',
      );
      // Fits: the standard State (2) and Zip (ZIP+4, 10); a length nobody knows is not guessed at.
      expect(
        about(withRow('customers-state', { source: 'account.state', transform: 'upper' }), 'customers-state'),
      ).toEqual([]);
      expect(about(withRow('customers-zip', { source: 'account.zip', transform: 'trim' }), 'customers-zip')).toEqual(
        [],
      );
      expect(
        about(withRow('customers-state', { source: 'account.accountNumber', transform: 'trim' }), 'customers-state'),
      ).toEqual([]);
    });

    it('warns when values of a source are longer than the target takes, or some may be', () => {
      const zipToState = about(
        withRow('customers-state', { source: 'account.zip', transform: 'trim' }),
        'customers-state',
      );
      expect(zipToState.map((i) => i.message)).toEqual([
        'State takes at most 2 characters, but Zip (account.zip) values are usually 5 to 10 characters: InvoiceCloud would refuse them.',
      ]);
      const discovered: SourceField = {
        path: 'account.serviceId',
        label: 'Service Id',
        type: 'guid',
        origin: 'account',
        discovered: true,
      };
      const rows = withRow('customers-zip', { source: 'account.serviceId', transform: 'none' });
      expect(
        validateMapping(rows, [...SOURCE_FIELDS, discovered])
          .filter((i) => i.target === 'customers-zip')
          .map((i) => i.message),
      ).toEqual([
        'Zip takes at most 10 characters, but Service Id (account.serviceId) writes 36 to 38 characters: InvoiceCloud would refuse them.',
      ]);
      // A limit between the shortest and the longest value: only the longer ones are refused.
      const code: IcField = {
        key: 'customers-code',
        label: 'Code',
        type: 'string',
        required: false,
        section: 'customer',
        maxLength: 9,
      };
      const zip = SOURCE_FIELDS.find((f) => f.path === 'account.zip')!;
      expect(
        rowFindings(code, { target: code.key, source: zip.path, transform: 'trim', required: false }, zip),
      ).toEqual([
        {
          severity: 'warning',
          message:
            'Code takes at most 9 characters, but Zip (account.zip) can write up to 10: InvoiceCloud would refuse the longer ones.',
        },
      ]);
    });

    it('only warns about the phone transform on a field that is not a phone', () => {
      const issues = about(
        withRow('customers-address2', { source: 'account.address2', transform: 'phone' }),
        'customers-address2',
      );
      expect(issues).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: expect.stringMatching(
            /^The phone transform is set on Address 2 \(account.address2\), which is not a phone field/,
          ),
        }),
      ]);
    });

    it('warns when a phone target skips the phone transform, and rejects a phone from an amount', () => {
      expect(
        about(withRow('customers-phone', { source: 'account.phone', transform: 'none' }), 'customers-phone'),
      ).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: 'Phone would be written as stored; choose the phone transform to write (555) 123-4567.',
        }),
      ]);
      expect(
        hasErrors(
          about(withRow('customers-phone', { source: 'account.balanceCents', transform: 'none' }), 'customers-phone'),
        ),
      ).toBe(true);
    });

    it('checks the typed targets: integer, GUID, email, URL, boolean', () => {
      expect(
        about(
          withRow('invoices-invoicetypeid', { source: 'biller.invoiceTypeId', transform: 'none', required: true }),
          'invoices-invoicetypeid',
        ),
      ).toEqual([]);
      expect(
        hasErrors(
          about(
            withRow('invoices-invoicetypeid', { source: 'bill.billDate', transform: 'none', required: true }),
            'invoices-invoicetypeid',
          ),
        ),
      ).toBe(true);
      expect(
        hasErrors(
          about(
            withRow('invoices-invoiceformatguid', { source: 'account.paperless', transform: 'none' }),
            'invoices-invoiceformatguid',
          ),
        ),
      ).toBe(true);
      expect(
        about(
          withRow('customers-emailaddress', { source: 'account.customerName', transform: 'trim' }),
          'customers-emailaddress',
        ),
      ).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: expect.stringMatching(
            /^Email Address expects an email address; Customer Name .* is text, so check the preview/,
          ),
        }),
      ]);
      expect(
        hasErrors(
          about(withRow('invoices-pdflink', { source: 'bill.totalCents', transform: 'none' }), 'invoices-pdflink'),
        ),
      ).toBe(true);
      expect(
        about(
          withRow('invoices-allowpartialpayments', { source: 'account.autoPay', transform: 'none' }),
          'invoices-allowpartialpayments',
        ),
      ).toEqual([]);
    });

    it('warns when cents would land in a text field as whole cents', () => {
      expect(
        about(
          withRow('customers-address2', { source: 'account.balanceCents', transform: 'none' }),
          'customers-address2',
        ),
      ).toEqual([
        expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/would receive whole cents/) }),
      ]);
    });
  });

  describe('sources', () => {
    it('warns about an InHANCE field that is not known yet, and accepts it once discovered', () => {
      const rows = withRow('customers-address2', { source: 'account.serviceAddress.line2', transform: 'trim' });
      expect(about(rows, 'customers-address2')).toEqual([
        expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/not a known InHANCE field/) }),
      ]);
      const discovered: SourceField = {
        path: 'account.serviceAddress.line2',
        label: 'Service Address Line2',
        type: 'string',
        origin: 'account',
        discovered: true,
      };
      expect(validateMapping(rows, [...SOURCE_FIELDS, discovered])).toEqual([]);
    });

    it('rejects a biller or notify field that Impresa Bridge does not provide', () => {
      const rows = withRow('invoices-firstnotifydate', { source: 'notify.fourth', transform: 'date' });
      expect(about(rows, 'invoices-firstnotifydate')).toEqual([
        expect.objectContaining({
          severity: 'error',
          message: expect.stringMatching(/'notify.fourth' is not a field Impresa Bridge provides/),
        }),
      ]);
    });

    it('warns when a customer field comes from the bill, which the Customer job does not have', () => {
      const rows = withRow('customers-accountnumber', {
        source: 'bill.accountNumber',
        transform: 'trim',
        required: true,
      });
      expect(about(rows, 'customers-accountnumber')).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: expect.stringMatching(/Customer job maps accounts without a bill/),
        }),
      ]);
    });
  });
});

describe('canonicalRows', () => {
  it('orders rows like the catalog, raises required to the catalog’s, and drops unmapped optional rows', () => {
    const rows: MappingRow[] = [
      { target: 'customers-phone', source: null, transform: 'phone', required: false },
      { target: 'invoices-duedate', source: 'bill.dueDate', transform: 'date', required: false },
      {
        target: 'customers-customername',
        source: 'account.customerName',
        transform: 'trim',
        required: false,
        dateFormat: 'YYYY-MM-DD',
      },
      { target: 'customers-city', source: 'account.city', transform: 'trim', required: true },
    ];
    expect(canonicalRows(rows)).toEqual([
      { target: 'customers-customername', source: 'account.customerName', transform: 'trim', required: true },
      { target: 'customers-city', source: 'account.city', transform: 'trim', required: true },
      { target: 'invoices-duedate', source: 'bill.dueDate', transform: 'date', required: true, dateFormat: 'M/D/YYYY' },
    ]);
  });

  it('never lets a row lower a required flag below the catalog', () => {
    expect(isRequired({ target: 'customers-accountnumber', required: false })).toBe(true);
    expect(isRequired({ target: 'customers-phone', required: false })).toBe(false);
    expect(isRequired({ target: 'customers-phone', required: true })).toBe(true);
  });
});
