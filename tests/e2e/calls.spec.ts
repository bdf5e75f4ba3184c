import type { Page } from '@playwright/test';
import type { Api } from '../../shared/api';
import { expect, expectAccessible, snapshot, test } from './fixtures';

/**
 * A PM's weekly support call on the embedded sandbox biller: the Smartsheet and Confluence
 * simulators start with the app, so the sync works with no account anywhere.
 */

/** The page's `window.api` (tests type-check without the DOM library). */
type InPage = { api: Api };

async function startCall(page: Page, date: string): Promise<void> {
  await page.getByLabel('Call date').fill(date);
  await page.getByRole('button', { name: /^(Start|Open) call$/ }).click();
  await expect(page.getByRole('heading', { name: `Call on ${date}` })).toBeVisible();
}

test('a PM records a call with an action item and an escalation, sees it carried to next week, closes it, syncs to both, and the open issues empty', async ({
  app: page,
}) => {
  test.setTimeout(300_000);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('tab', { name: 'Calls' }).click();
  await expect(page.getByRole('heading', { name: 'Calls', level: 2 })).toBeVisible();
  // The default series is the source document's InHANCE call.
  await expect(page.getByLabel('Join details')).toContainText('Meeting ID: 265 124 843 994');
  await expect(page.getByLabel('Join details')).toContainText('Phone conference ID: 448 734 005#');
  await expect(page.getByRole('link', { name: 'Join by phone' })).toHaveAttribute(
    'href',
    'tel:+13234578333,,448734005#',
  );
  // The source document gives no weekday or time: none is invented, the PM sets them.
  await expect(page.getByText('Set the weekday and time to list the next calls.')).toBeVisible();
  await page.getByRole('button', { name: 'Edit meeting' }).click();
  const meeting = page.getByRole('form', { name: 'Meeting settings' });
  await meeting.getByLabel('Weekday').selectOption('Tuesday');
  await meeting.getByLabel('Time', { exact: true }).fill('10:00');
  await meeting.getByLabel('Teams join link').fill('https://evil.example/meet');
  await meeting.getByRole('button', { name: 'Save meeting' }).click();
  await expect(page.getByText(/join link must be a Microsoft Teams address/)).toBeVisible();
  await meeting.getByLabel('Teams join link').fill('https://teams.microsoft.com/l/meetup-join/19%3ameeting_sandbox');
  await meeting.getByRole('button', { name: 'Save meeting' }).click();
  await expect(page.getByText('Meeting saved for this biller.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Join in Teams' })).toHaveAttribute(
    'href',
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting_sandbox',
  );
  await expect(page.getByRole('list', { name: 'Next calls' }).getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('list', { name: 'Next calls' }).getByRole('listitem').first()).toContainText('Tue');

  await startCall(page, '2025-03-04');
  await page.getByLabel('Attendee name').fill('Maria Lopez');
  await page.getByRole('button', { name: 'Add attendee' }).click();
  await page.getByLabel('Status summary').fill('BIF test upload accepted by InvoiceCloud.');
  await page.getByRole('button', { name: 'Save notes' }).click();
  await expect(page.getByText('Notes of the 2025-03-04 call saved.')).toBeVisible();

  await page.getByLabel('Action item', { exact: true }).fill('Send the payments file sample to InHANCE');
  await page.getByLabel('Owner', { exact: true }).fill('Dana Reyes');
  await page.getByLabel('Due date').fill('2025-03-10');
  await page.getByRole('button', { name: 'Add action item' }).click();
  await expect(page.getByRole('list', { name: 'Raised on this call' })).toContainText(
    'Send the payments file sample to InHANCE. Owner: Dana Reyes (PM); due 2025-03-10',
  );

  await page.getByLabel('Issue escalated').fill('Batch entries posted twice on 3 March');
  await page.getByLabel('Escalated to').fill('InHANCE support desk');
  await page.getByRole('button', { name: 'Add escalation' }).click();
  await expect(page.getByText('Escalation "Batch entries posted twice on 3 March" recorded.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Draft agenda for the next call' })).toContainText(
    'Send the payments file sample to InHANCE',
  );
  await expectAccessible(page, 'Calls screen with a call, an action item and an escalation');
  for (const [w, h] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByRole('main').evaluate((el) => el.scrollTo(0, 0));
    await snapshot(page, `calls-${w}x${h}`);
    await page.getByRole('region', { name: 'Escalations' }).scrollIntoViewIfNeeded();
    await snapshot(page, `calls-${w}x${h}-lower`);
  }

  await page.getByRole('tab', { name: 'Open issues' }).click();
  const issues = page.getByRole('table', { name: 'Open issues' });
  await expect(issues.getByRole('row')).toHaveCount(3);
  await page.getByLabel('Owner').fill('dana reyes');
  await expect(issues.getByRole('row')).toHaveCount(2);
  await expectAccessible(page, 'open issues');
  await snapshot(page, 'calls-open-issues');
  await page.getByLabel('Owner').fill('');
  await page.getByRole('tab', { name: 'Call notes' }).click();

  // Next week's call carries the open action item and the open escalation.
  await startCall(page, '2025-03-11');
  const carried = page.getByRole('list', { name: 'Carried over' });
  await expect(carried).toContainText('Send the payments file sample to InHANCE');
  // By keyboard: focus the item's checkbox and press Space.
  await carried.getByRole('checkbox', { name: /Send the payments file sample/ }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByText('"Send the payments file sample to InHANCE" marked done.')).toBeVisible();
  await expect(carried.getByRole('checkbox', { name: /Send the payments file sample/ })).toBeChecked();
  await page.getByRole('checkbox', { name: /Batch entries posted twice/ }).click();
  await expect(page.getByText('Escalation "Batch entries posted twice on 3 March" marked resolved.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Batch entries posted twice/ })).toBeChecked();

  await page.getByRole('button', { name: 'Sync to Smartsheet' }).click();
  await expect(page.getByText(/Smartsheet ".*": 1 added, 0 updated, 0 unchanged\./)).toBeVisible();
  await page.getByRole('button', { name: 'Publish to Confluence' }).click();
  await expect(page.getByText(/Added the 2025-03-11 call's section on the Confluence page/)).toBeVisible();
  await snapshot(page, 'calls-synced');

  await page.getByRole('tab', { name: 'Open issues' }).click();
  await expect(page.getByText('No open issues: every issue raised on a call is resolved.')).toBeVisible();
  await expectAccessible(page, 'open issues, all resolved');

  await page.getByRole('tab', { name: 'Sync settings' }).click();
  await page.getByRole('button', { name: "Read the sheet's columns" }).click();
  await expect(page.getByText(/has a column for every field/)).toBeVisible();
  await expect(page.getByLabel('Smartsheet API access token (write only)')).toHaveValue('');
  await expectAccessible(page, 'sync settings');
  await snapshot(page, 'calls-settings');
});

test("the biller's setup contacts become attendees with their role and contact id, and are suggested by name", async ({
  app: page,
}) => {
  // The contacts as a PM enters them on the Conversion screen's setup.
  const billerId = await page.evaluate(async () => {
    const id = (await (globalThis as unknown as InPage).api.billers.list())[0]!.id;
    await (globalThis as unknown as InPage).api.setup.update({
      billerId: id,
      fields: {
        contacts: [
          { name: 'Maria Lopez', organisation: 'biller', role: 'Utility billing' },
          { name: 'Dana Reyes', organisation: 'inhance' },
          { name: 'Pat Kim', organisation: 'invoicecloud' },
        ],
      },
    });
    return id;
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('tab', { name: 'Calls' }).click();
  await startCall(page, '2025-03-04');
  const attendees = page.getByRole('region', { name: 'Attendees' });
  await attendees.getByLabel('Attendee name').fill('Walk-in Guest');
  await attendees.getByRole('button', { name: 'Add attendee' }).click();
  await attendees.getByRole('button', { name: 'Add the biller’s contacts' }).click();
  await expect(page.getByText('3 of the biller’s contacts added as present. Save notes to keep them.')).toBeVisible();
  for (const text of [
    'Walk-in Guest (Biller): present',
    'Maria Lopez (Biller): present',
    'Dana Reyes (InHANCE): present',
    'Pat Kim (PM): present',
  ]) {
    await expect(attendees.getByRole('checkbox', { name: text })).toBeChecked();
  }
  await attendees.getByRole('button', { name: 'Add the biller’s contacts' }).click();
  await expect(page.getByText('Every contact of the biller is already listed.')).toBeVisible();
  // The names are offered as suggestions on the name field.
  await expect(attendees.locator('datalist option')).toHaveCount(3);
  await expectAccessible(page, 'Calls screen with attendees from contacts');
  for (const [w, h] of [
    [1366, 768],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await attendees.scrollIntoViewIfNeeded();
    await snapshot(page, `calls-contacts-${w}x${h}`);
  }
  await page.getByRole('button', { name: 'Save notes' }).click();
  await expect(page.getByText('Notes of the 2025-03-04 call saved.')).toBeVisible();
  const saved = await page.evaluate(async (id) => {
    const [call, setup] = await Promise.all([
      (globalThis as unknown as InPage).api.calls.get({ billerId: id, date: '2025-03-04' }),
      (globalThis as unknown as InPage).api.setup.get({ billerId: id }),
    ]);
    return { attendees: call.attendees.map((a) => [a.name, a.contactId]), ids: setup.fields.contacts.map((c) => c.id) };
  }, billerId);
  expect(saved.attendees).toEqual([
    ['Walk-in Guest', null],
    ['Maria Lopez', saved.ids[0]],
    ['Dana Reyes', saved.ids[1]],
    ['Pat Kim', saved.ids[2]],
  ]);
  expect(saved.ids.every((id) => typeof id === 'string')).toBe(true);
});
