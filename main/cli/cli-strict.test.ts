import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportRequestSchema } from '../../shared/contract/payments';
import { billerInputSchema } from '../../shared/domain/biller';
import { resolveDataDir } from '../ground/data-dir';
import { commands } from '../app/cli-commands';
import { runCli } from './cli';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A data folder that does not exist yet: if the CLI opened anything, it would be created. */
function untouchedDataDir(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-cli-'));
  dirs.push(parent);
  return path.join(parent, 'data');
}

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Runs and checks that the command was refused before it opened the data folder (or the keychain). */
async function refused(argv: string[]): Promise<string> {
  const dataDir = untouchedDataDir();
  const r = await cli([...argv, '--data-dir', dataDir]);
  expect(r.code, r.stderr).toBe(2);
  expect(fs.existsSync(dataDir)).toBe(false);
  return r.stderr;
}

const ADD = [
  'billers',
  'add',
  '--name',
  'X',
  '--biller-guid',
  '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  '--impresa-url',
  'https://i.example.gov',
  '--impresa-user',
  'u',
  '--posting-mode',
  'pending',
];

describe('the CLI reads each argument as what it says, and checks them all before opening anything', () => {
  it('refuses an impossible date before anything is opened', async () => {
    expect(await refused(['payments', 'report', '--date', '2026-13-45'])).toBe(
      '--date 2026-13-45 is not a day on the calendar. Write a real date as YYYY-MM-DD (--date 2025-03-03).',
    );
    expect(await refused(['payments', 'report', '--date', '2025-02-30'])).toMatch(
      /2025-02-30 is not a day on the calendar/,
    );
    expect(await refused(['payments', 'report', '--date', 'March 3'])).toMatch(/Write the date as YYYY-MM-DD/);
  });

  it('refuses a value outside its choices before anything is opened', async () => {
    expect(await refused(['payments', 'report', '--format', 'docx'])).toBe('--format must be csv or pdf (not "docx").');
    expect(await refused(['calls', 'export', '2025-03-04', '--format', 'docx', '--out', 'notes.docx'])).toBe(
      '--format must be md or pdf (not "docx").',
    );
    expect(await refused([...ADD.slice(0, -1), 'Live', '--invoice-type-id', '3'])).toBe(
      '--posting-mode takes pending or live (not "Live").',
    );
    expect(await refused(['billers', 'invoice-file', '--pdf-linking', 'YES'])).toBe(
      '--pdf-linking takes yes or no, not "YES".',
    );
  });

  it('refuses --job-host other than yes or no', async () => {
    expect(await refused([...ADD, '--invoice-type-id', '3', '--job-host', 'YES'])).toBe(
      '--job-host takes yes or no (not "YES").',
    );
    expect(await refused([...ADD, '--invoice-type-id', '3', '--job-host', 'maybe'])).toBe(
      '--job-host takes yes or no (not "maybe").',
    );
  });

  it('reads whole numbers in decimal digits only', async () => {
    expect(await refused([...ADD, '--invoice-type-id', '0x10'])).toMatch(
      /^--invoice-type-id must be a whole number .* written in digits \(not "0x10"\)\.$/,
    );
    expect(await refused([...ADD, '--invoice-type-id', '1e3'])).toMatch(/not "1e3"/);
    expect(await refused(['jobs', 'history', '--limit', '0x10'])).toMatch(
      /^--limit must be a whole number from 1 to 500/,
    );
    expect(billerInputSchema.shape.invoiceTypeId.safeParse('0x10').success).toBe(false);
    expect(billerInputSchema.shape.invoiceTypeId.safeParse('1e3').success).toBe(false);
    expect(billerInputSchema.shape.invoiceTypeId.safeParse('16').data).toBe(16);
    expect(billerInputSchema.shape.invoiceTypeId.safeParse(16).data).toBe(16);
  });

  it('refuses an empty --data-dir instead of using the default installation', async () => {
    const r = await cli(['billers', 'list', '--data-dir', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      '--data-dir needs a folder; it was empty. Leave the option out to use the default data folder.',
    );
    expect((await cli(['billers', 'list', '--data-dir='])).code).toBe(2);
    expect(() => resolveDataDir('')).toThrow(/--data-dir needs a folder/);
  });

  it('refuses --out into a missing folder, and --out a folder, with a sentence', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-out-'));
    dirs.push(parent);
    const missing = path.join(parent, 'no-such-folder', 'report.csv');
    expect(await refused(['payments', 'report', '--format', 'csv', '--out', missing])).toBe(
      `--out ${missing}: the folder ${path.dirname(missing)} does not exist. Create it first, or choose a file in an existing folder.`,
    );
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
    expect(await refused(['payments', 'report', '--format', 'csv', '--out', parent])).toMatch(
      /is a folder: give a file name inside it/,
    );
  });

  it('says "no such option" for an unknown flag, even one that looks like it takes a value', async () => {
    expect(await refused(['payments', 'report', '--verbose'])).toBe(
      '"payments report" has no option --verbose (no such option). Run "npm run cli -- payments report --help" to see its options.',
    );
    // An unknown flag does not swallow the word after it.
    expect(await refused(['--verbose', 'payments', 'report'])).toMatch(/no such option/);
    expect(await refused(['payments', 'report', '--date'])).toMatch(/^The option --date needs a value\./);
  });

  it("prints one command's help: usage, options and an example", async () => {
    const r = await cli(['payments', 'report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run cli -- payments report \[--date YYYY-MM-DD\]/);
    expect(r.stdout).toMatch(/Options:\n\s+--date\s+the biller's day/);
    expect(r.stdout).toMatch(/--out\s+the file to write, in an existing folder/);
    expect(r.stdout).toMatch(/Example:\n\s+npm run cli -- payments report --date 2025-03-03/);
    expect(r.stdout).not.toMatch(/billers add/);
    for (const c of commands) {
      const help = (await cli([c.domain, c.verb, '--help'])).stdout;
      expect(help).toContain(`Usage: npm run cli -- ${c.usage}`);
      expect(help).toMatch(/Example:\n {2}\S/);
      for (const f of c.flags) expect(help, `${c.domain} ${c.verb} --${f}`).toMatch(new RegExp(`--${f}\\s+\\S`));
    }
    const all = await cli(['--help']);
    expect(all.stdout).toMatch(/<domain> <verb> --help/);
  });

  it('lists in the README every command and option that --help lists', () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    // Options that exist only to be refused: a secret is never an argument.
    const secrets = new Set([
      'web-service-key',
      'impresa-password',
      'password',
      'key',
      'smartsheet-token',
      'confluence-token',
      'token',
    ]);
    for (const c of commands) {
      expect(readme, c.usage).toContain(`\`${c.usage}\``);
      for (const f of c.flags) if (!secrets.has(f)) expect(readme, `--${f}`).toContain(`--${f}`);
    }
  });

  it('refuses an impossible date over IPC too (payments:report)', () => {
    const billerId = '00000000-0000-4000-8000-000000000000';
    const bad = reportRequestSchema.safeParse({ billerId, date: '2025-02-30', format: 'csv' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/not a day on the calendar/);
    expect(reportRequestSchema.safeParse({ billerId, date: '2024-02-29', format: 'csv' }).success).toBe(true);
  });
});
