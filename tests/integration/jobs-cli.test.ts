import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { runCli } from '../support/cli';
import { requireSecretService, ROOT, tempDataDir } from '../support/temp';

let sandbox: Sandbox;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  requireSecretService();
  execFileSync(process.execPath, [path.join(ROOT, 'main/build.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  sandbox = await startSandbox({ accounts: 250, seed: 'jobs-cli' });
  ({ dir, cleanup } = tempDataDir());
  const add = await runCli(
    [
      'billers',
      'add',
      '--name',
      'Springfield Water',
      '--time-zone',
      'America/New_York',
      '--biller-guid',
      sandbox.billerGuid,
      '--invoice-type-id',
      String(sandbox.invoiceTypeId),
      '--ic-host',
      sandbox.icBaseUrl,
      '--impresa-url',
      sandbox.impresaBaseUrl,
      '--impresa-user',
      sandbox.impresaUser,
      '--posting-mode',
      'pending',
      '--job-host',
      'yes',
      '--data-dir',
      dir,
    ],
    {
      env: {
        IMPRESA_BRIDGE_WEB_SERVICE_KEY: sandbox.webServiceKey,
        IMPRESA_BRIDGE_IMPRESA_PASSWORD: sandbox.impresaPassword,
      },
    },
  );
  expect(add.stderr).toBe('');
  expect(add.code).toBe(0);
}, 120_000);

afterAll(async () => {
  // beforeAll may have stopped before the data folder existed (no keychain): then there is nothing to remove.
  if (dir) await runCli(['billers', 'remove', '--biller', 'Springfield Water', '--yes', '--data-dir', dir]);
  await sandbox?.close();
  cleanup?.();
});

describe('jobs CLI (the built dist/main/cli.js)', () => {
  it('runs Balance with --json: the run as JSON, exit 0, and IC holds InHANCE’s balances', async () => {
    const result = await runCli(['jobs', 'run', 'balance', '--json', '--data-dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout) as {
      job: string;
      state: string;
      trigger: string;
      counts: Record<string, number>;
      summary: string;
    };
    expect(run).toMatchObject({
      job: 'balance',
      state: 'succeeded',
      trigger: 'manual',
      counts: { read: 250, written: 250, failed: 0 },
      summary: '250 balances sent to InvoiceCloud',
    });
    const { balance, icBalance } = sandbox.world;
    expect(Array.from(icBalance)).toEqual(Array.from(balance));

    const history = await runCli(['jobs', 'history', '--job', 'balance', '--limit', '5', '--data-dir', dir]);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(
      /balance\s+manual\s+Succeeded\s+[\d.]+ s\s+250\/250\/0\/0\s+250 balances sent to InvoiceCloud/,
    );
    const list = await runCli(['jobs', 'list', '--json', '--data-dir', dir]);
    const overview = JSON.parse(list.stdout) as {
      jobs: Array<{ job: string; available: boolean; lastRun: { state: string } | null }>;
    };
    // Payments becomes available once the payments service is wired in as its sink; the other five always are.
    expect(overview.jobs.map((j) => j.job)).toEqual([
      'invoice-file',
      'balance',
      'balance-all',
      'customer',
      'auto-pay',
      'payments',
    ]);
    expect(overview.jobs.slice(0, 5).every((j) => j.available)).toBe(true);
    expect(overview.jobs[1]!.lastRun).toMatchObject({ state: 'succeeded' });
  });

  it('exits non-zero with the plain error when the run fails, and says so for an unknown job', async () => {
    sandbox.setFaults('ic:500@1');
    try {
      const failed = await runCli(['jobs', 'run', 'balance-all', '--data-dir', dir]);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/^Balance All: Failed in [\d.]+ s/);
      expect(failed.stderr.trim()).toMatch(
        /^InvoiceCloud ViewAccountBalances: InvoiceCloud failed while processing the request .* InvoiceCloud did not answer in time\. Run the job again once InvoiceCloud answers;/,
      );
      expect(failed.stderr).not.toContain('retries by itself'); // a CLI run is never retried automatically
      const asJson = await runCli(['jobs', 'run', 'balance-all', '--json', '--data-dir', dir]);
      expect(asJson.code).toBe(1);
      expect(JSON.parse(asJson.stdout)).toMatchObject({ state: 'failed', error: { code: 'IC_TRANSIENT' } });
    } finally {
      sandbox.setFaults('');
    }
    const unknown = await runCli(['jobs', 'run', 'billing', '--data-dir', dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      'There is no job "billing". The jobs are invoice-file, balance, balance-all, customer, auto-pay, payments.',
    );
  });

  it('pauses and resumes a job, and a dry run changes nothing', async () => {
    const paused = await runCli(['jobs', 'pause', 'customer', '--reason', 'Conversion weekend', '--data-dir', dir]);
    expect(paused).toMatchObject({ code: 0, stdout: 'Customer is paused for Springfield Water.\n' });
    const list = await runCli(['jobs', 'list', '--data-dir', dir]);
    expect(list.stdout).toMatch(/customer\s+Every hour\s+always, no time limit, 3 retries from 30 s\s+paused/);
    const resumed = await runCli(['jobs', 'resume', 'customer', '--data-dir', dir]);
    expect(resumed.stdout).toBe('Customer resumes on its schedule (Every hour) for Springfield Water.\n');

    const changesBefore = sandbox.world.changes.latest;
    const dry = await runCli(['jobs', 'run', 'customer', '--dry-run', '--json', '--data-dir', dir]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ job: 'customer', dryRun: true, state: 'succeeded' });
    expect(sandbox.world.changes.latest).toBe(changesBefore);
  });
});
