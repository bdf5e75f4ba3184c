import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  powerMonitor,
  Tray,
  type MenuItemConstructorOptions,
} from 'electron';
import electronUpdater from 'electron-updater';
import log from 'electron-log/main';
import type { Core } from '../app/core';
import { JOB_LABELS } from '../../shared/domain/jobs';
import { DailyReminder, DesktopNotices, paymentsWaitingNotice, type DesktopNotice } from './desktop-notices';
import { loginItemQuery, loginItemSettings, startsAtLogin } from './login-item';
import { trayHealth, trayMenu, type JobHealth, type TrayAction } from './tray-health';
import { UpdateController, updatesDisabledReason } from './updates';
import { mainCrashDecision, powerAction, quitDecision, RendererCrashes } from './window-life';

/**
 * The Electron glue for everything the desktop decides in plain modules (tray, notifications,
 * updates, login item, theme, power, crashes). Only calls into Electron here; no decisions.
 */
export interface DesktopShell {
  notices: DesktopNotices;
  updates: UpdateController;
  /** Shows a notification; its click opens the screen it names. */
  notify(notice: DesktopNotice): void;
  showWindow(screen?: DesktopNotice['screen'], billerId?: string | null): void;
}

const assets = (here: string) => path.join(here, '..', '..', 'assets');

/** The update server written into app-update.yml at build time (null in development). */
function configuredUpdateUrl(): string | null {
  try {
    const yml = fs.readFileSync(path.join(process.resourcesPath, 'app-update.yml'), 'utf8');
    return /^url:\s*['"]?([^'"\s]+)/m.exec(yml)?.[1] ?? null;
  } catch {
    return null;
  }
}

function jobHealth(core: Core): JobHealth[] {
  return core.billers
    .profiles()
    .filter((b) => b.isJobHost)
    .flatMap((b) => {
      const o = core.jobs.overview(b.id);
      return o.jobs
        .filter((j) => j.available)
        .map((j) => ({
          biller: b.name,
          job: JOB_LABELS[j.job],
          running: !!j.running,
          paused: !!j.pause || !!o.pausedAll,
          failureStreak: j.failureStreak,
        }));
    });
}

export function startDesktopShell(
  core: Core,
  here: string,
  window: () => BrowserWindow | null,
  sandboxOnly: boolean,
): DesktopShell {
  const showWindow = (screen?: DesktopNotice['screen'], billerId: string | null = null) => {
    const win = window();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    if (screen) core.events.emit('desktop:navigate', { screen, billerId });
  };
  const notify = (n: DesktopNotice) => {
    if (!Notification.isSupported()) return;
    const note = new Notification({ title: n.title, body: n.body });
    note.on('click', () => showWindow(n.screen, n.billerId));
    note.show();
  };

  // ---- theme: nativeTheme follows the preference, and drives prefers-color-scheme in the window
  nativeTheme.themeSource = core.desktop.preferences().theme;

  // ---- start at login, read back from the OS
  core.desktop.attach({
    loginItem: {
      get: () =>
        startsAtLogin(app.getLoginItemSettings(loginItemQuery(process.platform, process.execPath)), process.platform),
      set: (on) => app.setLoginItemSettings(loginItemSettings(process.platform, on, process.execPath)),
    },
    logDirs: [path.dirname(log.transports.file.getFile().path)],
  });

  // ---- updates
  const context = {
    shell: 'electron' as const,
    packaged: app.isPackaged,
    sandboxOnly,
    updateUrl: configuredUpdateUrl(),
  };
  let updater = null;
  if (!updatesDisabledReason(context)) {
    updater = electronUpdater.autoUpdater;
    updater.logger = log;
  }
  const notices = new DesktopNotices((id) => {
    try {
      return core.billers.profile(id).name;
    } catch {
      return id;
    }
  });
  const updates = new UpdateController({
    updater,
    context,
    timers: core.clock,
    postingInProgress: () => notices.postingInProgress(),
    onStatus: (s) => core.events.emit('desktop:update', s),
    log: core.log,
  });
  core.desktop.attach({ updates: { status: () => updates.current, check: () => updates.check() } });
  updates.start();

  // ---- tray: icon and tooltip from job health, re-drawn on job events
  const trayDir = path.join(assets(here), 'tray');
  let view = trayHealth(jobHealth(core));
  const tray = new Tray(nativeImage.createFromPath(path.join(trayDir, view.icon)));
  const act = (action: TrayAction) => {
    const hosts = core.billers.profiles().filter((b) => b.isJobHost);
    if (action === 'open') showWindow();
    else if (action === 'run-now') showWindow('jobs');
    else if (action === 'pause-all') for (const b of hosts) core.jobs.pauseAll(b.id, 'Paused from the tray icon.');
    else if (action === 'resume-all') for (const b of hosts) core.jobs.resumeAll(b.id);
    else if (action === 'check-updates')
      void updates
        .check()
        .then((s) => s.message && notify({ title: 'Updates', body: s.message, screen: 'billers', billerId: null }));
    else app.quit();
  };
  const redraw = () => {
    view = trayHealth(jobHealth(core));
    tray.setImage(nativeImage.createFromPath(path.join(trayDir, view.icon)));
    tray.setToolTip(view.tooltip);
    const items = trayMenu({
      state: view.state,
      hostsJobs: core.billers.profiles().some((b) => b.isJobHost),
      updatesEnabled: updates.enabled,
    });
    tray.setContextMenu(
      Menu.buildFromTemplate(
        items.map((i) =>
          i.separator ? { type: 'separator' } : { label: i.label, enabled: i.enabled, click: () => act(i.action!) },
        ),
      ),
    );
  };
  redraw();
  tray.on('click', () => showWindow());
  let redrawTimer: NodeJS.Timeout | null = null;

  // ---- notifications and the daily payments reminder
  core.events.subscribe((event, payload) => {
    if (event === 'jobs:changed' || event === 'billers:changed') {
      redrawTimer ??= setTimeout(() => {
        redrawTimer = null;
        redraw();
      }, 300);
    }
    if (event === 'desktop:preferences') {
      nativeTheme.themeSource = payload.theme;
      reminder.arm();
    }
    const notice = notices.onEvent(event, payload);
    if (notice) notify(notice);
  });
  const reminder = new DailyReminder(
    core.clock,
    () => core.desktop.preferences().paymentsReminderAt,
    async () => {
      const waiting = await Promise.all(
        core.billers.profiles().map(async (b) => {
          const c = await core.payments.counts(b.id).catch(() => null);
          return { billerId: b.id, biller: b.name, count: c ? c.tabs.ready.count + c.tabs.exceptions.count : 0 };
        }),
      );
      const n = paymentsWaitingNotice(waiting);
      if (n) notify(n);
    },
  );
  reminder.arm();

  // ---- sleep, lock screen, shutdown: runs stop at a page boundary; resume catches up
  for (const event of ['suspend', 'lock-screen', 'shutdown', 'resume', 'unlock-screen'] as const) {
    powerMonitor.on(event as 'suspend', () => {
      const action = powerAction(event);
      if (!action) return;
      core.log.info(`Power event: ${event}`);
      if ('stop' in action) void core.jobs.stopAtPageBoundary(action.stop);
      else core.jobs.wake();
    });
  }

  // ---- app menu with Help → Export diagnostics and Check for updates
  const exportDiagnostics = async () => {
    const bundle = await core.desktop.exportDiagnostics();
    const win = window();
    const options = {
      defaultPath: path.join(app.getPath('downloads'), bundle.fileName),
      filters: [{ name: 'Zip', extensions: ['zip'] }],
    };
    const target = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (target.canceled || !target.filePath) return;
    fs.writeFileSync(target.filePath, bundle.bytes);
    core.events.emit('app:notice', {
      level: 'success',
      title: 'Diagnostics exported',
      message: `Saved ${target.filePath}. Send it to support: it holds no passwords or keys.`,
    });
  };
  const template: MenuItemConstructorOptions[] = [
    {
      label: '&File',
      submenu: [
        { label: 'Close window', accelerator: 'CmdOrCtrl+W', click: () => window()?.close() },
        { type: 'separator' },
        { label: 'Quit Impresa Bridge', accelerator: 'CmdOrCtrl+Q', click: () => app.quit() },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'Check for updates', enabled: updates.enabled, click: () => act('check-updates') },
        {
          label: 'Export diagnostics…',
          click: () => void exportDiagnostics().catch((e: unknown) => core.log.error('Export diagnostics failed', e)),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));

  // ---- crashes: the window reloads and says so; main logs and restarts once
  const crashes = new RendererCrashes();
  app.on('render-process-gone', (_event, contents, details) => {
    if (details.reason === 'clean-exit') return;
    core.log.error(`The window stopped: ${details.reason} (exit code ${details.exitCode})`);
    const decision = crashes.onCrash(Date.now(), details.reason);
    if (decision.reload) {
      contents.once('did-finish-load', () =>
        setTimeout(() => core.events.emit('app:notice', { level: 'warning', ...decision.notice }), 1000),
      );
      contents.reload();
    } else notify({ title: decision.notice.title, body: decision.notice.message, screen: 'jobs', billerId: null });
  });
  process.on('uncaughtException', (error) => {
    core.log.error('Impresa Bridge stopped on an unexpected error', error);
    const decision = mainCrashDecision(process.argv);
    if (decision.relaunch) app.relaunch({ args: decision.args });
    app.exit(1);
  });

  // ---- quitting waits for a clerk's posting in progress
  let quitAskedAt: number | null = null;
  app.on('before-quit', (event) => {
    quitAskedAt ??= Date.now();
    if (quitDecision(notices.postingInProgress(), Date.now() - quitAskedAt) === 'wait') {
      event.preventDefault();
      setTimeout(() => app.quit(), 1000);
    }
  });
  app.on('will-quit', () => {
    updates.stop();
    reminder.stop();
    tray.destroy();
  });

  return { notices, updates, notify, showWindow };
}
