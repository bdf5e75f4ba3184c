import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/app/core';
import { MemoryLogger } from '../../main/app/logger';
import { KEYCHAIN_SERVICE, loadKeytar } from '../../main/secrets/secret-store';
import { filesContaining, requireSecretService, tempDataDir } from '../support/temp';

const fields = {
  name: 'Springfield Water',
  timeZone: 'America/New_York',
  billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  invoiceTypeId: 12,
  invoiceFormatGuid: null,
  icHost: 'https://www.invoicecloud.com',
  impresaUrl: 'https://impresa.springfield.gov/api',
  impresaUser: 'icbridge',
  postingMode: 'pending' as const,
  livePostingUser: 'IC Clerk',
  isJobHost: false,
};

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function core(logger = new MemoryLogger()): Core {
  const { dir, cleanup } = tempDataDir();
  const c = createCore({ dataDir: dir, shell: 'cli', logger });
  cleanups.push(cleanup, () => c.close());
  return c;
}

beforeAll(() => requireSecretService());

describe('secrets in the OS keychain (real gnome-keyring)', () => {
  it('stores a biller key under "Impresa Bridge" / <billerId>/<name>, reports it as stored, and writes it nowhere else', async () => {
    const logger = new MemoryLogger();
    const c = core(logger);
    const biller = await c.billers.create(fields);
    expect(biller.secrets).toEqual({ 'web-service-key': false, 'impresa-password': false });
    const key = `wsk-${randomUUID()}`;
    await c.billers.setSecret(biller.id, 'web-service-key', key);

    expect(await loadKeytar().getPassword(KEYCHAIN_SERVICE, `${biller.id}/web-service-key`)).toBe(key);
    expect((await c.billers.get(biller.id)).secrets['web-service-key']).toBe(true);
    // Over IPC the status is booleans only.
    const env = await c.router.dispatch('secrets:status', { billerId: biller.id }, { shell: 'browser', trustedSender: true });
    expect(env).toEqual({ result: { 'web-service-key': true, 'impresa-password': false } });
    const listed = await c.router.dispatch('billers:list', {}, { shell: 'browser', trustedSender: true });
    expect(JSON.stringify(listed)).not.toContain(key);

    c.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesContaining(c.dataDir, key)).toEqual([]);
    expect(logger.lines.join('\n')).not.toContain(key);
  });

  it('replaces and removes a secret; deleting a biller removes its secrets', async () => {
    const c = core();
    const biller = await c.billers.create(fields);
    await c.billers.setSecret(biller.id, 'impresa-password', 'first-password');
    await c.billers.setSecret(biller.id, 'impresa-password', 'second-password');
    expect(await c.secrets.get(biller.id, 'impresa-password')).toBe('second-password');
    await c.billers.removeSecret(biller.id, 'impresa-password');
    expect(await c.secrets.get(biller.id, 'impresa-password')).toBeNull();

    await c.billers.setSecret(biller.id, 'web-service-key', 'to-be-deleted');
    await c.billers.remove(biller.id);
    expect(await loadKeytar().getPassword(KEYCHAIN_SERVICE, `${biller.id}/web-service-key`)).toBeNull();
  });

  it('says plainly when no keychain can be reached, and falls back to nothing', async () => {
    const { dir, cleanup } = tempDataDir();
    const broken = createCore({
      dataDir: dir,
      shell: 'cli',
      logger: new MemoryLogger(),
      keychain: () => {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
    });
    cleanups.push(cleanup, () => broken.close());
    const biller = broken.billers.createProfile(fields);
    const env = await broken.router.dispatch('secrets:set', { billerId: biller.id, name: 'web-service-key', value: 'never-stored' }, { shell: 'browser', trustedSender: true });
    expect(env).toMatchObject({ error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect('error' in env && env.error.message).toMatch(/keychain cannot be reached.*No Secret Service/);
    expect(filesContaining(dir, 'never-stored')).toEqual([]);
    const info = await broken.router.dispatch('app:info', {}, { shell: 'browser', trustedSender: true });
    expect(info).toMatchObject({ result: { keychain: { available: false } } });
  });
});
