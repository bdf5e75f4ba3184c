import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import { FakeClock } from '../../../main/ground/fake-clock';
import { MemoryLogger } from '../../../main/ground/logger';
import {
  ConfluenceSimulator,
  SANDBOX_CONFLUENCE_EMAIL,
  SANDBOX_CONFLUENCE_TOKEN,
  SANDBOX_PAGE_ID,
  SANDBOX_SHEET_ID,
  SANDBOX_SMARTSHEET_TOKEN,
  SEEDED_PAGE_CONTENT,
  SmartsheetSimulator,
} from '../../../main/sandbox/calls-sims';
import { springfieldFields } from '../../support/biller-fields';
import { filesContaining, requireSecretService, tempDataDir } from '../../support/temp';

let core: Core;
let clock: FakeClock;
let smartsheet: SmartsheetSimulator;
let confluence: ConfluenceSimulator;
let cleanup: () => void;
let dataDir: string;
let billerId: string;

beforeAll(() => requireSecretService());
afterEach(async () => {
  await core.close();
  await smartsheet.close();
  await confluence.close();
  cleanup();
});

async function start(): Promise<void> {
  const tmp = tempDataDir();
  cleanup = tmp.cleanup;
  dataDir = tmp.dir;
  clock = new FakeClock('2025-03-04T15:00:00Z');
  core = createCore({ dataDir: tmp.dir, shell: 'cli', logger: new MemoryLogger(), clock });
  smartsheet = new SmartsheetSimulator();
  confluence = new ConfluenceSimulator();
  await smartsheet.start();
  await confluence.start();
  billerId = (await core.billers.create(springfieldFields)).id;
  await core.calls.saveSettings(billerId, {
    smartsheetUrl: smartsheet.baseUrl,
    sheetId: String(SANDBOX_SHEET_ID),
    confluenceUrl: confluence.siteUrl,
    pageId: SANDBOX_PAGE_ID,
    confluenceEmail: SANDBOX_CONFLUENCE_EMAIL,
  });
  await core.calls.setToken(billerId, 'smartsheet-token', SANDBOX_SMARTSHEET_TOKEN);
  await core.calls.setToken(billerId, 'confluence-token', SANDBOX_CONFLUENCE_TOKEN);
}

const item = (text: string, owner = 'Dana (PM)') => ({ text, owner, role: 'PM' as const, dueDate: '2025-03-11' });
const rowTexts = () => [...smartsheet.rows.values()].map((r) => r.cells.find((c) => c.columnId === 7001)?.value);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('Smartsheet sync against the validating simulator', () => {
  it('adds rows, keeps their IDs so a second sync updates, re-adds a row deleted in Smartsheet, and every request matched the official description', async () => {
    await start();
    const a = core.calls.addAction(billerId, '2025-03-04', item('Send the BIF sample to InHANCE'));
    core.calls.addAction(billerId, '2025-03-04', item('Confirm the CRM mapping', 'Lee'));
    const first = await core.calls.syncSmartsheet(billerId);
    expect(first).toMatchObject({ added: 2, updated: 0, readded: 0, failed: [] });
    expect(rowTexts()).toEqual([
      'Kick-off: agree the conversion timeline',
      'Send the BIF sample to InHANCE',
      'Confirm the CRM mapping',
    ]);

    const again = await core.calls.syncSmartsheet(billerId);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2 });

    core.calls.updateAction(a.id, { status: 'done' });
    const afterDone = await core.calls.syncSmartsheet(billerId);
    expect(afterDone).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    expect(smartsheet.rows.size).toBe(3);
    const doneRow = smartsheet.rows.get(
      core.calls.get(billerId, '2025-03-04').actionItems.find((i) => i.id === a.id)!.smartsheetRowId!,
    );
    expect(doneRow?.cells.find((c) => c.columnId === 7004)?.value).toBe('Done');

    smartsheet.setFaults({ deleteRows: [doneRow!.id] });
    const readded = await core.calls.syncSmartsheet(billerId);
    expect(readded.readded).toBe(1);
    expect(readded.message).toMatch(/added again because its row was deleted in Smartsheet/);
    expect(smartsheet.rows.size).toBe(3);
    expect(smartsheet.rejected).toEqual([]);
    expect(filesContaining(dataDir, SANDBOX_SMARTSHEET_TOKEN)).toEqual([]);
  });

  it('on 429 (errorCode 4003) waits 60 s on the injected clock before retrying, and not a moment less', async () => {
    await start();
    core.calls.addAction(billerId, '2025-03-04', item('Rate limited item'));
    smartsheet.setFaults({ rateLimit: 1 });
    const sync = core.calls.syncSmartsheet(billerId);
    await until(() => clock.pending() > 0);
    const tries = smartsheet.requests;
    await clock.advance(59_999);
    expect(smartsheet.requests).toBe(tries);
    await clock.advance(1);
    const result = await sync;
    expect(result.added).toBe(1);
    expect(smartsheet.requests).toBeGreaterThan(tries);
  });

  it('keeps retrying with a doubling wait while Smartsheet keeps limiting, then says so in plain words and marks nothing synced', async () => {
    await start();
    core.calls.addAction(billerId, '2025-03-04', item('Never gets through'));
    smartsheet.setFaults({ rateLimit: 100 });
    const sync = core.calls.syncSmartsheet(billerId).catch((e: unknown) => e);
    for (const wait of [60_000, 120_000, 240_000, 480_000]) {
      await until(() => clock.pending() > 0);
      await clock.advance(wait);
    }
    const error = (await sync) as { code: string; message: string };
    expect(error.code).toBe('SYNC_FAILED');
    expect(error.message).toMatch(/rate limit exceeded/i);
    expect(core.calls.get(billerId, '2025-03-04').actionItems[0]!.smartsheetRowId).toBeNull();
  });

  it('partial success marks exactly the rows that succeeded', async () => {
    await start();
    core.calls.addAction(billerId, '2025-03-04', item('Good one'));
    core.calls.addAction(billerId, '2025-03-04', item('Bad one REJECTME'));
    core.calls.addAction(billerId, '2025-03-04', item('Another good one'));
    smartsheet.setFaults({ failRowsMatching: 'REJECTME' });
    const result = await core.calls.syncSmartsheet(billerId);
    expect(result.added).toBe(2);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]!.text).toBe('Bad one REJECTME');
    expect(result.failed[0]!.reason).toMatch(/did not conform.*Smartsheet error 1042, reference/);
    const items = core.calls.get(billerId, '2025-03-04').actionItems;
    expect(items.filter((i) => i.smartsheetRowId !== null).map((i) => i.text)).toEqual([
      'Good one',
      'Another good one',
    ]);
    for (const i of items.filter((x) => x.smartsheetRowId !== null))
      expect(smartsheet.rows.get(i.smartsheetRowId!)?.cells.find((c) => c.columnId === 7001)?.value).toBe(i.text);

    smartsheet.setFaults({ failRowsMatching: null });
    const retry = await core.calls.syncSmartsheet(billerId);
    expect(retry).toMatchObject({ added: 1, unchanged: 2, failed: [] });
  });

  it('reports a sheet without the needed columns before sending anything, and takes a chosen column instead', async () => {
    await start();
    core.calls.addAction(billerId, '2025-03-04', item('Needs a column'));
    smartsheet.columns.find((c) => c.title === 'Owner')!.title = 'Assigned to';
    const before = smartsheet.requests;
    await expect(core.calls.syncSmartsheet(billerId)).rejects.toMatchObject({
      code: 'SYNC_FAILED',
      message: expect.stringMatching(/Nothing was sent.*no column "Owner"/),
    });
    expect(smartsheet.requests).toBe(before + 1); // only the GET of the sheet
    const columns = await core.calls.sheetColumns(billerId);
    expect(columns.missing).toEqual(['no column "Owner"']);
    await core.calls.saveSettings(billerId, { columns: { owner: 7002 } });
    expect((await core.calls.syncSmartsheet(billerId)).added).toBe(1);
  });

  it('says a refused token in plain words with the reference', async () => {
    await start();
    core.calls.addAction(billerId, '2025-03-04', item('x'));
    await core.calls.setToken(billerId, 'smartsheet-token', 'wrong-token');
    await expect(core.calls.syncSmartsheet(billerId)).rejects.toMatchObject({
      code: 'SYNC_FAILED',
      message: expect.stringMatching(/refused the API access token.*Smartsheet reference sim/),
    });
  });
});

describe('Confluence publish against the validating simulator', () => {
  it("adds the call's section, replaces it on republish, and keeps the page's other content", async () => {
    await start();
    core.calls.save({
      billerId,
      date: '2025-03-04',
      summary: 'BIF upload works.',
      attendees: [{ name: 'Dana', role: 'PM', present: true, contactId: null }],
    });
    const first = await core.calls.publishConfluence(billerId, '2025-03-04');
    expect(first).toMatchObject({ replaced: false, version: 8, attempts: 1 });
    core.calls.save({ billerId, date: '2025-03-04', summary: 'BIF upload works; balances next.' });
    const second = await core.calls.publishConfluence(billerId, '2025-03-04');
    expect(second).toMatchObject({ replaced: true, version: 9 });
    const page = confluence.pages.get(SANDBOX_PAGE_ID)!;
    expect(page.storage.startsWith(SEEDED_PAGE_CONTENT)).toBe(true);
    expect(page.storage.match(/Support call 2025-03-04/g)).toHaveLength(1);
    expect(page.storage).toContain('balances next');
    expect(confluence.rejected).toEqual([]);
  });

  it('on a version conflict reads again and retries, keeping the edit made meanwhile; gives up after three tries', async () => {
    await start();
    core.calls.save({ billerId, date: '2025-03-04', summary: 'Conflicts' });
    confluence.setFaults({ conflicts: 2 });
    const result = await core.calls.publishConfluence(billerId, '2025-03-04');
    expect(result.attempts).toBe(3);
    const page = confluence.pages.get(SANDBOX_PAGE_ID)!;
    expect(page.storage.match(/A colleague added this line/g)).toHaveLength(2);
    expect(page.storage.startsWith(SEEDED_PAGE_CONTENT)).toBe(true);

    confluence.setFaults({ conflicts: 3 });
    const before = page.storage;
    await expect(core.calls.publishConfluence(billerId, '2025-03-04')).rejects.toMatchObject({
      code: 'SYNC_FAILED',
      message: expect.stringMatching(/3 version conflicts/),
    });
    expect(page.storage.startsWith(before)).toBe(true);
  });

  it('answers 400 with the reason to a request that does not match the description', async () => {
    await start();
    const auth = `Basic ${Buffer.from(`${SANDBOX_CONFLUENCE_EMAIL}:${SANDBOX_CONFLUENCE_TOKEN}`).toString('base64')}`;
    const res = await fetch(`${confluence.siteUrl}/wiki/api/v2/pages/${SANDBOX_PAGE_ID}`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ id: SANDBOX_PAGE_ID, title: 'x', body: { representation: 'storage', value: '' } }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/status|version/);
    const sheet = await fetch(`${smartsheet.baseUrl}/sheets/${SANDBOX_SHEET_ID}/rows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SANDBOX_SMARTSHEET_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ cells: [{ columnId: 'seven' }] }]),
    });
    expect(sheet.status).toBe(400);
    expect(((await sheet.json()) as { message: string }).message).toMatch(/columnId/);
  });
});
