import fs from 'node:fs';
import { expect, expectAccessible, launchHost, snapshot, stopHost, test } from './fixtures';

const KEY = 'e2e-web-service-key-5c0ffee';

test('a PM creates a biller, sees the GUID error, stores the key, and the key never comes back', async ({
  app: page,
  host,
}) => {
  await expect(page.getByRole('heading', { name: 'Billers', level: 2 })).toBeVisible();
  // A new install runs on the embedded sandbox biller, so every screen works on the first run.
  await expect(page.getByRole('button', { name: /Sandbox Utility/ })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Edit Sandbox Utility' })).toBeVisible();
  await expectAccessible(page, 'Billers screen on a new install');

  await page.getByRole('button', { name: 'New biller' }).click();
  const form = page.getByRole('form', { name: 'New biller' });
  await form.getByLabel('Biller name').fill('Springfield Water');
  await form.getByLabel('InvoiceCloud biller GUID').fill('1b4e28ba-2fa1-11d2-883f');
  await form.getByLabel('Invoice type ID').fill('12');
  await form.getByLabel('InHANCE Impresa endpoint URL').fill('https://impresa.springfield.gov/api');
  await form.getByLabel('InHANCE Impresa username').fill('icbridge');
  await form.getByRole('button', { name: 'Create biller' }).click();
  await expect(form.getByText(/must be a GUID like/)).toBeVisible();
  await expectAccessible(page, 'biller form with a field error');
  await snapshot(page, 'billers-guid-error');

  await form.getByLabel('InvoiceCloud biller GUID').fill('1b4e28ba-2fa1-11d2-883f-0016d3cca427');
  await form.getByRole('button', { name: 'Create biller' }).click();
  const edit = page.getByRole('form', { name: 'Edit Springfield Water' });
  await expect(edit).toBeVisible();
  await expect(page.getByRole('button', { name: /Springfield Water/ })).toBeVisible();

  const keyField = edit.getByLabel('InvoiceCloud web service key (write only)');
  await keyField.fill(KEY);
  await edit.getByRole('button', { name: 'Store' }).first().click();
  await expect(edit.getByText('InvoiceCloud web service key stored in the OS keychain.')).toBeVisible();
  await expect(edit.getByLabel('InvoiceCloud web service key: stored')).toBeVisible();
  await expect(keyField).toHaveValue('');
  await snapshot(page, 'billers-key-stored');

  await page.reload();
  const again = page.getByRole('form', { name: 'Edit Springfield Water' });
  await expect(again.getByLabel('Biller name')).toHaveValue('Springfield Water');
  await expect(again.getByLabel('InvoiceCloud biller GUID')).toHaveValue('1b4e28ba-2fa1-11d2-883f-0016d3cca427');
  await expect(again.getByLabel('InvoiceCloud web service key: stored')).toBeVisible();
  await expectAccessible(page, 'Billers screen with a biller');

  // The value went to main once (the set call) and never came back: not in the DOM, not in any frame from main.
  expect(await page.content()).not.toContain(KEY);
  const inputs = await page
    .locator('input')
    .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
  expect(inputs.join('|')).not.toContain(KEY);
  expect(host.received.length).toBeGreaterThan(3);
  expect(host.received.filter((f) => f.includes(KEY))).toEqual([]);
  expect(host.sent.filter((f) => f.includes(KEY))).toHaveLength(1);
  expect(host.sent.find((f) => f.includes(KEY))).toContain('"channel":"secrets:set"');
});

test('a PM changes the second notification date and turns PDF linking off; after a reload both are kept', async ({
  app: page,
}) => {
  const settings = page.getByRole('form', { name: 'Invoice File settings' });
  const second = settings.getByRole('group', { name: 'Second notification' });
  await expect(second.getByText('Sent 3 days before the due date.')).toBeVisible();
  await expect(settings.getByText('This biller uses the defaults.')).toBeVisible();
  const linking = settings.getByRole('switch', { name: /This biller uses PDF linking/ });
  await expect(linking).toBeChecked();

  // A field-level error for an offset the domain refuses, then a good one, all from the keyboard.
  const days = second.getByLabel('Days');
  await days.fill('120');
  await days.press('Tab');
  await expect(second.getByText('Keep the offset within 90 days.')).toBeVisible();
  await expectAccessible(page, 'Invoice File settings with a field error');
  await days.fill('5');
  await second.getByLabel('Before or after').selectOption('after');
  await second.getByLabel('Counted from').focus();
  await second.getByLabel('Counted from').selectOption('bill');
  await expect(second.getByText('Sent 5 days after the bill date.')).toBeVisible();
  await expect(second.getByText('Keep the offset within 90 days.')).toHaveCount(0);
  await linking.focus();
  await page.keyboard.press('Space');
  await expect(linking).not.toBeChecked();
  await settings.getByRole('button', { name: 'Save Invoice File settings' }).focus();
  await page.keyboard.press('Enter');
  await expect(settings.getByText('Invoice File settings saved. The next Invoice File run uses them.')).toBeVisible();
  await expectAccessible(page, 'Invoice File settings saved');
  await snapshot(page, 'billers-invoice-file-settings');

  await page.reload();
  const again = page.getByRole('form', { name: 'Invoice File settings' });
  const secondAgain = again.getByRole('group', { name: 'Second notification' });
  await expect(secondAgain.getByLabel('Days')).toHaveValue('5');
  await expect(secondAgain.getByLabel('Before or after')).toHaveValue('after');
  await expect(secondAgain.getByLabel('Counted from')).toHaveValue('bill');
  await expect(secondAgain.getByText('Sent 5 days after the bill date.')).toBeVisible();
  await expect(
    again.getByRole('group', { name: 'First notification' }).getByText('Sent on the bill date.'),
  ).toBeVisible();
  await expect(again.getByRole('switch', { name: /This biller uses PDF linking/ })).not.toBeChecked();
  await expect(again.getByText('This biller uses the defaults.')).toHaveCount(0);
  // The biller's own form is untouched by it.
  await expect(
    page.getByRole('form', { name: 'Edit Sandbox Utility' }).getByRole('button', { name: 'Save changes' }),
  ).toBeDisabled();

  await again.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(
    again.getByText(
      /^Back to the defaults: on the bill date, 3 days before the due date, 1 day after the due date; PDF linking on\.$/,
    ),
  ).toBeVisible();
  await expect(secondAgain.getByLabel('Days')).toHaveValue('3');
  await expect(again.getByRole('switch', { name: /This biller uses PDF linking/ })).toBeChecked();
});

test('every screen is reachable by keyboard and says what it will hold', async ({ app: page }) => {
  // Five screens and an axe-core pass on each: more than one default test's time on a loaded machine.
  test.slow();
  await page.getByRole('tab', { name: 'Billers' }).focus();
  for (const name of ['Jobs', 'Payments', 'Mapping', 'Calls']) {
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('tab', { name })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
    await expectAccessible(page, `${name} screen`);
  }
});

test('deleting a biller asks first', async ({ app: page }) => {
  await page.getByRole('button', { name: 'New biller' }).click();
  const form = page.getByRole('form', { name: 'New biller' });
  await form.getByLabel('Biller name').fill('Ogdenville Gas');
  await form.getByLabel('InvoiceCloud biller GUID').fill('2b4e28ba-2fa1-11d2-883f-0016d3cca427');
  await form.getByLabel('Invoice type ID').fill('3');
  await form.getByLabel('InHANCE Impresa endpoint URL').fill('https://impresa.ogdenville.gov');
  await form.getByLabel('InHANCE Impresa username').fill('bridge');
  await form.getByRole('button', { name: 'Create biller' }).click();
  await page.getByRole('button', { name: 'Delete biller' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(
    'job history and reports, schedules, CRM field mappings and the copy of its InHANCE queue',
  );
  await expect(dialog).toContainText('A biller with payments in its ledger cannot be deleted: pause its jobs instead.');
  await expect(dialog).toContainText('This cannot be undone');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByRole('button', { name: /Ogdenville Gas/ })).toBeVisible();
  await page.getByRole('button', { name: 'Delete biller' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('button', { name: /Ogdenville Gas/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Sandbox Utility/ })).toBeVisible();
});

test('test connection answers in plain words, for a good and a wrong key', async ({ app: page }) => {
  const form = page.getByRole('form', { name: 'Edit Sandbox Utility' });
  await form.getByRole('button', { name: 'Test InvoiceCloud' }).click();
  await expect(form.getByText('InvoiceCloud accepted the biller GUID and web service key.')).toBeVisible();
  await form.getByRole('button', { name: 'Test InHANCE Impresa' }).click();
  await expect(form.getByText('InHANCE Impresa accepted the sign-in.')).toBeVisible();
  await expectAccessible(page, 'connection results');
  await snapshot(page, 'billers-connections');

  await form.getByLabel('InvoiceCloud web service key (write only)').fill('00000000-0000-0000-0000-000000000000');
  await form.getByRole('button', { name: 'Replace' }).first().click();
  await expect(form.getByText('InvoiceCloud web service key stored in the OS keychain.')).toBeVisible();
  await form.getByRole('button', { name: 'Test InvoiceCloud' }).click();
  await expect(
    form.getByText('InvoiceCloud rejected the web service key. Check the biller GUID and the web service key.'),
  ).toBeVisible();
});

test('with no keychain the app still starts: the banner says why, and the billers list with their secrets unknown', async ({
  page,
}) => {
  // A private D-Bus address with nothing behind it: no Secret Service, as on a locked-down machine.
  const launched = await launchHost([], undefined, {
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ib-no-keychain',
    DISPLAY: '',
  });
  try {
    await page.goto(launched.url);
    await expect(page.getByText('Keychain unavailable')).toBeVisible();
    await expect(page.getByText('Cannot reach Impresa Bridge')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Sandbox Utility/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /Sandbox Utility/ }).getByText('Secrets unknown')).toBeVisible();
    const form = page.getByRole('form', { name: 'Edit Sandbox Utility' });
    await expect(form.getByLabel('InvoiceCloud web service key: unknown')).toBeVisible();
    await expectAccessible(page, 'Billers screen without a keychain');
  } finally {
    await stopHost(launched);
    fs.rmSync(launched.dataDir, { recursive: true, force: true });
  }
});

type InPage = { api: import('../../shared/api').Api };

test('switching between two billers always shows the chosen biller’s own fields, and each save lands on its own record', async ({
  app: page,
}) => {
  // Two billers created, edited and deleted, with axe checks: more than a minute on a busy machine.
  test.setTimeout(180_000);
  const forms = page.getByRole('form', { name: /^(Edit |New biller)/ });
  const settingsForms = page.getByRole('form', { name: 'Invoice File settings' });
  await expect(page.getByRole('form', { name: 'Edit Sandbox Utility' })).toBeVisible();
  const sandboxBefore = (await page.evaluate(() => (globalThis as unknown as InPage).api.billers.list())).find(
    (b) => b.name === 'Sandbox Utility',
  )!;

  // "New biller" replaces the open form; it is not added above it.
  await page.getByRole('button', { name: 'New biller' }).click();
  await expect(forms).toHaveCount(1);
  await expect(settingsForms).toHaveCount(0);
  const form = page.getByRole('form', { name: 'New biller' });
  await form.getByLabel('Biller name').fill('Shelbyville Power');
  // The time-zone box keeps every letter typed, the first one too.
  const tz = form.getByRole('combobox', { name: 'Time zone' });
  await tz.click();
  await page.keyboard.press('ControlOrMeta+a');
  await tz.pressSequentially('Chicago');
  await expect(tz).toHaveValue('Chicago');
  await page.getByRole('option', { name: 'America/Chicago' }).click();
  await expect(tz).toHaveValue('America/Chicago');
  await form.getByLabel('InvoiceCloud biller GUID').fill('3c4e28ba-2fa1-11d2-883f-0016d3cca427');
  await form.getByLabel('Invoice type ID').fill('7');
  await form.getByLabel('InHANCE Impresa endpoint URL').fill('https://impresa.shelbyville.gov/api');
  await form.getByLabel('InHANCE Impresa username').fill('shelby');
  await form.getByRole('button', { name: 'Create biller' }).click();
  const shelby = page.getByRole('form', { name: 'Edit Shelbyville Power' });
  await expect(shelby).toBeVisible();
  await expect(forms).toHaveCount(1);
  await expect(settingsForms).toHaveCount(1);

  // Back to the sandbox biller: its own name, GUID and URL, not the ones just typed.
  await page.getByRole('button', { name: /Sandbox Utility/ }).click();
  const sandbox = page.getByRole('form', { name: 'Edit Sandbox Utility' });
  await expect(sandbox.getByLabel('Biller name')).toHaveValue('Sandbox Utility');
  await expect(sandbox.getByLabel('InvoiceCloud biller GUID')).toHaveValue(sandboxBefore.billerGuid);
  await expect(sandbox.getByLabel('InHANCE Impresa endpoint URL')).toHaveValue(sandboxBefore.impresaUrl);
  await expect(forms).toHaveCount(1);
  await sandbox.getByLabel('InHANCE Impresa username').fill('sandbox-clerk-2');
  await sandbox.getByRole('button', { name: 'Save changes' }).click();
  await expect(sandbox.getByText('Changes saved.')).toBeVisible();

  // To the other one and edit it: the form holds its values, not the sandbox's.
  await page.getByRole('button', { name: /Shelbyville Power/ }).click();
  await expect(shelby.getByLabel('Biller name')).toHaveValue('Shelbyville Power');
  await expect(shelby.getByLabel('InvoiceCloud biller GUID')).toHaveValue('3c4e28ba-2fa1-11d2-883f-0016d3cca427');
  await expect(shelby.getByLabel('InHANCE Impresa username')).toHaveValue('shelby');
  await expect(shelby.getByText('Changes saved.')).toHaveCount(0);
  await shelby.getByLabel('InHANCE Impresa endpoint URL').fill('https://impresa2.shelbyville.gov/api');
  await shelby.getByRole('button', { name: 'Save changes' }).click();
  await expect(shelby.getByText('Changes saved.')).toBeVisible();
  await expectAccessible(page, 'second biller saved');

  // And back once more: still the sandbox's own values, with its saved edit.
  await page.getByRole('button', { name: /Sandbox Utility/ }).click();
  await expect(sandbox.getByLabel('InHANCE Impresa username')).toHaveValue('sandbox-clerk-2');
  await expect(sandbox.getByLabel('InHANCE Impresa endpoint URL')).toHaveValue(sandboxBefore.impresaUrl);

  // What is stored: each biller has its own fields and only its own edit.
  const stored = await page.evaluate(() => (globalThis as unknown as InPage).api.billers.list());
  const s = stored.find((b) => b.id === sandboxBefore.id)!;
  const o = stored.find((b) => b.name === 'Shelbyville Power')!;
  expect({ name: s.name, guid: s.billerGuid, url: s.impresaUrl, user: s.impresaUser, tz: s.timeZone }).toEqual({
    name: 'Sandbox Utility',
    guid: sandboxBefore.billerGuid,
    url: sandboxBefore.impresaUrl,
    user: 'sandbox-clerk-2',
    tz: sandboxBefore.timeZone,
  });
  expect({
    name: o.name,
    guid: o.billerGuid,
    url: o.impresaUrl,
    user: o.impresaUser,
    tz: o.timeZone,
    type: o.invoiceTypeId,
  }).toEqual({
    name: 'Shelbyville Power',
    guid: '3c4e28ba-2fa1-11d2-883f-0016d3cca427',
    url: 'https://impresa2.shelbyville.gov/api',
    user: 'shelby',
    tz: 'America/Chicago',
    type: 7,
  });

  // After a delete the remaining biller's form shows once.
  await page.getByRole('button', { name: /Shelbyville Power/ }).click();
  await page.getByRole('button', { name: 'Delete biller' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('button', { name: /Shelbyville Power/ })).toHaveCount(0);
  await page.getByRole('button', { name: /Sandbox Utility/ }).click();
  await expect(forms).toHaveCount(1);
  await expect(settingsForms).toHaveCount(1);
  await expectAccessible(page, 'Billers screen after a delete');
});
