import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/cli';
import type { Run } from '../../shared/domain/jobs';
import { buildChildCli, childCli } from '../support/cli-child';
import { installation, sandbox } from '../support/payments-kit';
import { requireSecretService, tempDataDir } from '../support/temp';

/**
 * A job run from the command line whose process is killed (SIGKILL: nothing runs after it) must
 * not lock its job: the next run starts at once, and the history says the killed run was
 * interrupted, not running. `jobs cancel` stops a run of another process, or closes a dead one.
 * The simulators live in this process; the job runs in a child process that dies.
 */
const open: Array<{ close(): Promise<void> | void }> = [];

beforeAll(async () => {
  requireSecretService();
  await buildChildCli();
}, 60_000);

afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function prepared(): Promise<{ dataDir: string; setFaults(spec: string): void }> {
  const sb = await sandbox({ seed: 'f', accounts: 600 });
  open.push(sb);
  const data = tempDataDir('ib-interrupted-');
  open.push({ close: data.cleanup });
  const inst = await installation(sb, { dataDir: data.dir });
  await inst.close();
  return { dataDir: data.dir, setFaults: (spec) => sb.setFaults(spec) };
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => out.push(t) });
  return { code, out: out.join('\n') };
}

async function history(dataDir: string): Promise<Run[]> {
  const { code, out } = await cli(['jobs', 'history', '--job', 'payments', '--data-dir', dataDir, '--json']);
  expect(code, out).toBe(0);
  return (JSON.parse(out) as { runs: Run[] }).runs;
}

/** Waits until the child's run is recorded as running and has done some work (bounded). */
async function runningInChild(dataDir: string): Promise<void> {
  const file = path.join(dataDir, 'impresa-bridge.db');
  for (let i = 0; i < 400; i++) {
    if (fs.existsSync(file)) {
      const db = new Database(file, { readonly: true, timeout: 5000 });
      try {
        const row = db
          .prepare(`SELECT written_count AS done FROM job_runs WHERE job = 'payments' AND state = 'running'`)
          .get() as { done: number } | undefined;
        if (row && row.done > 0) return;
      } catch {
        // The child is still creating its tables.
      } finally {
        db.close();
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('The child never showed a running Payments run.');
}

describe('a job whose process was killed', () => {
  it('does not hold its job: the next run starts at once and the history says Interrupted', async () => {
    const { dataDir } = await prepared();
    const killed = await childCli(['jobs', 'run', 'payments', '--data-dir', dataDir], {
      IMPRESA_BRIDGE_CRASH_AT: 'written:5',
    });
    expect(killed.signal, `${killed.stdout}${killed.stderr}`).toBe('SIGKILL');

    // At once, with no clock moved: before, this was JOB_BUSY ("already running … wait for it to finish") for 120 s.
    const [dead] = await history(dataDir);
    expect(dead).toMatchObject({ state: 'interrupted', error: { code: 'CANCELLED' } });
    expect(dead!.error!.message).toMatch(/ended \(it was closed, killed or crashed\)/);
    const again = await childCli(['jobs', 'run', 'payments', '--data-dir', dataDir]);
    expect(again.code, `${again.stdout}${again.stderr}`).toBe(0);
    expect(again.stdout).toMatch(/Payments: Succeeded/);
    const runs = await history(dataDir);
    expect(runs.map((r) => r.state)).toEqual(['succeeded', 'interrupted']);
    // The dead process's lock file is gone, and so is the finished one's.
    expect(fs.readdirSync(path.join(dataDir, 'run-owners')).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });

  it('killed at a moment of the test’s choosing, `jobs cancel` closes it as interrupted at once', async () => {
    const { dataDir, setFaults } = await prepared();
    setFaults('impresa:latency=100ms');
    const killed = await childCli(['jobs', 'run', 'payments', '--data-dir', dataDir], {}, (child) => {
      void runningInChild(dataDir).then(() => child.kill('SIGKILL'));
    });
    setFaults('');
    expect(killed.signal).toBe('SIGKILL');
    const cancel = await cli(['jobs', 'cancel', 'payments', '--data-dir', dataDir]);
    expect(cancel.code, cancel.out).toBe(0);
    expect(cancel.out).toMatch(
      /left running by a process that has ended: it is closed as interrupted, and the job can run again now/,
    );
    expect((await history(dataDir))[0]!.state).toBe('interrupted');
    const nothing = await cli(['jobs', 'cancel', 'payments', '--data-dir', dataDir]);
    expect(nothing.code).not.toBe(0);
    expect(nothing.out).toMatch(/Payments is not running for Sandbox Utility; there is nothing to cancel/);
  });

  it('`jobs cancel` stops a run in progress in another process, which ends as cancelled', async () => {
    const { dataDir, setFaults } = await prepared();
    setFaults('impresa:latency=100ms');
    let cancelled: { code: number; out: string } | null = null;
    const run = await childCli(['jobs', 'run', 'payments', '--data-dir', dataDir], {}, () => {
      void runningInChild(dataDir).then(async () => {
        cancelled = await cli(['jobs', 'cancel', 'payments', '--data-dir', dataDir]);
      });
    });
    setFaults('');
    expect(cancelled, 'the cancel ran').not.toBeNull();
    expect(cancelled!.code, cancelled!.out).toBe(0);
    expect(cancelled!.out).toMatch(/was asked to stop; it stops at its next check/);
    expect(run.signal).toBeNull();
    expect(run.code, run.stdout).toBe(1);
    expect(run.stderr).toMatch(/The run was cancelled by /);
    const [last] = await history(dataDir);
    expect(last).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
  });
});
