import fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadKeytar, KEYCHAIN_SERVICE } from '../../main/secrets/secret-store';
import { runCli } from '../support/cli';
import { filesContaining, requireBuild, requireSecretService, tempDataDir } from '../support/temp';

let dir: string;
let cleanup: () => void;
beforeAll(() => {
  requireBuild();
  requireSecretService();
});
afterEach(() => cleanup?.());

const addArgs = (name: string) => [
  'billers',
  'add',
  '--name',
  name,
  '--time-zone',
  'America/New_York',
  '--biller-guid',
  '1B4E28BA-2FA1-11D2-883F-0016D3CCA427',
  '--invoice-type-id',
  '7',
  '--impresa-url',
  'https://impresa.springfield.gov/api',
  '--impresa-user',
  'bridge',
  '--posting-mode',
  'pending',
];

describe('billers CLI', () => {
  it('adds a biller with the key from the environment, lists it as JSON, and keeps the key only in the keychain', async () => {
    ({ dir, cleanup } = tempDataDir());
    const key = 'env-key-8f2c1d';
    const add = await runCli([...addArgs('Springfield Water'), '--data-dir', dir], {
      env: { IMPRESA_BRIDGE_WEB_SERVICE_KEY: key },
    });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('web service key      stored in keychain');
    // Says what Track 70 is, not just its name.
    expect(add.stdout).toContain(
      'invoice format GUID  not yet: InvoiceCloud creates it on its internal Track 70 request, after the biller is set up',
    );
    const list = await runCli(['billers', 'list', '--json', '--data-dir', dir]);
    const billers = JSON.parse(list.stdout) as Array<{
      id: string;
      name: string;
      billerGuid: string;
      secrets: Record<string, boolean>;
    }>;
    expect(billers).toHaveLength(1);
    expect(billers[0]).toMatchObject({
      name: 'Springfield Water',
      billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      secrets: { 'web-service-key': true, 'impresa-password': false },
    });
    expect(await loadKeytar().getPassword(KEYCHAIN_SERVICE, `${billers[0]!.id}/web-service-key`)).toBe(key);
    expect(filesContaining(dir, key)).toEqual([]);
    expect(list.stdout).not.toContain(key);
  });

  it('takes secrets as JSON on standard input, updates by name, and removes with --yes', async () => {
    ({ dir, cleanup } = tempDataDir());
    await runCli([...addArgs('Ogdenville Gas'), '--data-dir', dir]);
    const upd = await runCli(
      [
        'billers',
        'update',
        '--biller',
        'ogdenville gas',
        '--impresa-user',
        'bridge2',
        '--secrets-stdin',
        '--json',
        '--data-dir',
        dir,
      ],
      {
        stdin: JSON.stringify({ impresaPassword: 'stdin-pass-77' }),
      },
    );
    expect(upd.code).toBe(0);
    expect(JSON.parse(upd.stdout)).toMatchObject({
      impresaUser: 'bridge2',
      postingMode: 'pending',
      secrets: { 'impresa-password': true },
    });
    // Live posting of a real biller goes through the go-live gate: refused while its checklist is open.
    const live = await runCli([
      'billers',
      'update',
      '--biller',
      'ogdenville gas',
      '--posting-mode',
      'live',
      '--data-dir',
      dir,
    ]);
    expect(live.code).toBe(1);
    expect(live.stderr).toMatch(/^Cannot switch payment posting to live for Ogdenville Gas yet: /);
    const refused = await runCli(['billers', 'remove', '--biller', 'Ogdenville Gas', '--data-dir', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Add --yes to confirm/);
    const removed = await runCli(['billers', 'remove', '--biller', 'Ogdenville Gas', '--yes', '--data-dir', dir]);
    expect(removed.code).toBe(0);
    expect(JSON.parse((await runCli(['billers', 'list', '--json', '--data-dir', dir])).stdout)).toEqual([]);
  });

  it('refuses secrets as arguments and bad fields, writing nothing', async () => {
    ({ dir, cleanup } = tempDataDir());
    const asArg = await runCli([...addArgs('A'), '--web-service-key', 'leaky', '--data-dir', dir]);
    expect(asArg.code).toBe(1);
    expect(asArg.stderr).toMatch(/never taken as arguments/);
    const badGuid = await runCli([
      'billers',
      'add',
      '--name',
      'B',
      '--biller-guid',
      'xyz',
      '--invoice-type-id',
      '1',
      '--impresa-url',
      'http://impresa.remote.gov',
      '--impresa-user',
      'u',
      '--posting-mode',
      'pending',
      '--data-dir',
      dir,
    ]);
    expect(badGuid.code).toBe(1);
    expect(badGuid.stderr).toMatch(/--biller-guid: The InvoiceCloud biller GUID must be a GUID/);
    expect(badGuid.stderr).toMatch(/--impresa-url: .*https:\/\//);
    expect(JSON.parse((await runCli(['billers', 'list', '--json', '--data-dir', dir])).stdout)).toEqual([]);
  });

  it('adds a biller all or nothing: with no keychain it fails, leaves no profile, and the same command works once the keychain is back', async () => {
    ({ dir, cleanup } = tempDataDir());
    const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ib-no-keychain', DISPLAY: '' };
    const key = 'env-key-retry-41aa';
    const failed = await runCli([...addArgs('Springfield Water'), '--data-dir', dir], {
      env: { ...noKeychain, IMPRESA_BRIDGE_WEB_SERVICE_KEY: key },
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/keychain cannot be reached/);
    expect(
      JSON.parse((await runCli(['billers', 'list', '--json', '--data-dir', dir], { env: noKeychain })).stdout),
    ).toEqual([]);
    const retried = await runCli([...addArgs('Springfield Water'), '--data-dir', dir], {
      env: { IMPRESA_BRIDGE_WEB_SERVICE_KEY: key },
    });
    expect(retried.stderr).toBe('');
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain('web service key      stored in keychain');
    expect(filesContaining(dir, key)).toEqual([]);
  });

  it('refuses an unknown option by name, with a guess, exit 2, and writes nothing', async () => {
    ({ dir, cleanup } = tempDataDir());
    const typo = await runCli([...addArgs('Springfield Water'), '--impresa-pass', 'hunter22', '--data-dir', dir]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^"billers add" has no option --impresa-pass \(no such option\)\. Did you mean --impresa-password\?/,
    );
    expect(typo.stderr + typo.stdout).not.toContain('hunter22');
    // Refused before the data folder is even opened.
    expect(fs.readdirSync(dir)).toEqual([]);

    const notForList = await runCli(['billers', 'list', '--posting-mode', 'live', '--data-dir', dir]);
    expect(notForList.code).toBe(2);
    expect(notForList.stderr).toMatch(/"billers list" has no option --posting-mode \(no such option\)\./);
    const misspelt = await runCli(['billers', 'remove', '--biler', 'Springfield Water', '--yes', '--data-dir', dir]);
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toMatch(/has no option --biler \(no such option\)\. Did you mean --biller\?/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('shows the Invoice File settings, changes them by flag, refuses a bad rule writing nothing, and resets them', async () => {
    ({ dir, cleanup } = tempDataDir());
    await runCli([...addArgs('Springfield Water'), '--data-dir', dir]);
    const shown = await runCli(['billers', 'invoice-file', '--biller', 'Springfield Water', '--data-dir', dir]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Invoice File settings for Springfield Water');
    expect(shown.stdout).toMatch(/second notification\s+3 days before the due date/);
    expect(shown.stdout).toMatch(/PDF linking\s+on: each invoice carries its PDF link/);

    const set = await runCli([
      'billers',
      'invoice-file',
      '--second',
      '5 before due',
      '--third',
      'off',
      '--pdf-linking',
      'no',
      '--json',
      '--data-dir',
      dir,
    ]);
    expect(set.stderr).toBe('');
    expect(JSON.parse(set.stdout)).toMatchObject({
      isDefault: false,
      pdfLinking: false,
      dates: { first: { from: 'bill', days: 0 }, second: { from: 'due', days: -5 }, third: null },
      described: ['on the bill date', '5 days before the due date', 'off'],
    });

    const bad = await runCli([
      'billers',
      'invoice-file',
      '--first',
      '3 before ship',
      '--pdf-linking',
      'yes',
      '--data-dir',
      dir,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^--first: "3 before ship" is not a notification date: write "off", "on bill", "on due", or e.g\. "3 before due"/,
    );
    const badLinking = await runCli(['billers', 'invoice-file', '--pdf-linking', 'maybe', '--data-dir', dir]);
    expect(badLinking.stderr).toMatch(/--pdf-linking takes yes or no, not "maybe"/);
    const kept = JSON.parse((await runCli(['billers', 'invoice-file', '--json', '--data-dir', dir])).stdout) as {
      pdfLinking: boolean;
      described: string[];
    };
    expect(kept).toMatchObject({
      pdfLinking: false,
      described: ['on the bill date', '5 days before the due date', 'off'],
    });

    const mixed = await runCli(['billers', 'invoice-file', '--reset', '--first', 'on due', '--data-dir', dir]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/--reset puts every Invoice File setting back to its default; leave out --first/);
    const reset = await runCli(['billers', 'invoice-file', '--reset', '--data-dir', dir]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^Saved; the next Invoice File run uses these\./);
    expect(reset.stdout).toContain('(the notification dates are the defaults)');
    expect(reset.stdout).toMatch(/PDF linking\s+on/);
    const typo = await runCli(['billers', 'invoice-file', '--pdf-link', 'no', '--data-dir', dir]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/has no option --pdf-link \(no such option\)\. Did you mean --pdf-linking\?/);
  });

  it('explains an unknown biller and an unknown command', async () => {
    ({ dir, cleanup } = tempDataDir());
    const unknown = await runCli(['billers', 'show', '--biller', 'Nowhere', '--data-dir', dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No biller has the id or name "Nowhere"/);
    const cmd = await runCli(['billers', 'fly', '--data-dir', dir]);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/Unknown command "billers fly"/);
  });
});
