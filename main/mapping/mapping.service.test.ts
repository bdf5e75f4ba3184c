import { afterEach, describe, expect, it } from 'vitest';
import { MAPPING_FILE_FORMAT, type MappingRow } from '../../shared/domain/mapping';
import { AppError } from '../../shared/errors';
import { createBiller, JANE, mappingWorld, openInstallation, RAVI } from './mapping-test-kit';
import { STANDARD_MAPPING_LABEL, standardMapping } from './presets';

let world: ReturnType<typeof mappingWorld>;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});
function given() {
  world = mappingWorld();
  cleanups.push(() => world.cleanup());
  return world;
}

/** The standard mapping with one target's row changed. */
function edit(rows: readonly MappingRow[], target: string, change: Partial<MappingRow> | null): MappingRow[] {
  const out = rows.filter((r) => r.target !== target).map((r) => ({ ...r }));
  const prior = rows.find((r) => r.target === target);
  if (change) out.push({ target, source: null, transform: 'none', required: false, ...prior, ...change });
  return out;
}

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const mappingAudit = () =>
  world.audit.list({ billerId: world.biller.id }).filter((e) => e.action.startsWith('mapping.'));

describe('before anything is saved', () => {
  it('uses the standard mapping as version 0, clearly labelled', () => {
    const { mapping, biller } = given();
    const active = mapping.getActive(biller.id);
    expect(active).toMatchObject({
      version: 0,
      kind: 'standard',
      comment: STANDARD_MAPPING_LABEL,
      createdAt: null,
      active: true,
      confirmation: null,
    });
    expect(active.rows).toEqual(standardMapping());
    expect(mapping.history(biller.id).map((v) => v.version)).toEqual([0]);
    expect(mapping.activeForJob(biller.id).version).toBe(0);
  });

  it('refuses an unknown biller', () => {
    const { mapping } = given();
    expect(appError(() => mapping.getActive('nope')).code).toBe('NOT_FOUND');
  });
});

describe('saving versions', () => {
  it('saves version 1 then 2, each with comment, author and time, the newest active', () => {
    const { mapping, biller, clock, heard } = given();
    const v1 = mapping.save(biller.id, standardMapping(), 'Start from the standard mapping');
    clock.advance(60_000);
    const v2 = mapping.save(
      biller.id,
      edit(standardMapping(), 'customers-phone', { source: null }),
      'Springfield sends no phone numbers',
    );

    expect(v1.version).toMatchObject({
      version: 1,
      kind: 'save',
      author: 'jdoe',
      authorName: 'Jane Doe',
      createdAt: '2025-03-03T14:00:00.000Z',
      active: true,
    });
    expect(v2.version).toMatchObject({
      version: 2,
      comment: 'Springfield sends no phone numbers',
      createdAt: '2025-03-03T14:01:00.000Z',
      active: true,
    });
    expect(v2.version.rows.some((r) => r.target === 'customers-phone')).toBe(false);

    expect(mapping.history(biller.id).map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
      [0, false],
    ]);
    expect(mapping.getActive(biller.id).version).toBe(2);
    expect(mapping.activeForJob(biller.id).compiled.targets).not.toContain('customers-phone');
    expect(mappingAudit().map((e) => [e.action, e.subject, e.detail, e.actorName])).toEqual([
      ['mapping.save', 'mapping version 2', 'Springfield sends no phone numbers', 'Jane Doe'],
      ['mapping.save', 'mapping version 1', 'Start from the standard mapping', 'Jane Doe'],
    ]);
    expect(heard.filter((h) => h.event === 'mapping:changed').map((h) => h.payload)).toEqual([
      { billerId: biller.id, version: 1 },
      { billerId: biller.id, version: 2 },
    ]);
  });

  it('stores rows in canonical form: catalog order, required from the catalog, no empty optional rows', () => {
    const { mapping, biller } = given();
    const rows = [...standardMapping()].reverse().map((r) => ({ ...r, required: false }));
    rows.push({ target: 'invoices-allowpartialpayments', source: null, transform: 'none', required: false });
    const saved = mapping.save(biller.id, rows, 'Reordered').version;
    expect(saved.rows).toEqual(standardMapping());
  });

  it('blocks a save with errors, listing them, and writes nothing', () => {
    const { mapping, biller } = given();
    const rows = [
      ...edit(standardMapping(), 'customers-customername', { source: null }),
      { target: 'customers-foo', source: 'account.city', transform: 'trim' as const, required: false },
    ];
    const error = appError(() => mapping.save(biller.id, rows, 'Oops'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      "The mapping was not saved (2 problems): Target 'customers-foo' is not an InvoiceCloud field. Customer Name (customers-customername) is required by InvoiceCloud and has no source.",
    );
    expect(error.fields).toEqual({
      'customers-foo': "Target 'customers-foo' is not an InvoiceCloud field.",
      'customers-customername': 'Customer Name (customers-customername) is required by InvoiceCloud and has no source.',
    });
    expect(mapping.history(biller.id)).toHaveLength(1);
    expect(mappingAudit()).toEqual([]);
  });

  it('saves despite warnings and returns them', () => {
    const { mapping, biller } = given();
    const result = mapping.save(
      biller.id,
      edit(standardMapping(), 'customers-phone', { transform: 'none' }),
      'Phones are already formatted',
    );
    expect(result.version.version).toBe(1);
    expect(result.warnings).toEqual([expect.objectContaining({ severity: 'warning', target: 'customers-phone' })]);
  });

  it('asks for a comment, refuses a save that changes nothing, and refuses to overwrite a newer save', () => {
    const { mapping, biller } = given();
    expect(appError(() => mapping.save(biller.id, standardMapping(), '  ')).message).toBe(
      'Add a comment saying what changed and why.',
    );
    mapping.save(biller.id, standardMapping(), 'First');
    const same = appError(() => mapping.save(biller.id, standardMapping(), 'Again'));
    expect([same.code, same.message]).toEqual([
      'CONFLICT',
      'Nothing to save: the mapping is the same as the active version 1.',
    ]);
    const stale = appError(() =>
      mapping.save(biller.id, edit(standardMapping(), 'customers-zip', null), 'From an old screen', { baseVersion: 0 }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/^Version 1 was saved while you were editing version 0/);
    expect(mapping.history(biller.id)).toHaveLength(2);
  });

  it('keeps versions in the database file, for another PM on another session to see', () => {
    const { mapping, biller, dataDir, clock, db } = given();
    mapping.save(biller.id, standardMapping(), 'Jane’s first version');
    db.close();
    const other = openInstallation(dataDir, clock, RAVI);
    cleanups.push(() => other.db.close());
    expect(other.mapping.getActive(biller.id)).toMatchObject({
      version: 1,
      authorName: 'Jane Doe',
      comment: 'Jane’s first version',
    });
    const v2 = other.mapping.save(
      biller.id,
      edit(standardMapping(), 'customers-address2', null),
      'No second address line',
    );
    expect(v2.version).toMatchObject({ version: 2, author: 'rpatel', authorName: 'Ravi Patel' });
  });

  it('keeps each biller’s versions apart', () => {
    const { mapping, biller, billers } = given();
    const other = createBiller(billers, 'Shelbyville Electric');
    mapping.save(biller.id, standardMapping(), 'Springfield');
    expect(mapping.getActive(other.id).version).toBe(0);
    expect(mapping.save(other.id, standardMapping(), 'Shelbyville').version.version).toBe(1);
  });
});

describe('diff and revert', () => {
  function threeVersions() {
    const w = given();
    const v1 = standardMapping();
    const v2 = edit(
      edit(edit(v1, 'customers-phone', null), 'customers-city', { source: 'account.address2' }),
      'invoices-allowpartialpayments',
      { source: 'account.autoPay' },
    );
    w.mapping.save(w.biller.id, v1, 'v1');
    w.mapping.save(w.biller.id, v2, 'v2');
    return w;
  }

  it('lists per target what was added, removed and changed', () => {
    const { mapping, biller } = threeVersions();
    expect(mapping.diff(biller.id, 1, 2)).toEqual([
      expect.objectContaining({
        target: 'customers-city',
        change: 'changed',
        summary: 'City: account.city (trim) → account.address2 (trim)',
      }),
      expect.objectContaining({
        target: 'customers-phone',
        change: 'removed',
        after: null,
        summary: 'Phone: account.phone (phone) → unmapped',
      }),
      expect.objectContaining({
        target: 'invoices-allowpartialpayments',
        change: 'added',
        before: null,
        summary: 'Allow Partial Payments: unmapped → account.autoPay (none)',
      }),
    ]);
    expect(mapping.diff(biller.id, 2, 1).map((d) => d.change)).toEqual(['changed', 'added', 'removed']);
    expect(mapping.diff(biller.id, 0, 1)).toEqual([]);
    expect(appError(() => mapping.diff(biller.id, 1, 9)).message).toBe(
      'This biller has no mapping version 9. The history lists the versions there are.',
    );
  });

  it('reverts to an older version as a new version 3, keeping history', () => {
    const { mapping, biller, clock } = threeVersions();
    clock.advance(3_600_000);
    const result = mapping.revert(biller.id, 1, 'Ravi needs the phone back');
    expect(result.version).toMatchObject({
      version: 3,
      kind: 'revert',
      revertedFrom: 1,
      comment: 'Ravi needs the phone back',
      active: true,
    });
    expect(mapping.diff(biller.id, 1, 3)).toEqual([]);
    expect(mapping.diff(biller.id, 2, 3)).toHaveLength(3);
    expect(mapping.history(biller.id).map((v) => v.version)).toEqual([3, 2, 1, 0]);
    expect(mappingAudit()[0]).toMatchObject({ action: 'mapping.revert', subject: 'mapping version 3' });
  });

  it('reverts to the standard mapping with a comment that says so', () => {
    const { mapping, biller } = threeVersions();
    expect(mapping.revert(biller.id, 0).version).toMatchObject({
      version: 3,
      comment: 'Reverted to version 0 (standard mapping).',
      rows: standardMapping(),
    });
    expect(appError(() => mapping.revert(biller.id, 1)).code).toBe('CONFLICT');
  });
});

describe('export and import', () => {
  it('round-trips a mapping through the JSON file', () => {
    const { mapping, biller, billers } = given();
    const rows = edit(standardMapping(), 'customers-state', { transform: 'trim' });
    mapping.save(biller.id, rows, 'State as stored');
    const file = mapping.exportFile(biller.id);
    expect(file.fileName).toBe('mapping-springfield-water-v1.json');
    const parsed = JSON.parse(file.json);
    expect(parsed).toMatchObject({
      format: MAPPING_FILE_FORMAT,
      formatVersion: 1,
      biller: { name: 'Springfield Water' },
      version: 1,
      comment: 'State as stored',
    });

    const target = createBiller(billers, 'Shelbyville Electric');
    const imported = mapping.import(target.id, file.json);
    expect(imported.version).toMatchObject({
      version: 1,
      kind: 'import',
      comment: 'Imported from a mapping file (from Springfield Water, version 1, exported 2025-03-03).',
    });
    expect(imported.version.rows).toEqual(mapping.getActive(biller.id).rows);
    expect(mapping.diff(target.id, 0, 1).map((d) => d.target)).toEqual(['customers-state']);
    expect(world.audit.list({ billerId: target.id }).filter((e) => e.action === 'mapping.import')).toHaveLength(1);
  });

  it('exports an older version on request, and the standard mapping before any save', () => {
    const { mapping, biller } = given();
    expect(JSON.parse(mapping.export(biller.id)).version).toBe(0);
    mapping.save(biller.id, standardMapping(), 'v1');
    mapping.save(biller.id, edit(standardMapping(), 'customers-zip', null), 'v2');
    expect(JSON.parse(mapping.export(biller.id, 1)).rows).toEqual(standardMapping());
  });

  it('reports every problem of a bad file by row, in words a PM understands, and writes nothing', () => {
    const { mapping, biller } = given();
    mapping.save(biller.id, standardMapping(), 'v1');
    const rows: unknown[] = standardMapping().filter((r) => r.target !== 'customers-customername');
    rows.splice(1, 0, { target: 'customers-phone', source: 'account.phone', transform: 'titlecase', required: false });
    rows.splice(2, 0, { target: 'customers-foo', source: 'account.city', transform: 'trim', required: false });
    const file = JSON.stringify({
      format: MAPPING_FILE_FORMAT,
      formatVersion: 1,
      exportedAt: '2025-01-01T00:00:00Z',
      rows,
    });

    const shapeError = appError(() => mapping.import(biller.id, file, 'From the template'));
    expect(shapeError.code).toBe('INVALID_INPUT');
    expect(shapeError.message).toBe(
      "The mapping file was not imported (1 problem): Row 2: transform 'titlecase' is not one of none, trim, upper, lower, phone, date, cents-to-decimal.",
    );

    (rows[1] as { transform: string }).transform = 'phone';
    const mappingError = appError(() =>
      mapping.import(
        biller.id,
        JSON.stringify({ format: MAPPING_FILE_FORMAT, formatVersion: 1, exportedAt: 'x', rows }),
        'From the template',
      ),
    );
    expect(mappingError.message).toContain("Row 3: Target 'customers-foo' is not an InvoiceCloud field.");
    expect(mappingError.message).toContain('Row 9: Phone (customers-phone) is mapped twice (rows 2 and 9); keep one.');
    expect(mappingError.message).toContain(
      'Customer Name (customers-customername) is required by InvoiceCloud and has no source.',
    );

    expect(mapping.history(biller.id).map((v) => v.version)).toEqual([1, 0]);
    expect(mappingAudit().map((e) => e.action)).toEqual(['mapping.save']);
  });

  it.each([
    ['not JSON', '{"format": ', /^The mapping file was not imported \(1 problem\): The file is not valid JSON \(/],
    ['another kind of file', '{"name": "Springfield"}', /it has no "format": "impresa-bridge.mapping" marker/],
    [
      'a newer format',
      `{"format": "${MAPPING_FILE_FORMAT}", "formatVersion": 2, "rows": []}`,
      /written by a newer Impresa Bridge \(mapping format 2\)/,
    ],
    ['no rows', `{"format": "${MAPPING_FILE_FORMAT}", "formatVersion": 1}`, /The file has no list of rows/],
    [
      'a row without a target',
      `{"format": "${MAPPING_FILE_FORMAT}", "formatVersion": 1, "rows": [{"source": "account.city"}]}`,
      /Row 1: the target \(InvoiceCloud field\) is missing\./,
    ],
    [
      'a malformed source',
      `{"format": "${MAPPING_FILE_FORMAT}", "formatVersion": 1, "rows": [{"target": "customers-city", "source": "city"}]}`,
      /Row 1: source 'city' is not valid\. A source is written origin\.field/,
    ],
    [
      'a bad date format',
      `{"format": "${MAPPING_FILE_FORMAT}", "formatVersion": 1, "rows": [{"target": "invoices-duedate", "source": "bill.dueDate", "transform": "date", "dateFormat": "D.M.YY"}]}`,
      /Row 1: date format 'D.M.YY' is not one of M\/D\/YYYY, MM\/DD\/YYYY, YYYY-MM-DD\./,
    ],
    [
      'a misspelled key',
      `{"format": "${MAPPING_FILE_FORMAT}", "formatVersion": 1, "rows": [{"target": "customers-state", "source": "account.state", "transfrom": "upper", "requird": true}]}`,
      /^The mapping file was not imported \(2 problems\): Row 1: 'transfrom' is not a field of a mapping row \(did you mean transform\?\)\. Row 1: 'requird' is not a field of a mapping row \(did you mean required\?\)\.$/,
    ],
    [
      'a row without a transform',
      `{"format": "${MAPPING_FILE_FORMAT}", "formatVersion": 1, "rows": [{"target": "customers-city", "source": "account.city"}]}`,
      /Row 1: the transform is missing \(write "none"/,
    ],
  ])('refuses %s with a readable reason', (_what, json, message) => {
    const { mapping, biller } = given();
    const error = appError(() => mapping.import(biller.id, json));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(message);
    expect(mapping.history(biller.id)).toHaveLength(1);
  });
});

describe('Confirmed in CRM', () => {
  it('is not confirmed at first; confirming the standard mapping saves it as version 1 and confirms that', () => {
    const { mapping, biller, clock } = given();
    expect(mapping.confirmationStatus(biller.id)).toEqual({
      state: 'not-confirmed',
      activeVersion: 0,
      latest: null,
      message: 'The field mapping has not been confirmed in CRM yet.',
    });
    clock.advance(1000);
    const status = mapping.confirm(biller.id, 0);
    expect(status).toEqual({
      state: 'confirmed',
      activeVersion: 1,
      latest: { confirmedBy: 'jdoe', confirmedByName: 'Jane Doe', confirmedAt: '2025-03-03T14:00:01.000Z', version: 1 },
      message: 'Confirmed in CRM by Jane Doe on 2025-03-03 (version 1).',
    });
    expect(mapping.getActive(biller.id)).toMatchObject({
      version: 1,
      rows: standardMapping(),
      confirmation: { version: 1, confirmedByName: 'Jane Doe' },
    });
    expect(mappingAudit().map((e) => e.action)).toEqual(['mapping.confirm', 'mapping.save']);
  });

  it('shows an older version as confirmed and the newer active one as not, after a save', () => {
    const { mapping, biller } = given();
    mapping.save(biller.id, standardMapping(), 'v1');
    mapping.confirm(biller.id, 1);
    mapping.save(biller.id, edit(standardMapping(), 'customers-zip', null), 'No zip');
    const status = mapping.confirmationStatus(biller.id);
    expect(status.state).toBe('outdated');
    expect(status.activeVersion).toBe(2);
    expect(status.message).toBe(
      'Version 1 was confirmed in CRM by Jane Doe on 2025-03-03; the active version 2 is not confirmed yet.',
    );
    expect(mapping.history(biller.id).map((v) => [v.version, v.confirmation?.version ?? null])).toEqual([
      [2, null],
      [1, 1],
      [0, null],
    ]);
  });

  it('records who confirmed the newer version, and a second confirm of the same version changes nothing', () => {
    const { mapping, biller, dataDir, clock, heard } = given();
    mapping.save(biller.id, standardMapping(), 'v1');
    mapping.confirm(biller.id, 1);
    mapping.save(biller.id, edit(standardMapping(), 'customers-zip', null), 'No zip');
    const ravi = openInstallation(dataDir, clock, RAVI);
    cleanups.push(() => ravi.db.close());
    expect(ravi.mapping.confirm(biller.id, 2)).toMatchObject({
      state: 'confirmed',
      activeVersion: 2,
      latest: { confirmedBy: 'rpatel', version: 2 },
    });
    const events = heard.length;
    expect(mapping.confirm(biller.id, 2).latest?.confirmedBy).toBe('rpatel');
    expect(heard.length).toBe(events);
    expect(
      world.audit
        .list({ billerId: biller.id })
        .filter((e) => e.action === 'mapping.confirm')
        .map((e) => e.actor),
    ).toEqual(['rpatel', 'jdoe']);
  });
});

describe('Confirmed in CRM names the version the PM checked', () => {
  it('refuses an older version with CONFLICT after a newer save, and records nothing', () => {
    const { mapping, biller, heard } = given();
    mapping.save(biller.id, standardMapping(), 'v1');
    mapping.save(biller.id, edit(standardMapping(), 'customers-zip', null), 'No zip');
    const events = heard.length;
    const stale = appError(() => mapping.confirm(biller.id, 1));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toBe(
      'Version 1 is no longer the active mapping: version 2 was saved since. Nothing was recorded. Check version 2 in CRM, then confirm it.',
    );
    expect(mapping.confirmationStatus(biller.id).state).toBe('not-confirmed');
    expect(mapping.history(biller.id).every((v) => v.confirmation === null)).toBe(true);
    expect(mappingAudit().map((e) => e.action)).toEqual(['mapping.save', 'mapping.save']);
    expect(heard.length).toBe(events);
  });

  it('refuses the standard mapping once a version was saved, and a version that does not exist', () => {
    const { mapping, biller } = given();
    mapping.save(biller.id, edit(standardMapping(), 'customers-zip', null), 'No zip');
    const standard = appError(() => mapping.confirm(biller.id, 0));
    expect(standard.code).toBe('CONFLICT');
    expect(standard.message).toMatch(/^Version 0 is no longer the active mapping: version 1 was saved since\./);
    const future = appError(() => mapping.confirm(biller.id, 5));
    expect(future.code).toBe('NOT_FOUND');
    expect(future.message).toBe(
      'This biller has no mapping version 5; the active version is 1. Reload the mapping, check it in CRM, then confirm it.',
    );
    expect(mapping.history(biller.id)).toHaveLength(2);
    expect(mapping.confirm(biller.id, 1)).toMatchObject({ state: 'confirmed', activeVersion: 1 });
  });
});

describe('suggestions and preview', () => {
  it('returns suggestions without saving or changing anything', () => {
    const { mapping, biller, heard } = given();
    const rows: MappingRow[] = [
      { target: 'customers-accountnumber', source: 'account.accountNumber', transform: 'trim', required: true },
    ];
    const suggestions = mapping.suggest(biller.id, rows);
    expect(suggestions.length).toBeGreaterThan(10);
    expect(suggestions.find((s) => s.target === 'customers-customername')?.source).toBe('account.customerName');
    expect(rows).toHaveLength(1);
    expect(mapping.getActive(biller.id).version).toBe(0);
    expect(mapping.history(biller.id)).toHaveLength(1);
    expect(heard.filter((h) => h.event === 'mapping:changed')).toEqual([]);
    expect(mappingAudit()).toEqual([]);
  });

  it('previews rows as a job would write them, with rejections and the biller’s invoice type', () => {
    const { mapping, biller } = given();
    const bill = {
      invoiceNumber: 'INV-1',
      billDate: '2025-03-01',
      dueDate: '2025-03-21',
      totalCents: 12345,
      balanceCents: 12345,
      minimumCents: 0,
      pdfUrl: 'https://x.example/1.pdf',
    };
    const result = mapping.preview(biller.id, standardMapping(), [
      { account: { accountNumber: '1001', customerName: 'Ann Lee', phone: '5551234567' }, bill },
      {
        account: { accountNumber: '1002', customerName: '', phone: '5551234567' },
        bill: { ...bill, invoiceNumber: 'INV-2' },
      },
      { account: { accountNumber: '1003', customerName: 'No Bill Yet', meterId: 'M-9' }, bill: null },
    ]);
    expect(result.rejected).toBe(1);
    expect(result.rows[0]).toMatchObject({ accountNumber: '1001', invoiceNumber: 'INV-1', rejected: null });
    expect(result.rows[0]!.values).toMatchObject({
      'invoices-invoicetypeid': '7',
      'invoices-totalamountdue': '123.45',
      'customers-phone': '(555) 123-4567',
    });
    expect(result.rows[1]).toMatchObject({
      accountNumber: '1002',
      rejected: 'Account 1002: Customer Name (customers-customername) is required but empty.',
    });
    expect(result.rows[2]).toMatchObject({ accountNumber: '1003', invoiceNumber: null, rejected: null });
    expect(Object.keys(result.rows[2]!.values).every((k) => k.startsWith('customers-'))).toBe(true);
    expect(mapping.getActive(biller.id).version).toBe(0);
  });

  it('remembers fields found on the records so they can be mapped without a warning', () => {
    const { mapping, biller } = given();
    const rows = edit(standardMapping(), 'customers-address2', { source: 'account.meterId', transform: 'trim' });
    expect(mapping.validate(biller.id, rows).map((i) => i.severity)).toEqual(['warning']);
    const result = mapping.preview(biller.id, rows, [
      { account: { accountNumber: '1', customerName: 'A', meterId: 'M-9' } },
    ]);
    expect(result.sourceFields.find((f) => f.path === 'account.meterId')).toMatchObject({
      discovered: true,
      type: 'string',
      label: 'Meter Id',
    });
    expect(mapping.sourceFields(biller.id).some((f) => f.path === 'account.meterId')).toBe(true);
    expect(mapping.validate(biller.id, rows)).toEqual([]);
    expect(mapping.save(biller.id, rows, 'Meter in address 2').warnings).toEqual([]);
  });
});

it('the audit log names the PM behind every mapping change', () => {
  const { mapping, biller } = given();
  mapping.save(biller.id, standardMapping(), 'v1');
  const file = JSON.parse(mapping.export(biller.id));
  file.rows = edit(file.rows, 'customers-state', { transform: 'trim' });
  mapping.import(biller.id, JSON.stringify(file), 'State as stored');
  mapping.revert(biller.id, 1);
  mapping.confirm(biller.id, 3);
  expect(mappingAudit().map((e) => [e.action, e.actor])).toEqual([
    ['mapping.confirm', JANE.id],
    ['mapping.revert', JANE.id],
    ['mapping.import', JANE.id],
    ['mapping.save', JANE.id],
  ]);
});
