import { describe, expect, it } from 'vitest';
import {
  AFTER_CRASH_ARG,
  mainCrashDecision,
  onWindowClose,
  powerAction,
  quitDecision,
  RendererCrashes,
} from './window-life';

describe('closing the window', () => {
  it('keeps the app in the tray, with a notification the first time only', () => {
    expect(onWindowClose({ quitting: false, closeToTray: true, trayHintShown: false })).toEqual({
      action: 'hide',
      notify: true,
    });
    expect(onWindowClose({ quitting: false, closeToTray: true, trayHintShown: true })).toEqual({
      action: 'hide',
      notify: false,
    });
  });

  it('closes (and so quits) when the preference is off or quit was asked for', () => {
    expect(onWindowClose({ quitting: false, closeToTray: false, trayHintShown: false })).toEqual({ action: 'close' });
    expect(onWindowClose({ quitting: true, closeToTray: true, trayHintShown: false })).toEqual({ action: 'close' });
  });

  it('quitting waits for a posting in progress, but not forever', () => {
    expect(quitDecision(true, 0)).toBe('wait');
    expect(quitDecision(false, 0)).toBe('quit');
    expect(quitDecision(true, 120_000)).toBe('quit');
  });
});

describe('crashes', () => {
  it('a crashed window is reloaded and says so; the third crash in ten minutes is not reloaded', () => {
    const crashes = new RendererCrashes();
    expect(crashes.onCrash(0, 'crashed')).toMatchObject({ reload: true, notice: { title: 'The window was reloaded' } });
    expect(crashes.onCrash(60_000, 'oom').reload).toBe(true);
    expect(crashes.onCrash(120_000, 'crashed')).toMatchObject({
      reload: false,
      notice: { title: 'The window keeps stopping' },
    });
  });

  it('crashes far apart keep being reloaded', () => {
    const crashes = new RendererCrashes();
    for (let i = 0; i < 5; i++) expect(crashes.onCrash(i * 11 * 60_000, 'crashed').reload).toBe(true);
  });

  it('main restarts once after a crash, and not again from the restarted process', () => {
    const first = mainCrashDecision(['/app/Impresa Bridge', '--data-dir', 'D:\\ib']);
    expect(first).toEqual({ relaunch: true, args: ['--data-dir', 'D:\\ib', AFTER_CRASH_ARG] });
    expect(mainCrashDecision(['/app/Impresa Bridge', ...first.args])).toEqual({ relaunch: false, args: [] });
  });
});

describe('power events', () => {
  it('sleep, lock and shutdown stop runs at a page boundary; resume and unlock catch up', () => {
    expect(powerAction('suspend')).toEqual({
      stop: expect.stringMatching(/current page because the computer went to sleep/),
    });
    expect(powerAction('lock-screen')).toEqual({ stop: expect.stringMatching(/screen was locked/) });
    expect(powerAction('shutdown')).toEqual({ stop: expect.stringMatching(/shutting down/) });
    expect(powerAction('resume')).toEqual({ wake: true });
    expect(powerAction('unlock-screen')).toEqual({ wake: true });
    expect(powerAction('on-ac')).toBeNull();
  });
});
