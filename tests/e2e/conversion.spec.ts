import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { KEYCHAIN_SERVICE, loadKeytar } from '../../main/secrets/secret-store';
import { expect, expectAccessible, launchHost, snapshot, stopHost, test } from './fixtures';

const PASS = 'pm passphrase 2026';

async function screenshotAt(page: Page, name: string): Promise<void> {
  for (const [w, h] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({
      path: path.join(import.meta.dirname, '..', '..', 'test-results', 'screens', `${name}-${w}x${h}.png`),
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

function auditRows(dataDir: string, action: string): Array<{ subject: string; detail: string; actor_name: string }> {
  const db = new Database(path.join(dataDir, 'impresa-bridge.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT subject, detail, actor_name FROM audit_log WHERE action = ? ORDER BY id')
      .all(action) as Array<{ subject: string; detail: string; actor_name: string }>;
  } finally {
    db.close();
  }
}

test('first run: the mode screen, clerk mode hides setup and main refuses a PM channel; the passphrase switches back', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const host = await launchHost([], undefined, { IMPRESA_BRIDGE_MODE: '' });
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.url);
    const form = page.getByRole('form', { name: 'Choose how this installation is used' });
    await expect(page.getByRole('heading', { name: 'Welcome to Impresa Bridge' })).toBeVisible();
    await expect(form.getByText(/For a utility workstation: the pending-payments queue/)).toBeVisible();
    await expectAccessible(page, 'first-run screen');
    await screenshotAt(page, 'first-run');

    // By keyboard: clerk mode is the default; type the passphrase twice and submit.
    await form.getByRole('textbox', { name: 'PM passphrase', exact: true }).fill(PASS);
    await form.getByRole('textbox', { name: 'PM passphrase again' }).fill('different');
    await expect(form.getByText('The two passphrases differ.')).toBeVisible();
    await form.getByRole('textbox', { name: 'PM passphrase again' }).fill(PASS);
    await form.getByRole('textbox', { name: 'PM passphrase again' }).press('Enter');

    // Clerk mode: the queue and the dashboard only.
    await expect(page.getByRole('heading', { name: 'Payments', level: 2 })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('tab')).toHaveCount(2);
    await expect(nav.getByRole('tab', { name: 'Jobs' })).toBeVisible();
    await expect(nav.getByRole('tab', { name: 'Payments' })).toBeVisible();
    await expect(nav.getByText('Clerk mode')).toBeVisible();
    await expectAccessible(page, 'clerk mode');
    await snapshot(page, 'clerk-mode');

    // Not only hidden: main refuses the PM channels.
    const refused = await page.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          api: {
            checklist: { summary(i: object): Promise<unknown> };
            secrets: { set(i: object): Promise<unknown> };
            billers: { list(i: object): Promise<Array<{ id: string }>> };
          };
        }
      ).api;
      const billers = await api.billers.list({});
      const out: string[] = [];
      for (const call of [
        () => api.checklist.summary({}),
        () => api.secrets.set({ billerId: billers[0]!.id, name: 'web-service-key', value: 'x' }),
      ]) {
        try {
          await call();
          out.push('allowed');
        } catch (e) {
          out.push((e as Error).message);
        }
      }
      return out;
    });
    expect(refused).toEqual([
      'This installation is in clerk mode, which does not allow this. A project manager can switch to PM mode with the PM passphrase.',
      'This installation is in clerk mode, which does not allow this. A project manager can switch to PM mode with the PM passphrase.',
    ]);

    await nav.getByRole('button', { name: 'Switch to PM mode…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'PM passphrase' }).fill('not the passphrase');
    await dialog.getByRole('button', { name: 'Switch' }).click();
    await expect(
      dialog.getByText('That passphrase is wrong. 4 more tries before the switch locks for a minute.'),
    ).toBeVisible();
    await expectAccessible(page, 'switch dialog with an error');
    await dialog.getByRole('textbox', { name: 'PM passphrase' }).fill(PASS);
    await dialog.getByRole('button', { name: 'Switch' }).click();
    await expect(nav.getByRole('tab', { name: 'Conversion' })).toBeVisible();
    await expect(nav.getByText('Project manager mode')).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await stopHost(host);
    await loadKeytar().deletePassword(KEYCHAIN_SERVICE, 'installation/pm-passphrase');
    fs.rmSync(host.dataDir, { recursive: true, force: true });
  }
});

test('a new biller from an empty profile to ready against the sandbox: the checklist completes as setup proceeds; the gate refuses, takes an override with its reason, then opens', async ({
  app: page,
  host,
}) => {
  test.setTimeout(360_000);
  // The new biller talks to the embedded sandbox: its addresses and IDs from the sandbox biller, its secrets from the keychain.
  const sandbox = await page.evaluate(async () => {
    const api = (
      globalThis as unknown as { api: { billers: { list(i: object): Promise<Array<Record<string, unknown>>> } } }
    ).api;
    return (await api.billers.list({})).find((b) => b.sandbox)!;
  });
  const keytar = loadKeytar();
  const key = (await keytar.getPassword(KEYCHAIN_SERVICE, `${sandbox.id as string}/web-service-key`))!;
  const password = (await keytar.getPassword(KEYCHAIN_SERVICE, `${sandbox.id as string}/impresa-password`))!;

  await page.getByRole('button', { name: 'New biller' }).click();
  const form = page.getByRole('form', { name: 'New biller' });
  await form.getByLabel('Biller name').fill('Springfield Water');
  await form.getByLabel('InvoiceCloud biller GUID').fill(sandbox.billerGuid as string);
  await form.getByLabel('Invoice type ID').fill(String(sandbox.invoiceTypeId));
  await form.getByLabel('InvoiceCloud host').fill(sandbox.icHost as string);
  await form.getByLabel('InHANCE Impresa endpoint URL').fill(sandbox.impresaUrl as string);
  await form.getByLabel('InHANCE Impresa username').fill(sandbox.impresaUser as string);
  await form.getByRole('button', { name: 'Create biller' }).click();
  const edit = page.getByRole('form', { name: 'Edit Springfield Water' });
  await expect(edit).toBeVisible();
  const springfield = page.getByRole('button', { name: /Springfield Water/ });
  await expect(springfield.getByText(/^Checklist \d+ of \d+ \(Biller \d+\/\d+, PM \d+\/\d+\)$/)).toBeVisible();

  // Empty profile: the checklist says what is missing.
  await page.getByRole('tab', { name: 'Conversion' }).click();
  await expect(page.getByRole('heading', { name: 'Conversion', level: 2 })).toBeVisible();
  const row = (id: string) => page.locator(`tr[data-item="${id}"]`);
  await expect(page.getByRole('heading', { name: 'Not ready to go live yet' })).toBeVisible();
  await expect(row('biller-ids')).toContainText(
    'Not yet: the web service key is not stored; the InHANCE password is not stored',
  );
  await expect(row('biller-posting-mode')).toContainText('done: pending payments chosen on the biller profile');
  await expectAccessible(page, 'checklist of a new biller');

  // The gate refuses live posting; an override takes a reason, which goes to the audit log.
  await page.getByRole('button', { name: 'Switch posting to live' }).click();
  await expect(
    page.getByText(
      /^Cannot switch payment posting to live for Springfield Water yet: \d+ required checklist items are not done/,
    ),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Override…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Override and go ahead' })).toBeDisabled();
  await dialog.getByLabel('Reason').fill('Pilot day agreed with the biller; QA follows.');
  await dialog.getByRole('button', { name: 'Override and go ahead' }).click();
  await expect(
    page.getByText('Done: switch payment posting to live (gate overridden; the reason is in the audit log).'),
  ).toBeVisible();
  const overrides = auditRows(host.dataDir, 'golive.override');
  expect(overrides).toHaveLength(1);
  expect(overrides[0]!.subject).toBe('posting-live');
  expect(overrides[0]!.detail).toMatch(/^Pilot day agreed with the biller; QA follows\. \[open: /);

  // Credentials stored and both connections tested: the first item completes itself.
  await page.getByRole('tab', { name: 'Billers' }).click();
  await springfield.click();
  await edit.getByLabel('InvoiceCloud web service key (write only)').fill(key);
  await edit.getByRole('button', { name: 'Store', disabled: false }).click();
  await expect(edit.getByText('InvoiceCloud web service key stored in the OS keychain.')).toBeVisible();
  await edit.getByLabel('InHANCE Impresa password (write only)').fill(password);
  await edit.getByRole('button', { name: 'Store', disabled: false }).click();
  await expect(edit.getByText('InHANCE Impresa password stored in the OS keychain.')).toBeVisible();
  await edit.getByRole('button', { name: 'Test InvoiceCloud' }).click();
  await expect(edit.getByText('InvoiceCloud accepted the biller GUID and web service key.')).toBeVisible();
  await edit.getByRole('button', { name: 'Test InHANCE Impresa' }).click();
  await expect(edit.getByText('InHANCE Impresa accepted the sign-in.')).toBeVisible();
  await page.getByRole('tab', { name: 'Conversion' }).click();
  await expect(row('biller-ids')).toContainText(
    /done: credentials stored and both connections tested \d{4}-\d{2}-\d{2} by /,
  );

  // The setup items, as the conversion proceeds.
  await page.getByRole('tab', { name: 'Setup' }).click();
  const setup = page.getByRole('form', { name: 'Setup of Springfield Water' });
  await setup.getByLabel('Track 70 status').selectOption('submitted');
  await setup.getByLabel('Track 70 reference').fill('T70-4411');
  await setup.getByLabel('Smartsheet sheet').fill('https://evil.example.com/sheet');
  await setup.getByRole('button', { name: 'Save setup' }).click();
  await expect(
    setup.getByText('The Smartsheet link must be an https:// address on app.smartsheet.com.').first(),
  ).toBeVisible();
  await setup.getByLabel('Smartsheet sheet').fill('https://app.smartsheet.com/sheets/springfield');
  await setup.getByLabel('PDF link template').fill(`${sandbox.impresaUrl as string}/bills/{billNumber}.pdf`);
  await setup.getByLabel('IVR status').selectOption('done');
  await setup.getByLabel('Confirmed on').fill('2026-12-01');
  await setup.getByLabel('Confirmed with').fill('Dana Ruiz (InHANCE)');
  await setup.getByRole('button', { name: 'Add contact' }).click();
  await setup.getByRole('group', { name: 'Contact 1' }).getByLabel('Name').fill('Dana Ruiz');
  await setup.getByRole('group', { name: 'Contact 1' }).getByLabel('Email').fill('dana@inhance.example');
  await setup.getByRole('button', { name: 'Save setup' }).click();
  await expect(setup.getByText('Setup saved. The checklist is updated.')).toBeVisible();
  await expect(setup.getByRole('link', { name: 'Open the Smartsheet sheet' })).toHaveAttribute(
    'href',
    'https://app.smartsheet.com/sheets/springfield',
  );
  await setup.getByRole('button', { name: 'Verify against a real bill' }).click();
  await expect(setup.getByText(/^The link answered with a PDF \(\d+ bytes\) for bill /)).toBeVisible();
  await expect(setup.getByText(/application\/pdf/)).toBeVisible();
  await expectAccessible(page, 'setup tab');
  await snapshot(page, 'conversion-setup');

  await page.getByRole('tab', { name: 'Checklist' }).click();
  await expect(row('pm-track70')).toContainText('Not yet: Track 70 submitted, waiting for the invoice format GUID.');
  await expect(row('proc-prefer-pdf')).toContainText(/done: PDF link verified on bill/);
  await expect(row('pm-ivr')).toContainText('done: IVR (utilitysearch2) marked done');

  // Track 70 comes back: the GUID is entered, which closes the request.
  await page.getByRole('tab', { name: 'Setup' }).click();
  await setup.getByRole('textbox', { name: 'Invoice format GUID' }).fill('9f1c2d3e-4b5a-4c6d-8e7f-001122334455');
  await setup.getByRole('button', { name: 'Save setup' }).click();
  await expect(setup.getByText('Setup saved. The checklist is updated.')).toBeVisible();
  await expect(setup.getByLabel('Track 70 status')).toHaveValue('received');

  // The CRM mapping confirmed on the Mapping screen.
  await page.getByRole('tab', { name: 'Mapping' }).click();
  const crm = page.getByRole('group', { name: 'Confirmation in CRM' });
  await crm.getByRole('button', { name: 'Mark confirmed in CRM…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Record confirmation' }).click();
  await expect(crm.getByRole('button', { name: 'Mark confirmed in CRM…' })).toHaveCount(0);

  // The one required item the app cannot know: marked done by hand, owner and all.
  await page.getByRole('tab', { name: 'Conversion' }).click();
  await expect(row('pm-track70')).toContainText('done: Track 70 T70-4411 received and invoice format GUID entered');
  await expect(row('pm-crm-mapping')).toContainText(/done: Confirmed in CRM by .* \(version 1\)\./);
  await row('qa-issues-resolved')
    .getByLabel(/^Owner of /)
    .fill('Pat Lee');
  await row('qa-issues-resolved')
    .getByLabel(/^Owner of /)
    .press('Tab');
  await expect(row('qa-issues-resolved').getByLabel(/^Owner of /)).toHaveValue('Pat Lee');
  await row('qa-issues-resolved')
    .getByLabel(/^Status of /)
    .selectOption('done');
  await expect(row('qa-issues-resolved')).toContainText(/done by hand: marked by .* on \d{4}-\d{2}-\d{2}/);
  expect(auditRows(host.dataDir, 'checklist.set').map((r) => r.subject)).toContain('qa-issues-resolved');

  // Ready: the gate opens without an override.
  await expect(page.getByRole('heading', { name: 'Ready to go live' })).toBeVisible();
  await expect(page.getByText('Every required item is done: the gate is open.')).toBeVisible();
  await expectAccessible(page, 'checklist ready');
  await page.getByRole('heading', { name: 'Conversion', level: 2 }).scrollIntoViewIfNeeded();
  await screenshotAt(page, 'conversion-checklist');
  await page.getByRole('button', { name: 'Turn on schedules here' }).click();
  await expect(page.getByText('Done: turn on the job schedules on this installation.')).toBeVisible();
  expect(auditRows(host.dataDir, 'golive.override')).toHaveLength(1);
  await page.getByRole('tab', { name: 'Billers' }).click();
  await expect(springfield.getByText('Ready to go live')).toBeVisible();
});
