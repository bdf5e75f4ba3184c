import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, requireSecretService } from '../support/temp';

/**
 * The crash-and-fault campaign in small (`npm run chaos -- --kills 10`): the Payments job killed at
 * every crash point, a clerk's bulk post killed at random moments, about 20% faults, then runs to
 * completion and the checks. The campaign itself decides what is a violation; this test holds it
 * to its summary line and its exit code. Built the way `npm run chaos` builds it.
 */
function node(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, IMPRESA_BRIDGE_CRASH_AT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  requireSecretService();
  const built = await node(['main/build.mjs', '--quiet']);
  expect(built.code, built.stderr).toBe(0);
}, 120_000);

describe('npm run chaos -- --kills 10', () => {
  it('kills the app 10 times among faults and ends with nothing lost, duplicated or missing from the audit log', async () => {
    const r = await node([path.join('dist', 'main', 'chaos.js'), '--kills', '10', '--seed', 'npm-test']);
    const lines = r.stdout.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    const m =
      /^chaos: (\d+) kills, (\d+) faults injected, (\d+) payments, lost: (\d+), duplicated: (\d+), audit mismatches: (\d+)$/.exec(
        lines[0]!,
      );
    expect(m, lines[0]).not.toBeNull();
    const [, kills, faults, payments, lost, duplicated, audit] = m!.map(Number);
    expect(kills).toBeGreaterThanOrEqual(10);
    expect(faults).toBeGreaterThan(0);
    expect(payments).toBeGreaterThan(50);
    expect({ lost, duplicated, audit }).toEqual({ lost: 0, duplicated: 0, audit: 0 });
    expect(r.code, r.stderr).toBe(0);
  }, 400_000);
});
