import type { Page } from '@playwright/test';
import type { Api } from '../../shared/api';
import type { BillerInput } from '../../shared/domain/biller';
import type { JobKind } from '../../shared/domain/jobs';
import fs from 'node:fs';
import { choose, expect, expectAccessible, launchHost, snapshot, stopHost, test } from './fixtures';

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
  return page.evaluate(
    (i) => (globalThis as unknown as InPage).api.billers.create(i).then((b) => ({ id: b.id, name: b.name })),
    input,
  );
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
    ['Balance All', 'Weekly, Sunday 3:00 AM'],
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
  for (const b of billers)
    await page.evaluate((id) => (globalThis as unknown as InPage).api.billers.remove({ id }), b.id);
  await expect(
    page.getByText('No billers yet. The six jobs run per biller: add one on the Billers screen first.'),
  ).toBeVisible();
  await expectAccessible(page, 'Jobs screen without billers');
  await page.getByRole('button', { name: 'Go to Billers' }).click();
  await expect(page.getByRole('heading', { name: 'Billers', level: 2 })).toBeVisible();
});

test('one job pauses with a reason and resumes; the change shows through events', async ({ app: page }) => {
  await openJobs(page);
  const balance = card(page, 'Balance');
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

  // A change made while another screen was shown is there on coming back.
  await page.getByRole('tab', { name: 'Billers' }).click();
  const billers = await page.evaluate(() => (globalThis as unknown as InPage).api.billers.list());
  await page.evaluate(
    (billerId) =>
      (globalThis as unknown as InPage).api.jobs.pause({ billerId, job: 'customer', reason: 'Paused while away' }),
    billers[0]!.id,
  );
  await openJobs(page);
  await expect(card(page, 'Customer')).toContainText('Paused while away');
});

test('pause all needs a reason, shows who and why, and resume all lifts it, by keyboard alone', async ({
  app: page,
}) => {
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
    await expect(card(page, label)).toContainText('Paused with all jobs (see above).');
    await expect(card(page, label)).toContainText('Not scheduled while paused');
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

test('a schedule is edited with a preview of the next five runs, saved, and reset to the default', async ({
  app: page,
}) => {
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
  await expect(balance).toContainText('At 6:05 AM, Monday through Friday');
  await expect(balance.getByText('changed', { exact: true })).toBeVisible();

  await balance.getByRole('button', { name: 'Edit schedule' }).click();
  await dialog.getByRole('button', { name: 'Reset to default' }).click();
  await expect(dialog).toBeHidden();
  await expect(balance).toContainText('Every 15 minutes');
  await expect(balance.getByText('changed', { exact: true })).toBeHidden();
});

test('run options (only when reachable, time limit, retries) are edited in the schedule dialog, checked and kept', async ({
  app: page,
}) => {
  await openJobs(page);
  const customer = card(page, 'Customer');
  await customer.getByRole('button', { name: 'Edit schedule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule of Customer' });
  const reachable = dialog.getByRole('checkbox', { name: /Run only when the network is reachable/ });
  await expect(reachable).not.toBeChecked();
  await expect(dialog.getByRole('spinbutton', { name: 'Retries after a failure' })).toHaveValue('3');
  await expect(dialog.getByRole('spinbutton', { name: 'Retry interval (seconds)' })).toHaveValue('30');

  // Out of range: the shared rule's words under the field, Save stays off.
  await dialog.getByRole('spinbutton', { name: 'Retries after a failure' }).fill('11');
  await expect(dialog.getByText('A job can be retried at most 10 times.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expectAccessible(page, 'schedule dialog with an invalid retry count');
  await snapshot(page, 'jobs-run-options-invalid');

  await reachable.press('Space');
  await expect(reachable).toBeChecked();
  await dialog.getByRole('spinbutton', { name: 'Time limit (minutes)' }).fill('45');
  await dialog.getByRole('spinbutton', { name: 'Retries after a failure' }).fill('1');
  await dialog.getByRole('spinbutton', { name: 'Retry interval (seconds)' }).fill('120');
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const billerId = await page.evaluate(() =>
    (globalThis as unknown as InPage).api.billers.list().then((l) => l[0]!.id),
  );
  const policy = await page.evaluate(
    (id) =>
      (globalThis as unknown as InPage).api.jobs
        .list({ billerId: id })
        .then((o) => o.jobs.find((j) => j.job === 'customer')!.runPolicy),
    billerId,
  );
  expect(policy).toEqual({ onlyWhenReachable: true, timeLimitMinutes: 45, retryCount: 1, retryIntervalSeconds: 120 });
  await customer.getByRole('button', { name: 'Edit schedule' }).click();
  await expect(dialog.getByRole('spinbutton', { name: 'Time limit (minutes)' })).toHaveValue('45');
  await expect(reachable).toBeChecked();
  await snapshot(page, 'jobs-run-options');
  await page.setViewportSize({ width: 1024, height: 700 });
  await snapshot(page, 'jobs-run-options-1024');
  await expectAccessible(page, 'schedule dialog with run options at 1024x700');
});

test('on an installation that is not the job host the screen says schedules run elsewhere', async ({ app: page }) => {
  await addBiller(page, {
    name: 'Ogdenville Gas',
    billerGuid: '2b4e28ba-2fa1-11d2-883f-0016d3cca427',
    isJobHost: false,
    timeZone: 'America/Chicago',
  });
  await openJobs(page);
  const picker = page.getByRole('combobox', { name: 'Biller' });
  await choose(page, picker, 'Ogdenville Gas');
  await expect(page.getByText('Ogdenville Gas · times in America/Chicago')).toBeVisible();
  await expect(page.getByText('Schedules run elsewhere')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('only dry runs can be started from this screen');
  await expect(card(page, 'Balance').getByRole('button', { name: 'Run now' })).toBeDisabled();
  await expectAccessible(page, 'dashboard on a queue-only installation');
  await screen(page, 'jobs-not-job-host');

  await choose(page, picker, 'Sandbox Utility');
  await expect(page.getByText('Sandbox Utility · times in America/New_York')).toBeVisible();
  await expect(page.getByText('Schedules run elsewhere')).toBeHidden();
});

test('a change made in another window shows through events; the screen does not poll', async ({ app: page, host }) => {
  await openJobs(page);
  await expect(card(page, 'Payments').getByRole('button', { name: 'Pause' })).toBeVisible();
  const [sandbox] = await page.evaluate(() => (globalThis as unknown as InPage).api.billers.list());
  const other = await page.context().newPage();
  await other.goto(host.url);
  const inOther = (call: 'pauseAll' | 'resumeAll') =>
    other.evaluate(
      ([billerId, c]) => {
        const jobs = (globalThis as unknown as InPage).api.jobs;
        return c === 'pauseAll'
          ? jobs.pauseAll({ billerId: billerId!, reason: 'Paused from the other window' })
          : jobs.resumeAll({ billerId: billerId! });
      },
      [sandbox!.id, call],
    );

  // Someone pauses everything from another window (another clerk's screen): this one shows it.
  await inOther('pauseAll');
  await expect(page.getByRole('main')).toContainText('Paused from the other window');
  await expect(card(page, 'Payments').getByRole('button', { name: 'Resume' })).toBeVisible();
  expect(host.received.some((f) => f.includes('"event":"jobs:changed"'))).toBe(true);

  // Left alone (and with every schedule paused, nothing runs), the dashboard asks main nothing.
  const quietFrom = host.sent.length;
  await page.waitForTimeout(3000);
  expect(host.sent.slice(quietFrom)).toEqual([]);

  // Resumed elsewhere: the event makes the screen re-fetch, and the banner goes.
  await inOther('resumeAll');
  await expect(page.getByText('All jobs paused', { exact: true })).toBeHidden();
  await expect(card(page, 'Payments').getByRole('button', { name: 'Pause' })).toBeVisible();
  expect(host.sent.slice(quietFrom).filter((f) => f.includes('"channel":"jobs:list"')).length).toBeGreaterThanOrEqual(
    1,
  );
  await other.close();
});

// ---------------------------------------------------------------- runs against the embedded sandbox

/** The sandbox biller, and a way to set the simulators' fault rules (see main/sandbox/README.md). */
async function sandboxBiller(page: Page) {
  const billers = await page.evaluate(() => (globalThis as unknown as InPage).api.billers.list());
  const biller = billers.find((b) => b.sandbox)!;
  return {
    id: biller.id,
    async faults(spec: string) {
      const res = await fetch(`${biller.icHost}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ spec }),
      });
      expect(res.status, await res.text()).toBe(200);
    },
    /** Moves the simulators' shared clock on: bills and payments arrive, balances drift apart. */
    async advance(ms: number) {
      const res = await fetch(`${biller.icHost}/__sandbox/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms }),
      });
      expect(res.status, await res.text()).toBe(200);
    },
    /** Keeps a job's slots away while a test works (a manual run still goes). */
    async holdSchedule(job: JobKind) {
      await page.evaluate(
        ([billerId, j]) =>
          (globalThis as unknown as InPage).api.jobs.pause({
            billerId: billerId!,
            job: j as JobKind,
            reason: 'held by the test',
          }),
        [biller.id, job],
      );
    },
  };
}

test('Run now shows progress while the run goes and its counts when it ends; history lists it', async ({
  app: page,
}) => {
  await openJobs(page);
  const sandbox = await sandboxBiller(page);
  await sandbox.holdSchedule('balance');
  // Slow answers, so the run is seen going: the first run sends all 2,000 balances, 1,000 a page.
  await sandbox.faults('both:latency=2s');
  const balance = card(page, 'Balance');
  await balance.getByRole('button', { name: 'Run now' }).click();

  await expect(balance.getByText('Running', { exact: true })).toBeVisible();
  await expect(balance.getByRole('progressbar', { name: 'Balance progress' })).toBeVisible();
  await expect(balance.getByRole('button', { name: 'Run now' })).toBeDisabled();
  await expect(balance.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(balance.getByText(/^1,000 so far · Accounts through version \d+$/)).toBeVisible();
  // Hold the run at its next call long enough to look at it (the clients wait 30 s).
  await sandbox.faults('both:latency=15s');
  await screen(page, 'jobs-running');
  await expectAccessible(page, 'dashboard with a running job');
  await expect(balance.getByText('Running', { exact: true })).toBeVisible();
  await sandbox.faults('');

  await expect(balance.getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 45_000 });
  await expect(balance.getByRole('progressbar')).toBeHidden();
  await expect(balance).toContainText(/Countsread 2,000 · written [\d,]+ · skipped [\d,]+ · failed 0/);
  await expect(balance).toContainText(/balances sent to InvoiceCloud/);
  await expect(balance).toContainText(/Took [\d.]+ s · Details/);

  const history = page.getByRole('table', { name: 'Run history' });
  const row = history
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: /^Details of Balance run/ }) })
    .filter({ hasText: 'Succeeded' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('By hand');
  await expect(row.getByRole('cell').nth(4)).toHaveText('2,000');
  await page.getByRole('combobox', { name: 'Result' }).selectOption({ label: 'Failed' });
  await expect(page.getByText('No run matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(row).toHaveCount(1);
  await expectAccessible(page, 'dashboard after a run');
  await screen(page, 'jobs-after-run');
});

test('Balance All’s run detail shows counts, log and the reconciliation report, exported as CSV; the chart shows the run', async ({
  app: page,
}) => {
  await openJobs(page);
  const sandbox = await sandboxBiller(page);
  // Two days of bills and payments with Balance and Invoice File held: the two sides now differ.
  await sandbox.holdSchedule('balance');
  await sandbox.holdSchedule('invoice-file');
  await sandbox.advance(2 * 24 * 3600_000);
  const balanceAll = card(page, 'Balance All');
  await balanceAll.getByRole('button', { name: 'Dry run' }).click();
  await expect(balanceAll.getByText('Succeeded', { exact: true })).toBeVisible({ timeout: 30_000 });
  // A dry run is shown apart from the last real run (Balance All has none yet).
  await expect(balanceAll).toContainText(/Last run ?Never run/);
  await expect(balanceAll).toContainText(/Last dry run ?Succeeded ?Dry run/);
  await expect(balanceAll).toContainText(/accounts compared: [\d,]+ matched, [\d,]+ mismatched \(would be corrected\)/);

  await balanceAll.getByRole('button', { name: 'Details of the last Balance All dry run' }).click();
  const drawer = page.getByRole('dialog', { name: /^Balance All run of / });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText('Dry run', { exact: true })).toBeVisible();
  await expect(drawer.getByText('By hand', { exact: true })).toBeVisible();
  // The four counts, then the reconciliation totals kept beside the report.
  for (const label of ['Read', 'Written', 'Skipped', 'Failed'])
    await expect(drawer.getByText(label, { exact: true }).first()).toBeVisible();
  await expect(drawer.getByRole('definition').filter({ hasText: /^[\d,]+$/ })).not.toHaveCount(0);
  await expect(drawer).toContainText(/mismatched/i);
  const report = drawer.getByRole('region', { name: 'Reconciliation report' });
  await expect(report.getByRole('columnheader')).toHaveText([
    'Account number',
    'Result',
    'InHANCE balance',
    'IC balance',
    'Difference',
    'Action',
  ]);
  const total = Number((await report.getByText(/^[\d,]+ rows$/).innerText()).replace(/\D/g, ''));
  expect(total).toBeGreaterThan(0);
  await expect(report.getByRole('row').nth(1)).toContainText(/\$[\d,]+\.\d\d/);
  // Paged 50 rows at a time.
  expect(total).toBeGreaterThan(50);
  await expect(report.getByRole('row')).toHaveCount(51);
  await report.getByRole('button', { name: 'Next' }).click();
  await expect(report).toContainText(`Rows 51–100 of ${total}`);
  await report.getByRole('button', { name: 'Previous' }).click();
  await expect(report).toContainText(`Rows 1–50 of ${total}`);
  await expect(drawer.getByRole('region', { name: 'Run log' })).toContainText('info');
  await expectAccessible(page, 'run detail with a report');
  await snapshot(page, 'jobs-run-detail');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    report.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^balance-all-reconciliation-\d{4}-\d{2}-\d{2}-dry-run-[0-9a-f]{8}\.csv$/,
  );
  const csv = (await (await download.createReadStream()).toArray()).join('');
  const lines = csv.trimEnd().split('\n');
  expect(lines[0]).toBe('accountNumber,result,inhanceBalanceCents,icBalanceCents,differenceCents,action');
  expect(lines).toHaveLength(total + 1);

  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  // The chart has the run, as an image with a text alternative and as a table.
  const chart = page.getByRole('img', { name: /^Duration per run \(seconds\)/ });
  await expect(chart).toHaveAccessibleDescription(/Balance All: 1 run, typically/);
  await page.getByRole('button', { name: 'Show as table' }).click();
  await expect(
    page.getByRole('table', { name: 'Runs per day and job, last 7 days' }).getByRole('row').nth(1),
  ).toContainText('Balance All');
  await expectAccessible(page, 'chart as a table');
});

test('a failing run says what went wrong and what to do; a second failure shows the streak', async ({ app: page }) => {
  await openJobs(page);
  const sandbox = await sandboxBiller(page);
  await sandbox.holdSchedule('balance');
  // Someone typed the wrong InHANCE password into the keychain.
  await page.evaluate(
    (billerId) =>
      (globalThis as unknown as InPage).api.secrets.set({
        billerId,
        name: 'impresa-password',
        value: 'not-the-password',
      }),
    sandbox.id,
  );
  const balance = card(page, 'Balance');
  await balance.getByRole('button', { name: 'Run now' }).click();
  await expect(balance.getByText('Last run failed')).toBeVisible({ timeout: 30_000 });
  await expect(balance).toContainText('InHANCE Impresa rejected the user name or password.');
  await expect(balance).toContainText(
    'What to do: Check the InHANCE Impresa username and password in the biller settings.',
  );

  await balance.getByRole('button', { name: 'Run now' }).click();
  await expect(balance.getByText('2 failures in a row')).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'dashboard with a failing job');
  await screen(page, 'jobs-failing');

  const failedRows = page
    .getByRole('table', { name: 'Run history' })
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: /^Details of Balance run/ }) })
    .filter({ hasText: 'Failed' });
  await expect(failedRows).toHaveCount(2);
  await failedRows
    .first()
    .getByRole('button', { name: /^Details of Balance run started / })
    .click();
  const drawer = page.getByRole('dialog', { name: /^Balance run of / });
  await expect(drawer).toContainText('InHANCE Impresa rejected the user name or password.');
  await expect(drawer).toContainText('Error code IMPRESA_AUTH');
  await expect(drawer.getByRole('region', { name: 'Run log' })).toContainText('error');
  await expectAccessible(page, 'run detail of a failed run');
  await snapshot(page, 'jobs-failed-detail');
  // Closing gives the keyboard back to the button that opened it.
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(failedRows.first().getByRole('button', { name: /^Details of Balance run started / })).toBeFocused();
});

test('a running run can be cancelled; it ends as cancelled and says so', async ({ app: page }) => {
  await openJobs(page);
  const sandbox = await sandboxBiller(page);
  await sandbox.holdSchedule('balance');
  await sandbox.faults('both:latency=2s');
  const balance = card(page, 'Balance');
  await balance.getByRole('button', { name: 'Run now' }).click();
  await expect(balance.getByText('Running', { exact: true })).toBeVisible();
  await balance.getByRole('button', { name: 'Cancel' }).click();
  await expect(balance.getByText('Cancelled', { exact: true })).toBeVisible({ timeout: 30_000 });
  await sandbox.faults('');
  await expect(balance.getByRole('button', { name: 'Run now' })).toBeEnabled();
  await balance.getByRole('button', { name: 'Details of the last Balance run' }).click();
  await expect(page.getByRole('dialog', { name: /^Balance run of / })).toContainText(/The run was cancelled by .+\./);
});

test('in clerk mode the dashboard is read only: no run, pause, schedule or pause-all control', async ({ page }) => {
  const host = await launchHost([], undefined, { IMPRESA_BRIDGE_MODE: 'clerk' });
  try {
    await page.goto(host.url);
    await openJobs(page);
    await expect(page.getByText('Clerk mode: the job dashboard is read only.', { exact: false })).toBeVisible();
    await expect(card(page, 'Balance')).toContainText('ScheduleEvery 15 minutes');
    for (const name of [
      'Run now',
      'Dry run',
      'Pause',
      'Resume',
      'Cancel',
      'Edit schedule',
      'Pause all',
      'Resume all',
    ]) {
      await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
    }
    await expectAccessible(page, 'Jobs dashboard in clerk mode');
    for (const [w, h] of [
      [1366, 768],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await screen(page, `jobs-clerk-${w}x${h}`);
    }
  } finally {
    await stopHost(host);
    fs.rmSync(host.dataDir, { recursive: true, force: true });
  }
});
