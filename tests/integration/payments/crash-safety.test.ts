import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../main/sandbox';
import { buildChildCli, childCli as cli } from '../../support/cli-child';
import { requireSecretService, tempDataDir } from '../../support/temp';
import { runCli } from '../../../main/cli/cli';
import { icSummary, impresaSummary, installation, runPaymentsJob, sandbox } from '../../support/payments-kit';

/**
 * Given a sandbox whose feed holds ~40 payments (IC's own duplicates and an ACH return among them),
 * when a child process running the Payments job (the CLI, `payments run`) is killed with SIGKILL at a
 * step of the write path and the job is then run again (here, in this process, on the same data
 * directory), InHANCE holds exactly one entry or receipt per PaymentGUID and `ledger check` passes.
 * The simulators live in this process, so they survive the kill.
 */
beforeAll(async () => {
  requireSecretService();
  await buildChildCli();
}, 60_000);

async function prepared(
  mode: 'pending' | 'live',
  open: Array<{ close(): Promise<void> | void }>,
): Promise<{ sb: Sandbox; dataDir: string }> {
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

async function crashAndRerun(
  step: string,
  n: number,
  mode: 'pending' | 'live',
  open: Array<{ close(): Promise<void> | void }>,
): Promise<void> {
  const { sb, dataDir } = await prepared(mode, open);
  const args = ['--data-dir', dataDir];
  const killed = await cli(['payments', 'run', ...args], { IMPRESA_BRIDGE_CRASH_AT: `${step}:${n}` });
  expect(
    killed.signal,
    `the child was to die at ${step}:${n}; it exited ${killed.code}: ${killed.stdout}${killed.stderr}`,
  ).toBe('SIGKILL');

  // The next run starts at once: the dead run's process no longer holds its lock, so the jobs
  // engine closes it as interrupted instead of waiting for it.
  const again = await installation(sb, { mode, dataDir });
  const rerun = await runPaymentsJob(again);
  await again.close();
  expect(rerun.state, rerun.error?.message).toBe('succeeded');

  const ic = await icSummary(sb);
  const inhance = await impresaSummary(sb);
  expect(inhance.duplicateExternalRefs).toBe(0);
  const entries =
    inhance.entries.pending.count +
    inhance.entries.posted.count +
    inhance.entries.held.count +
    inhance.entries.rejected.count;
  expect(entries + inhance.receipts.live).toBe(ic.payments.count);
  // The return was applied exactly once too.
  if (mode === 'live') expect(inhance.reversals.count).toBe(ic.returns.count + ic.reversals.count);
  else expect(inhance.entries.rejected.count).toBe(ic.returns.count + ic.reversals.count);

  const out: string[] = [];
  const code = await runCli(['ledger', 'check', ...args, '--json'], {
    out: (t) => out.push(t),
    err: (t) => out.push(t),
  });
  expect(code, out.join('\n')).toBe(0);
  const result = JSON.parse(out[0]!) as {
    ok: boolean;
    figures: { ledgerPayments: number; duplicateDeliveries: number };
  };
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
