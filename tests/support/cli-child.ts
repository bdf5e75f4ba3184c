import { spawn } from 'node:child_process';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from './temp';

/**
 * The CLI as shipped, bundled the way main/build.mjs bundles it (no TypeScript loader in the
 * child), for tests that kill it: a child process can die with SIGKILL at an exact step of its
 * work (IMPRESA_BRIDGE_CRASH_AT, main/payments/crash-hook.ts) while the simulators live on in
 * the test's own process.
 */
export const CHILD_CLI = path.join(ROOT, 'dist', 'test-payments', 'cli.js');

let built: Promise<void> | null = null;

export function buildChildCli(): Promise<void> {
  built ??= esbuild
    .build({
      entryPoints: [path.join(ROOT, 'main/cli/index.ts')],
      outfile: CHILD_CLI,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    })
    .then(() => undefined);
  return built;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI; `onSpawn` gets the child (to kill it at a moment of the test's choosing). */
export function childCli(
  args: string[],
  env: Record<string, string> = {},
  onSpawn?: (child: import('node:child_process').ChildProcess) => void,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD_CLI, ...args], {
      env: { ...process.env, IMPRESA_BRIDGE_CRASH_AT: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onSpawn?.(child);
  });
}
