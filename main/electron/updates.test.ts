import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../ground/fake-clock';
import {
  FIRST_CHECK_DELAY_MS,
  UPDATE_INTERVAL_MS,
  UpdateController,
  updatesDisabledReason,
  type UpdateContext,
  type UpdateStatus,
  type Updater,
} from './updates';

const PACKAGED: UpdateContext = {
  shell: 'electron',
  packaged: true,
  sandboxOnly: false,
  updateUrl: 'https://updates.example.org/impresa-bridge',
};

/** electron-updater's autoUpdater as far as the controller uses it; a check answers what `next` says. */
class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  next: 'none' | 'found' | 'fail' = 'none';
  async checkForUpdates(): Promise<unknown> {
    this.checks++;
    this.emit('checking-for-update');
    if (this.next === 'fail') throw new Error('getaddrinfo ENOTFOUND updates.example.org');
    if (this.next === 'none') this.emit('update-not-available');
    else this.emit('update-available', { version: '0.2.0' });
    return null;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

function setup(context = PACKAGED, posting = { now: false }) {
  const clock = new FakeClock(new Date('2026-03-02T08:00:00Z'));
  const updater = new FakeUpdater();
  const statuses: UpdateStatus[] = [];
  const controller = new UpdateController({
    updater,
    context,
    timers: clock,
    postingInProgress: () => posting.now,
    onStatus: (s) => statuses.push(s),
    log: { info: () => undefined, warn: () => undefined },
  });
  return { clock, updater, statuses, controller };
}

describe('when updates are off', () => {
  it('never in the browser host, in development, on a sandbox-only install, or without an https update server', () => {
    expect(updatesDisabledReason(PACKAGED)).toBeNull();
    expect(updatesDisabledReason({ ...PACKAGED, shell: 'browser' })).toMatch(/browser host/);
    expect(updatesDisabledReason({ ...PACKAGED, packaged: false })).toMatch(/Development/);
    expect(updatesDisabledReason({ ...PACKAGED, sandboxOnly: true })).toMatch(/sandbox/);
    expect(updatesDisabledReason({ ...PACKAGED, updateUrl: null })).toMatch(/no update server/);
    expect(updatesDisabledReason({ ...PACKAGED, updateUrl: 'http://updates.example.org' })).toMatch(/https/);
  });

  it('a disabled controller never checks, even when asked', async () => {
    const { clock, updater, controller } = setup({ ...PACKAGED, packaged: false });
    controller.start();
    await clock.advance(UPDATE_INTERVAL_MS * 2);
    expect((await controller.check()).phase).toBe('disabled');
    expect(updater.checks).toBe(0);
  });
});

describe('the update schedule', () => {
  it('checks shortly after start, then every 6 hours', async () => {
    const { clock, updater, controller } = setup();
    controller.start();
    await clock.advance(FIRST_CHECK_DELAY_MS - 1);
    expect(updater.checks).toBe(0);
    await clock.advance(1);
    expect(updater.checks).toBe(1);
    await clock.advance(UPDATE_INTERVAL_MS);
    expect(updater.checks).toBe(2);
    await clock.advance(UPDATE_INTERVAL_MS);
    expect(updater.checks).toBe(3);
    controller.stop();
    await clock.advance(UPDATE_INTERVAL_MS);
    expect(updater.checks).toBe(3);
  });

  it('downloads in the background with progress and installs on quit, not before', async () => {
    const { updater, statuses, controller } = setup();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    updater.next = 'found';
    await controller.check();
    updater.emit('download-progress', { percent: 41.6 });
    expect(controller.current).toMatchObject({ phase: 'downloading', version: '0.2.0', percent: 42 });
    // A second "Check for updates" while it downloads starts nothing new.
    await controller.check();
    expect(updater.checks).toBe(1);
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(controller.current).toMatchObject({
      phase: 'downloaded',
      percent: 100,
      message: expect.stringMatching(/installed when Impresa Bridge quits/),
    });
    expect(updater.installs).toEqual([]);
    expect(statuses.map((s) => s.phase)).toEqual(['checking', 'downloading', 'downloading', 'downloaded']);
  });

  it('never restarts under a clerk who is posting', async () => {
    const posting = { now: true };
    const { updater, controller } = setup(PACKAGED, posting);
    updater.next = 'found';
    await controller.check();
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(controller.installNow()).toMatchObject({
      installed: false,
      message: expect.stringMatching(/posting is in progress/),
    });
    expect(updater.installs).toEqual([]);
    posting.now = false;
    expect(controller.installNow().installed).toBe(true);
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('says what went wrong when the server cannot be reached, and tries again at the next slot', async () => {
    const { clock, updater, controller } = setup();
    updater.next = 'fail';
    controller.start();
    await clock.advance(FIRST_CHECK_DELAY_MS);
    expect(controller.current).toMatchObject({ phase: 'error', message: expect.stringMatching(/ENOTFOUND.*6 hours/) });
    updater.next = 'none';
    await clock.advance(UPDATE_INTERVAL_MS);
    expect(controller.current).toMatchObject({ phase: 'none', message: 'Impresa Bridge is up to date.' });
  });
});
