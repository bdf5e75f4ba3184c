import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import { KEYCHAIN_SERVICE, loadKeytar } from '../../main/secrets/secret-store';
import { springfieldFields } from '../support/biller-fields';
import { runCli } from '../support/cli';
import { filesContaining, requireBuild, requireSecretService, ROOT, tempDataDir } from '../support/temp';
import { connectIpc } from '../support/ws-client';

const fields = springfieldFields;

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

/** A child process with no Secret Service to talk to: what a locked-down or headless machine gives. */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ib-no-keychain', DISPLAY: '' };

function brokenCore(): Core {
  const { dir, cleanup } = tempDataDir();
  const c = createCore({
    dataDir: dir,
    shell: 'cli',
    logger: new MemoryLogger(),
    keychain: () => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    },
  });
  cleanups.push(cleanup, () => c.close());
  return c;
}

/** Starts the built host as `npm run host` does and waits for its ready line (or its exit). */
async function startHostProcess(dataDir: string, env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/main/host.js'), '--data-dir', dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const url = /ready at (\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`The host exited with ${code} before it was ready: ${err}`)));
  });
}

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
    const env = await c.router.dispatch(
      'secrets:status',
      { billerId: biller.id },
      { shell: 'browser', trustedSender: true },
    );
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

  it('billers removed while the biller list reads their secrets: the list answers and the process lives', async () => {
    // keytar's findCredentials crashed the process (SIGSEGV in strdup) when an item vanished between its
    // search and its read; the CI caught it once as a host that died while a biller was removed.
    const c = core();
    for (let round = 0; round < 15; round++) {
      const biller = await c.billers.create({ ...fields, name: `Race Utility ${round}` });
      await c.billers.setSecret(biller.id, 'web-service-key', `wsk-${randomUUID()}`);
      await c.billers.setSecret(biller.id, 'impresa-password', `pw-${randomUUID()}`);
      const ctx = { shell: 'browser' as const, trustedSender: true };
      const [, ...answers] = await Promise.all([
        c.billers.remove(biller.id),
        ...Array.from({ length: 4 }, () => c.router.dispatch('billers:list', {}, ctx)),
        c.router.dispatch('secrets:status', { billerId: biller.id }, ctx),
      ]);
      for (const a of answers) expect(a).not.toHaveProperty('error');
      expect(await c.secrets.stored(biller.id, ['web-service-key', 'impresa-password'])).toEqual({
        'web-service-key': false,
        'impresa-password': false,
      });
    }
    expect((await c.secrets.probe()).available).toBe(true);
  });

  it('says plainly when no keychain can be reached, and falls back to nothing', async () => {
    const broken = brokenCore();
    const dir = broken.dataDir;
    const biller = broken.billers.createProfile(fields);
    const env = await broken.router.dispatch(
      'secrets:set',
      { billerId: biller.id, name: 'web-service-key', value: 'never-stored' },
      { shell: 'browser', trustedSender: true },
    );
    expect(env).toMatchObject({ error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect('error' in env && env.error.message).toMatch(/keychain cannot be reached.*No Secret Service/);
    expect(filesContaining(dir, 'never-stored')).toEqual([]);
    const info = await broken.router.dispatch('app:info', {}, { shell: 'browser', trustedSender: true });
    expect(info).toMatchObject({ result: { keychain: { available: false } } });
  });

  it('still lists billers without a keychain, their secrets as unknown rather than missing or stored', async () => {
    const broken = brokenCore();
    const biller = broken.billers.createProfile(fields);
    const listed = await broken.router.dispatch('billers:list', {}, { shell: 'browser', trustedSender: true });
    expect(listed).toEqual({
      result: [
        expect.objectContaining({
          id: biller.id,
          name: 'Springfield Water',
          secrets: { 'web-service-key': null, 'impresa-password': null },
        }),
      ],
    });
    const status = await broken.router.dispatch(
      'secrets:status',
      { billerId: biller.id },
      { shell: 'browser', trustedSender: true },
    );
    expect(status).toEqual({ result: { 'web-service-key': null, 'impresa-password': null } });
  });

  it('creates a biller with its secrets all or nothing: no keychain, no profile, and the same create can be retried', async () => {
    const broken = brokenCore();
    const ctx = { shell: 'browser' as const, trustedSender: true };
    const refused = await broken.router.dispatch(
      'billers:create',
      { ...fields, secrets: { 'web-service-key': 'never-stored' } },
      ctx,
    );
    expect(refused).toMatchObject({ error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(broken.billers.profiles()).toEqual([]);
    expect(filesContaining(broken.dataDir, 'never-stored')).toEqual([]);
    // The retry does not meet "already exists"; without secrets it needs no keychain at all.
    expect(await broken.router.dispatch('billers:create', fields, ctx)).toMatchObject({
      result: { name: 'Springfield Water', secrets: { 'web-service-key': null } },
    });
  });

  it('takes the profile back when the keychain answers but then fails to store a secret', async () => {
    const real = loadKeytar();
    const { dir, cleanup } = tempDataDir();
    const c = createCore({
      dataDir: dir,
      shell: 'cli',
      logger: new MemoryLogger(),
      keychain: () => ({
        ...real,
        getPassword: (service: string, account: string) => real.getPassword(service, account),
        deletePassword: (service: string, account: string) => real.deletePassword(service, account),
        setPassword: async (service: string, account: string, password: string) => {
          // The first secret lands, the second hits a keychain that locked in between.
          if (account.endsWith('/impresa-password')) throw new Error('Cannot create an item in a locked collection');
          await real.setPassword(service, account, password);
        },
      }),
    });
    cleanups.push(cleanup, () => c.close());
    const env = await c.router.dispatch(
      'billers:create',
      { ...fields, secrets: { 'web-service-key': 'first-key', 'impresa-password': 'second-pass' } },
      { shell: 'browser', trustedSender: true },
    );
    expect(env).toMatchObject({ error: { code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/locked/) } });
    expect(c.billers.profiles()).toEqual([]);
    // keytar itself (not the app's backend, which leaves findCredentials out) lists what is left.
    const keytar = real as typeof real & {
      findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
    };
    const left = (await keytar.findCredentials(KEYCHAIN_SERVICE)).filter((cr) => cr.password === 'first-key');
    expect(left).toEqual([]);
    expect(c.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'biller.create'").get()).toEqual({ n: 0 });
  });

  it('starts the host on a new data folder without a keychain: the sandbox biller lists, the keychain is reported unavailable', async () => {
    requireBuild();
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const url = await startHostProcess(dir, NO_KEYCHAIN);
    const { port, searchParams } = new URL(url);
    const ipc = await connectIpc(`ws://127.0.0.1:${port}/__host/ipc?token=${searchParams.get('token')}`);
    cleanups.push(() => ipc.close());
    expect(await ipc.call('app:info')).toMatchObject({
      result: { keychain: { available: false, message: expect.stringMatching(/keychain cannot be reached/) } },
    });
    expect(await ipc.call('billers:list')).toMatchObject({
      result: [
        expect.objectContaining({
          name: 'Sandbox Utility',
          sandbox: true,
          secrets: { 'web-service-key': null, 'impresa-password': null },
        }),
      ],
    });

    const list = await runCli(['billers', 'list', '--data-dir', dir], { env: NO_KEYCHAIN });
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Sandbox Utility .* unknown/);
    const show = await runCli(['billers', 'show', '--biller', 'Sandbox Utility', '--data-dir', dir], {
      env: NO_KEYCHAIN,
    });
    expect(show.stdout).toContain('web service key      unknown: the OS keychain cannot be reached');
  });
});
