import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import { MemoryLogger } from '../../../main/ground/logger';
import { springfieldFields } from '../../support/biller-fields';
import { filesContaining, requireSecretService, tempDataDir } from '../../support/temp';

let core: Core;
let cleanup: () => void;
let dir: string;
beforeAll(() => requireSecretService());
afterEach(async () => {
  await core.close();
  cleanup();
});

const call = (name: string, input: unknown) =>
  core.router.dispatch(name, input, { shell: 'browser', trustedSender: true });

describe('calls over IPC', () => {
  it('refuses bad input with a sentence and writes nothing; a token goes to the keychain and never comes back', async () => {
    const tmp = tempDataDir();
    ({ dir, cleanup } = tmp);
    core = createCore({ dataDir: dir, shell: 'browser', logger: new MemoryLogger(), startJobs: false });
    const billerId = (await core.billers.create(springfieldFields)).id;

    const badDate = await call('calls:save', { billerId, date: '4 March' });
    expect(badDate).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const noOwner = await call('calls:addAction', {
      billerId,
      date: '2025-03-04',
      item: { text: 'Send it', owner: ' ', role: 'PM', dueDate: null },
    });
    expect(noOwner).toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Enter the owner\./) },
    });
    expect(core.calls.list(billerId)).toEqual([]);
    const badLink = await call('calls:saveSeries', {
      billerId,
      series: {
        ...core.calls.series(billerId),
        id: undefined,
        billerId: undefined,
        next: undefined,
        joinText: undefined,
        joinUrl: 'https://evil.example/join',
      },
    });
    expect(badLink).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const badUrl = await call('calls:saveSettings', {
      billerId,
      settings: { smartsheetUrl: 'http://smartsheet.example.com/2.0' },
    });
    expect(badUrl).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringMatching(/https address/) } });

    const token = 'ipc-smartsheet-token-77aa';
    expect(await call('calls:setToken', { billerId, name: 'smartsheet-token', value: token })).toEqual({
      result: { ok: true },
    });
    const settings = await call('calls:settings', { billerId });
    expect(settings).toMatchObject({
      result: { smartsheetToken: true, confluenceToken: false, smartsheetUrl: 'https://api.smartsheet.com/2.0' },
    });
    expect(JSON.stringify(settings)).not.toContain(token);
    expect(filesContaining(dir, token)).toEqual([]);
    // Deleting the biller removes its call tokens from the keychain too.
    await core.billers.remove(billerId);
    expect(await core.secrets.get(billerId, 'smartsheet-token')).toBeNull();
  });
});
