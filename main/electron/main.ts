import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, screen, session, shell } from 'electron';
import log from 'electron-log/main';
import Store from 'electron-store';
import { allChannels, EVENT_CHANNEL } from '../../shared/contract';
import { createCore, type Core } from '../app/core';
import { resolveDataDir } from '../ground/data-dir';
import { redactingLogger, Redactor, type Logger } from '../ground/logger';
import { contentSecurityPolicy } from '../host/csp';
import { startEmbeddedSandbox, wantsSandbox } from '../sandbox/embedded';
import type { Settings } from '../store/settings';
import { APP_ID } from './app-id';
import { startDesktopShell, type DesktopShell } from './desktop-shell';
import { startHidden } from './login-item';
import { placeWindow, type SavedBounds } from './window-bounds';
import { onWindowClose, TRAY_HINT } from './window-life';
import { isAllowedExternal, isAppNavigation } from './window-policy';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '..', 'renderer', 'index.html');
const preloadFile = path.join(here, '..', 'preload', 'index.cjs');

class ElectronSettings implements Settings {
  private readonly store: Store<Record<string, unknown>>;
  /** Preferences live beside the database, so `--data-dir` keeps one installation's state together. */
  constructor(dataDir: string) {
    this.store = new Store<Record<string, unknown>>({ name: 'preferences', cwd: dataDir });
  }
  get<T>(key: string, fallback: T): T {
    return (this.store.get(key) as T | undefined) ?? fallback;
  }
  set(key: string, value: unknown): void {
    this.store.set(key, value);
  }
}

/**
 * `--data-dir DIR` or `--data-dir=DIR` among the launch arguments. Not the CLI's parser: Chromium's own
 * switches (`--enable-logging`, …) share argv and must pass untouched.
 */
function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || undefined;
    if (arg === '--data-dir' && argv[i + 1] && !argv[i + 1]!.startsWith('--')) return argv[i + 1];
  }
  return undefined;
}

/** One redactor for the core and electron-log, as the host and CLI share one with their FileLogger. */
const redactor = new Redactor();

function electronLogger(): Logger {
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.initialize();
  return redactingLogger(redactor, (level, line) => log[level](line));
}

let mainWindow: BrowserWindow | null = null;
let desktop: DesktopShell | null = null;
let quitting = false;

function createWindow(core: Core, hidden: boolean): BrowserWindow {
  const { maximized, ...bounds } = placeWindow(
    core.settings.get<SavedBounds | null>('window.bounds', null),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Impresa Bridge',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const appUrl = `file://${rendererIndex.replace(/\\/g, '/')}`;
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (isAppNavigation(url, appUrl)) return;
    event.preventDefault();
    // "Join by phone" (tel:) is a plain link: it goes to the system handler, like allow-listed https.
    if (url.startsWith('tel:') && isAllowedExternal(url)) void shell.openExternal(url);
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  if (maximized) win.once('ready-to-show', () => win.maximize());
  const saveBounds = () =>
    core.settings.set('window.bounds', {
      ...win.getNormalBounds(),
      maximized: win.isMaximized(),
    } satisfies SavedBounds);
  win.on('resized', saveBounds);
  win.on('moved', saveBounds);
  win.on('maximize', saveBounds);
  win.on('unmaximize', saveBounds);
  win.on('close', (event) => {
    // Jobs keep running in the tray (a preference); Quit from the tray menu ends the app.
    const decision = onWindowClose({
      quitting,
      closeToTray: core.desktop.preferences().closeToTray,
      trayHintShown: core.desktop.trayHintShown(),
    });
    if (decision.action === 'close') {
      if (!quitting) app.quit();
      return;
    }
    event.preventDefault();
    win.hide();
    if (decision.notify) {
      core.desktop.markTrayHintShown();
      desktop?.notify({ title: TRAY_HINT.title, body: TRAY_HINT.body, screen: 'jobs', billerId: null });
    }
  });
  // Started at login: stay in the tray until the clerk opens the window.
  if (!hidden) win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  return win;
}

function wireIpc(core: Core): void {
  const trusted = (frameUrl: string | undefined) =>
    !!frameUrl && frameUrl.startsWith('file://') && frameUrl.includes('/renderer/index.html');
  for (const name of allChannels()) {
    ipcMain.handle(name, (event, input) =>
      core.router.dispatch(name, input, { shell: 'electron', trustedSender: trusted(event.senderFrame?.url) }),
    );
  }
  // OS notifications are the desktop shell's (desktop-notices.ts decides which).
  core.events.subscribeMessages((message) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, message);
  });
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (desktop) return desktop.showWindow();
    mainWindow?.show();
  });
  app.enableSandbox();
  // Windows groups the taskbar button and the notifications under the installer's appId.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  await app.whenReady();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(permission === 'notifications'),
  );

  // The same order as the host and CLI: --data-dir, then IMPRESA_BRIDGE_DATA_DIR, then Electron's userData.
  const dataDir = resolveDataDir(
    dataDirArgument(process.argv) ?? process.env.IMPRESA_BRIDGE_DATA_DIR ?? app.getPath('userData'),
  );
  // Schedules start after the sandbox, so a catch-up run reaches this start's simulators.
  const core = createCore({
    dataDir,
    shell: 'electron',
    logger: electronLogger(),
    redactor,
    settings: new ElectronSettings(dataDir),
    startJobs: false,
  });
  wireIpc(core);
  const sandbox = wantsSandbox(core, process.argv.includes('--sandbox'));
  if (sandbox) await startEmbeddedSandbox(core);
  core.jobs.start();
  mainWindow = createWindow(core, startHidden(process.argv, app.getLoginItemSettings()));
  // Tray, notifications, updates, login item, theme, power events, crashes, the app menu.
  desktop = startDesktopShell(core, here, () => mainWindow, sandbox && core.billers.profiles().every((b) => b.sandbox));

  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    event.preventDefault();
    void core.close().finally(() => app.exit(0));
  });
}

main().catch((error: unknown) => {
  // A damaged database or a failing start must say so, not leave a process with no window.
  const message = redactor.redact(error instanceof Error ? error.message : String(error));
  try {
    log.error(
      redactor.redact(
        `Impresa Bridge could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
    );
  } catch {
    // Logging must not stop the clerk from seeing why.
  }
  dialog.showErrorBox('Impresa Bridge could not start', message);
  app.exit(1);
});
