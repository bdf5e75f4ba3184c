/**
 * The window's and the app's life: closing to the tray, quitting without cutting a posting short,
 * reloading a crashed window, restarting once after a crash in main. Decided here, done in main.ts.
 */
export interface CloseInput {
  /** Quit was asked for (tray menu, app menu, OS shutdown). */
  quitting: boolean;
  /** The "keep running in the tray when the window closes" preference. */
  closeToTray: boolean;
  /** The first-time "still running" notification was already shown. */
  trayHintShown: boolean;
}

export type CloseDecision = { action: 'close' } | { action: 'hide'; notify: boolean };

export function onWindowClose(input: CloseInput): CloseDecision {
  if (input.quitting || !input.closeToTray) return { action: 'close' };
  return { action: 'hide', notify: !input.trayHintShown };
}

export const TRAY_HINT = {
  title: 'Impresa Bridge is still running',
  body: 'The jobs go on in the background. Open it again from the tray icon; quit it from the tray menu.',
};

/** Before quitting: wait while a clerk's posting is in progress (it ends in seconds), then quit. */
export function quitDecision(postingInProgress: boolean, waitedMs: number, maxWaitMs = 120_000): 'wait' | 'quit' {
  return postingInProgress && waitedMs < maxWaitMs ? 'wait' : 'quit';
}

/**
 * A renderer that crashed is reloaded, and says so; but a window that crashes again and again
 * (three times within ten minutes) is left with an error page rather than looping.
 */
export class RendererCrashes {
  private readonly times: number[] = [];
  constructor(
    private readonly limit = 3,
    private readonly windowMs = 10 * 60 * 1000,
  ) {}

  onCrash(now: number, reason: string): { reload: boolean; notice: { title: string; message: string } } {
    this.times.push(now);
    while (this.times.length > 0 && now - this.times[0]! > this.windowMs) this.times.shift();
    if (this.times.length >= this.limit) {
      return {
        reload: false,
        notice: {
          title: 'The window keeps stopping',
          message: `It stopped ${this.times.length} times in 10 minutes (${reason}). The jobs go on; export diagnostics from the tray's Help and send them to support.`,
        },
      };
    }
    return {
      reload: true,
      notice: {
        title: 'The window was reloaded',
        message: `It had stopped unexpectedly (${reason}). Nothing was lost: the jobs and the queue live in the app, not the window.`,
      },
    };
  }
}

export const AFTER_CRASH_ARG = '--after-crash';

/** After an uncaught error in main: restart once; if this start is already a restart, just exit. */
export function mainCrashDecision(argv: readonly string[]): { relaunch: boolean; args: string[] } {
  if (argv.includes(AFTER_CRASH_ARG)) return { relaunch: false, args: [] };
  return { relaunch: true, args: [...argv.slice(1).filter((a) => a !== AFTER_CRASH_ARG), AFTER_CRASH_ARG] };
}

/** Power events that end runs at a page boundary, and those that let the scheduler catch up. */
export const STOP_EVENTS = {
  suspend: 'the computer went to sleep',
  'lock-screen': 'the screen was locked',
  shutdown: 'Windows is shutting down',
} as const;
export type StopEvent = keyof typeof STOP_EVENTS;

export function powerAction(event: string): { stop: string } | { wake: true } | null {
  if (event in STOP_EVENTS)
    return {
      stop: `The run stopped after its current page because ${STOP_EVENTS[event as StopEvent]}; it goes on at the next run.`,
    };
  if (event === 'resume' || event === 'unlock-screen') return { wake: true };
  return null;
}
