import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectIpc } from '../support/ws-client';
import { requireBuild, requireSecretService, ROOT, tempDataDir } from '../support/temp';

/**
 * Given a data folder where the host already ran on the embedded sandbox, when the host starts
 * again plainly (no --sandbox, no --accounts), then the sandbox comes back with the same world and
 * the sandbox biller reaches it, even when last start's port is now taken by someone else.
 */
let data: { dir: string; cleanup: () => void };
const running = new Set<ChildProcess>();

beforeAll(() => {
  requireBuild();
  requireSecretService();
  data = tempDataDir('ib-restart-');
});
afterAll(() => {
  for (const child of running) child.kill('SIGTERM');
  data.cleanup();
});

async function startHost(extra: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'dist/main/host.js'), '--port', '0', '--data-dir', data.dir, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no ready line: ${out}${err}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /ready at (http\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d) => (err += d));
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}: ${err}`)));
  });
  return { url, child };
}

async function stopHost(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  running.delete(child);
}

async function ipcOf(url: string) {
  const u = new URL(url);
  return connectIpc(`ws://127.0.0.1:${u.port}/__host/ipc?token=${u.searchParams.get('token')}`, {
    origin: `http://127.0.0.1:${u.port}`,
  });
}

interface BillerRow {
  id: string;
  name: string;
  sandbox: boolean;
  billerGuid: string;
  icHost: string;
  impresaUrl: string;
}

async function sandboxBiller(ipc: Awaited<ReturnType<typeof ipcOf>>): Promise<BillerRow> {
  const list = (await ipc.call('billers:list')).result as BillerRow[];
  const sandbox = list.filter((b) => b.sandbox);
  expect(sandbox).toHaveLength(1);
  return sandbox[0]!;
}

async function connectionTests(ipc: Awaited<ReturnType<typeof ipcOf>>, id: string) {
  return {
    ic: (await ipc.call('billers:testConnection', { id, system: 'invoicecloud' })).result as {
      ok: boolean;
      message: string;
    },
    impresa: (await ipc.call('billers:testConnection', { id, system: 'impresa' })).result as {
      ok: boolean;
      message: string;
    },
  };
}

describe('npm start twice on one data folder', () => {
  it('brings the sandbox back with the same world, and moves the biller when an old port is taken', async () => {
    const first = await startHost(['--accounts', '150']);
    const ipc1 = await ipcOf(first.url);
    const before = await sandboxBiller(ipc1);
    expect(await connectionTests(ipc1, before.id)).toMatchObject({ ic: { ok: true }, impresa: { ok: true } });
    ipc1.close();
    await stopHost(first.child);

    // Someone else takes the InvoiceCloud simulator's old port while the app is closed.
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(Number(new URL(before.icHost).port), '127.0.0.1', resolve));
    try {
      const second = await startHost([]);
      const ipc2 = await ipcOf(second.url);
      const after = await sandboxBiller(ipc2);
      expect(after.id).toBe(before.id);
      expect(after.billerGuid).toBe(before.billerGuid);
      expect(after.impresaUrl).toBe(before.impresaUrl);
      expect(after.icHost).not.toBe(before.icHost);
      expect(await connectionTests(ipc2, after.id)).toMatchObject({
        ic: { ok: true, message: 'InvoiceCloud accepted the biller GUID and web service key.' },
        impresa: { ok: true, message: 'InHANCE Impresa accepted the sign-in.' },
      });
      // The same saved world: 150 accounts from the first start, although the restart named none.
      const summary = (await (await fetch(`${after.impresaUrl}/__sandbox/summary`)).json()) as { accounts: number };
      expect(summary.accounts).toBe(150);
      ipc2.close();
      await stopHost(second.child);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });
});
