import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { runCli } from '../support/cli';
import { requireBuild, requireSecretService, tempDataDir } from '../support/temp';

let sandbox: Sandbox;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  requireBuild();
  requireSecretService();
  sandbox = await startSandbox({ accounts: 200, seed: 'ic-cli' });
  ({ dir, cleanup } = tempDataDir());
  const add = await runCli(
    [
      'billers',
      'add',
      '--name',
      'Sandbox Utility',
      '--biller-guid',
      sandbox.billerGuid,
      '--invoice-type-id',
      '1',
      '--ic-host',
      sandbox.icBaseUrl,
      '--impresa-url',
      sandbox.impresaBaseUrl,
      '--impresa-user',
      sandbox.impresaUser,
      '--posting-mode',
      'pending',
      '--secrets-stdin',
      '--data-dir',
      dir,
    ],
    { stdin: JSON.stringify({ webServiceKey: sandbox.webServiceKey, impresaPassword: sandbox.impresaPassword }) },
  );
  expect(add.code, add.stderr).toBe(0);
});
afterAll(async () => {
  await sandbox.close();
  cleanup();
});

describe('ic CLI against the InvoiceCloud simulator', () => {
  it('views a customer record as parsed fields', async () => {
    const account = sandbox.world.accountNumber(0);
    const out = await runCli(['ic', 'view-customer', account, '--json', '--data-dir', dir]);
    expect(out.code, out.stderr).toBe(0);
    const customer = JSON.parse(out.stdout);
    expect(customer.accountNumber).toBe(account);
    expect(typeof customer.autoPay).toBe('boolean');
    expect(customer.customerName.length).toBeGreaterThan(0);
    const text = await runCli(['ic', 'view-customer', account, '--data-dir', dir]);
    expect(text.stdout).toContain(`Customer ${account} at InvoiceCloud`);
  });

  it("reports IC's business failure in its words and exits 1", async () => {
    const out = await runCli(['ic', 'view-invoice', 'NO-SUCH-INVOICE', '--data-dir', dir]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^InvoiceCloud ViewInvoiceByInvoiceNumber: /);
    expect(out.stderr).not.toContain(sandbox.webServiceKey);
  });

  it('asks for the number when it is missing', async () => {
    const out = await runCli(['ic', 'view-invoice', '--data-dir', dir]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/Give the invoice number/);
  });
});

describe('ic operations from the CLI', () => {
  it('compares a customer side by side', async () => {
    const account = sandbox.world.accountNumber(1);
    const out = await runCli(['ic', 'view-customer', account, '--compare', '--data-dir', dir]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`^Customer ${account}: InvoiceCloud and InHANCE\n`));
    expect(out.stdout).toMatch(/Balance due/);
    const json = JSON.parse(
      (await runCli(['ic', 'view-customer', account, '--compare', '--json', '--data-dir', dir])).stdout,
    );
    expect(json).toMatchObject({ kind: 'customer', key: account, ic: { found: true }, impresa: { found: true } });
  });

  it('shows and sets the rate limits, refusing a value out of bounds', async () => {
    const bad = await runCli(['ic', 'limits', '--max-concurrency', '99', '--data-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('--max-concurrency: The concurrency cap must be a whole number from 1 to 16.\n');
    const set = await runCli([
      'ic',
      'limits',
      '--min-interval-ms',
      '0',
      '--threshold',
      '0',
      '--json',
      '--data-dir',
      dir,
    ]);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      minIntervalMs: 0,
      threshold: 0,
      maxConcurrency: 2,
      isDefault: false,
    });
  });

  it('looks up a CSV of accounts and writes per-row results', async () => {
    const file = path.join(dir, 'accounts.csv');
    const out = path.join(dir, 'results.csv');
    fs.writeFileSync(
      file,
      ['acct;x', ...Array.from({ length: 20 }, (_, i) => `${sandbox.world.accountNumber(i)};y`), 'bad value;z'].join(
        '\n',
      ),
    );
    const r = await runCli([
      'ic',
      'batch',
      '--file',
      file,
      '--kind',
      'accounts',
      '--action',
      'lookup',
      '--out',
      out,
      '--json',
      '--data-dir',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      state: 'done',
      total: 21,
      valid: 20,
      delimiter: ';',
      hasHeader: true,
      counts: { invalid: 1, pending: 0, failed: 0, notFound: 0 },
    });
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[21]).toMatch(/^22,bad value,invalid,/);
  });

  it('shows what retention would prune', async () => {
    const r = await runCli(['retention', 'show', '--data-dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Kept for 90 days: anything older than .+ is pruned\.\nWould remove: 0 job runs/);
  });
});
