/**
 * Start at login, hidden in the tray: the arguments for Electron's setLoginItemSettings and how to
 * read the OS's answer back, per platform. The setting shown is what the OS has, not what we wished.
 */
export const HIDDEN_ARG = '--hidden';

export interface LoginItemSettingsIn {
  openAtLogin: boolean;
  openAsHidden?: boolean;
  path?: string;
  args?: string[];
}

export function loginItemSettings(platform: NodeJS.Platform, on: boolean, execPath: string): LoginItemSettingsIn {
  // macOS: openAsHidden (the app is started hidden by the OS). Windows: a Run entry with our own
  // --hidden argument, which the app reads at start.
  if (platform === 'darwin') return { openAtLogin: on, openAsHidden: true };
  return { openAtLogin: on, path: execPath, args: [HIDDEN_ARG] };
}

/** The same path and args must be passed to getLoginItemSettings on Windows to find our entry. */
export function loginItemQuery(platform: NodeJS.Platform, execPath: string): { path?: string; args?: string[] } {
  return platform === 'darwin' ? {} : { path: execPath, args: [HIDDEN_ARG] };
}

/** Whether the OS will start us at login (on Windows: the entry exists and is not disabled in Task Manager). */
export function startsAtLogin(
  read: { openAtLogin: boolean; executableWillLaunchAtLogin?: boolean },
  platform: NodeJS.Platform,
): boolean {
  if (platform === 'win32' && typeof read.executableWillLaunchAtLogin === 'boolean')
    return read.executableWillLaunchAtLogin;
  return read.openAtLogin;
}

/** Whether this start should keep the window hidden in the tray. */
export function startHidden(argv: readonly string[], read: object): boolean {
  // macOS: our login item exists only to start hidden, so "opened at login" means hidden.
  const r = read as { wasOpenedAtLogin?: boolean; wasOpenedAsHidden?: boolean };
  return argv.includes(HIDDEN_ARG) || r.wasOpenedAtLogin === true || r.wasOpenedAsHidden === true;
}
