import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/app/core';
import { FakeClock } from '../../main/ground/fake-clock';
import { MemoryLogger } from '../../main/ground/logger';
import { PASSPHRASE_ACCOUNT } from '../../main/app/mode';
import { KEYCHAIN_SERVICE, loadKeytar } from '../../main/secrets/secret-store';
import { springfieldFields } from '../support/biller-fields';
import { filesContaining, requireSecretService, tempDataDir } from '../support/temp';

const PASS = 'correct horse battery';
const ctx = { shell: 'browser' as const, trustedSender: true };

let core: Core;
let dir: string;
let cleanup: () => void;
let clock: FakeClock;
beforeAll(() => requireSecretService());
afterEach(async () => {
  await core.close();
  await loadKeytar().deletePassword(KEYCHAIN_SERVICE, PASSPHRASE_ACCOUNT);
  cleanup();
});

function start(initialMode: 'pm' | 'clerk' | null = null): Core {
  const tmp = tempDataDir();
  ({ dir, cleanup } = tmp);
  clock = new FakeClock('2026-12-07T12:00:00Z');
  core = createCore({
    dataDir: dir,
    shell: 'browser',
    logger: new MemoryLogger(),
    clock,
    initialMode,
    jobDefinitions: [],
  });
  return core;
}

const call = (channel: string, input: unknown = {}) => core.router.dispatch(channel, input, ctx);

describe('clerk mode and PM mode at the router', () => {
  it('first run: no mode yet; choosing clerk mode stores only a salted scrypt hash of the PM passphrase in the keychain', async () => {
    start();
    expect(await call('mode:get')).toEqual({ result: { mode: null, passphraseSet: false, lockedUntil: null } });
    expect(await call('mode:choose', { mode: 'clerk', passphrase: 'short' })).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call('mode:choose', { mode: 'clerk', passphrase: PASS })).toEqual({
      result: { mode: 'clerk', passphraseSet: true, lockedUntil: null },
    });
    const stored = await loadKeytar().getPassword(KEYCHAIN_SERVICE, PASSPHRASE_ACCOUNT);
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(stored).not.toContain(PASS);
    expect(filesContaining(dir, PASS)).toEqual([]);
    // Chosen once: a second first-run choice is refused.
    expect(await call('mode:choose', { mode: 'pm', passphrase: PASS })).toMatchObject({ error: { code: 'CONFLICT' } });
  });

  it('clerk mode: the queue, the biller list and the dashboard answer; setup, mapping, checklist, secrets and schedules are refused in main', async () => {
    start();
    const biller = core.billers.createProfile(springfieldFields);
    await call('mode:choose', { mode: 'clerk', passphrase: PASS });
    expect(await call('billers:list')).toHaveProperty('result');
    expect(await call('jobs:list', { billerId: biller.id })).toHaveProperty('result');
    expect(await call('payments:counts', { billerId: biller.id })).not.toMatchObject({
      error: { code: 'PM_MODE_REQUIRED' },
    });
    for (const [channel, input] of [
      ['checklist:get', { billerId: biller.id }],
      ['setup:update', { billerId: biller.id, fields: {} }],
      ['mapping:get', { billerId: biller.id }],
      ['secrets:set', { billerId: biller.id, name: 'web-service-key', value: 'x' }],
      ['jobs:setSchedule', { billerId: biller.id, job: 'balance', schedule: null }],
      ['jobs:pause', { billerId: biller.id, job: 'balance' }],
      ['billers:update', { id: biller.id, fields: springfieldFields }],
    ] as const) {
      const refused = await call(channel, input);
      expect(refused, channel).toEqual({
        error: {
          code: 'PM_MODE_REQUIRED',
          message:
            'This installation is in clerk mode, which does not allow this. A project manager can switch to PM mode with the PM passphrase.',
        },
      });
    }
    // Refused before the handler ran: nothing was written.
    expect(await loadKeytar().getPassword(KEYCHAIN_SERVICE, `${biller.id}/web-service-key`)).toBeNull();
  });

  it('switching to PM mode takes the passphrase; five wrong tries lock the switch for a minute, even for the right one', async () => {
    start();
    await call('mode:choose', { mode: 'clerk', passphrase: PASS });
    for (let i = 1; i <= 4; i++) {
      expect(await call('mode:switch', { mode: 'pm', passphrase: 'wrong guess' })).toMatchObject({
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^That passphrase is wrong\./) },
      });
    }
    expect(await call('mode:switch', { mode: 'pm', passphrase: 'wrong guess' })).toMatchObject({
      error: { code: 'LOCKED' },
    });
    expect(await call('mode:switch', { mode: 'pm', passphrase: PASS })).toMatchObject({
      error: { code: 'LOCKED', message: 'Too many wrong passphrases. Try again in 60 seconds.' },
    });
    expect(await call('mode:get')).toMatchObject({
      result: { mode: 'clerk', lockedUntil: '2026-12-07T12:01:00.000Z' },
    });
    await clock.advance(60_001);
    expect(await call('mode:switch', { mode: 'pm', passphrase: PASS })).toEqual({
      result: { mode: 'pm', passphraseSet: true, lockedUntil: null },
    });
    expect(await call('checklist:summary')).toHaveProperty('result');
    expect(
      core.audit
        .list()
        .filter((e) => e.action.startsWith('mode.'))
        .map((e) => e.action),
    ).toContain('mode.switch-refused');
  });

  it('a PM installation started without a passphrase must set one before it can switch to clerk mode', async () => {
    start('pm');
    expect(await call('mode:get')).toEqual({ result: { mode: 'pm', passphraseSet: false, lockedUntil: null } });
    expect(await call('mode:switch', { mode: 'clerk' })).toMatchObject({
      error: {
        code: 'INVALID_INPUT',
        message: 'Set a PM passphrase first: it is what lets a project manager switch back to PM mode.',
      },
    });
    expect(await call('mode:switch', { mode: 'clerk', passphrase: PASS })).toMatchObject({
      result: { mode: 'clerk', passphraseSet: true },
    });
    expect(await call('setup:get', { billerId: 'x' })).toMatchObject({ error: { code: 'PM_MODE_REQUIRED' } });
  });
});
