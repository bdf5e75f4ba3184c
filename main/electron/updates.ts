/**
 * When and how the desktop app updates itself. electron-updater does the work; every decision is
 * here, tested under Node with a fake updater and a fake clock: check at start and every 6 hours,
 * download in the background with progress in the window, install on quit, never in the middle of
 * a clerk's posting, and never where updating makes no sense.
 */
export const UPDATE_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** The first check waits a little, so it does not compete with the app's own start. */
export const FIRST_CHECK_DELAY_MS = 60 * 1000;

export interface UpdateContext {
  shell: 'electron' | 'browser' | 'cli';
  /** app.isPackaged: false under `npm start` / development. */
  packaged: boolean;
  /** The installation runs only on the embedded sandbox biller (a trial or training install). */
  sandboxOnly: boolean;
  /** app-update.yml carries an update server address (set when the release was built). */
  updateUrl: string | null;
}

/** Why updates are off here, or null when they are on. */
export function updatesDisabledReason(ctx: UpdateContext): string | null {
  if (ctx.shell !== 'electron')
    return 'The browser host is not updated by itself: update the desktop app or the checkout it runs from.';
  if (!ctx.packaged) return 'Development builds are not updated: pull and rebuild instead.';
  if (ctx.sandboxOnly) return 'This installation runs only on the sandbox biller, so it is not updated automatically.';
  if (!ctx.updateUrl || !/^https:\/\//i.test(ctx.updateUrl))
    return 'This build names no update server (https), so it cannot look for updates.';
  return null;
}

export type UpdatePhase =
  'disabled' | 'idle' | 'checking' | 'none' | 'available' | 'downloading' | 'downloaded' | 'error';

export interface UpdateStatus {
  phase: UpdatePhase;
  /** The version found or downloaded. */
  version: string | null;
  /** 0-100 while downloading. */
  percent: number | null;
  /** A sentence for the person: why disabled, what failed, what happens next. */
  message: string | null;
  checkedAt: string | null;
}

/** The part of electron-updater's autoUpdater the controller uses (a fake in tests). */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update' | 'update-not-available', cb: () => void): unknown;
  on(event: 'update-available' | 'update-downloaded', cb: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', cb: (p: { percent: number }) => void): unknown;
  on(event: 'error', cb: (error: Error) => void): unknown;
}

export interface UpdateTimers {
  now(): Date;
  setTimer(ms: number, fn: () => void): () => void;
}

export interface UpdateControllerDeps {
  updater: Updater | null;
  context: UpdateContext;
  timers: UpdateTimers;
  /** True while a clerk's posting (a bulk post, hold, reject) is in progress. */
  postingInProgress(): boolean;
  onStatus(status: UpdateStatus): void;
  log: { info(m: string): void; warn(m: string, e?: unknown): void };
}

export class UpdateController {
  private status: UpdateStatus;
  private cancelTimer: (() => void) | null = null;
  private readonly disabled: string | null;

  constructor(private readonly deps: UpdateControllerDeps) {
    this.disabled = deps.updater ? updatesDisabledReason(deps.context) : 'The updater is not available in this build.';
    this.status = {
      phase: this.disabled ? 'disabled' : 'idle',
      version: null,
      percent: null,
      message: this.disabled,
      checkedAt: null,
    };
    const u = deps.updater;
    if (!u || this.disabled) return;
    // Download in the background; install only when the app quits, so no window closes under a clerk.
    u.autoDownload = true;
    u.autoInstallOnAppQuit = true;
    u.on('checking-for-update', () => this.set({ phase: 'checking', message: null }));
    u.on('update-not-available', () =>
      this.set({
        phase: 'none',
        message: 'Impresa Bridge is up to date.',
        checkedAt: this.deps.timers.now().toISOString(),
      }),
    );
    u.on('update-available', (info) =>
      this.set({
        phase: 'downloading',
        version: info.version,
        percent: 0,
        message: `Downloading version ${info.version}…`,
        checkedAt: this.deps.timers.now().toISOString(),
      }),
    );
    u.on('download-progress', (p) =>
      this.set({ phase: 'downloading', percent: Math.max(0, Math.min(100, Math.round(p.percent))) }),
    );
    u.on('update-downloaded', (info) =>
      this.set({
        phase: 'downloaded',
        version: info.version,
        percent: 100,
        message: `Version ${info.version} is ready: it is installed when Impresa Bridge quits.`,
      }),
    );
    u.on('error', (error) => {
      this.deps.log.warn('Update check failed', error);
      this.set({
        phase: 'error',
        percent: null,
        message: `Could not check for updates: ${error.message}. It tries again in 6 hours.`,
      });
    });
  }

  get current(): UpdateStatus {
    return this.status;
  }

  get enabled(): boolean {
    return this.disabled === null;
  }

  /** Schedules the first check shortly after start, then one every 6 hours. */
  start(): void {
    if (!this.enabled) return;
    this.schedule(FIRST_CHECK_DELAY_MS);
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** "Check for updates" from the tray or the menu, and the timer. Never starts a second check or download. */
  async check(): Promise<UpdateStatus> {
    if (!this.enabled || !this.deps.updater) return this.status;
    if (this.status.phase === 'checking' || this.status.phase === 'downloading' || this.status.phase === 'downloaded')
      return this.status;
    try {
      await this.deps.updater.checkForUpdates();
    } catch (error) {
      // The 'error' event usually says it too; make sure the status says so either way.
      const message = error instanceof Error ? error.message : String(error);
      this.set({
        phase: 'error',
        percent: null,
        message: `Could not check for updates: ${message}. It tries again in 6 hours.`,
      });
    }
    return this.status;
  }

  /**
   * "Restart to update" said by the person. Refused while a posting runs: the clerk finishes first.
   * Quitting normally also installs (autoInstallOnAppQuit), and quitting waits for postings anyway.
   */
  installNow(): { installed: boolean; message: string } {
    if (this.status.phase !== 'downloaded') return { installed: false, message: 'No update is ready to install.' };
    if (this.deps.postingInProgress())
      return {
        installed: false,
        message: 'A posting is in progress: the update installs when it is done and Impresa Bridge quits.',
      };
    this.deps.updater!.quitAndInstall(false, true);
    return { installed: true, message: 'Restarting to install the update.' };
  }

  private schedule(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.deps.timers.setTimer(ms, () => {
      void this.check().finally(() => this.schedule(UPDATE_INTERVAL_MS));
    });
  }

  private set(patch: Partial<UpdateStatus>): void {
    this.status = { ...this.status, ...patch };
    this.deps.onStatus(this.status);
  }
}
