/**
 * Benchmark (not a test): the Payments job end to end over the sandbox (download from IC, ledger,
 * one InHANCE entry per payment over real HTTP on 127.0.0.1), and the clerk's queue with 20,000
 * entries read through the service. Prints figures and one JSON line. Run it bundled (no TS loader
 * is installed):
 *   npx esbuild tests/bench/payments.bench.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=dist/bench/payments-bench.mjs && node dist/bench/payments-bench.mjs [payments] [queue]
 * `benchPayments` is exported for the project's `npm run bench` table. Secrets stay in memory here
 * (a keychain backend in a Map): the figures are about payments, not about D-Bus.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import type { KeychainBackend } from '../../main/secrets/secret-store';
import { startSandbox, type Sandbox } from '../../main/sandbox';

const DAY = 86_400_000;

function memoryKeychain(): KeychainBackend {
  const store = new Map<string, string>();
  return {
    getPassword: async (s, a) => store.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void store.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => store.delete(`${s}/${a}`),
    findCredentials: async (s) => [...store.entries()].filter(([k]) => k.startsWith(`${s}/`)).map(([k, password]) => ({ account: k.slice(s.length + 1), password })),
  };
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

async function setUp(sb: Sandbox): Promise<{ core: Core; billerId: string; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-bench-'));
  const core = createCore({ dataDir: dir, shell: 'cli', logger: new MemoryLogger(), keychain: memoryKeychain });
  const billerId = core.billers.createProfile({
    name: 'Bench Utility', timeZone: 'America/New_York', billerGuid: sb.billerGuid, invoiceTypeId: sb.invoiceTypeId, invoiceFormatGuid: null,
    icHost: sb.icBaseUrl, impresaUrl: sb.impresaBaseUrl, impresaUser: sb.impresaUser, postingMode: 'pending', livePostingUser: 'IC Clerk', isJobHost: true,
  }).id;
  await core.billers.setSecret(billerId, 'web-service-key', sb.webServiceKey);
  await core.billers.setSecret(billerId, 'impresa-password', sb.impresaPassword);
  core.payments.useClock(billerId, { now: () => new Date(sb.world.now()) });
  return { core, billerId, dir };
}

/** Advances the sandbox a day at a time until IC's feed holds at least `count` payments. */
function feedAtLeast(sb: Sandbox, count: number): number {
  while (sb.summary().ic.payments.count < count) sb.advance(DAY);
  return sb.summary().ic.payments.count;
}

export interface PaymentsBench {
  run: { payments: number; records: number; ms: number; perPaymentMs: number; rssMb: number; heapDeltaMb: number; state: string };
  queue: { entries: number; refreshMs: number; firstPageMs: number; searchMs: number; allRowsMs: number; countsMs: number; selectAllMs: number };
}

export async function benchPayments(payments = 5000, queueEntries = 20_000): Promise<PaymentsBench> {
  // Enough accounts that 20,000 payments arrive within a few simulated weeks.
  const sb = await startSandbox({ accounts: 40_000, seed: 'bench' });
  const { core, billerId, dir } = await setUp(sb);
  try {
    const target = feedAtLeast(sb, payments);
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const run = await core.jobs.run(billerId, 'payments').finished;
    const ms = performance.now() - t0;
    const mem = process.memoryUsage();
    const result: PaymentsBench['run'] = {
      payments: target,
      records: run.counts.read,
      ms: Math.round(ms),
      perPaymentMs: Math.round((ms / Math.max(1, target)) * 100) / 100,
      rssMb: mb(mem.rss),
      heapDeltaMb: mb(mem.heapUsed - heapBefore),
      state: run.state,
    };

    // Fill the queue to 20,000 pending entries (the job again, over more simulated days).
    while ((await core.payments.refresh(billerId)).entries < queueEntries) {
      feedAtLeast(sb, sb.summary().ic.payments.count + 2000);
      await core.jobs.run(billerId, 'payments').finished;
    }
    const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
      const s = performance.now();
      const v = await fn();
      return [Math.round((performance.now() - s) * 10) / 10, v];
    };
    const [refreshMs, synced] = await time(() => core.payments.refresh(billerId));
    const base = { billerId, tab: 'ready' as const, search: '', sort: 'paidAt' as const, direction: 'asc' as const, offset: 0 };
    const [firstPageMs] = await time(() => core.payments.list({ ...base, limit: 500 }));
    const [searchMs] = await time(() => core.payments.list({ ...base, search: 'smith', sort: 'amount', direction: 'desc', limit: 500 }));
    const [allRowsMs] = await time(() => core.payments.list({ ...base, limit: 20_000 }));
    const [countsMs] = await time(() => core.payments.counts(billerId));
    const [selectAllMs] = await time(() => core.payments.ids({ billerId, tab: 'ready', search: '' }));
    return { run: result, queue: { entries: synced.entries, refreshMs, firstPageMs, searchMs, allRowsMs, countsMs, selectAllMs } };
  } finally {
    await core.close();
    await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  const [payments, queue] = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
  const r = await benchPayments(payments ?? 5000, queue ?? 20_000);
  console.log(`Payments job: ${r.run.payments} payments (${r.run.records} feed records) in ${r.run.ms} ms (${r.run.perPaymentMs} ms each), rss ${r.run.rssMb} MB, heap +${r.run.heapDeltaMb} MB, ${r.run.state}`);
  console.log(
    `Queue of ${r.queue.entries} entries: refresh from InHANCE ${r.queue.refreshMs} ms; first page of 500 ${r.queue.firstPageMs} ms; search ${r.queue.searchMs} ms; all rows in one call ${r.queue.allRowsMs} ms; counts ${r.queue.countsMs} ms; select all that match ${r.queue.selectAllMs} ms`,
  );
  console.log(JSON.stringify(r));
}

if (process.argv[1] && /payments[.-]bench\.(ts|m?js)$/.test(process.argv[1])) await main();
