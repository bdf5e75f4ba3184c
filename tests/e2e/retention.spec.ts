import { expect, expectAccessible, snapshot, test } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

test('retention days are set in Preferences with a preview of what a prune would remove, by keyboard alone', async ({
  app: page,
}) => {
  await page.getByRole('button', { name: 'Preferences' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  const section = dialog.getByRole('region', { name: 'History kept' });
  const days = section.getByRole('spinbutton', { name: /^Keep for \(days, 7–3650\)/ });
  await expect(days).toHaveValue('90');
  await expect(
    section.getByText(/^A prune now would remove \d+ job runs? \(\d+ log lines, \d+ report rows\)/),
  ).toBeVisible();
  await expect(section.getByRole('button', { name: 'Save days' })).toBeDisabled();

  // Out of range: main's words under the field, no preview, nothing to save.
  await days.fill('3');
  await expect(section.getByText('Keep logs and run history for at least 7 days.')).toBeVisible();
  await expect(section.getByText('No preview until the number of days is valid.')).toBeVisible();
  await expect(section.getByRole('button', { name: 'Save days' })).toBeDisabled();
  await expectAccessible(page, 'Preferences with an invalid retention');
  await snapshot(page, 'retention-invalid');

  await days.fill('30');
  await expect(section.getByText(/^A prune now would remove/)).toBeVisible();
  await section.getByRole('button', { name: 'Save days' }).focus();
  await page.keyboard.press('Enter');
  await expect(section.getByText('Saved: kept for 30 days; the daily prune uses it from now on.')).toBeVisible();
  await expectAccessible(page, 'Preferences with the retention saved');
  await snapshot(page, 'retention-saved');
  await page.setViewportSize({ width: 1024, height: 700 });
  await snapshot(page, 'retention-saved-1024');

  // Kept by main: the CLI's setting and the screen are one.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Preferences' }).click();
  await expect(dialog.getByRole('region', { name: 'History kept' }).getByRole('spinbutton')).toHaveValue('30');
});
