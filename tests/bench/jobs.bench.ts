/**
 * Benchmark (not a test): the Balance All job over 50,000 and 250,000 accounts against the sandbox
 * over real HTTP, printing time and the job process's peak RSS, to show that memory does not grow
 * with the number of accounts (the two sides are merge-joined a page at a time).
 *
 * The simulators run in a child process of their own (their world does grow with the accounts);
 * each size's job runs in a fresh child process, so its peak RSS is its own. Run it bundled into
 * dist/ (no TS loader is installed; node_modules must resolve):
 *   npx esbuild tests/bench/jobs.bench.ts --bundle --platform=node --format=esm --packages=external --outfile=dist/bench/jobs-bench.mjs && node dist/bench/jobs-bench.mjs [50000 250000]
 * `benchBalanceAll` is exported for the project's `npm run bench` table.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import type { KeychainBackend } from '../../main/secrets/secret-store';
import { startSandbox } from '../../main/sandbox';

const CHILD_FLAG = '--jobs-bench-child';

interface SandboxReady {
  icBaseUrl: string;
  impresaBaseUrl: string;
  billerGuid: string;
  webServiceKey: string;
  impresaUser: string;
  impresaPassword: string;
  invoiceTypeId: number;
  mismatches: number;
}

export interface BalanceAllFigures {
  accounts: number;
  ms: number;
  /** Peak resident memory of the process that ran the job (not the simulators). */
  peakRssMb: number;
  /** Resident memory of that process just before the run started. */
  baseRssMb: number;
  mismatched: number;
  expectedMismatches: number;
  state: string;
}

function memoryKeychain(): KeychainBackend {
  const vault = new Map<string, string>();
  return {
    getPassword: async (_s, account) => vault.get(account) ?? null,
    setPassword: async (_s, account, password) => void vault.set(account, password),
    deletePassword: async (_s, account) => vault.delete(account),
    findCredentials: async () => [...vault].map(([account, password]) => ({ account, password })),
  };
}

/** Child: the two simulators, until the parent disconnects. */
async function sandboxChild(accounts: number): Promise<void> {
  const sandbox = await startSandbox({ accounts, seed: 'bench' });
  const ready: SandboxReady = { ...sandbox, mismatches: sandbox.world.mismatches.length };
  process.send!({ ready: { icBaseUrl: ready.icBaseUrl, impresaBaseUrl: ready.impresaBaseUrl, billerGuid: ready.billerGuid, webServiceKey: ready.webServiceKey, impresaUser: ready.impresaUser, impresaPassword: ready.impresaPassword, invoiceTypeId: ready.invoiceTypeId, mismatches: ready.mismatches } });
  process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
}

/** Child: one Balance All run against the simulators, corrections included. */
async function jobChild(target: SandboxReady, accounts: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-bench-'));
  const core = createCore({ dataDir: dir, shell: 'cli', logger: new MemoryLogger(), keychain: memoryKeychain });
  try {
    const biller = core.billers.createProfile({
      name: 'Bench Utility', timeZone: 'America/New_York', billerGuid: target.billerGuid, invoiceTypeId: target.invoiceTypeId, invoiceFormatGuid: null,
      icHost: target.icBaseUrl, impresaUrl: target.impresaBaseUrl, impresaUser: target.impresaUser, postingMode: 'pending', livePostingUser: 'IC Clerk', isJobHost: true,
    });
    await core.billers.setSecret(biller.id, 'web-service-key', target.webServiceKey);
    await core.billers.setSecret(biller.id, 'impresa-password', target.impresaPassword);
    globalThis.gc?.();
    const baseRss = process.memoryUsage().rss;
    const t0 = performance.now();
    const run = await core.jobs.run(biller.id, 'balance-all').finished;
    const ms = performance.now() - t0;
    const figures: BalanceAllFigures = {
      accounts,
      ms: Math.round(ms),
      // maxRSS is the process's high-water mark in KiB, sampled by the kernel: no polling needed.
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      baseRssMb: Math.round(baseRss / 1048576),
      mismatched: run.counts.written,
      expectedMismatches: target.mismatches,
      state: run.state,
    };
    process.send!({ figures });
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function message<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    child.on('message', (m) => {
      if (m && typeof m === 'object' && key in m) resolve((m as Record<string, T>)[key]!);
    });
    child.once('exit', (code) => reject(new Error(`bench child exited (${code}) before sending ${key}`)));
  });
}

/** Balance All over each size, each in fresh processes; figures in order of size. */
export async function benchBalanceAll(sizes: number[] = [50_000, 250_000], script = fileURLToPath(import.meta.url)): Promise<BalanceAllFigures[]> {
  const out: BalanceAllFigures[] = [];
  for (const accounts of sizes) {
    const sim = fork(script, [CHILD_FLAG, 'sandbox', String(accounts)], { stdio: 'inherit' });
    try {
      const ready = await message<SandboxReady>(sim, 'ready');
      const job = fork(script, [CHILD_FLAG, 'job', String(accounts), JSON.stringify(ready)], { stdio: 'inherit', execArgv: ['--expose-gc'] });
      out.push(await message<BalanceAllFigures>(job, 'figures'));
      job.disconnect();
    } finally {
      sim.disconnect();
    }
  }
  return out;
}

export async function main(): Promise<void> {
  const sizes = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
  const figures = await benchBalanceAll(sizes.length ? sizes : undefined);
  console.log('accounts   time      peak RSS   RSS before   mismatches (found/expected)   state');
  for (const f of figures) {
    console.log(`${String(f.accounts).padStart(8)}   ${(f.ms / 1000).toFixed(1).padStart(6)} s   ${String(f.peakRssMb).padStart(5)} MB   ${String(f.baseRssMb).padStart(7)} MB   ${String(f.mismatched).padStart(10)}/${f.expectedMismatches}                  ${f.state}`);
  }
  if (figures.length >= 2) {
    const [a, b] = [figures[0]!, figures.at(-1)!];
    console.log(`accounts ×${(b.accounts / a.accounts).toFixed(1)}: time ×${(b.ms / a.ms).toFixed(2)}, peak RSS ×${(b.peakRssMb / a.peakRssMb).toFixed(2)}`);
  }
  console.log(JSON.stringify(figures));
}

const childAt = process.argv.indexOf(CHILD_FLAG);
if (childAt >= 0) {
  const [mode, accounts, config] = process.argv.slice(childAt + 1);
  const run = mode === 'sandbox' ? sandboxChild(Number(accounts)) : jobChild(JSON.parse(config!) as SandboxReady, Number(accounts));
  run.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (process.argv[1] && /jobs[.-]bench\.(ts|m?js)$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
