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
    ['billers', 'add', '--name', 'Sandbox Utility', '--biller-guid', sandbox.billerGuid, '--invoice-type-id', '1', '--ic-host', sandbox.icBaseUrl,
      '--impresa-url', sandbox.impresaBaseUrl, '--impresa-user', sandbox.impresaUser, '--posting-mode', 'pending', '--secrets-stdin', '--data-dir', dir],
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
