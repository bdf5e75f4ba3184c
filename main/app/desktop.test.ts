import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../ipc/router';
import { ConfSettings } from '../store/settings';
import { DesktopService } from './desktop';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function service() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-desktop-'));
  dirs.push(dir);
  const events = new EventBus();
  const emitted: unknown[] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const desktop = new DesktopService(new ConfSettings(dir), events, () =>
    Promise.reject(new Error('not in this test')),
  );
  return { desktop, emitted, dir };
}

describe('desktop preferences', () => {
  it('default to following the OS theme, closing to the tray, no reminder; start at login is unknown without the desktop shell', () => {
    expect(service().desktop.preferences()).toEqual({
      theme: 'system',
      closeToTray: true,
      startAtLogin: null,
      paymentsReminderAt: null,
    });
  });

  it('are kept on disk and announced, so Electron can switch nativeTheme and re-arm the reminder', () => {
    const { desktop, emitted, dir } = service();
    desktop.setPreferences({ theme: 'dark', closeToTray: false, paymentsReminderAt: '15:30' });
    expect(emitted).toEqual([
      {
        event: 'desktop:preferences',
        payload: { theme: 'dark', closeToTray: false, startAtLogin: null, paymentsReminderAt: '15:30' },
      },
    ]);
    const again = new DesktopService(new ConfSettings(dir), new EventBus(), () => Promise.reject(new Error('unused')));
    expect(again.preferences()).toMatchObject({ theme: 'dark', closeToTray: false, paymentsReminderAt: '15:30' });
  });

  it('start at login is whatever the OS reports after setting it, not what was asked', () => {
    const { desktop } = service();
    let os = false;
    // An OS (or a policy) that refuses: the switch must show off.
    desktop.attach({ loginItem: { get: () => os, set: () => undefined } });
    expect(desktop.setPreferences({ startAtLogin: true }).startAtLogin).toBe(false);
    desktop.attach({ loginItem: { get: () => os, set: (on) => (os = on) } });
    expect(desktop.setPreferences({ startAtLogin: true }).startAtLogin).toBe(true);
  });

  it('the browser host refuses start at login in a sentence, and reports updates as not its business', async () => {
    const { desktop } = service();
    expect(() => desktop.setPreferences({ startAtLogin: true })).toThrow(/desktop app, not in the browser host/);
    expect(await desktop.checkForUpdates()).toMatchObject({
      phase: 'disabled',
      message: expect.stringMatching(/browser host/),
    });
  });

  it('the first-time tray notification is remembered', () => {
    const { desktop } = service();
    expect(desktop.trayHintShown()).toBe(false);
    desktop.markTrayHintShown();
    expect(desktop.trayHintShown()).toBe(true);
  });
});
