import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The app's smoke story in the real desktop shell: it starts on the sandbox biller, every screen opens, preload's window.api answers. */
test('the desktop app starts on the sandbox biller and every screen opens', async () => {
  const executablePath = execFileSync(process.execPath, [path.join(ROOT, 'tests/electron/electron-runtime.mjs')], {
    encoding: 'utf8',
  }).trim();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-electron-'));
  const app = await electron.launch({
    executablePath,
    args: [path.join(ROOT, 'dist/main/electron.js'), '--data-dir', dataDir],
    cwd: ROOT,
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle('Impresa Bridge');
    await expect(page.getByText('Version 0.1.0 · desktop')).toBeVisible();
    await expect(page.getByRole('button', { name: /Sandbox Utility/ })).toBeVisible();
    for (const name of ['Jobs', 'Payments', 'Mapping', 'Calls', 'Billers']) {
      await page.getByRole('tab', { name }).click();
      await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
    }
    // Security defaults hold in the real shell: no Node in the page.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await app.evaluate(({ app: a }) => a.getName())).toBeTruthy();
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
