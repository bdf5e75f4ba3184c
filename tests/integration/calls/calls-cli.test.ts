import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfluenceSimulator,
  SANDBOX_CONFLUENCE_EMAIL,
  SANDBOX_CONFLUENCE_TOKEN,
  SANDBOX_PAGE_ID,
  SANDBOX_SHEET_ID,
  SANDBOX_SMARTSHEET_TOKEN,
  SmartsheetSimulator,
} from '../../../main/sandbox/calls-sims';
import { runCli } from '../../support/cli';
import { filesContaining, requireBuild, requireSecretService, tempDataDir } from '../../support/temp';

let dir: string;
let cleanup: () => void;
let smartsheet: SmartsheetSimulator;
let confluence: ConfluenceSimulator;
beforeAll(() => {
  requireBuild();
  requireSecretService();
});
afterEach(async () => {
  await smartsheet?.close();
  await confluence?.close();
  cleanup?.();
});

const addBiller = [
  'billers',
  'add',
  '--name',
  'Springfield Water',
  '--time-zone',
  'America/New_York',
  '--biller-guid',
  '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  '--invoice-type-id',
  '7',
  '--impresa-url',
  'https://impresa.springfield.gov/api',
  '--impresa-user',
  'bridge',
  '--posting-mode',
  'pending',
];

describe('calls CLI', () => {
  it('records a call and an action item, carries it over, syncs to both simulators, exports notes and lists open issues', async () => {
    ({ dir, cleanup } = tempDataDir());
    smartsheet = new SmartsheetSimulator();
    confluence = new ConfluenceSimulator();
    await smartsheet.start();
    await confluence.start();
    const cli = (args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) =>
      runCli([...args, '--data-dir', dir], options);
    expect((await cli(addBiller)).code).toBe(0);

    const refused = await cli(['calls', 'settings', '--smartsheet-token', 'abc']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/never taken as arguments/);

    const settings = await cli(
      [
        'calls',
        'settings',
        '--smartsheet-url',
        smartsheet.baseUrl,
        '--sheet-id',
        String(SANDBOX_SHEET_ID),
        '--confluence-url',
        confluence.siteUrl,
        '--page-id',
        SANDBOX_PAGE_ID,
        '--confluence-email',
        SANDBOX_CONFLUENCE_EMAIL,
        '--secrets-stdin',
      ],
      {
        stdin: JSON.stringify({ smartsheetToken: SANDBOX_SMARTSHEET_TOKEN }),
      },
    );
    expect(settings.stderr).toBe('');
    expect(settings.stdout).toMatch(/Smartsheet token:\s+stored/);
    expect(settings.stdout).toMatch(/Confluence token:\s+not stored/);

    expect((await cli(['calls', 'add', '--date', '2025-03-04', '--summary', 'First call'])).code).toBe(0);
    const action = await cli([
      'calls',
      'action',
      'add',
      '--date',
      '2025-03-04',
      '--text',
      'Send the BIF sample',
      '--owner',
      'Dana',
      '--due',
      '2025-03-10',
    ]);
    expect(action.stdout).toContain('Added the action item "Send the BIF sample"');
    const next = await cli(['calls', 'add', '--date', '2025-03-11']);
    expect(next.stdout).toMatch(/1 open action item\(s\) carried over/);
    const show = await cli(['calls', 'show', '2025-03-11']);
    expect(show.stdout).toMatch(/Carried over from earlier calls[\s\S]*Send the BIF sample/);

    const sync = await cli(['calls', 'sync', '--smartsheet']);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/1 added/);
    const noToken = await cli(['calls', 'sync', '--confluence', '--date', '2025-03-04']);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/Confluence API token is not stored/);
    const publish = await cli(['calls', 'sync', '--confluence', '--date', '2025-03-04'], {
      env: { IMPRESA_BRIDGE_CONFLUENCE_TOKEN: SANDBOX_CONFLUENCE_TOKEN },
    });
    expect(publish.stdout).toMatch(/Added the 2025-03-04 call's section/);
    expect(publish.code).toBe(0);

    const md = path.join(dir, 'notes.md');
    const pdf = path.join(dir, 'notes.pdf');
    expect((await cli(['calls', 'export', '2025-03-04', '--format', 'md', '--out', md])).code).toBe(0);
    expect(fs.readFileSync(md, 'utf8')).toContain('- [ ] Send the BIF sample. Owner: Dana (PM); due 2025-03-10');
    expect((await cli(['calls', 'export', '2025-03-04', '--format', 'pdf', '--out', pdf])).code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const issues = JSON.parse((await cli(['calls', 'open-issues', '--owner', 'dana', '--json'])).stdout) as Array<{
      text: string;
      ageDays: number;
    }>;
    expect(issues.map((i) => i.text)).toEqual(['Send the BIF sample']);

    smartsheet.setFaults({ rateLimit: 0 });
    await cli(['calls', 'settings', '--sheet-id', '1']);
    const failed = await cli(['calls', 'sync', '--smartsheet']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/no such sheet/);

    expect(smartsheet.rejected).toEqual([]);
    expect(confluence.rejected).toEqual([]);
    expect(filesContaining(dir, SANDBOX_SMARTSHEET_TOKEN)).toEqual([]);
    expect(filesContaining(dir, SANDBOX_CONFLUENCE_TOKEN)).toEqual([]);
    // Some twenty CLI processes, each opening the database and the keychain: more than the default minute on a busy machine.
  }, 240_000);
});
