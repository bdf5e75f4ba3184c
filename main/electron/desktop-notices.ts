/**
 * Which OS notifications the desktop app shows, and which screen each one opens when clicked:
 * a job's failure streak (Jobs), a finished bulk posting (Payments), payments waiting in the queue
 * at a set time of day (Payments). Also knows whether a clerk's posting is in progress, which the
 * updater and quitting must respect. Plain code over the core's events; main.ts shows the result.
 */
export type NoticeScreen = 'billers' | 'jobs' | 'payments' | 'mapping' | 'calls';

export interface DesktopNotice {
  title: string;
  body: string;
  /** The screen a click opens. */
  screen: NoticeScreen;
  /** The biller concerned, when there is one: the screen selects it. */
  billerId: string | null;
}

interface Progress {
  billerId: string;
  operationId: string;
  action: 'post' | 'hold' | 'reject' | 'undo';
  done: number;
  total: number;
  ok: boolean;
}

const ACTION_DONE: Record<Progress['action'], string> = {
  post: 'posted',
  hold: 'held',
  reject: 'rejected',
  undo: 'undone',
};

/** Turns the core's events into notices; tracks the bulk operations in flight. */
export class DesktopNotices {
  private readonly operations = new Map<string, { failed: number }>();

  constructor(private readonly billerName: (billerId: string) => string) {}

  /** Feed every core event here; returns the notice to show, if any. */
  onEvent(event: string, payload: unknown): DesktopNotice | null {
    if (event === 'app:notice') {
      const p = payload as {
        level: string;
        title: string;
        message: string;
        screen?: NoticeScreen;
        billerId?: string;
        osNotification?: boolean;
      };
      // Failure streaks, job-host warnings and call reminders; other information toasts stay in the window.
      if (p.level !== 'error' && p.level !== 'warning' && !p.osNotification) return null;
      return { title: p.title, body: p.message, screen: p.screen ?? 'jobs', billerId: p.billerId ?? null };
    }
    if (event === 'payments:progress') return this.onProgress(payload as Progress);
    return null;
  }

  /** True while any bulk posting, hold or reject is between its first and last entry. */
  postingInProgress(): boolean {
    return this.operations.size > 0;
  }

  private onProgress(p: Progress): DesktopNotice | null {
    const op = this.operations.get(p.operationId) ?? { failed: 0 };
    if (!p.ok) op.failed++;
    if (p.done < p.total) {
      this.operations.set(p.operationId, op);
      return null;
    }
    this.operations.delete(p.operationId);
    // One entry is a click the clerk is watching; a notice is for a bulk action they may have left.
    if (p.total < 2 || p.action !== 'post') return null;
    const okCount = p.total - op.failed;
    const body =
      op.failed === 0
        ? `All ${p.total} payments were ${ACTION_DONE[p.action]}.`
        : `${okCount} of ${p.total} payments were ${ACTION_DONE[p.action]}; ${op.failed} need a look.`;
    return {
      title: `Bulk posting finished for ${this.billerName(p.billerId)}`,
      body,
      screen: 'payments',
      billerId: p.billerId,
    };
  }
}

/** "HH:MM" (24 h), or null for off. */
export function parseTimeOfDay(value: string | null): { hour: number; minute: number } | null {
  if (!value) return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/** The next moment at `at` local time strictly after `now`. */
export function nextTimeOfDay(now: Date, at: { hour: number; minute: number }): Date {
  const next = new Date(now);
  next.setHours(at.hour, at.minute, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

export interface WaitingPayments {
  billerId: string;
  biller: string;
  count: number;
}

/** The daily reminder: only when payments wait, naming the biller with the most. */
export function paymentsWaitingNotice(waiting: readonly WaitingPayments[]): DesktopNotice | null {
  const withSome = waiting.filter((w) => w.count > 0).sort((a, b) => b.count - a.count);
  if (withSome.length === 0) return null;
  const total = withSome.reduce((s, w) => s + w.count, 0);
  const first = withSome[0]!;
  const where =
    withSome.length === 1 ? `for ${first.biller}` : `for ${withSome.length} billers (most for ${first.biller})`;
  return {
    title: `${total} ${total === 1 ? 'payment waits' : 'payments wait'} to be posted`,
    body: `${total === 1 ? 'It waits' : 'They wait'} in the pending queue ${where}.`,
    screen: 'payments',
    billerId: first.billerId,
  };
}

/** Fires `check` every day at the time `at()` returns (re-read each day, so a changed setting applies). */
export class DailyReminder {
  private cancel: (() => void) | null = null;

  constructor(
    private readonly timers: { now(): Date; setTimer(ms: number, fn: () => void): () => void },
    private readonly at: () => string | null,
    private readonly fire: () => void | Promise<void>,
  ) {}

  /** (Re)arms for the next occurrence; call again after the setting changes. */
  arm(): Date | null {
    this.cancel?.();
    this.cancel = null;
    const at = parseTimeOfDay(this.at());
    if (!at) return null;
    const now = this.timers.now();
    const next = nextTimeOfDay(now, at);
    this.cancel = this.timers.setTimer(next.getTime() - now.getTime(), () => {
      void Promise.resolve(this.fire()).finally(() => this.arm());
    });
    return next;
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }
}
