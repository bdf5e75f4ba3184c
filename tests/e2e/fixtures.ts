import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface RunningHost {
  url: string;
  dataDir: string;
  /** Every WebSocket frame main sent to the page, and the page sent to main. */
  received: string[];
  sent: string[];
}

/** Starts `node dist/main/host.js` exactly as `npm run host` does, on a fresh data directory. */
export async function launchHost(
  extraArgs: string[] = [],
  dataDir?: string,
  env: Record<string, string> = {},
): Promise<{ url: string; dataDir: string; process: ChildProcess; stderr: () => string }> {
  if (!fs.existsSync(path.join(ROOT, 'dist/main/host.js')))
    throw new Error('dist/main/host.js is missing: run "npm run build" first (npm test does).');
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ib-e2e-'));
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'dist/main/host.js'), '--port', '0', '--data-dir', dir, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // A fresh data directory would open on the first-run mode screen; the specs start in PM mode
      // unless they ask for the first run (IMPRESA_BRIDGE_MODE: '').
      env: { IMPRESA_BRIDGE_MODE: 'pm', ...process.env, ...env },
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`The host did not print its ready line within 30 s. stderr: ${stderr}`)),
      30_000,
    );
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /^Impresa Bridge ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`The host exited with ${code}: ${stderr}`)));
  });
  return { url, dataDir: dir, process: child, stderr: () => stderr };
}

/**
 * Stops a host the way a user's logoff does (SIGTERM) and says why when it cannot: a host that died
 * during the test, or one that does not exit within 20 s, fails the test with its own stderr instead
 * of hanging the teardown until Playwright's timeout.
 */
export async function stopHost(launched: { process: ChildProcess; stderr: () => string }): Promise<void> {
  const child = launched.process;
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(
      `The host exited during the test (code ${child.exitCode}, signal ${child.signalCode}). stderr: ${launched.stderr().slice(-4000)}`,
    );
  }
  const exited = new Promise<boolean>((r) => child.once('exit', () => r(true)));
  child.kill('SIGTERM');
  const inTime = await Promise.race([exited, new Promise<boolean>((r) => setTimeout(() => r(false), 20_000))]);
  if (!inTime) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`The host did not exit within 20 s of SIGTERM. stderr: ${launched.stderr().slice(-4000)}`);
  }
}

export const test = base.extend<{ host: RunningHost; app: Page }>({
  host: async ({}, use) => {
    const launched = await launchHost();
    await use({ url: launched.url, dataDir: launched.dataDir, received: [], sent: [] });
    try {
      await stopHost(launched);
    } finally {
      fs.rmSync(launched.dataDir, { recursive: true, force: true });
    }
  },
  app: async ({ page, host }, use) => {
    page.on('websocket', (ws) => {
      ws.on('framereceived', (f) => host.received.push(String(f.payload)));
      ws.on('framesent', (f) => host.sent.push(String(f.payload)));
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.url);
    await use(page);
    expect(errors, 'the page threw').toEqual([]);
  },
});

/** No serious or critical axe-core violation on what the page shows now. */
export async function expectAccessible(page: Page, context: string): Promise<void> {
  // Fluent UI's focus manager (Tabster) adds aria-hidden <i data-tabster-dummy> sentinels that pass
  // focus straight on to real controls; axe reads them as focusable hidden content. Only they are left out.
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${context}`,
  ).toEqual([]);
}

/** Saves a screenshot for people to look at (test-results/screens). */
export async function snapshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ROOT, 'test-results', 'screens', `${name}.png`), fullPage: true });
}

/** Picks an option of a Fluent Dropdown or Combobox as a person does: open it, click the option, see it close. */
export async function choose(page: Page, control: Locator, option: string | RegExp): Promise<void> {
  await control.click();
  await page.getByRole('option', { name: option }).click();
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

export { expect };
