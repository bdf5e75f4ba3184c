import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { runCli } from '../cli/cli';
import { runMappingCli, type MappingCliRequest } from './mapping-verbs';
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
    mapping.save(
      biller.id,
      standardMapping().filter((r) => r.target !== 'customers-zip'),
      'No zip',
    );
    const file = path.join(dataDir, 'springfield.json');
    expect(run({ verb: 'export', file }).stdout).toBe(`Mapping version 1 written to ${file}\n`);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).rows).toHaveLength(standardMapping().length - 1);

    expect(run({ verb: 'validate', file })).toEqual({ exitCode: 0, stdout: 'No problems found.\n' });
    mapping.revert(biller.id, 0);
    const imported = run({ verb: 'import', file, comment: 'Zip dropped again' });
    expect(imported.stdout).toBe('Imported springfield.json as mapping version 3 (now active).\n');
    const history = run({ verb: 'history' }).stdout.trim().split('\n');
    expect(history).toHaveLength(4);
    expect(history[0]).toMatch(
      /^Mapping version 3 \(active\), imported 2025-03-03 14:00 UTC by Jane Doe: Zip dropped again$/,
    );
    expect(history[1]).toMatch(/^Mapping version 2, reverted to version 0 /);
    expect(JSON.parse(run({ verb: 'history', json: true }).stdout).map((v: { version: number }) => v.version)).toEqual([
      3, 2, 1, 0,
    ]);
  });

  it('exits 1 with readable problems when a file does not validate', () => {
    const { run, dataDir } = given();
    const file = path.join(dataDir, 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        format: 'impresa-bridge.mapping',
        formatVersion: 1,
        exportedAt: 'x',
        rows: [{ target: 'customers-foo', source: 'account.city', transform: 'trim' }],
      }),
    );
    const out = run({ verb: 'validate', file });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain("ERROR    Row 1: Target 'customers-foo' is not an InvoiceCloud field.");
    expect(out.stdout).toContain(
      'ERROR    Account Number (customers-accountnumber) is required by InvoiceCloud and has no source.',
    );
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
    expect(() => run({ verb: 'import', file })).toThrow(
      new AppError('NOT_FOUND', `Cannot read ${file}: there is no such file.`),
    );
    expect(() => run({ verb: 'import' })).toThrow(/Name the mapping file to import/);
  });
});

describe('mapping CLI options, as typed on the command line', () => {
  /** The real CLI entry, in-process, on the world's data folder. */
  async function cli(dataDir: string, ...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--data-dir', dataDir], { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  it('refuses a --version that is not a version number, in words, instead of "no mapping version NaN"', async () => {
    const { dataDir } = given();
    for (const typed of ['abc', '-1', '2.5', '1e3', '']) {
      const out = await cli(dataDir, 'mapping', 'show', '--version', typed);
      expect(out.code, typed).toBe(1);
      expect(out.stderr, typed).toContain(
        `--version takes a version number (0 for the standard mapping, or 1, 2, 3…), not '${typed}'. "mapping history" lists the versions there are.`,
      );
      expect(out.stderr).not.toMatch(/NaN/);
    }
    const exported = await cli(dataDir, 'mapping', 'export', '--version', 'v2', '--json');
    expect(exported.code).toBe(1);
    expect(JSON.parse(exported.stdout).error.code).toBe('INVALID_INPUT');
  });

  it('takes 0 and the saved versions, and says plainly when a version does not exist', async () => {
    const { dataDir, mapping, biller } = given();
    mapping.save(
      biller.id,
      standardMapping().filter((r) => r.target !== 'customers-zip'),
      'No zip',
    );
    expect((await cli(dataDir, 'mapping', 'show', '--version', '0')).stdout).toContain(
      'Mapping version 0: Standard mapping',
    );
    expect(JSON.parse((await cli(dataDir, 'mapping', 'export', '--version', '1')).stdout).version).toBe(1);
    const missing = await cli(dataDir, 'mapping', 'show', '--version', '7');
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'This biller has no mapping version 7. The history lists the versions there are.',
    });
  });

  it('refuses --version on the verbs that would ignore it', async () => {
    const { dataDir } = given();
    const out = await cli(dataDir, 'mapping', 'validate', '--version', '2');
    // The CLI's per-command option lists refuse it before anything is opened (exit 2, a usage error).
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^"mapping validate" has no option --version \(no such option\)\./);
  });
});
