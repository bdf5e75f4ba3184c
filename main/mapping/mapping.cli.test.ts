import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { runMappingCli, type MappingCliRequest } from './mapping.cli';
import { mappingWorld } from './mapping-test-kit';
import { standardMapping } from './presets';

let cleanup = () => undefined as void;
afterEach(() => cleanup());
function given() {
  const world = mappingWorld();
  cleanup = () => world.cleanup();
  const run = (request: Omit<MappingCliRequest, 'billerId' | 'json'> & { json?: boolean }) =>
    runMappingCli(world.mapping, { billerId: world.biller.id, json: false, ...request });
  return { ...world, run };
}

describe('mapping CLI', () => {
  it('shows the active mapping as a table, and as JSON', () => {
    const { run } = given();
    const text = run({ verb: 'show' });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('Mapping version 0: Standard mapping (built in; used until the first save) (active)');
    expect(text.stdout).toContain('The field mapping has not been confirmed in CRM yet.');
    expect(text.stdout).toMatch(/customers-accountnumber\s+Account Number \*\s+account\.accountNumber \(trim\)/);
    expect(text.stdout).toMatch(/invoices-allowpartialpayments\s+Allow Partial Payments\s+unmapped/);
    const data = JSON.parse(run({ verb: 'show', json: true }).stdout);
    expect(data.version.version).toBe(0);
    expect(data.confirmation.state).toBe('not-confirmed');
  });

  it('exports to a file, validates it, imports it back, and lists the history', () => {
    const { run, dataDir, mapping, biller } = given();
    mapping.save(biller.id, standardMapping().filter((r) => r.target !== 'customers-zip'), 'No zip');
    const file = path.join(dataDir, 'springfield.json');
    expect(run({ verb: 'export', file }).stdout).toBe(`Mapping version 1 written to ${file}\n`);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).rows).toHaveLength(standardMapping().length - 1);

    expect(run({ verb: 'validate', file })).toEqual({ exitCode: 0, stdout: 'No problems found.\n' });
    mapping.revert(biller.id, 0);
    const imported = run({ verb: 'import', file, comment: 'Zip dropped again' });
    expect(imported.stdout).toBe('Imported springfield.json as mapping version 3 (now active).\n');
    const history = run({ verb: 'history' }).stdout.trim().split('\n');
    expect(history).toHaveLength(4);
    expect(history[0]).toMatch(/^Mapping version 3 \(active\), imported 2025-03-03 14:00 UTC by Jane Doe: Zip dropped again$/);
    expect(history[1]).toMatch(/^Mapping version 2, reverted to version 0 /);
    expect(JSON.parse(run({ verb: 'history', json: true }).stdout).map((v: { version: number }) => v.version)).toEqual([3, 2, 1, 0]);
  });

  it('exits 1 with readable problems when a file does not validate', () => {
    const { run, dataDir } = given();
    const file = path.join(dataDir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'impresa-bridge.mapping', formatVersion: 1, exportedAt: 'x', rows: [{ target: 'customers-foo', source: 'account.city', transform: 'trim' }] }));
    const out = run({ verb: 'validate', file });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain("ERROR    Row 1: Target 'customers-foo' is not an InvoiceCloud field.");
    expect(out.stdout).toContain('ERROR    Account Number (customers-accountnumber) is required by InvoiceCloud and has no source.');
    const data = JSON.parse(run({ verb: 'validate', file, json: true }).stdout);
    expect(data.canSave).toBe(false);
  });

  it('validates the active mapping without a file', () => {
    const { run } = given();
    expect(run({ verb: 'validate' })).toEqual({ exitCode: 0, stdout: 'Mapping version 0: No problems found.\n' });
  });

  it('says plainly when the file to import is missing', () => {
    const { run, dataDir } = given();
    const file = path.join(dataDir, 'nowhere.json');
    expect(() => run({ verb: 'import', file })).toThrow(new AppError('NOT_FOUND', `Cannot read ${file}: there is no such file.`));
    expect(() => run({ verb: 'import' })).toThrow(/Name the mapping file to import/);
  });
});
