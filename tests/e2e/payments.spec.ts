import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { sandboxCredentials, DEFAULT_SANDBOX_SEED } from '../../main/sandbox';
import { decimalToCents } from '../../shared/domain/money';
import { QUEUE_POLL_KEY } from '../../renderer/payments/queue-poller';
import { expect, expectAccessible, snapshot, test } from './fixtures';

/**
 * A clerk's morning on the embedded sandbox biller ("Sandbox Utility", pending posting): the
 * Payments job brings payments into InHANCE batch entries, and the clerk works the queue in the
 * real renderer through the browser host, with the mouse and with the keyboard.
 */

type Api = { api: { [d: string]: { [v: string]: (input?: unknown) => Promise<unknown> } } };

async function runPaymentsJob(page: Page): Promise<{ state: string; summary: string | null }> {
  return page.evaluate(async () => {
    const api = (globalThis as unknown as Api).api;
    const billers = (await api.billers!.list!()) as Array<{ id: string; name: string }>;
    const billerId = billers.find((b) => b.name === 'Sandbox Utility')!.id;
    // The queue must hold still while the clerk works: no scheduled run may add payments mid-story.
    await api.jobs!.pauseAll!({ billerId, reason: 'End-to-end test: the queue holds still' });
    try {
      await api.jobs!.run!({ billerId, job: 'payments' });
    } catch (error) {
      // A scheduled catch-up run may already be going; then wait for that one.
      if ((error as { code?: string }).code !== 'JOB_BUSY') throw error;
    }
    for (let i = 0; i < 200; i++) {
      const { runs } = (await api.jobs!.history!({ billerId, job: 'payments', limit: 1 })) as {
        runs: Array<{ state: string; summary: string | null }>;
      };
      if (runs[0] && runs[0].state !== 'running') return runs[0];
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('The Payments job did not finish within 50 s.');
  });
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name} \\(`) });

async function tabCount(page: Page, name: string): Promise<number> {
  const text = (await tab(page, name).textContent()) ?? '';
  const m = /\(([\d,]+)\)/.exec(text);
  if (!m) throw new Error(`No count on the ${name} tab: "${text}"`);
  return Number(m[1]!.replace(/,/g, ''));
}

/** "12 · $1,234.56" → {count, cents}, read without floats. */
function readTotal(text: string | null): { count: number; cents: number } {
  const m = /^([\d,]+) · \$([\d,]+\.\d{2})$/.exec((text ?? '').trim());
  if (!m) throw new Error(`Not a total: "${text}"`);
  return { count: Number(m[1]!.replace(/,/g, '')), cents: decimalToCents(m[2]!.replace(/,/g, ''))! };
}

const dataRows = (grid: Locator) => grid.locator('[role="row"]:not([aria-rowindex="1"])');
const row = (grid: Locator, n: number) => grid.locator(`[role="row"][aria-rowindex="${n + 1}"]`);

async function amountOf(r: Locator): Promise<number> {
  return decimalToCents(((await r.locator('[aria-colindex="4"]').textContent()) ?? '').replace(/[$,]/g, ''))!;
}

async function accountOf(r: Locator): Promise<string> {
  return ((await r.locator('[aria-colindex="2"]').textContent()) ?? '').trim();
}

async function readyTotal(page: Page) {
  return readTotal(await page.getByTestId('ready-total').textContent());
}

test('a clerk posts by mouse and keyboard, reassigns an exception, holds and undoes, and downloads the daily report', async ({
  app: page,
}, testInfo) => {
  // A whole morning's story with a dozen axe checks: minutes on a machine shared by many builds.
  test.setTimeout(420_000);
  await page.getByRole('tab', { name: 'Payments' }).click();
  await expect(page.getByRole('heading', { name: 'Payments', level: 2 })).toBeVisible();

  const run = await runPaymentsJob(page);
  expect(run.state, run.summary ?? '').toBe('succeeded');
  // The job's payments:changed event makes the screen re-fetch on its own.
  await expect.poll(() => tabCount(page, 'Ready')).toBeGreaterThan(10);
  await expect.poll(() => tabCount(page, 'Exceptions')).toBeGreaterThan(0);

  const ready = page.getByRole('grid', { name: 'Ready payments' });
  await expect(ready).toHaveAttribute('aria-rowcount', String((await tabCount(page, 'Ready')) + 1));
  // The totals strip is one line with the newest day's verdict; it opens to every day's card.
  await page.getByRole('button', { name: 'Every day' }).click();
  await expect(
    page.getByRole('list', { name: 'Control totals by deposit day' }).getByText('Balanced').first(),
  ).toBeVisible();
  await expectAccessible(page, 'Ready tab');
  await snapshot(page, 'payments-ready');

  // ---- Three entries with the mouse: click the first, shift-click the third.
  const before = await readyTotal(page);
  const mouseRows = [row(ready, 1), row(ready, 2), row(ready, 3)];
  const mouseAccounts = await Promise.all(mouseRows.map(accountOf));
  const mouseCents = (await Promise.all(mouseRows.map(amountOf))).reduce((a, b) => a + b, 0);
  await mouseRows[0]!.click();
  await mouseRows[2]!.click({ modifiers: ['Shift'] });
  for (const r of mouseRows) await expect(r).toHaveAttribute('aria-selected', 'true');
  expect(readTotal(await page.getByTestId('selected-total').textContent())).toEqual({ count: 3, cents: mouseCents });
  // Ctrl-click takes one out and puts it back.
  await mouseRows[1]!.click({ modifiers: ['Control'] });
  await expect(mouseRows[1]!).toHaveAttribute('aria-selected', 'false');
  await mouseRows[1]!.click({ modifiers: ['Control'] });
  await expect(mouseRows[1]!).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Post 3', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Post 3 payments?' });
  await expect(confirm).toContainText(new RegExp(`totalling \\$[\\d,]+\\.\\d{2}`));
  await expect(confirm.getByRole('button', { name: /^Post 3 · / })).toHaveText(`Post 3 · ${fmt(mouseCents)}`);
  await expectAccessible(page, 'post confirmation dialog');
  await snapshot(page, 'payments-confirm-post');
  await confirm.getByRole('button', { name: /^Post 3 · / }).click();
  const results = page.getByRole('region', { name: 'Results of the last action' });
  await expect(results.getByRole('status')).toHaveText(`Posted 3 of 3 · ${fmt(mouseCents)}`);
  for (const account of mouseAccounts)
    await expect(results.getByRole('listitem').filter({ hasText: account }).first()).toContainText('Posted');
  await expect.poll(() => readyTotal(page)).toEqual({ count: before.count - 3, cents: before.cents - mouseCents });
  await snapshot(page, 'payments-posted-mouse');

  // ---- Two entries with the keyboard: "/" to search, ↓ into the table, Space, ↓, Space, Enter, Enter.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  const afterMouse = await readyTotal(page);
  await page.keyboard.press('/');
  await expect(page.getByRole('textbox', { name: 'Search (/)' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const first = row(ready, 1);
  await expect(first).toBeFocused();
  const keyCents = (await amountOf(row(ready, 1))) + (await amountOf(row(ready, 2)));
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await expect(row(ready, 2)).toBeFocused();
  await page.keyboard.press('Space');
  expect(readTotal(await page.getByTestId('selected-total').textContent())).toEqual({ count: 2, cents: keyCents });
  await page.keyboard.press('Enter');
  const confirmKeys = page.getByRole('dialog', { name: 'Post 2 payments?' });
  await expect(confirmKeys.getByRole('button', { name: /^Post 2 · / })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(results.getByRole('status')).toHaveText(`Posted 2 of 2 · ${fmt(keyCents)}`);
  await expect
    .poll(() => readyTotal(page))
    .toEqual({ count: afterMouse.count - 2, cents: afterMouse.cents - keyCents });
  // Focus is back in the table, so the clerk carries on without the mouse.
  await expect(ready.locator('[role="row"][tabindex="0"]')).toBeFocused();
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // ---- An exception resolved on the spot: reassign to the right account through InHANCE's search, and post.
  const exceptionsBefore = await tabCount(page, 'Exceptions');
  await tab(page, 'Exceptions').click();
  const exceptions = page.getByRole('grid', { name: 'Exceptions payments' });
  await expect(dataRows(exceptions)).toHaveCount(exceptionsBefore);
  // Which exceptions the sandbox holds depends on the day it started: take the first one a reassignment resolves.
  const resolvable = dataRows(exceptions)
    .filter({ hasText: /Account not found|Account closed|Account final/ })
    .first();
  await expect(resolvable).toBeVisible();
  await expectAccessible(page, 'Exceptions tab');
  await snapshot(page, 'payments-exceptions');
  const exceptionCents = await amountOf(resolvable);
  await resolvable.click();
  await page.getByRole('button', { name: 'Reassign…' }).click();
  const reassign = page.getByRole('dialog', { name: 'Reassign to another account' });
  // The search starts from the payer's name; the clerk widens it to the surname to find an open account.
  const payer = (
    await reassign.getByRole('textbox', { name: 'Find the account in InHANCE (number or name)' }).inputValue()
  ).trim();
  expect(payer.length).toBeGreaterThan(0);
  await reassign.getByRole('button', { name: 'Search' }).click();
  const matches = reassign.getByRole('radiogroup', { name: 'Matching accounts' });
  await expect(matches.getByRole('radio').first()).toBeVisible();
  const open = matches.getByRole('radio', { name: /^(?![\s\S]*\b(closed|final)\b)/ });
  if ((await open.count()) === 0) {
    await reassign
      .getByRole('textbox', { name: 'Find the account in InHANCE (number or name)' })
      .fill(payer.split(' ').pop()!);
    await reassign.getByRole('button', { name: 'Search' }).click();
    await expect(open.first()).toBeVisible();
  }
  // Nothing is chosen for the clerk: the main button waits for a pick.
  await expect(matches.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(reassign.getByRole('button', { name: 'Reassign and post' })).toBeDisabled();
  await open.first().check();
  await expectAccessible(page, 'reassign dialog with search results');
  await snapshot(page, 'payments-reassign');
  const target = (await matches.getByRole('radio', { checked: true }).getAttribute('value'))!;
  // The confirm names the amount, the account and the customer.
  await expect(reassign.getByRole('status')).toHaveText(
    new RegExp(`^\\$[\\d,]+\\.\\d{2} from .+ goes to account ${target}, .+\\.$`),
  );
  await reassign
    .getByRole('button', { name: new RegExp(`^Reassign and post \\$[\\d,]+\\.\\d{2} to ${target}$`) })
    .click();
  await expect(results.getByRole('status')).toContainText('Reassigned 2 of 2');
  await expect.poll(() => tabCount(page, 'Exceptions')).toBe(exceptionsBefore - 1);
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // ---- Hold one with H (and a reason), then undo the hold from the Held tab.
  await tab(page, 'Ready').click();
  const beforeHold = await readyTotal(page);
  const holdCents = await amountOf(row(ready, 1));
  const holdAccount = await accountOf(row(ready, 1));
  await row(ready, 1).click();
  await page.keyboard.press('h');
  const hold = page.getByRole('dialog', { name: 'Hold 1 payment?' });
  await expect(hold.getByRole('textbox', { name: 'Reason (optional)' })).toBeFocused();
  await expectAccessible(page, 'hold dialog');
  await page.keyboard.type('Customer called: wrong account');
  await page.keyboard.press('Enter');
  await expect(results.getByRole('status')).toHaveText(`Held 1 of 1 · ${fmt(holdCents)}`);
  await expect
    .poll(() => readyTotal(page))
    .toEqual({ count: beforeHold.count - 1, cents: beforeHold.cents - holdCents });
  await expect.poll(() => tabCount(page, 'Held')).toBe(1);
  await page.getByRole('button', { name: 'Dismiss' }).click();

  await tab(page, 'Held').click();
  const held = page.getByRole('grid', { name: 'Held payments' });
  await expect(dataRows(held)).toHaveCount(1);
  await expect(row(held, 1)).toContainText(holdAccount);
  await expect(row(held, 1)).toContainText('Customer called: wrong account');
  await expectAccessible(page, 'Held tab');
  await snapshot(page, 'payments-held');
  await row(held, 1).click();
  await page.getByRole('button', { name: 'Undo hold 1' }).click();
  await expect(results.getByRole('status')).toContainText('Put back 1 of 1');
  await expect.poll(() => tabCount(page, 'Held')).toBe(0);
  await expect.poll(() => readyTotal(page)).toEqual(beforeHold);

  // ---- Totals: six posted today (three by mouse, two by keyboard, one reassigned), and the days still balance.
  await tab(page, 'Posted today').click();
  const posted = page.getByRole('grid', { name: 'Posted today payments' });
  await expect(dataRows(posted)).toHaveCount(6);
  for (const account of mouseAccounts)
    await expect(posted.getByRole('row').filter({ hasText: account })).toHaveCount(1);
  await expect(posted.getByRole('row').filter({ hasText: target })).toHaveCount(1);
  expect(readTotal(await page.getByTestId('shown-total').textContent())).toEqual({
    count: 6,
    cents: mouseCents + keyCents + exceptionCents,
  });
  await expect(
    page.getByRole('list', { name: 'Control totals by deposit day' }).getByRole('listitem').first(),
  ).toBeVisible();
  await expect(page.getByRole('main').getByText(/Off by/)).toHaveCount(0);
  await expectAccessible(page, 'Posted today tab');
  await snapshot(page, 'payments-posted-today');
  for (const name of ['Rejected', 'Returns']) {
    await tab(page, name).click();
    await expect(page.getByRole('grid', { name: `${name} payments` })).toBeVisible();
    await expectAccessible(page, `${name} tab`);
  }

  // ---- The daily report downloads as CSV and as a real PDF.
  await page.getByRole('button', { name: 'Daily report' }).click();
  const report = page.getByRole('dialog', { name: 'Daily report' });
  await expectAccessible(page, 'daily report dialog');
  const csvDownload = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download CSV' }).click();
  const csvFile = testInfo.outputPath('report.csv');
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^payments-Sandbox-Utility-\d{4}-\d{2}-\d{2}\.csv$/);
  await csv.saveAs(csvFile);
  const csvText = fs.readFileSync(csvFile, 'utf8');
  for (const account of [...mouseAccounts, target]) expect(csvText).toContain(account);
  await expect(report.getByText(/^Saved payments-.*\.csv \(/)).toBeVisible();

  const pdfDownload = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download PDF' }).click();
  const pdf = await pdfDownload;
  const pdfFile = testInfo.outputPath(path.basename(pdf.suggestedFilename()));
  await pdf.saveAs(pdfFile);
  const pdfBytes = fs.readFileSync(pdfFile);
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdfBytes.length).toBeGreaterThan(1500);
  await snapshot(page, 'payments-report');
  await report.getByRole('button', { name: 'Close' }).click();

  // ---- The audit log shows every action with who did it, and exports.
  await page.getByRole('button', { name: 'Audit log' }).click();
  const audit = page.getByRole('dialog', { name: 'Audit log' });
  const log = audit.getByRole('table', { name: 'Payments audit log' });
  for (const action of ['Posted', 'Held', 'Undone', 'Reassigned'])
    await expect(log.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  // 3 + 2 + 1 posts, a reassignment, a hold and its undo.
  await expect(audit.getByText(/^1–\d+ of (9|[1-9]\d+)$/)).toBeVisible();
  await expectAccessible(page, 'audit log dialog');
  await snapshot(page, 'payments-audit');
  const auditDownload = page.waitForEvent('download');
  await audit.getByRole('button', { name: 'Export CSV' }).click();
  const auditFile = testInfo.outputPath('audit.csv');
  await (await auditDownload).saveAs(auditFile);
  expect(fs.readFileSync(auditFile, 'utf8')).toContain(holdAccount);
});

test('live posting: the clerk sees today’s posts by IC Clerk and the exceptions that fell back to the queue', async ({
  app: page,
}) => {
  // The PM switches the sandbox biller to live posting before the first download.
  await page.evaluate(async () => {
    const api = (globalThis as unknown as Api).api;
    const billers = (await api.billers!.list!()) as Array<Record<string, unknown> & { id: string; name: string }>;
    const b = billers.find((x) => x.name === 'Sandbox Utility')!;
    const fields = Object.fromEntries(
      [
        'name',
        'timeZone',
        'billerGuid',
        'invoiceTypeId',
        'invoiceFormatGuid',
        'icHost',
        'impresaUrl',
        'impresaUser',
        'livePostingUser',
        'isJobHost',
      ].map((k) => [k, b[k]]),
    );
    await api.billers!.update!({ id: b.id, fields: { ...fields, postingMode: 'live' } });
  });
  await page.getByRole('tab', { name: 'Payments' }).click();
  const run = await runPaymentsJob(page);
  expect(run.state, run.summary ?? '').toBe('succeeded');
  expect(run.summary).toMatch(/posted live/);

  await expect(page.getByText(/Payments are posted straight to accounts as IC Clerk/)).toBeVisible();
  // Live posting leaves Ready empty, so the screen opened on today's live posts.
  await expect(tab(page, 'Posted today')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => tabCount(page, 'Posted today')).toBeGreaterThan(10);
  await expect.poll(() => tabCount(page, 'Exceptions')).toBeGreaterThan(0);
  expect(await tabCount(page, 'Ready')).toBe(0);

  await tab(page, 'Ready').click();
  await page.getByRole('button', { name: 'Today’s posts by IC Clerk' }).click();
  await expect(tab(page, 'Posted today')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('switch', { name: 'Only IC Clerk' })).toBeChecked();
  const posted = page.getByRole('grid', { name: 'Posted today payments' });
  await expect(dataRows(posted).first()).toContainText('IC Clerk');
  expect(readTotal(await page.getByTestId('shown-total').textContent()).count).toBe(
    await tabCount(page, 'Posted today'),
  );
  await expectAccessible(page, 'live-mode view of today’s posts');
  await snapshot(page, 'payments-live');

  await page.getByRole('button', { name: 'Exceptions', exact: true }).click();
  const exceptions = page.getByRole('grid', { name: 'Exceptions payments' });
  await expect(dataRows(exceptions)).toHaveCount(await tabCount(page, 'Exceptions'));
  await expect(row(exceptions, 1).locator('[aria-colindex="7"]')).not.toBeEmpty();
});

/** Where the embedded sandbox's InHANCE listens: the host logs it at start. */
function impresaUrl(dataDir: string): string {
  const log = fs.readFileSync(path.join(dataDir, 'logs', 'main.log'), 'utf8');
  const m = /InHANCE at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
  if (!m) throw new Error('The host did not log the embedded InHANCE address.');
  return m[1]!;
}

/** A second clerk at another workstation posts an entry straight in InHANCE, as user `mlopez`. */
async function postAsOtherClerk(base: string, paymentGuid: string): Promise<{ entryId: string }> {
  const { impresaUser, impresaPassword } = sandboxCredentials(DEFAULT_SANDBOX_SEED);
  const session = (await (
    await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: impresaUser, password: impresaPassword }),
    })
  ).json()) as { token: string };
  const auth = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
  const lookup = (await (
    await fetch(`${base}/api/v1/external-refs/${encodeURIComponent(paymentGuid)}`, { headers: auth })
  ).json()) as { entry: { entryId: string } | null };
  if (!lookup.entry) throw new Error(`InHANCE holds no entry for ${paymentGuid}.`);
  const res = await fetch(`${base}/api/v1/entries/${encodeURIComponent(lookup.entry.entryId)}/post`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ user: 'mlopez' }),
  });
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`The other clerk's post answered ${res.status}: ${await res.text()}`);
  return lookup.entry;
}

/** Sets how often the Payments screen reads InHANCE by itself; call before opening the screen. */
async function pollQueueEvery(page: Page, ms: number): Promise<void> {
  await page.evaluate(
    ([key, value]) =>
      (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
        key!,
        value!,
      ),
    [QUEUE_POLL_KEY, String(ms)],
  );
}

test('two clerks: an entry the other clerk posted meanwhile is not posted twice, and the row says who posted it', async ({
  app: page,
  host,
}) => {
  test.setTimeout(180_000);
  // The story needs this screen to still show the other clerk's entry as ready when the clerk posts:
  // no background read of InHANCE may pick up the other post in between.
  await pollQueueEvery(page, 600_000);
  await page.getByRole('tab', { name: 'Payments' }).click();
  expect((await runPaymentsJob(page)).state).toBe('succeeded');
  const ready = page.getByRole('grid', { name: 'Ready payments' });
  await expect.poll(() => tabCount(page, 'Ready')).toBeGreaterThan(10);
  const theirs = row(ready, 1);
  const mine = row(ready, 2);
  const paymentGuid = (await theirs.locator('[aria-colindex="7"] [title]').getAttribute('title'))!;
  const theirAccount = await accountOf(theirs);
  const myCents = await amountOf(mine);
  const before = await readyTotal(page);

  // This workstation still shows the entry as ready when the clerk selects both and posts.
  await theirs.click();
  await mine.click({ modifiers: ['Control'] });
  await postAsOtherClerk(impresaUrl(host.dataDir), paymentGuid);
  await page.getByRole('button', { name: 'Post 2', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Post 2 payments?' })
    .getByRole('button', { name: /^Post 2 · / })
    .click();

  const results = page.getByRole('region', { name: 'Results of the last action' });
  await expect(results.getByRole('status')).toHaveText(
    `Posted 1 of 2 · ${fmt(myCents)} · 1 already posted by someone else`,
  );
  await expect(results.getByRole('listitem').filter({ hasText: theirAccount })).toContainText(
    /Already posted by mlopez at \d{1,2}:\d{2}/,
  );
  // The row stays on screen with who posted it, until the clerk dismisses the results.
  const kept = ready.getByRole('row').filter({ hasText: theirAccount });
  await expect(kept).toContainText(/Already posted by mlopez at /);
  // Neither posted entry counts as ready any more; only this clerk's post is in this clerk's name.
  await expect
    .poll(() => readyTotal(page))
    .toEqual({ count: before.count - 2, cents: before.cents - myCents - (await amountOf(kept)) });
  await expectAccessible(page, 'Ready tab with an already-posted row');
  await snapshot(page, 'payments-already-posted');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(ready.getByRole('row').filter({ hasText: theirAccount })).toHaveCount(0);

  await tab(page, 'Posted today').click();
  const posted = page.getByRole('grid', { name: 'Posted today payments' });
  await expect(posted.getByRole('row').filter({ hasText: theirAccount })).toContainText('mlopez');

  // A reject needs a reason; R asks for it, U puts the entry back.
  await tab(page, 'Ready').click();
  const rejectAccount = await accountOf(row(ready, 1));
  await row(ready, 1).click();
  await page.keyboard.press('r');
  const reject = page.getByRole('dialog', { name: 'Reject 1 payment?' });
  await expect(reject.getByRole('textbox')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(reject.getByText('Say why the payments are rejected.')).toBeVisible();
  await expectAccessible(page, 'reject dialog with its error');
  await page.keyboard.type('Payer asked for a refund');
  await page.keyboard.press('Enter');
  await expect.poll(() => tabCount(page, 'Rejected')).toBe(1);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await tab(page, 'Rejected').click();
  const rejected = page.getByRole('grid', { name: 'Rejected payments' });
  await expect(row(rejected, 1)).toContainText(rejectAccount);
  await expect(row(rejected, 1)).toContainText('Payer asked for a refund');
  await row(rejected, 1).click();
  await page.keyboard.press('u');
  await expect.poll(() => tabCount(page, 'Rejected')).toBe(0);
  await tab(page, 'Ready').click();
  await expect(ready.getByRole('row').filter({ hasText: rejectAccount })).toHaveCount(1);
});

function fmt(cents: number): string {
  return `$${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;
}

test('the queue reads InHANCE by itself while the screen is open, and says how long ago it did', async ({
  app: page,
  host,
}) => {
  await pollQueueEvery(page, 1500);
  await page.getByRole('tab', { name: 'Payments' }).click();
  expect((await runPaymentsJob(page)).state).toBe('succeeded');
  const ready = page.getByRole('grid', { name: 'Ready payments' });
  // Wait for the screen to show all the job brought in (main's own count), so the next change is the other clerk's.
  const mainReady = await page.evaluate(async () => {
    const api = (globalThis as unknown as Api).api;
    const billers = (await api.billers!.list!()) as Array<{ id: string; name: string }>;
    const billerId = billers.find((b) => b.name === 'Sandbox Utility')!.id;
    await api.payments!.refresh!({ billerId });
    return ((await api.payments!.counts!({ billerId })) as { tabs: { ready: { count: number } } }).tabs.ready.count;
  });
  expect(mainReady).toBeGreaterThan(10);
  await expect.poll(() => tabCount(page, 'Ready')).toBe(mainReady);
  const readAgo = page.getByTestId('read-ago');
  await expect(readAgo).toHaveText(/^Read from InHANCE (just now|\d+ s ago)$/);

  // Another clerk posts an entry at another workstation; nobody here presses Refresh.
  const before = await tabCount(page, 'Ready');
  const theirs = row(ready, 1);
  const theirAccount = await accountOf(theirs);
  const paymentGuid = (await theirs.locator('[aria-colindex="7"] [title]').getAttribute('title'))!;
  await postAsOtherClerk(impresaUrl(host.dataDir), paymentGuid);
  await expect.poll(() => tabCount(page, 'Ready'), { timeout: 15_000 }).toBe(before - 1);
  await expect(ready.getByRole('row').filter({ hasText: theirAccount })).toHaveCount(0);
  await expect(readAgo).toHaveText(/^Read from InHANCE (just now|\d+ s ago)$/);
  await expectAccessible(page, 'Ready tab after a background read');
});

test('two clerks race through the confirm dialog: the dialog keeps what this clerk chose, and the result names who posted it first', async ({
  app: page,
  host,
  browser,
}) => {
  // Two windows, a Payments run and axe checks: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  await pollQueueEvery(page, 600_000);
  await page.getByRole('tab', { name: 'Payments' }).click();
  expect((await runPaymentsJob(page)).state).toBe('succeeded');
  const ready = page.getByRole('grid', { name: 'Ready payments' });
  await expect.poll(() => tabCount(page, 'Ready')).toBeGreaterThan(10);
  const before = await tabCount(page, 'Ready');
  const target = row(ready, 1);
  const account = await accountOf(target);
  const cents = await amountOf(target);

  // The other clerk: a second window (its own browser context, as another workstation) on the same host and queue.
  const otherContext = await browser.newContext({ viewport: page.viewportSize() });
  const other = await otherContext.newPage();
  await other.goto(host.url);
  await pollQueueEvery(other, 600_000);
  await other.reload();
  await other.getByRole('tab', { name: 'Payments' }).click();
  const theirReady = other.getByRole('grid', { name: 'Ready payments' });
  await expect(theirReady.getByRole('row').filter({ hasText: account })).toHaveCount(1);

  // This clerk picks the entry and opens the confirm dialog…
  await target.click();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Post 1 payment?' });
  await expect(dialog.getByRole('button', { name: `Post 1 · ${fmt(cents)}` })).toBeFocused();

  // …while the other clerk posts the very same entry.
  await theirReady.getByRole('row').filter({ hasText: account }).click();
  await other.keyboard.press('Enter');
  await other
    .getByRole('dialog', { name: 'Post 1 payment?' })
    .getByRole('button', { name: /^Post 1 · / })
    .click();
  await expect(other.getByRole('region', { name: 'Results of the last action' }).getByRole('status')).toHaveText(
    `Posted 1 of 1 · ${fmt(cents)}`,
  );

  // This screen hears of it (the row leaves its Ready tab behind the dialog); the dialog still says what the clerk chose.
  await expect(page.getByRole('tab', { name: /^Ready \(/, includeHidden: true })).toHaveText(
    `Ready (${(before - 1).toLocaleString('en-US')})`,
  );
  await expect(dialog.getByRole('button', { name: `Post 1 · ${fmt(cents)}` })).toBeVisible();
  await expect(dialog).toContainText(`1 payment totalling ${fmt(cents)}`);
  await expectAccessible(page, 'confirm dialog after another clerk posted');
  await dialog.getByRole('button', { name: `Post 1 · ${fmt(cents)}` }).click();

  // The answer is per entry, in words: already posted, by whom and when. Never a contract message.
  const results = page.getByRole('region', { name: 'Results of the last action' });
  await expect(results.getByRole('status')).toHaveText('Posted 0 of 1 · 1 already posted by someone else');
  await expect(results.getByRole('listitem').filter({ hasText: account })).toContainText(
    /Already posted by \S+ at \d{1,2}:\d{2} (AM|PM)/,
  );
  await expect(page.getByRole('main')).not.toContainText('entryIds');
  await expect(page.getByRole('main')).not.toContainText('not accepted');
  await expectAccessible(page, 'results after the race');
  await otherContext.close();
});

/** Data rows of the grid that show whole inside its scroll box (the header row excluded). */
async function wholeRowsInView(grid: Locator): Promise<number> {
  return grid.evaluate((g) => {
    const win = globalThis as unknown as { innerHeight: number };
    const box = g.getBoundingClientRect();
    const head = g.querySelector('[aria-rowindex="1"]')!.getBoundingClientRect();
    const view = { top: Math.max(box.top, head.bottom), bottom: Math.min(box.bottom, win.innerHeight) };
    return [...g.querySelectorAll('[role="row"]:not([aria-rowindex="1"])')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= view.top - 1 && b.bottom <= view.bottom + 1;
    }).length;
  });
}

/** Nothing on the page is wider than the window: no sideways scrolling. */
async function pageWidth(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => {
    type El = { scrollWidth: number; clientWidth: number };
    const doc = (globalThis as unknown as { document: { documentElement: El; querySelector(s: string): El } }).document;
    const main = doc.querySelector('main');
    return {
      scroll: Math.max(doc.documentElement.scrollWidth, main.scrollWidth),
      client: doc.documentElement.clientWidth,
    };
  });
}

test('on a workstation screen the queue shows at least 12 rows, and at 1024×700 every control is in reach without sideways scrolling', async ({
  app: page,
}) => {
  test.setTimeout(240_000);
  // A second biller: the header then carries the biller picker too, its widest form.
  await page.evaluate(() =>
    (globalThis as unknown as Api).api.billers!.create!({
      name: 'Shelbyville Power and Light',
      timeZone: 'America/Chicago',
      billerGuid: '3c4e28ba-2fa1-11d2-883f-0016d3cca427',
      invoiceTypeId: 7,
      impresaUrl: 'http://127.0.0.1:9/impresa',
      icHost: 'http://127.0.0.1:9',
      impresaUser: 'shelby',
      postingMode: 'pending',
      isJobHost: false,
    }),
  );
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('tab', { name: 'Payments' }).click();
  expect((await runPaymentsJob(page)).state).toBe('succeeded');
  const ready = page.getByRole('grid', { name: 'Ready payments' });
  await expect.poll(() => tabCount(page, 'Ready')).toBeGreaterThan(20);
  await expect.poll(() => wholeRowsInView(ready)).toBeGreaterThanOrEqual(12);
  // "In queue" says what it measures.
  await expect(ready.getByRole('columnheader', { name: 'In queue' }).locator('[title]')).toHaveAttribute(
    'title',
    /waited in the InHANCE queue .* not since the customer paid/,
  );
  // At a workstation's width the times, methods, references and every header show whole: the spare
  // width goes to them before the flexible columns (at 1366 the time read "Dec 4, 10:41…").
  const cutAt1366 = await ready.evaluate((grid) =>
    [
      ...grid.querySelectorAll(
        '[role="columnheader"]:not([aria-colindex="1"]) > *, [role="row"] [aria-colindex="5"], [role="row"] [aria-colindex="6"], [role="row"] [aria-colindex="7"]',
      ),
    ]
      .filter((c) => c.scrollWidth > c.clientWidth)
      .map((c) => `${c.textContent} ${c.scrollWidth}/${c.clientWidth}`),
  );
  expect(cutAt1366).toEqual([]);
  await expectAccessible(page, 'Payments at 1366×768');
  await snapshot(page, 'payments-1366x768');

  // After an action the result panel shows, and can be dismissed; a tab change takes it away too.
  await row(ready, 1).click();
  await page.keyboard.press('h');
  await page.getByRole('dialog', { name: 'Hold 1 payment?' }).getByRole('button', { name: /^Hold/ }).click();
  const results = page.getByRole('region', { name: 'Results of the last action' });
  await expect(results.getByRole('status')).toHaveText(/^Held 1 of 1/);
  await expect.poll(() => wholeRowsInView(ready)).toBeGreaterThanOrEqual(9);
  await snapshot(page, 'payments-1366x768-after-action');
  await tab(page, 'Held').click();
  await expect(results).toHaveCount(0);
  await tab(page, 'Ready').click();

  // Straight from the navigation to the table: the skip link is the screen's first Tab stop, and "g q" works from anywhere.
  await page.getByRole('tab', { name: 'Payments' }).focus();
  // Out of the navigation (its tabs, then Preferences and the mode switch) the first stop is the skip link.
  for (
    let i = 0;
    i < 6 &&
    (await page.evaluate(
      () =>
        (
          globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }
        ).document.activeElement?.closest('nav') !== null,
    ));
    i++
  )
    await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the queue (g q)' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ready.locator('[role="row"][tabindex="0"]')).toBeFocused();
  await page.getByRole('button', { name: 'Refresh' }).focus();
  await page.keyboard.press('g');
  await page.keyboard.press('q');
  await expect(ready.locator('[role="row"][tabindex="0"]')).toBeFocused();

  // 1024×700: nothing scrolls sideways, and every control can be brought into view and is inside the window's width.
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect
    .poll(async () => {
      const w = await pageWidth(page);
      return w.scroll <= w.client;
    })
    .toBe(true);
  const controls = [
    page.getByRole('button', { name: 'Refresh' }),
    page.getByRole('button', { name: 'Daily report' }),
    page.getByRole('button', { name: 'Audit log' }),
    page.getByRole('combobox', { name: 'Biller' }),
    page.getByRole('textbox', { name: 'Search (/)' }),
    page.getByRole('combobox', { name: 'Method' }),
    page.getByRole('combobox', { name: 'Deposit day' }),
    page.getByRole('button', { name: /^Post/ }),
    page.getByRole('button', { name: /^Hold/ }),
    page.getByRole('button', { name: /^Reject/ }),
    page.getByRole('button', { name: /^Select all that match/ }),
    page.getByRole('button', { name: 'Every day' }),
    tab(page, 'Posted today'),
    ready,
  ];
  for (const control of controls) {
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeInViewport();
    const box = (await control.boundingBox())!;
    expect(box.x + box.width, await control.evaluate((e) => e.outerHTML.slice(0, 80))).toBeLessThanOrEqual(1024);
  }
  await expect.poll(() => wholeRowsInView(ready)).toBeGreaterThanOrEqual(5);
  // The Ready tab's columns fit too: the table itself does not scroll sideways.
  expect(await ready.evaluate((g) => g.scrollWidth - g.clientWidth)).toBeLessThanOrEqual(0);
  // Every account number shows whole (no "0001401-…"): it is what the clerk reads a payment by.
  const cut = await dataRows(ready)
    .locator('[aria-colindex="2"]')
    .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent));
  expect(cut).toEqual([]);
  await expectAccessible(page, 'Payments at 1024×700');
  await snapshot(page, 'payments-1024x700');
});

test('rows are re-used while scrolling: focus, selection and ticks always belong to the entry a row shows', async ({
  app: page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('tab', { name: 'Payments' }).click();
  expect((await runPaymentsJob(page)).state).toBe('succeeded');
  const ready = page.getByRole('grid', { name: 'Ready payments' });
  await expect.poll(() => tabCount(page, 'Ready')).toBeGreaterThan(60);
  const count = await tabCount(page, 'Ready');
  /** The focused element's row index and entry, or null when focus is not on a row of the grid. */
  const focused = () =>
    ready.evaluate((grid) => {
      const doc = grid.ownerDocument;
      const el = doc.activeElement;
      if (!el || !grid.contains(el) || el.getAttribute('role') !== 'row') return null;
      return { index: Number(el.getAttribute('aria-rowindex')), id: el.getAttribute('data-row-id') };
    });
  /** What every row in the DOM shows: its index, entry, account, and whether it is marked selected and ticked. */
  const shown = () =>
    dataRows(ready).evaluateAll((rows) =>
      rows.map((r) => ({
        index: Number(r.getAttribute('aria-rowindex')),
        id: r.getAttribute('data-row-id')!,
        account: r.querySelector('[aria-colindex="2"]')!.textContent!.trim(),
        selected: r.getAttribute('aria-selected') === 'true',
        ticked: (r.querySelector('input[type="checkbox"]') as unknown as { checked: boolean }).checked,
      })),
    );

  // The first row, then the last and back by keyboard: each jump re-uses every row element.
  await page.getByRole('textbox', { name: 'Search (/)' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(focused).toMatchObject({ index: 2 });
  const first = (await focused())!;
  const firstAccount = await accountOf(row(ready, 1));
  await page.keyboard.press('Space');
  await expect(row(ready, 1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect.poll(focused).toMatchObject({ index: count + 1 });
  expect((await focused())!.id).not.toBe(first.id);
  // No element still marks the first entry's selection on another entry.
  for (const r of await shown()) {
    expect(r.selected, `row ${r.index} (${r.account})`).toBe(false);
    expect(r.ticked, `row ${r.index} (${r.account})`).toBe(false);
  }
  await page.keyboard.press('Home');
  await expect.poll(focused).toEqual(first);
  const top = (await shown()).find((r) => r.index === 2)!;
  expect(top).toMatchObject({ id: first.id, account: firstAccount, selected: true, ticked: true });
  for (const r of (await shown()).filter((x) => x.index !== 2)) expect(r.selected || r.ticked).toBe(false);

  // PageDown moves focus a page at a time; the focused element is always the row at that index.
  for (let i = 0; i < 3; i++) {
    const before = (await focused())!.index;
    await page.keyboard.press('PageDown');
    await expect.poll(async () => (await focused())?.index ?? 0).toBeGreaterThan(before);
    const now = (await focused())!;
    const atIndex = (await shown()).find((r) => r.index === now.index)!;
    expect(atIndex.id).toBe(now.id);
  }

  // The wheel takes the focused row out of view: its element now shows another entry and must not keep
  // the focus (a focus ring on the wrong payment); coming back, the entries are where they were.
  await page.keyboard.press('Home');
  await expect.poll(focused).toEqual(first);
  const box = (await ready.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 32 * 40);
  await expect.poll(async () => Math.min(...(await shown()).map((r) => r.index))).toBeGreaterThan(20);
  const away = await focused();
  expect(away === null || away.id === first.id).toBe(true);
  for (const r of await shown()) expect(r.selected || r.ticked, `row ${r.index}`).toBe(false);
  await page.mouse.wheel(0, -32 * 60);
  await expect.poll(async () => Math.min(...(await shown()).map((r) => r.index))).toBe(2);
  expect((await shown()).find((r) => r.index === 2)).toMatchObject({ id: first.id, selected: true, ticked: true });
  // Each entry appears once, and each index once.
  const rows = await shown();
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  expect(new Set(rows.map((r) => r.index)).size).toBe(rows.length);
  await expectAccessible(page, 'Ready tab after scrolling both ways');

  // A header click sorts (amounts largest first), a second reverses, a third goes back to when paid;
  // the selected entry stays selected wherever it moves.
  const amountHeader = ready.getByRole('columnheader', { name: 'Amount' });
  const amounts = async () => {
    const rows = (await shown()).sort((a, b) => a.index - b.index).slice(0, 8);
    return Promise.all(rows.map((r) => amountOf(row(ready, r.index - 1))));
  };
  const paidOrder = (await shown()).sort((a, b) => a.index - b.index).map((r) => r.id);
  await amountHeader.getByRole('button').click();
  await expect(amountHeader).toHaveAttribute('aria-sort', 'descending');
  const down = await amounts();
  expect(down).toEqual([...down].sort((a, b) => b - a));
  await amountHeader.getByRole('button').click();
  await expect(amountHeader).toHaveAttribute('aria-sort', 'ascending');
  const up = await amounts();
  expect(up).toEqual([...up].sort((a, b) => a - b));
  expect(up[0]).toBeLessThanOrEqual(down[down.length - 1]!);
  await amountHeader.getByRole('button').click();
  await expect(amountHeader).not.toHaveAttribute('aria-sort', /./);
  await ready.evaluate((g) => (g.scrollTop = 0));
  await expect.poll(async () => (await shown()).sort((a, b) => a.index - b.index).map((r) => r.id)).toEqual(paidOrder);
  const selected = (await shown()).filter((r) => r.selected);
  expect(selected.map((r) => r.id)).toEqual([first.id]);

  // Ctrl+A in the grid selects the whole tab (every entry the Ready count says), Esc none.
  await row(ready, 1).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(page.getByRole('button', { name: `Post ${count}`, exact: true })).toBeVisible();
  expect((await shown()).every((r) => r.selected && r.ticked)).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await shown()).some((r) => r.selected || r.ticked)).toBe(false);
});
