import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, ROOT } from '../support/temp';

/** `npm run sandbox` with a mistake on the command line says what to change, with no stack trace, and exits 2. */
beforeAll(() => requireBuild());

function runSandbox(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/main/sandbox.js'), '--accounts', '50', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => {
    // A sandbox that started anyway would wait for SIGTERM: stop it so the test fails on the code, not a timeout.
    const timer = setTimeout(() => child.kill('SIGTERM'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('sandbox command line errors', () => {
  it('a bad --faults value: the rule and the grammar in one line, exit 2', async () => {
    const run = await runSandbox(['--faults', 'ic:explode@0.5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'Fault rule "ic:explode@0.5": unknown kind "explode". Use latency=<n>ms, 429, 500, 502, 503, 504, 5xx, timeout, reset, malformed, duplicate or sparse.\n',
    );
    expect(run.stdout).toBe('');
  });

  it('a port in use: which simulator, which port and what to do, exit 2', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as net.AddressInfo).port;
    try {
      const run = await runSandbox(['--impresa-port', String(port)]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `Port ${port} on 127.0.0.1 is already in use, so the InHANCE Impresa simulator cannot start there. Choose another --impresa-port, or 0 for any free port.\n`,
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });
});
