import type { Page } from '@playwright/test';
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
  return page.evaluate((i) => window.api.billers.create(i).then((b) => ({ id: b.id, name: b.name })), input);
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

const card = (page: Page, label: string) => page.getByRole('region', { name: label, exact: true });

test('the dashboard lists the six jobs with the source document’s frequencies', async ({ app: page }) => {
  await openJobs(page);
  await expect(page.getByText('No billers yet')).toBeVisible();
  await expectAccessible(page, 'Jobs screen without billers');

  await addBiller(page);
  await expect(page.getByText('Springfield Water · times in America/New_York')).toBeVisible();
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
  await expectAccessible(page, 'Jobs dashboard');
  await screen(page, 'jobs-dashboard');
});
