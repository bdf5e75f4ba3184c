import type { Page } from '@playwright/test';
import type { Api } from '../../shared/api';
import { expect, expectAccessible, snapshot, test } from './fixtures';

/** The page's `window.api` (tests type-check without the DOM library). */
type InPage = { api: Api };

/** The embedded sandbox biller, with IC limits that let a test's batch run quickly. */
async function fastSandboxBiller(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Billers', level: 2 })).toBeVisible();
  return page.evaluate(async () => {
    const api = (globalThis as unknown as InPage).api;
    const [biller] = await api.billers.list();
    await api.ic.setLimits({
      billerId: biller!.id,
      limits: { minIntervalMs: 0, threshold: 0, cooldownMs: 0, delayAfter429Ms: 30_000, maxConcurrency: 4 },
    });
    return biller!.id;
  });
}

/** Account numbers as the sandbox writes them (customer number and a suffix 00–03): four per customer, one of them real. */
function accountsCsv(customers: number): string {
  const lines = ['Account Number;Note'];
  for (let c = 1; c <= customers; c++)
    for (let s = 0; s < 4; s++) lines.push(`${String(c).padStart(7, '0')}-0${s};row ${lines.length}`);
  return lines.join('\r\n') + '\r\n';
}

async function screens(page: Page, name: string): Promise<void> {
  for (const [w, h] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await snapshot(page, `${name}-${w}x${h}`);
  }
}

const done = (page: Page) => page.getByRole('status').filter({ hasText: /rows done/ });

test('a CSV of 5,000 accounts: preview, progress, cancel, resume, results paged and downloaded', async ({
  app: page,
}) => {
  test.setTimeout(240_000);
  await fastSandboxBiller(page);
  await page.getByRole('tab', { name: 'Batch' }).click();
  await expect(page.getByRole('heading', { name: 'Batch', level: 2 })).toBeVisible();
  await expectAccessible(page, 'Batch screen, empty');

  await page
    .getByTestId('batch-file')
    .setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(accountsCsv(1250)) });
  await expect(page.getByRole('heading', { name: 'accounts.csv' })).toBeVisible();
  await expect(
    page.getByText(
      '5,000 rows: 5,000 to work, 0 invalid. Delimiter “;”, first line is a header; numbers from column “Account Number”.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Preview of the first rows' }).getByRole('row')).toHaveCount(6);
  await expect(done(page)).toHaveText('0 of 5,000 rows done');

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(done(page)).toHaveText(/^Working: [1-9][\d,]* of 5,000 rows done$/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(done(page)).toHaveText(/^Cancelled: [\d,]+ of 5,000 rows done$/);
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  const cancelledAt = Number((await done(page).textContent())!.replace(/\D+of.*$/, '').replace(/\D/g, ''));
  expect(cancelledAt).toBeLessThan(5000);
  await expectAccessible(page, 'Batch screen, cancelled');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(done(page)).toHaveText('Finished: 5,000 of 5,000 rows done', { timeout: 180_000 });
  const results = page.getByRole('table', { name: 'Per-row results' });
  await expect(results.getByRole('row')).toHaveCount(101);
  await expect(page.getByText('Page 1 of 50')).toBeVisible();
  // Three of every four numbers have the wrong suffix: InHANCE has no such account.
  await expect(page.getByText('Not found: 3,750')).toBeVisible();
  await page.getByRole('switch', { name: 'Only problems' }).click();
  await expect(page.getByText(/^Page 1 of (3[89]|40)$/)).toBeVisible();
  await expect(results.getByRole('row').nth(1)).toContainText('Not found');
  await expectAccessible(page, 'Batch screen, finished');
  await screens(page, 'batch');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export results CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('accounts-results.csv');
  const csv = (await (await download.createReadStream()).toArray()).join('').trim().split('\n');
  expect(csv[0]).toBe(
    'line,number,result,account_number,invoicecloud_balance,inhance_balance,new_invoicecloud_balance,message',
  );
  expect(csv).toHaveLength(5001);
  expect(csv.filter((l) => /,pending,/.test(l))).toEqual([]);
});

test('a bad file is refused in a sentence, and bad rows are listed with their reason', async ({ app: page }) => {
  await fastSandboxBiller(page);
  await page.getByRole('tab', { name: 'Batch' }).click();
  await page
    .getByTestId('batch-file')
    .setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('Account\n') });
  await expect(
    page.getByText('empty.csv has no rows below its header: put one account number per line.'),
  ).toBeVisible();
  await page.getByTestId('batch-file').setInputFiles({
    name: 'mixed.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Account\n0000001-00\nnot a number\n0000001-00\n'),
  });
  await expect(page.getByText('3 rows: 1 to work, 2 invalid.', { exact: false })).toBeVisible();
  const results = page.getByRole('table', { name: 'Per-row results' });
  await expect(results.getByRole('row').nth(2)).toContainText('"not a number" is not an account number');
  await expect(results.getByRole('row').nth(3)).toContainText('0000001-00 is already on line 2');
});

test('Lookups: a customer side by side, the balance difference highlighted and pushed to IC from the keyboard', async ({
  app: page,
}) => {
  test.setTimeout(120_000);
  const billerId = await fastSandboxBiller(page);
  // Four days of sandbox time issue bills in InHANCE that IC has not heard of: some balances now
  // differ. One is found with a look-up batch over the first customers.
  const impresaUrl = await page.evaluate(
    async () => (await (globalThis as unknown as InPage).api.billers.list())[0]!.impresaUrl,
  );
  const advanced = await page.request.post(`${new URL(impresaUrl).origin}/__sandbox/advance`, {
    data: { ms: 4 * 86_400_000 },
  });
  expect(advanced.ok()).toBe(true);
  const account = await page.evaluate(async (id) => {
    const api = (globalThis as unknown as InPage).api;
    const lines = ['Account'];
    for (let c = 1; c <= 100; c++) for (let s = 0; s < 4; s++) lines.push(`${String(c).padStart(7, '0')}-0${s}`);
    const b = await api.ic.batchLoad({ billerId: id, kind: 'accounts', fileName: 'find.csv', text: lines.join('\n') });
    await api.ic.batchStart({ batchId: b.id, action: 'lookup' });
    for (;;) {
      const now = await api.ic.batchGet({ batchId: b.id });
      if (now.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const { rows } = await api.ic.batchRows({ batchId: b.id, offset: 0, limit: 500, problemsOnly: true });
    return rows.find((r) => r.status === 'differs')?.value ?? null;
  }, billerId);
  expect(account, 'bills issued in InHANCE make some balances differ').not.toBeNull();

  await page.getByRole('tab', { name: 'Lookups' }).click();
  await expect(page.getByRole('heading', { name: 'Lookups', level: 2 })).toBeVisible();
  await expectAccessible(page, 'Lookups screen, empty');
  await page.getByRole('textbox', { name: 'Account number' }).fill(account!);
  await page.keyboard.press('Enter');
  const table = page.getByRole('table', { name: 'InvoiceCloud and InHANCE side by side' });
  await expect(table.getByRole('row', { name: /Balance due/ })).toContainText('Differs');
  await expect(page.getByRole('status').filter({ hasText: /difference/ })).toHaveText(
    /^\d+ differences?, highlighted\.$/,
  );
  await expectAccessible(page, 'Lookups screen, differences');
  await screens(page, 'lookups');

  await page.getByRole('button', { name: 'Push this balance to InvoiceCloud now' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Push the balance to InvoiceCloud?' })).toBeVisible();
  await page.getByRole('button', { name: 'Push balance' }).focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByText(
      new RegExp(`^InvoiceCloud's balance of account ${account} is now \\$[\\d,.]+ \\(was \\$[\\d,.]+\\)\\.$`),
    ),
  ).toBeVisible();
  await expect(table.getByRole('row', { name: /Balance due/ })).not.toContainText('Differs');

  // An unknown invoice: both sides say so.
  await page.getByRole('radio', { name: 'Invoice by number' }).check();
  await page.getByRole('textbox', { name: 'Invoice number' }).fill('0000-0000000');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByText('Not found in both systems.')).toBeVisible();
  await expect(page.getByText('InvoiceCloud: InvoiceCloud has no such record.')).toBeVisible();
});

/** The sandbox biller's rate-limit settings, on the defaults (no spacing until IC answers 429). */
async function openRateLimits(page: Page) {
  await page
    .getByRole('button', { name: /Sandbox Utility/ })
    .first()
    .click();
  const form = page.getByRole('form', { name: 'InvoiceCloud rate limits' });
  await expect(form.getByRole('textbox', { name: /Minimum interval/ })).toHaveValue('0');
  return form;
}

test('rate limits are edited in the biller settings, and the Jobs dashboard says when IC calls are throttled', async ({
  app: page,
}) => {
  test.setTimeout(150_000);
  await expect(page.getByRole('heading', { name: 'Billers', level: 2 })).toBeVisible();
  const form = await openRateLimits(page);
  await expect(form.getByText('The safe defaults are in use.')).toBeVisible();
  await form.getByRole('textbox', { name: /Concurrency cap/ }).fill('40');
  await form.getByRole('button', { name: 'Save rate limits' }).click();
  await expect(form.getByText('The concurrency cap must be from 1 to 16.')).toBeVisible();
  await form.getByRole('textbox', { name: /Concurrency cap/ }).fill('1');
  await form.getByRole('textbox', { name: /Request threshold/ }).fill('1');
  await form.getByRole('textbox', { name: /Cool-down/ }).fill('120000');
  await form.getByRole('button', { name: 'Save rate limits' }).click();
  await expect(form.getByText('Saved: the next InvoiceCloud call uses them.')).toBeVisible();
  await expectAccessible(page, 'Billers screen with rate limits');

  // One IC call reaches the threshold: the next waits for the two-minute cool-down (left running).
  await page.evaluate(() => {
    const api = (globalThis as unknown as InPage).api;
    void api.billers
      .list()
      .then(([b]) => api.ic.lookupCustomer({ billerId: b!.id, accountNumber: '0000001-00' }).catch(() => undefined));
  });
  await page.getByRole('tab', { name: 'Jobs' }).click();
  const banner = page.getByRole('status').filter({ hasText: 'InvoiceCloud calls are throttled' });
  await expect(banner).toContainText(
    /The request threshold was reached: calls pause for the cool-down until .+\. Running jobs wait\./,
  );
  await expectAccessible(page, 'Jobs dashboard, throttled');
});

test('after InvoiceCloud answers HTTP 429, the biller settings say how far apart its calls now start', async ({
  app: page,
}) => {
  test.slow();
  await expect(page.getByRole('heading', { name: 'Billers', level: 2 })).toBeVisible();
  const icHost = await page.evaluate(async () => {
    const [biller] = await (globalThis as unknown as InPage).api.billers.list();
    return biller!.icHost;
  });
  const faults = (spec: string) =>
    fetch(`${icHost}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ spec }) }).then((r) => {
      expect(r.status).toBe(200);
    });
  await faults('ic:429');
  // A look-up meets the 429 (Retry-After: 1 s), then is answered once IC answers again (or throws).
  const lookup = page.evaluate(async () => {
    const api = (globalThis as unknown as InPage).api;
    const [b] = await api.billers.list();
    await api.ic.lookupCustomer({ billerId: b!.id, accountNumber: '0000001-00' });
  });
  // Clear the fault only once the limiter has counted a 429 (a slow machine may take a while to call IC).
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const api = (globalThis as unknown as InPage).api;
          const [b] = await api.billers.list();
          return (await api.ic.limits({ billerId: b!.id })).status?.tooManyRequests ?? 0;
        }),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  await faults('');
  await lookup;

  const form = await openRateLimits(page);
  await expect(form.getByRole('status')).toHaveText(
    // The biller's own jobs keep calling IC meanwhile: the learned spacing may already have relaxed.
    /^InvoiceCloud answered HTTP 429 (once|\d+ times) since the app started: (requests now start at least \d+ ms apart, halving after every 50 answers without a 429|the spacing it taught has relaxed to none after answers without a 429)\.$/,
  );
  for (const [width, height] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await form.getByRole('status').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screens/rate-limits-learned-${width}x${height}.png` });
  }
  await expectAccessible(page, 'Billers screen with a learned IC spacing');
});
