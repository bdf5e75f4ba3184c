import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, ROOT, tempDataDir } from '../support/temp';

let stop: (() => void) | undefined;
afterEach(() => stop?.());
beforeAll(() => requireBuild());

describe('npm start without the Electron runtime', () => {
  it('says so in one sentence and serves the same app through the browser host', async () => {
    const { dir, cleanup } = tempDataDir();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/main/start.js'), '--port', '0', '--data-dir', dir], {
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stop = () => {
      child.kill('SIGTERM');
      cleanup();
    };
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no ready line: ${text}`)), 30_000);
      child.stdout.on('data', (d) => {
        text += d;
        if (/ready at http/.test(text)) {
          clearTimeout(timer);
          resolve(text);
        }
      });
    });
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(
      'The Electron runtime cannot be downloaded on this machine, so Impresa Bridge is starting in the browser host instead: open the address below.',
    );
    expect(lines[1]).toMatch(/^Impresa Bridge ready at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
    const res = await fetch(lines[1]!.replace('Impresa Bridge ready at ', ''));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root"></div>');
  });
});
