import type { Page } from '@playwright/test';
import type { Api } from '../../shared/api';
import type { BillerInput } from '../../shared/domain/biller';
import { expect, expectAccessible, snapshot, test } from './fixtures';

/** Creates a biller through the app's own API (the Billers screen is tested in billers.spec.ts). */
async function addBiller(page: Page, fields: Partial<BillerInput> = {}): Promise<{ id: string; name: string }> {
  const input: BillerInput = {
    name: 'Springfield Water',
    timeZone: 'America/New_York',
    billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    invoiceTypeId: 12,
    impresaUrl: 'http://127.0.0.1:9/impresa',
    icHost: 'http://127.0.0.1:9',
    impresaUser: 'icbridge',
    postingMode: 'pending',
    isJobHost: true,
    ...fields,
  };
  return page.evaluate((i) => (globalThis as unknown as InPage).api.billers.create(i).then((b) => ({ id: b.id, name: b.name })), input);
}

async function openJobs(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { name: 'Jobs', level: 2 })).toBeVisible();
}

/** A screenshot of the whole screen: the app scrolls inside <main>, so the window grows to fit it first. */
async function screen(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.locator('main').evaluate((m) => m.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await snapshot(page, name);
  await page.setViewportSize(size);
}

/** The page's `window.api` (tests type-check without the DOM library). */
type InPage = { api: Api };

const card = (page: Page, label: string) => page.getByRole('region', { name: label, exact: true });

test('the dashboard lists the six jobs with the source document’s frequencies', async ({ app: page }) => {
  // A new install runs on the embedded sandbox biller, for which this installation is the job host.
  await openJobs(page);
  await expect(page.getByText('Sandbox Utility · times in America/New_York')).toBeVisible();
  const expected: Array<[string, string]> = [
    ['Invoice File', 'Every 3 hours'],
    ['Balance', 'Every 15 minutes'],
    ['Balance All', 'Weekly, Sunday 03:00'],
    ['Customer', 'Every hour'],
    ['Auto Pay', 'Every hour'],
    ['Payments', 'Every 15 minutes'],
  ];
  for (const [label, schedule] of expected) {
    await expect(card(page, label)).toContainText(`Schedule${schedule}`);
  }
  await expect(page.getByText('Schedules run elsewhere')).toBeHidden();
  await expectAccessible(page, 'Jobs dashboard');
  await screen(page, 'jobs-dashboard');

  // With no biller at all, the screen says where to start.
  const billers = await page.evaluate(() => (globalThis as unknown as InPage).api.billers.list());
  for (const b of billers) await page.evaluate((id) => (globalThis as unknown as InPage).api.billers.remove({ id }), b.id);
  await expect(page.getByText('No billers yet. The six jobs run per biller: add one on the Billers screen first.')).toBeVisible();
  await expectAccessible(page, 'Jobs screen without billers');
  await page.getByRole('button', { name: 'Go to Billers' }).click();
  await expect(page.getByRole('heading', { name: 'Billers', level: 2 })).toBeVisible();
});

test('one job pauses with a reason and resumes; the change shows through events', async ({ app: page }) => {
  await openJobs(page);
  const balance = card(page, 'Balance');
  await expect(balance.getByText(/^(Idle|Not available)$/)).toBeVisible();

  await balance.getByRole('button', { name: 'Pause' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pause Balance?' });
  await expect(dialog).toContainText('A run in progress carries on');
  await dialog.getByLabel('Reason (optional)').fill('InHANCE maintenance tonight');
  await expectAccessible(page, 'pause dialog');
  await dialog.getByRole('button', { name: 'Pause' }).click();
  await expect(dialog).toBeHidden();

  await expect(balance.getByText('Paused', { exact: true })).toBeVisible();
  await expect(balance).toContainText(/Paused by .+ on .+: InHANCE maintenance tonight/);
  await expect(balance).toContainText('Not scheduled while paused');
  // Other jobs are untouched.
  await expect(card(page, 'Payments').getByRole('button', { name: 'Pause' })).toBeVisible();
  await expectAccessible(page, 'dashboard with a paused job');
  await screen(page, 'jobs-one-paused');

  await balance.getByRole('button', { name: 'Resume' }).click();
  await expect(balance.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(balance).not.toContainText('InHANCE maintenance tonight');
});

test('pause all needs a reason, shows who and why, and resume all lifts it, by keyboard alone', async ({ app: page }) => {
  await openJobs(page);
  const pauseAll = page.getByRole('button', { name: 'Pause all' });
  await pauseAll.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Pause all jobs of Sandbox Utility?' });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByRole('textbox', { name: /Reason/ });
  await expect(reason).toBeFocused();

  // Submitting without a reason is refused in words.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Pause all' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Say why the jobs are paused, so others know when to resume them.')).toBeVisible();
  await expectAccessible(page, 'pause-all dialog with a missing reason');
  await snapshot(page, 'jobs-pause-all-reason-missing');

  await reason.focus();
  await page.keyboard.type('Conversion weekend: InvoiceCloud cut-over');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  const banner = page.getByText('All jobs paused', { exact: true });
  await expect(banner).toBeVisible();
  await expect(page.getByRole('main')).toContainText(/By .+ on .+: Conversion weekend: InvoiceCloud cut-over/);
  for (const label of ['Invoice File', 'Balance', 'Balance All', 'Customer', 'Auto Pay', 'Payments']) {
    await expect(card(page, label).getByText('Paused', { exact: true })).toBeVisible();
    await expect(card(page, label)).toContainText('Paused with all jobs (see above).');
  }
  await expectAccessible(page, 'dashboard with every job paused');
  await screen(page, 'jobs-all-paused');

  // The same button now resumes, and keeps the keyboard focus.
  const resumeAll = page.getByRole('button', { name: 'Resume all' });
  await expect(resumeAll).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(banner).toBeHidden();
  await expect(page.getByRole('button', { name: 'Pause all' })).toBeVisible();
  await expect(card(page, 'Customer').getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('a schedule is edited with a preview of the next five runs, saved, and reset to the default', async ({ app: page }) => {
  await openJobs(page);
  const balance = card(page, 'Balance');
  await balance.getByRole('button', { name: 'Edit schedule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule of Balance' });
  await expect(dialog.getByText('Every 15 minutes: the next five runs')).toBeVisible();
  await expect(dialog.getByRole('listitem')).toHaveCount(5);
  await expect(dialog.getByRole('button', { name: 'Reset to default' })).toBeDisabled();

  // Seven minutes cannot stay evenly spaced: main says so, Save stays off.
  await dialog.getByRole('spinbutton', { name: 'Every' }).fill('7');
  await expect(dialog.getByText(/^Every 7 minutes cannot stay evenly spaced on the clock/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expectAccessible(page, 'schedule dialog with an invalid interval');
  await snapshot(page, 'jobs-schedule-invalid');

  await dialog.getByRole('spinbutton', { name: 'Every' }).fill('30');
  await expect(dialog.getByText('Every 30 minutes: the next five runs')).toBeVisible();
  const times = await dialog.getByRole('listitem').allInnerTexts();
  expect(times).toHaveLength(5);
  // Every 30 minutes on the clock face, in the biller's zone.
  for (const t of times) expect(t).toMatch(/:(00|30):00\s[AP]M E[SD]T$/);

  // A cron expression: a wrong one is refused in words, a right one previews.
  await dialog.getByRole('radio', { name: 'Cron expression' }).check();
  const cron = dialog.getByRole('textbox', { name: 'Cron expression' });
  await expect(cron).toHaveValue('*/30 * * * *');
  await cron.fill('99 * * * *');
  await expect(dialog.getByText(/The minute \(first field\) must be 0–59/)).toBeVisible();
  await cron.fill('5 6 * * 1-5');
  await expect(dialog.getByRole('listitem')).toHaveCount(5);
  await expect(dialog.getByRole('listitem').first()).toContainText(/6:05:00\s?AM/);
  await expectAccessible(page, 'schedule dialog with a cron preview');
  await snapshot(page, 'jobs-schedule-cron');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(balance).toContainText('Cron 5 6 * * 1-5');
  await expect(balance.getByText('changed', { exact: true })).toBeVisible();

  await balance.getByRole('button', { name: 'Edit schedule' }).click();
  await dialog.getByRole('button', { name: 'Reset to default' }).click();
  await expect(dialog).toBeHidden();
  await expect(balance).toContainText('Every 15 minutes');
  await expect(balance.getByText('changed', { exact: true })).toBeHidden();
});

test('on an installation that is not the job host the screen says schedules run elsewhere', async ({ app: page }) => {
  await addBiller(page, { name: 'Ogdenville Gas', billerGuid: '2b4e28ba-2fa1-11d2-883f-0016d3cca427', isJobHost: false, timeZone: 'America/Chicago' });
  await openJobs(page);
  const picker = page.getByRole('combobox', { name: 'Biller' });
  await picker.selectOption({ label: 'Ogdenville Gas' });
  await expect(page.getByText('Ogdenville Gas · times in America/Chicago')).toBeVisible();
  await expect(page.getByText('Schedules run elsewhere')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('only dry runs can be started from this screen');
  await expect(card(page, 'Balance').getByRole('button', { name: 'Run now' })).toBeDisabled();
  await expectAccessible(page, 'dashboard on a queue-only installation');
  await screen(page, 'jobs-not-job-host');

  await picker.selectOption({ label: 'Sandbox Utility' });
  await expect(page.getByText('Sandbox Utility · times in America/New_York')).toBeVisible();
  await expect(page.getByText('Schedules run elsewhere')).toBeHidden();
});

test('a change made in another window shows through events; the screen does not poll', async ({ app: page, host }) => {
  await openJobs(page);
  await expect(card(page, 'Payments').getByRole('button', { name: 'Pause' })).toBeVisible();
  const [sandbox] = await page.evaluate(() => (globalThis as unknown as InPage).api.billers.list());

  // Left alone, the dashboard asks main nothing.
  const quietFrom = host.sent.length;
  await page.waitForTimeout(3000);
  expect(host.sent.slice(quietFrom)).toEqual([]);

  // Someone pauses everything from another window (another clerk's screen, or the CLI).
  const other = await page.context().newPage();
  await other.goto(host.url);
  await other.evaluate((billerId) => (globalThis as unknown as InPage).api.jobs.pauseAll({ billerId, reason: 'Paused from the other window' }), sandbox!.id);
  await expect(page.getByRole('main')).toContainText('Paused from the other window');
  await expect(card(page, 'Payments').getByText('Paused', { exact: true })).toBeVisible();
  // It arrived as a jobs:changed event, and the screen re-fetched because of it.
  expect(host.received.some((f) => f.includes('"event":"jobs:changed"'))).toBe(true);
  expect(host.sent.slice(quietFrom).filter((f) => f.includes('"channel":"jobs:list"')).length).toBeGreaterThanOrEqual(1);
  await other.close();
});
