import type { DesktopPreferences, UpdateStatusDto } from '../../shared/contract/desktop';
import { AppError } from '../../shared/errors';
import type { DomainHandlers, EventBus } from '../ipc/router';
import type { Settings } from '../store/settings';
import type { DiagnosticsBundle } from './diagnostics';

/**
 * Desktop preferences, diagnostics and update status behind the `desktop:*` channels. Runs in
 * every shell; the Electron shell attaches what only it can do (the OS login item, the updater,
 * the native theme). In the browser host those answer "not here" instead.
 */
export interface DesktopShellHooks {
  /** Reads and writes the OS's start-at-login entry. */
  loginItem?: { get(): boolean; set(on: boolean): void };
  updates?: { status(): UpdateStatusDto; check(): Promise<UpdateStatusDto> };
  /** Log folders besides the data directory's (electron-log writes to the OS's log folder). */
  logDirs?: string[];
}

const BROWSER_UPDATES: UpdateStatusDto = {
  phase: 'disabled',
  version: null,
  percent: null,
  message: 'The browser host is not updated by itself: update the desktop app or the checkout it runs from.',
  checkedAt: null,
};

const KEYS = {
  theme: 'desktop.theme',
  closeToTray: 'desktop.closeToTray',
  reminder: 'desktop.paymentsReminderAt',
  trayHint: 'desktop.trayHintShown',
} as const;

export class DesktopService {
  private hooks: DesktopShellHooks = {};

  constructor(
    private readonly settings: Settings,
    private readonly events: EventBus,
    private readonly diagnostics: (extra: { logDirs: string[] }) => Promise<DiagnosticsBundle>,
  ) {}

  attach(hooks: DesktopShellHooks): void {
    this.hooks = { ...this.hooks, ...hooks };
  }

  preferences(): DesktopPreferences {
    let startAtLogin: boolean | null = null;
    try {
      startAtLogin = this.hooks.loginItem ? this.hooks.loginItem.get() : null;
    } catch {
      startAtLogin = null;
    }
    return {
      theme: this.settings.get(KEYS.theme, 'system'),
      // On by default: clerks leave the app running all day, and closing the window must not stop the jobs.
      closeToTray: this.settings.get(KEYS.closeToTray, true),
      startAtLogin,
      paymentsReminderAt: this.settings.get<string | null>(KEYS.reminder, null),
    };
  }

  setPreferences(
    patch: Partial<Omit<DesktopPreferences, 'startAtLogin'> & { startAtLogin: boolean }>,
  ): DesktopPreferences {
    if (patch.theme !== undefined) this.settings.set(KEYS.theme, patch.theme);
    if (patch.closeToTray !== undefined) this.settings.set(KEYS.closeToTray, patch.closeToTray);
    if (patch.paymentsReminderAt !== undefined) this.settings.set(KEYS.reminder, patch.paymentsReminderAt);
    if (patch.startAtLogin !== undefined) {
      if (!this.hooks.loginItem)
        throw new AppError('INVALID_INPUT', 'Starting at login is set in the desktop app, not in the browser host.');
      this.hooks.loginItem.set(patch.startAtLogin);
    }
    const now = this.preferences();
    this.events.emit('desktop:preferences', now);
    return now;
  }

  /** Whether the first "still running in the tray" notification was shown already (once per installation). */
  trayHintShown(): boolean {
    return this.settings.get(KEYS.trayHint, false);
  }

  markTrayHintShown(): void {
    this.settings.set(KEYS.trayHint, true);
  }

  async exportDiagnostics(): Promise<DiagnosticsBundle> {
    return this.diagnostics({ logDirs: this.hooks.logDirs ?? [] });
  }

  updateStatus(): UpdateStatusDto {
    return this.hooks.updates?.status() ?? BROWSER_UPDATES;
  }

  async checkForUpdates(): Promise<UpdateStatusDto> {
    return this.hooks.updates ? this.hooks.updates.check() : BROWSER_UPDATES;
  }
}

export function desktopHandlers(desktop: DesktopService): DomainHandlers<'desktop'> {
  return {
    preferences: () => desktop.preferences(),
    setPreferences: (input) => desktop.setPreferences(input),
    exportDiagnostics: async () => {
      const bundle = await desktop.exportDiagnostics();
      return {
        fileName: bundle.fileName,
        mimeType: 'application/zip',
        bytes: bundle.bytes.length,
        base64: Buffer.from(bundle.bytes).toString('base64'),
        entries: bundle.entries,
      };
    },
    updateStatus: () => desktop.updateStatus(),
    checkForUpdates: () => desktop.checkForUpdates(),
  };
}
