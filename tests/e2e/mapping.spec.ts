import fs from 'node:fs';
import os from 'node:os';
import type { Locator, Page } from '@playwright/test';
import { fullNameSync } from '../../main/ground/os-user';
import type { Api } from '../../shared/api';
import { choose, expect, expectAccessible, snapshot, test } from './fixtures';

// What the page functions below touch in the browser (this tsconfig has no DOM library).
declare const window: { api: Api };
declare const document: { activeElement: { closest(selector: string): unknown } | null };

/** The OS account the host runs as, by its display name (as osActor reads it): main records it as the author of every version. */
const ME =
  process.env.IMPRESA_BRIDGE_DISPLAY_NAME?.trim() || (fullNameSync(os.userInfo().username) ?? os.userInfo().username);

/** The embedded sandbox biller every new install (and so every test host) starts with. */
async function sandboxBiller(page: Page): Promise<string> {
  const id = await page.evaluate(async () => (await window.api.billers.list()).find((b) => b.sandbox)?.id);
  if (!id) throw new Error('The host started without its embedded sandbox biller.');
  return id;
}

async function createBiller(page: Page, name = 'Springfield Water'): Promise<string> {
  const biller = await page.evaluate(
    (n) =>
      window.api.billers.create({
        name: n,
        timeZone: 'America/New_York',
        billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
        invoiceTypeId: 12,
        impresaUrl: 'https://impresa.springfield.gov/api',
        impresaUser: 'icbridge',
        postingMode: 'pending',
      }),
    name,
  );
  return biller.id;
}

/**
 * Versions 1 and 2 saved the way the editing test saves them (through the same API the screen
 * calls), so the history, import and confirmation stories start from there without replaying it.
 */
async function seedVersions(
  page: Page,
  billerId: string,
  options: { revertTo1?: boolean; only1?: boolean } = {},
): Promise<void> {
  await page.evaluate(
    async ({ id, revertTo1, only1 }) => {
      const { active } = await window.api.mapping.get({ billerId: id });
      type Row = (typeof active.rows)[number];
      const change = (rows: Row[], target: string, patch: Partial<Row>) =>
        rows.map((r) => (r.target === target ? { ...r, ...patch } : r));
      const v1 = change(
        change(active.rows, 'invoices-invoicedate', { source: 'account.updatedAt' }),
        'customers-customername',
        { transform: 'upper' },
      );
      await window.api.mapping.save({
        billerId: id,
        rows: v1,
        comment: 'Invoice date from the account update; names in capitals.',
      });
      if (only1) return;
      await window.api.mapping.save({
        billerId: id,
        rows: change(v1, 'customers-phone', { transform: 'none' }),
        comment: 'Phone as InHANCE stores it.',
      });
      if (revertTo1)
        await window.api.mapping.revert({ billerId: id, version: 1, comment: 'Back to the formatted phone.' });
    },
    { id: billerId, revertTo1: options.revertTo1 ?? false, only1: options.only1 ?? false },
  );
}

async function openMapping(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Mapping' }).click();
  await expect(page.getByRole('heading', { name: 'Mapping', level: 2 })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Active version' })).toBeVisible();
}

/** Picks an option of a Fluent Dropdown or Combobox by clicking, as a mouse user would. */
/** Nothing on the screen is wider than the window: the PM never scrolls sideways to reach a control. */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const wide = await page.locator('main').evaluate((main) => {
    // Measured in the content's own coordinates, whatever <main> is scrolled to.
    const left = main.getBoundingClientRect().left - main.scrollLeft;
    const over = [...main.querySelectorAll('*')].filter(
      (e) =>
        e.getBoundingClientRect().right - left > main.clientWidth + 1 && !e.closest('[role="region"][tabindex="0"]'),
    );
    return {
      scroll: main.scrollWidth - main.clientWidth,
      over: over.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`.slice(0, 80)),
    };
  });
  expect(wide, `sideways scrolling on ${what}`).toEqual({ scroll: 0, over: [] });
}

/** The whole screen, not only the viewport: the shell scrolls inside <main>, so grow the window for the picture. */
async function snapshotAll(page: Page, name: string): Promise<void> {
  await expectNoSidewaysScroll(page, name);
  const height = await page.locator('main').evaluate((m) => m.scrollHeight);
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: before.width, height: Math.max(before.height, Math.min(height, 4000)) });
  await snapshot(page, name);
  await page.setViewportSize(before);
}

const fieldsTab = (page: Page) => page.getByRole('tab', { name: /^Fields/ });
const source = (page: Page, target: string) => page.getByRole('combobox', { name: `Source for ${target}` });
const transform = (page: Page, target: string) => page.getByRole('combobox', { name: `Transform for ${target}` });
const activeVersion = (page: Page) => page.getByRole('group', { name: 'Active version' }).getByRole('heading');

test('without a biller the Mapping screen says what to do first', async ({ app: page }) => {
  const id = await sandboxBiller(page);
  await page.evaluate((billerId) => window.api.billers.remove({ id: billerId }), id);
  await page.getByRole('tab', { name: 'Mapping' }).click();
  await expect(page.getByRole('heading', { name: 'No biller to map yet' })).toBeVisible();
  await expectAccessible(page, 'Mapping screen without a biller');
  await snapshotAll(page, 'mapping-no-biller');
  await page.getByRole('button', { name: 'Go to Billers' }).click();
  await expect(page.getByRole('heading', { name: 'Billers', level: 2 })).toBeVisible();
});

test('a PM changes a source and a transform, sees validation, accepts a suggestion and saves version 1 with a comment', async ({
  app: page,
}) => {
  await sandboxBiller(page);
  await openMapping(page);
  await expect(activeVersion(page)).toHaveText('Active: the standard mapping (version 0)');
  await expect(source(page, 'Account Number')).toHaveValue('Account Number');
  await expect(source(page, 'Customer Name')).toHaveValue('Customer Name');
  await expect(page.getByText('No problems found')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save…' })).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByText('No unsaved changes.')).toBeVisible();
  // The Sample column shows one InHANCE account as soon as the screen opens, without a Preview.
  const sampleHead = page.locator('th[data-sample-state]');
  await expect(sampleHead).toHaveAttribute('data-sample-state', 'current');
  await expect(sampleHead).toContainText(/^Sample \(account \S+\)$/);
  const nameSample = page.locator('tr[data-target="customers-customername"] td').last();
  await expect(nameSample).toHaveText(/[a-z]/);
  const name = (await nameSample.textContent())!.trim();
  await expectAccessible(page, 'standard mapping');
  await snapshotAll(page, 'mapping-standard');

  // Change a source and a transform; the sample follows the edit.
  await choose(page, source(page, 'Invoice Date'), /^Account Updated At/);
  await choose(page, transform(page, 'Customer Name'), 'UPPER CASE');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await expect(nameSample).toHaveText(name.toUpperCase());
  await expect(sampleHead).toHaveAttribute('data-sample-state', 'current');

  // An amount written as stored is an error: Save is blocked and says why.
  await choose(page, transform(page, 'Balance Due'), 'As stored');
  const errors = page.getByRole('region', { name: 'Validation' });
  await expect(errors.getByText('1 error blocks saving')).toBeVisible();
  await expect(errors.getByText(/Balance Due is an amount: choose "Cents to 123.45"/)).toBeVisible();
  await expect(page.locator('tr[data-target="invoices-balancedue"]')).toContainText('Balance Due is an amount');
  await expect(page.getByText('Fix the error listed below to save.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save…' })).toHaveAttribute('aria-disabled', 'true');
  await expect(fieldsTab(page)).toContainText('1 error');
  await expectAccessible(page, 'mapping with a blocking error');
  await snapshotAll(page, 'mapping-validation-error');
  await choose(page, transform(page, 'Balance Due'), 'Cents to 123.45');
  await expect(page.getByText('1 error blocks saving')).toHaveCount(0);

  // Unmapping Email makes a suggestion by name appear; nothing is applied until the PM accepts it.
  await choose(page, source(page, 'Email Address'), 'Not mapped');
  const suggestions = page.getByRole('region', { name: 'Suggestions' });
  await expect(suggestions).toContainText('Email Address');
  await expect(suggestions).toContainText('account.email');
  await expect(source(page, 'Email Address')).toHaveValue('Not mapped');
  // The same suggestion sits under the Email Address picker, where the PM is working.
  await expect(
    page
      .locator('tr[data-target="customers-emailaddress"]')
      .getByRole('button', { name: 'Accept the suggested Email for Email Address' }),
  ).toBeVisible();
  await expectAccessible(page, 'mapping with a suggestion');
  await snapshot(page, 'mapping-suggestion-in-row');
  await suggestions.scrollIntoViewIfNeeded();
  await snapshot(page, 'mapping-suggestion');
  await suggestions.getByRole('button', { name: 'Accept Email for Email Address' }).click();
  await expect(source(page, 'Email Address')).toHaveValue('Email');
  await expect(suggestions).toHaveCount(0);

  // Save with a comment: version 1.
  await page.getByRole('button', { name: 'Save…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as version 1' });
  await dialog.getByRole('button', { name: 'Save version 1' }).click();
  await expect(dialog.getByText('Add a comment saying what changed and why.')).toBeVisible();
  await dialog.getByLabel('Comment').fill('Invoice date from the account update; names in capitals.');
  await dialog.getByRole('button', { name: 'Save version 1' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Saved as version 1. The jobs use it from their next run.')).toBeVisible();
  await expect(activeVersion(page)).toHaveText('Active: version 1');
  await expect(page.getByRole('group', { name: 'Active version' })).toContainText(`Saved by ${ME}`);
  await expect(page.getByRole('group', { name: 'Active version' })).toContainText(
    'Invoice date from the account update; names in capitals.',
  );
  await expect(transform(page, 'Customer Name')).toHaveText('UPPER CASE');
  await expect(page.getByText('No unsaved changes.')).toBeVisible();
});

test('after version 1, the next edit saves version 2; a warning does not block it', async ({ app: page }) => {
  await seedVersions(page, await sandboxBiller(page), { only1: true });
  await openMapping(page);
  await expect(activeVersion(page)).toHaveText('Active: version 1');
  await choose(page, transform(page, 'Phone'), 'As stored');
  await expect(page.getByText(/^1 warning \(saving is allowed\)/)).toBeVisible();
  await expect(page.locator('tr[data-target="customers-phone"]')).toContainText('Phone would be written as stored');
  await expect(page.getByRole('button', { name: 'Save…' })).not.toHaveAttribute('aria-disabled', 'true');
  await expectAccessible(page, 'mapping with a warning');
  await page.getByRole('button', { name: 'Save…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as version 2' });
  await dialog.getByRole('button', { name: 'Save version 2' }).click();
  await expect(dialog.getByText('Add a comment saying what changed and why.')).toBeVisible();
  await expectAccessible(page, 'save dialog asking for a comment');
  await snapshot(page, 'mapping-save-dialog');
  await dialog.getByLabel('Comment').fill('Phone as InHANCE stores it.');
  await dialog.getByRole('button', { name: 'Save version 2' }).click();
  await expect(page.getByText('Saved as version 2 with 1 warning.', { exact: false })).toBeVisible();
  await expect(activeVersion(page)).toHaveText('Active: version 2');
  await expect(page.getByRole('tab', { name: 'History (3)' })).toBeVisible();
});

test('the history lists every version, compares any two and reverts to version 1 as version 3', async ({
  app: page,
}) => {
  await seedVersions(page, await sandboxBiller(page));
  await openMapping(page);
  await expect(activeVersion(page)).toHaveText('Active: version 2');

  // Every version, and the diff between 1 and 2.
  await page.getByRole('tab', { name: /^History/ }).click();
  const versions = page.getByRole('table', { name: 'Mapping versions' });
  await expect(versions.getByRole('row')).toHaveCount(4); // header + 2, 1, 0
  await expect(versions.locator('tr[data-version="2"]')).toContainText('Phone as InHANCE stores it.');
  await expect(versions.locator('tr[data-version="2"]')).toContainText('Active');
  await expect(versions.locator('tr[data-version="2"]')).toContainText(ME);
  await expect(versions.locator('tr[data-version="0"]')).toContainText('Built-in standard');
  const diff = page.getByRole('table', { name: 'Changes from version 1 to version 2' });
  await expect(diff.getByRole('row')).toHaveCount(2);
  const phone = diff.locator('tr[data-target="customers-phone"]');
  await expect(phone).toContainText('Changed');
  await expect(phone).toContainText('Phone (account.phone) · Phone (555) 123-4567');
  await expect(phone).toContainText('Phone (account.phone) · As stored');
  await expectAccessible(page, 'history with a diff');
  await snapshotAll(page, 'mapping-history-diff');

  // Any two versions: from the standard mapping to version 2.
  await choose(page, page.getByRole('combobox', { name: 'From version' }), /^Version 0/);
  const fromStandard = page.getByRole('table', { name: 'Changes from version 0 to version 2' });
  await expect(fromStandard.locator('tr[data-target="invoices-invoicedate"]')).toContainText(
    'Account Updated At (account.updatedAt)',
  );
  await expect(fromStandard.locator('tr[data-target="customers-customername"]')).toContainText('UPPER CASE');
  await expect(fromStandard.getByRole('row')).toHaveCount(4);

  // Revert to version 1: saved as version 3.
  await versions.getByRole('button', { name: 'Revert to version 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revert to version 1' });
  await expect(dialog).toContainText('become a new version 3');
  await expectAccessible(page, 'revert dialog');
  await dialog.getByLabel('Comment').fill('Back to the formatted phone.');
  await dialog.getByRole('button', { name: 'Revert to version 1' }).click();
  await expect(page.getByText('Reverted to version 1: saved as version 3, now active.')).toBeVisible();
  await expect(activeVersion(page)).toHaveText('Active: version 3');
  await expect(versions.getByRole('row')).toHaveCount(5);
  await expect(versions.locator('tr[data-version="3"]')).toContainText('Revert to 1');
  await expect(
    page
      .getByRole('table', { name: 'Changes from version 2 to version 3' })
      .locator('tr[data-target="customers-phone"]'),
  ).toContainText('Phone (555) 123-4567');
  await fieldsTab(page).click();
  await expect(transform(page, 'Phone')).toHaveText('Phone (555) 123-4567');
});

test('a PM exports a version as JSON and imports it back; a broken file is refused with its problems listed', async ({
  app: page,
}) => {
  await seedVersions(page, await sandboxBiller(page), { revertTo1: true });
  await openMapping(page);
  await expect(activeVersion(page)).toHaveText('Active: version 3');
  const versions = page.getByRole('table', { name: 'Mapping versions' });
  let dialog: Locator;

  // Export the active version: a JSON file named for the biller and version.
  let download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const active = await download;
  expect(active.suggestedFilename()).toBe('mapping-sandbox-utility-v3.json');
  const activeFile = JSON.parse(fs.readFileSync((await active.path())!, 'utf8'));
  expect(activeFile.format).toBe('impresa-bridge.mapping');
  expect(activeFile.version).toBe(3);
  expect(activeFile.rows.find((r: { target: string }) => r.target === 'customers-phone').transform).toBe('phone');
  await expect(page.getByText('Exported the active version as mapping-sandbox-utility-v3.json.')).toBeVisible();

  const importFile = async (name: string, text: string) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON…' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    return page.getByRole('dialog', { name: `Import ${name}` });
  };

  // A broken file: every problem in words, nothing written.
  const broken = { ...activeFile, rows: [...activeFile.rows] };
  broken.rows[0] = { ...broken.rows[0], transform: 'shout' };
  broken.rows[1] = { ...broken.rows[1], source: 'customer name' };
  dialog = await importFile('broken-mapping.json', JSON.stringify(broken));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText(/The mapping file was not imported \(2 problems\)/)).toBeVisible();
  await expect(
    dialog.getByRole('listitem').filter({ hasText: "Row 1: transform 'shout' is not one of none, trim, upper" }),
  ).toBeVisible();
  await expect(
    dialog.getByRole('listitem').filter({ hasText: "Row 2: source 'customer name' is not valid" }),
  ).toBeVisible();
  await expectAccessible(page, 'import dialog listing problems');
  await snapshot(page, 'mapping-import-errors');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(activeVersion(page)).toHaveText('Active: version 3');

  // The same rows as the active version: refused in plain words.
  dialog = await importFile(active.suggestedFilename(), JSON.stringify(activeFile));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText('Nothing to save: the mapping is the same as the active version 3.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Version 2 exported from the history and imported back: version 4.
  await page.getByRole('tab', { name: /^History/ }).click();
  download = page.waitForEvent('download');
  await versions.getByRole('button', { name: 'Export version 2' }).click();
  const v2 = await download;
  expect(v2.suggestedFilename()).toBe('mapping-sandbox-utility-v2.json');
  dialog = await importFile(v2.suggestedFilename(), fs.readFileSync((await v2.path())!, 'utf8'));
  await dialog.getByLabel('Comment').fill('Re-imported version 2 from its export.');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Imported mapping-sandbox-utility-v2.json as version 4, now active.')).toBeVisible();
  await expect(activeVersion(page)).toHaveText('Active: version 4');
  await expect(versions.locator('tr[data-version="4"]')).toContainText('Import');
  await expect(
    page
      .getByRole('table', { name: 'Changes from version 3 to version 4' })
      .locator('tr[data-target="customers-phone"]'),
  ).toContainText('As stored');
});

test('"Confirmed in CRM" records who and when, and a later save makes it outdated', async ({ app: page }) => {
  await seedVersions(page, await sandboxBiller(page));
  await openMapping(page);
  await page.getByRole('tab', { name: /^History/ }).click();
  const versions = page.getByRole('table', { name: 'Mapping versions' });

  // Confirmed in CRM: who and when, and the status main computes.
  const crm = page.getByRole('group', { name: 'Confirmation in CRM' });
  await expect(crm).toContainText('Not confirmed in CRM');
  await crm.getByRole('button', { name: 'Mark confirmed in CRM…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Confirm version 2 in CRM?' });
  await expectAccessible(page, 'confirm dialog');
  await dialog.getByRole('button', { name: 'Record confirmation' }).click();
  await expect(crm.getByText('Confirmed in CRM', { exact: true })).toBeVisible();
  await expect(crm).toContainText(`Version 2 confirmed by ${ME}, `);
  await expect(crm.getByRole('button')).toHaveCount(0);
  await expect(versions.locator('tr[data-version="2"]')).toContainText('Confirmed in CRM');
  await expectAccessible(page, 'history after confirmation');
  await snapshotAll(page, 'mapping-confirmed');

  // A later save makes the confirmation outdated.
  await fieldsTab(page).click();
  await choose(page, transform(page, 'City'), 'UPPER CASE');
  await page.getByRole('button', { name: 'Save…' }).click();
  dialog = page.getByRole('dialog', { name: 'Save as version 3' });
  await dialog.getByLabel('Comment').fill('City in capitals.');
  await dialog.getByRole('button', { name: 'Save version 3' }).click();
  await expect(crm).toContainText('Confirmation outdated');
  await expect(crm).toContainText('Version 2 confirmed by');
  await expect(crm).toContainText('The active version 3 is not confirmed yet.');
  await expect(crm.getByRole('button', { name: 'Mark confirmed in CRM…' })).toBeVisible();
});

test('the preview maps real InHANCE accounts row by row and marks rejected rows with their reason', async ({
  app: page,
}) => {
  await sandboxBiller(page);
  await openMapping(page);
  await page.getByRole('tab', { name: 'Preview' }).click();
  await expect(page.getByText('No preview yet.')).toBeVisible();
  await page.getByLabel('Number of sample accounts').fill('5');
  await page.getByLabel('Number of sample accounts').press('Tab');
  await page.getByRole('button', { name: 'Preview 5 sample accounts' }).click();
  await expect(page.getByText('5 accounts mapped, 0 would be rejected')).toBeVisible();
  const output = page.getByRole('region', { name: 'Mapped output by account' });
  const rows = output.locator('tbody tr[data-account]');
  await expect(rows).toHaveCount(5);
  await expect(output.getByText('OK', { exact: true })).toHaveCount(5);
  const first = (await rows.first().getAttribute('data-account'))!;
  await expect(rows.first().locator('td').nth(2)).toHaveText(first); // customers-accountnumber, after the Invoice and Result cells
  await expect(output.getByRole('columnheader', { name: /Total Amount Due/ })).toBeVisible();
  await expect(rows.first()).toContainText(/\d+\.\d{2}/); // amounts from cents
  // Notification dates as the Invoice File job computes them (the biller's rules, here the defaults).
  const headers = await output.locator('thead th').allTextContents();
  await expect(
    rows
      .first()
      .locator('th, td')
      .nth(headers.findIndex((h) => h.startsWith('First Notify Date'))),
  ).toHaveText(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
  await expectAccessible(page, 'preview of sample accounts');
  await snapshotAll(page, 'mapping-preview');

  // The first previewed account fills the Sample column of the field table.
  await fieldsTab(page).click();
  await expect(page.getByRole('columnheader', { name: `Sample (account ${first})` })).toBeVisible();
  await expect(page.locator('tr[data-target="customers-accountnumber"] td').last()).toHaveText(first);
  // Fields the preview found on the records beyond the catalog can now be chosen as sources.
  await source(page, 'Address 2').click();
  await expect(
    page
      .getByRole('group', { name: 'Discovered on this biller’s records' })
      .getByRole('option', { name: /account\.version/ }),
  ).toBeVisible();
  await snapshot(page, 'mapping-source-picker-discovered');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toHaveCount(0);

  // A name through the phone transform cannot be written: every row is rejected, with its reason, never dropped.
  await choose(page, transform(page, 'Customer Name'), 'Phone (555) 123-4567');
  await page.getByRole('tab', { name: 'Preview' }).click();
  await page.getByLabel('Account numbers').fill(`${first}, 0000000-00`);
  await page.getByRole('button', { name: 'Preview these accounts' }).click();
  await expect(page.getByText('1 account mapped, 1 would be rejected')).toBeVisible();
  await expect(page.getByText('InHANCE has no account 0000000-00.')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Rejected');
  await expect(output.getByText(new RegExp(`^Rejected: Account ${first}: .*Customer Name`))).toBeVisible();
  await expectAccessible(page, 'preview with a rejected row');
  await snapshotAll(page, 'mapping-preview-rejected');
});

test('each biller has its own mapping, chosen with the picker; a biller InHANCE cannot be read for says why', async ({
  app: page,
}) => {
  await seedVersions(page, await sandboxBiller(page), { only1: true });
  await createBiller(page, 'Springfield Water');
  await openMapping(page);
  const picker = page.getByRole('combobox', { name: 'Biller', exact: true });
  await expect(picker).toHaveText('Sandbox Utility');
  await expect(activeVersion(page)).toHaveText('Active: version 1');
  await choose(page, picker, 'Springfield Water');
  await expect(
    page.getByText('Which InHANCE Impresa field fills each InvoiceCloud field for Springfield Water.'),
  ).toBeVisible();
  await expect(activeVersion(page)).toHaveText('Active: the standard mapping (version 0)');

  // No sample account can be read for it: the Sample column says so, and editing goes on.
  await expect(page.locator('th[data-sample-state]')).toHaveAttribute('data-sample-state', 'unavailable');
  await expect(
    page.getByRole('status').filter({ hasText: 'The Sample column could not read an account from InHANCE' }),
  ).toContainText('Editing and saving work as usual.');
  await choose(page, transform(page, 'City'), 'UPPER CASE');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await expect(page.getByText(/^Saving makes version 1,/)).toBeVisible();
  await expectAccessible(page, 'field table without a sample');
  await page.getByRole('button', { name: 'Discard changes' }).click();

  // Springfield Water has no secrets stored: the preview cannot sign in to InHANCE and says so plainly.
  await page.getByRole('tab', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Preview 10 sample accounts' }).click();
  await expect(page.getByText('The preview could not read 10 sample accounts')).toBeVisible();
  await expect(
    page.getByText(
      /^The (InvoiceCloud web service key|InHANCE Impresa password) is not stored for this biller\. Enter it on the Billers screen\.$/,
    ),
  ).toBeVisible();
  await expectAccessible(page, 'preview error');
  await snapshotAll(page, 'mapping-preview-error');

  await choose(page, picker, 'Sandbox Utility');
  await expect(activeVersion(page)).toHaveText('Active: version 1');
});

test('the editor works from the keyboard alone', async ({ app: page }) => {
  await sandboxBiller(page);
  await openMapping(page);

  // A transform dropdown: Enter opens it, arrows move, Enter chooses.
  await transform(page, 'Customer Name').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(transform(page, 'Customer Name')).toHaveText('UPPER CASE');

  // A source combobox: typing filters, Enter chooses.
  await source(page, 'Address 2').focus();
  await page.keyboard.type('updated');
  await expect(page.getByRole('option', { name: /^Account Updated At/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(source(page, 'Address 2')).toHaveValue('Account Updated At');
  await page.keyboard.press('Tab');
  await expect(transform(page, 'Address 2')).toBeFocused();

  // Tab order: from the Fields tab the next stop is Save.
  await fieldsTab(page).focus();
  await page.keyboard.press('Tab');
  const save = page.getByRole('button', { name: 'Save…' });
  await expect(save).toBeFocused();
  // Save stays focusable but inert while main checks the edit, as the line beside it says;
  // a PM presses Enter once it reads "Saving makes version 1".
  await expect(page.getByText(/^Saving makes version 1,/)).toBeVisible();
  await expect(save).not.toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Save as version 1' });
  await expect(dialog).toBeVisible();
  // Focus stays in the dialog however far the PM tabs.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save…' })).toBeFocused();

  await page.keyboard.press('Space');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Comment').focus();
  await page.keyboard.type('Keyboard only.');
  await page.keyboard.press('Tab'); // Cancel
  await page.keyboard.press('Tab'); // Save version 1
  await expect(dialog.getByRole('button', { name: 'Save version 1' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(activeVersion(page)).toHaveText('Active: version 1');

  // The views are tabs: arrows move between them.
  await fieldsTab(page).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: 'Mapping versions' })).toBeVisible();
});

test('a mapping saved elsewhere shows up live, and unsaved edits are kept', async ({ app: page }) => {
  const billerId = await sandboxBiller(page);
  await openMapping(page);
  await choose(page, transform(page, 'City'), 'UPPER CASE');
  // Leaving the screen and coming back keeps the unsaved edit.
  await page.getByRole('tab', { name: 'Billers' }).click();
  await openMapping(page);
  await expect(transform(page, 'City')).toHaveText('UPPER CASE');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  // Another window (here: a direct call) saves version 1 while this draft is unsaved.
  await page.evaluate(async (id) => {
    const editor = await window.api.mapping.get({ billerId: id });
    const rows = editor.active.rows.map((r) =>
      r.target === 'customers-zip' ? { ...r, transform: 'none' as const } : r,
    );
    await window.api.mapping.save({ billerId: id, rows, comment: 'Zip as stored, from another window.' });
  }, billerId);
  await expect(page.getByText('Version 1 was saved while you were editing.')).toBeVisible();
  await expect(transform(page, 'City')).toHaveText('UPPER CASE');
  await expect(page.getByRole('tab', { name: /^History \(2\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Discard and load version 1' }).click();
  await expect(activeVersion(page)).toHaveText('Active: version 1');
  await expect(transform(page, 'Zip')).toHaveText('As stored');
  await expect(transform(page, 'City')).toHaveText('Trim spaces');
});
