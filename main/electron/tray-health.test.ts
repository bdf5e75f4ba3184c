import { describe, expect, it } from 'vitest';
import { trayHealth, trayMenu, type JobHealth } from './tray-health';

const job = (over: Partial<JobHealth> = {}): JobHealth => ({
  biller: 'Springfield Water',
  job: 'Balance',
  running: false,
  paused: false,
  failureStreak: 0,
  ...over,
});

describe('tray health from the jobs', () => {
  it('is well when nothing fails, runs or is all paused', () => {
    expect(trayHealth([job(), job({ job: 'Payments', paused: true })], 'linux')).toEqual({
      state: 'ok',
      tooltip: 'Impresa Bridge: all jobs well',
      icon: 'tray-ok.png',
    });
    expect(trayHealth([], 'linux').tooltip).toBe('Impresa Bridge: no jobs run on this computer');
  });

  it('shows a failure above a running job, and names it', () => {
    const view = trayHealth([job({ running: true, job: 'Payments' }), job({ failureStreak: 2 })], 'win32');
    expect(view).toEqual({
      state: 'failing',
      tooltip: 'Impresa Bridge: Balance is failing for Springfield Water',
      icon: 'tray-failing.ico',
    });
    expect(trayHealth([job({ failureStreak: 1 }), job({ job: 'Customer', failureStreak: 4 })]).tooltip).toBe(
      'Impresa Bridge: 2 jobs failing, first Balance for Springfield Water',
    );
  });

  it('shows running, then paused only when every job is paused', () => {
    expect(trayHealth([job({ running: true })]).state).toBe('running');
    expect(trayHealth([job({ running: true }), job({ running: true })]).tooltip).toBe('Impresa Bridge: 2 jobs running');
    expect(trayHealth([job({ paused: true }), job({ paused: true, job: 'Customer' })]).state).toBe('paused');
  });

  it('keeps the tooltip within what Windows shows (127 characters)', () => {
    expect(trayHealth([job({ failureStreak: 1, biller: 'x'.repeat(200) })]).tooltip.length).toBeLessThanOrEqual(127);
  });
});

describe('tray menu', () => {
  it('offers open, run now, pause all, check for updates and quit', () => {
    const items = trayMenu({ state: 'ok', hostsJobs: true, updatesEnabled: true }).filter((i) => !i.separator);
    expect(items.map((i) => i.action)).toEqual(['open', 'run-now', 'pause-all', 'check-updates', 'quit']);
    expect(items.every((i) => i.enabled)).toBe(true);
  });

  it('offers resume when all is paused, and greys out what cannot be done here', () => {
    const items = trayMenu({ state: 'paused', hostsJobs: false, updatesEnabled: false }).filter((i) => !i.separator);
    expect(items.find((i) => i.action === 'resume-all')).toMatchObject({ enabled: false });
    expect(items.find((i) => i.action === 'check-updates')).toMatchObject({ enabled: false });
    expect(items.find((i) => i.action === 'quit')).toMatchObject({ enabled: true });
  });
});
