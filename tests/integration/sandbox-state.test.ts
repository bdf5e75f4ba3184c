import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpImpresaClient } from '../../main/clients/impresa';
import { InvoiceCloudClient, writeBif } from '../../main/clients/invoicecloud';
import { startSandbox, SandboxStateError } from '../../main/sandbox';

/** The simulators' state survives a restart (and a killed process) when a state folder is given. */
const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-state-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const HOUR = 3_600_000;

describe('sandbox state across restarts', () => {
  it('keeps entries, receipts, reversals, uploads, updates and the clock', async () => {
    const stateDir = tempDir();
    const first = await startSandbox({ accounts: 300, seed: 'persist', stateDir });
    const im = new HttpImpresaClient({
      baseUrl: first.impresaBaseUrl,
      username: first.impresaUser,
      password: first.impresaPassword,
    });
    const ic = new InvoiceCloudClient({
      host: first.icBaseUrl,
      billerGuid: first.billerGuid,
      webServiceKey: first.webServiceKey,
    });
    first.advance(30 * HOUR);
    const batch = await im.createBatch({ depositDate: '2025-03-04', installationId: 'host-1' });
    const e1 = await im.createEntry(batch.batchId, {
      externalRef: 'p-1',
      accountNumber: first.world.accountNumber(1),
      amountCents: 1111,
      paymentDate: '2025-03-04',
      paymentType: 'card',
    });
    await im.createEntry(batch.batchId, {
      externalRef: 'p-2',
      accountNumber: first.world.accountNumber(2),
      amountCents: 2222,
      paymentDate: '2025-03-04',
      paymentType: 'ach',
    });
    await im.postEntry(e1.entryId, 'mlopez');
    const live = await im.postLive({
      externalRef: 'p-3',
      accountNumber: first.world.accountNumber(3),
      amountCents: 3333,
      paymentDate: '2025-03-04',
      paymentType: 'ach',
      user: 'IC Clerk',
    });
    await im.reverseReceipt(live.receiptId, { user: 'IC Clerk', reasonCode: 'R02' });
    await im.updateContact(first.world.accountNumber(4), { phone: '555-000-1234' });
    await ic.updateAccountBalances([{ accountNumber: first.world.accountNumber(5), balanceDueCents: 4242 }]);
    await ic.uploadEncodedInvoiceFile({
      invoiceTypeId: 1,
      fileName: 'x.csv',
      csv: writeBif([
        {
          accountNumber: first.world.accountNumber(6),
          customerName: 'A',
          invoiceNumber: 'KEEP-1',
          invoiceDate: '2025-03-04',
          dueDate: '2025-03-25',
          totalAmountDueCents: 999,
          balanceDueCents: 999,
          invoiceTypeId: 1,
        },
      ]),
    });
    const before = first.summary();
    const balanceBefore = (await im.getAccount(first.world.accountNumber(1))).balanceCents;
    await first.close();

    const second = await startSandbox({ accounts: 300, seed: 'persist', stateDir });
    try {
      const after = second.summary();
      expect({ ...after.impresa, faults: [] }).toEqual({ ...before.impresa, faults: [] });
      expect(after.ic).toEqual(before.ic);
      const im2 = new HttpImpresaClient({
        baseUrl: second.impresaBaseUrl,
        username: second.impresaUser,
        password: second.impresaPassword,
      });
      const ic2 = new InvoiceCloudClient({
        host: second.icBaseUrl,
        billerGuid: second.billerGuid,
        webServiceKey: second.webServiceKey,
      });
      expect((await im2.lookupExternalRef('p-1')).receipt?.postedBy).toBe('mlopez');
      expect((await im2.getAccount(second.world.accountNumber(1))).balanceCents).toBe(balanceBefore);
      expect((await im2.getAccount(second.world.accountNumber(4))).phone).toBe('555-000-1234');
      expect((await ic2.viewInvoiceByInvoiceNumber('KEEP-1')).totalAmountDueCents).toBe(999);
      expect(second.world.now()).toBe(first.world.now());
      expect(second.world.icBalance[5]).toBe(4242);
    } finally {
      await second.close();
    }
    await expect(startSandbox({ accounts: 301, seed: 'persist', stateDir })).rejects.toThrow(SandboxStateError);
  });

  it('keeps what a killed sandbox process had accepted', async () => {
    const stateDir = tempDir();
    const bundle = path.join(tempDir(), 'sandbox-cli.mjs');
    await build({
      entryPoints: [path.resolve('main/sandbox/sandbox.commands.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      packages: 'external',
      logLevel: 'silent',
      nodePaths: [path.resolve('node_modules')],
    });
    fs.symlinkSync(path.resolve('node_modules'), path.join(path.dirname(bundle), 'node_modules'));
    const child = spawn(process.execPath, [bundle, '--accounts', '200', '--seed', 'killed', '--state-dir', stateDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (d) => {
        text += String(d);
        if (/World:/.test(text)) resolve(text);
      });
      child.on('exit', (code) => reject(new Error(`sandbox exited early (${code})`)));
    });
    const impresaUrl = /InHANCE Impresa simulator: (\S+)/.exec(out)![1]!;
    const password = /Impresa user \/ password: +bridge \/ (\S+)/.exec(out)![1]!;
    const im = new HttpImpresaClient({ baseUrl: impresaUrl, username: 'bridge', password });
    const batch = await im.createBatch({ depositDate: '2025-03-03' });
    const entry = await im.createEntry(batch.batchId, {
      externalRef: 'survivor',
      accountNumber: (await im.searchAccounts({ number: '0000010' }))[0]!.accountNumber,
      amountCents: 500,
      paymentDate: '2025-03-03',
      paymentType: 'card',
    });
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    const again = await startSandbox({ accounts: 200, seed: 'killed', stateDir });
    try {
      const im2 = new HttpImpresaClient({
        baseUrl: again.impresaBaseUrl,
        username: again.impresaUser,
        password: again.impresaPassword,
      });
      expect((await im2.lookupExternalRef('survivor')).entry?.entryId).toBe(entry.entryId);
      expect(again.summary().impresa.entries.pending).toEqual({ count: 1, totalCents: 500 });
    } finally {
      await again.close();
    }
  });
});
