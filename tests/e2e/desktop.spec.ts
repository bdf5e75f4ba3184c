import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Api } from '../../shared/api';
import { expect, expectAccessible, snapshot, test } from './fixtures';

/** The page's `window.api` (tests type-check without the DOM library). */
type InPage = { api: Api };

const SCREENS = ['Billers', 'Jobs', 'Payments', 'Mapping', 'Calls'] as const;

/** The colour the app's navigation is painted in, as the browser computed it. */
const navBackground = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Main' })
    .evaluate(
      (n) =>
        (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(n)
          .backgroundColor,
    );

test.describe('in the operating system’s dark mode', () => {
  test.use({ colorScheme: 'dark', viewport: { width: 1366, height: 768 } });

  test('every screen is drawn in Fluent’s dark theme and passes axe', async ({ app: page }) => {
    test.setTimeout(240_000); // axe on five full screens on a shared two-core machine
    // The sandbox's first Balance run gives the Jobs chart something to draw.
    const [sandbox] = await page.evaluate(() => (globalThis as unknown as InPage).api.billers.list());
    await page.evaluate(
      (id) =>
        (globalThis as unknown as InPage).api.jobs.run({ billerId: id, job: 'balance', dryRun: false, force: false }),
      sandbox!.id,
    );
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // webDarkTheme's colorNeutralBackground3 (#141414), not the light theme's #f5f5f5.
    expect(await navBackground(page)).toBe('rgb(20, 20, 20)');
    for (const name of SCREENS) {
      await page.getByRole('tab', { name }).click();
      await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
      if (name === 'Jobs')
        await expect(page.getByRole('img', { name: 'Duration per run (seconds)' })).toBeVisible({ timeout: 30_000 });
      await expectAccessible(page, `${name} in dark mode`);
      await snapshot(page, `dark-${name.toLowerCase()}`);
    }
  });

  test('Preferences force light over the dark OS, keyboard only; Export diagnostics downloads the support zip', async ({
    app: page,
  }) => {
    test.setTimeout(180_000);
    await page.getByRole('button', { name: 'Preferences' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Preferences' });
    await expect(dialog.getByRole('radio', { name: 'Same as the system' })).toBeChecked();
    // In the browser host the OS login item is not ours to set: said so, and the switch is off and disabled.
    await expect(dialog.getByRole('switch', { name: 'Start at sign-in, hidden in the tray' })).toBeDisabled();
    await expect(dialog.getByText('the browser host does not start with Windows')).toBeVisible();
    await expect(dialog.getByText(/browser host is not updated by itself/)).toBeVisible();
    await expectAccessible(page, 'Preferences in dark mode');
    await snapshot(page, 'dark-preferences');

    await dialog.getByRole('radio', { name: 'Same as the system' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(dialog.getByRole('radio', { name: 'Light' })).toBeChecked();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.keyboard.press('Escape'); // the open dialog hides the page behind it
    await expect(dialog).toBeHidden();
    expect(await navBackground(page)).toBe('rgb(245, 245, 245)');
    // Kept by main: a reload (or the desktop app's next start) comes back light.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

    await page.getByRole('button', { name: 'Preferences' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export diagnostics' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^impresa-bridge-diagnostics-\d{12}\.zip$/);
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await expect(page.getByText(/it holds no passwords or keys/)).toBeVisible();

    // A wrong reminder time is refused with what to write instead.
    const reminder = page.getByRole('textbox', { name: 'Reminder time' });
    await reminder.fill('3pm');
    await page.getByRole('button', { name: 'Save time' }).click();
    await expect(page.getByText(/HH:MM on the 24-hour clock/)).toBeVisible();
    await reminder.fill('15:30');
    await page.getByRole('button', { name: 'Save time' }).click();
    await expect(page.getByText(/HH:MM on the 24-hour clock/)).toBeHidden();
    expect(await page.evaluate(() => (globalThis as unknown as InPage).api.desktop.preferences())).toMatchObject({
      theme: 'light',
      paymentsReminderAt: '15:30',
      closeToTray: true,
      startAtLogin: null,
    });
  });
});
