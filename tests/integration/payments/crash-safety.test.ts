import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../main/sandbox';
import { ROOT, requireSecretService, tempDataDir } from '../../support/temp';
import { runCli } from '../../../main/cli/cli';
import { icSummary, impresaSummary, installation, runPaymentsJob, sandbox } from '../../support/payments-kit';

/**
 * Given a sandbox whose feed holds ~40 payments (IC's own duplicates and an ACH return among them),
 * when a child process running the Payments job (the CLI, `payments run`) is killed with SIGKILL at a
 * step of the write path and the job is then run again (here, in this process, on the same data
 * directory), InHANCE holds exactly one entry or receipt per PaymentGUID and `ledger check` passes.
 * The simulators live in this process, so they survive the kill.
 */
const CLI = path.join(ROOT, 'dist', 'test-payments', 'cli.js');

beforeAll(async () => {
  requireSecretService();
  // The CLI as shipped, bundled the way main/build.mjs bundles it (no TypeScript loader in the child).
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'main/cli/index.ts')],
    outfile: CLI,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}, 60_000);


function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, IMPRESA_BRIDGE_CRASH_AT: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function prepared(mode: 'pending' | 'live', open: Array<{ close(): Promise<void> | void }>): Promise<{ sb: Sandbox; dataDir: string }> {
  const sb = await sandbox({ seed: 'f', accounts: 600 });
  open.push(sb);
  const data = tempDataDir('ib-crash-');
  open.push({ close: data.cleanup });
  const inst = await installation(sb, { mode, dataDir: data.dir });
  await inst.close();
  return { sb, dataDir: data.dir };
}

const CASES: Array<{ step: string; n: number; mode: 'pending' | 'live' }> = [
  { step: 'recorded', n: 1, mode: 'pending' },
  { step: 'intent', n: 1, mode: 'pending' },
  { step: 'batch', n: 2, mode: 'pending' },
  { step: 'written', n: 17, mode: 'pending' },
  { step: 'settled', n: 30, mode: 'pending' },
  { step: 'return-intent', n: 1, mode: 'pending' },
  { step: 'return-written', n: 1, mode: 'pending' },
  { step: 'committed', n: 1, mode: 'pending' },
  { step: 'intent', n: 5, mode: 'live' },
  { step: 'written', n: 12, mode: 'live' },
  { step: 'return-written', n: 1, mode: 'live' },
];

async function crashAndRerun(step: string, n: number, mode: 'pending' | 'live', open: Array<{ close(): Promise<void> | void }>): Promise<void> {
  const { sb, dataDir } = await prepared(mode, open);
  const args = ['--data-dir', dataDir];
  const killed = await cli(['payments', 'run', ...args], { IMPRESA_BRIDGE_CRASH_AT: `${step}:${n}` });
  expect(killed.signal, `the child was to die at ${step}:${n}; it exited ${killed.code}: ${killed.stdout}${killed.stderr}`).toBe('SIGKILL');

  // The next run comes later (the schedule is every 15 minutes): by then the dead run's last sign
  // of life is old enough for the jobs engine to close it as interrupted instead of waiting for it.
  const db = new Database(path.join(dataDir, 'impresa-bridge.db'));
  db.prepare(`UPDATE job_runs SET alive_at = '2000-01-01T00:00:00.000Z' WHERE state = 'running'`).run();
  db.close();
  const again = await installation(sb, { mode, dataDir });
  const rerun = await runPaymentsJob(again);
  await again.close();
  expect(rerun.state, rerun.error?.message).toBe('succeeded');

  const ic = await icSummary(sb);
  const inhance = await impresaSummary(sb);
  expect(inhance.duplicateExternalRefs).toBe(0);
  const entries = inhance.entries.pending.count + inhance.entries.posted.count + inhance.entries.held.count + inhance.entries.rejected.count;
  expect(entries + inhance.receipts.live).toBe(ic.payments.count);
  // The return was applied exactly once too.
  if (mode === 'live') expect(inhance.reversals.count).toBe(ic.returns.count + ic.reversals.count);
  else expect(inhance.entries.rejected.count).toBe(ic.returns.count + ic.reversals.count);

  const out: string[] = [];
  const code = await runCli(['ledger', 'check', ...args, '--json'], { out: (t) => out.push(t), err: (t) => out.push(t) });
  expect(code, out.join('\n')).toBe(0);
  const result = JSON.parse(out[0]!) as { ok: boolean; figures: { ledgerPayments: number; duplicateDeliveries: number } };
  expect(result.ok).toBe(true);
  expect(result.figures.ledgerPayments).toBe(ic.payments.count);
  expect(result.figures.duplicateDeliveries).toBe(ic.payments.redeliveries);
}

// Each case has its own simulators and data directory.
describe('crash safety of the Payments write path', () => {
  for (const { step, n, mode } of CASES) {
    it(`killed at ${step}:${n} in ${mode} mode, then run again: one entry or receipt per PaymentGUID, ledger check passes`, async () => {
      const open: Array<{ close(): Promise<void> | void }> = [];
      try {
        await crashAndRerun(step, n, mode, open);
      } finally {
        for (const o of open.reverse()) await o.close();
      }
    });
  }
});
