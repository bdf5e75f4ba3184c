/**
 * What the tray shows: one icon and a tooltip for the health of every job this installation runs,
 * and the tray menu. Plain data, decided here and tested under Node; main.ts only draws it.
 */
export type TrayState = 'ok' | 'running' | 'failing' | 'paused';

/** One job of one biller, as the jobs service reports it. */
export interface JobHealth {
  biller: string;
  job: string;
  running: boolean;
  paused: boolean;
  /** Failed runs in a row (0 after a success). */
  failureStreak: number;
}

export interface TrayView {
  state: TrayState;
  tooltip: string;
  /** The icon file under assets/tray/ (Windows gets the multi-size .ico). */
  icon: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Failing beats running beats paused beats well: a clerk glancing at the tray must see a failure
 * even while another job runs. Paused only when every job is paused (some paused is normal).
 */
export function trayHealth(jobs: readonly JobHealth[], platform: NodeJS.Platform = process.platform): TrayView {
  const failing = jobs.filter((j) => j.failureStreak > 0);
  const running = jobs.filter((j) => j.running);
  const paused = jobs.filter((j) => j.paused);
  let state: TrayState;
  let detail: string;
  if (failing.length > 0) {
    state = 'failing';
    const first = failing[0]!;
    detail =
      failing.length === 1
        ? `${first.job} is failing for ${first.biller}`
        : `${plural(failing.length, 'job')} failing, first ${first.job} for ${first.biller}`;
  } else if (running.length > 0) {
    state = 'running';
    detail =
      running.length === 1
        ? `${running[0]!.job} is running for ${running[0]!.biller}`
        : `${plural(running.length, 'job')} running`;
  } else if (jobs.length > 0 && paused.length === jobs.length) {
    state = 'paused';
    detail = 'all jobs are paused';
  } else {
    state = 'ok';
    detail = jobs.length === 0 ? 'no jobs run on this computer' : 'all jobs well';
  }
  // Windows cuts tray tooltips at 127 characters.
  const tooltip = `Impresa Bridge: ${detail}`.slice(0, 127);
  return { state, tooltip, icon: platform === 'win32' ? `tray-${state}.ico` : `tray-${state}.png` };
}

export type TrayAction = 'open' | 'run-now' | 'pause-all' | 'resume-all' | 'check-updates' | 'quit';

export interface TrayMenuItem {
  action: TrayAction | null;
  label: string;
  enabled: boolean;
  /** A separator line (no action). */
  separator?: boolean;
}

export interface TrayMenuInput {
  state: TrayState;
  /** Whether this installation is the job host for any biller (else there is nothing to run or pause). */
  hostsJobs: boolean;
  /** Whether updates can be checked here (packaged desktop app with an update server). */
  updatesEnabled: boolean;
}

/** The tray's menu: open, run a job now, pause (or resume) all, check for updates, quit. */
export function trayMenu(input: TrayMenuInput): TrayMenuItem[] {
  const sep: TrayMenuItem = { action: null, label: '', enabled: false, separator: true };
  return [
    { action: 'open', label: 'Open Impresa Bridge', enabled: true },
    sep,
    { action: 'run-now', label: 'Run a job now…', enabled: input.hostsJobs },
    input.state === 'paused'
      ? { action: 'resume-all', label: 'Resume all jobs', enabled: input.hostsJobs }
      : { action: 'pause-all', label: 'Pause all jobs', enabled: input.hostsJobs },
    sep,
    { action: 'check-updates', label: 'Check for updates', enabled: input.updatesEnabled },
    sep,
    { action: 'quit', label: 'Quit Impresa Bridge', enabled: true },
  ];
}
