import type { Clock } from '../ground/clock';
import type { BillersService } from '../billers/billers.service';
import type { CallsService } from './calls.service';

export interface ReminderNotice {
  level: 'info';
  title: string;
  message: string;
  osNotification: true;
  /** Clicking the OS notification opens the Calls screen for this biller. */
  screen: 'calls';
  billerId: string;
}

/**
 * A reminder the set number of minutes before each biller's next support call. It goes out as an
 * app notice: a toast in the window (browser host) and an OS notification in Electron. Checked
 * every 30 s on the app clock; each call start is announced once.
 */
export class CallReminders {
  private cancel: (() => void) | null = null;
  private readonly announced = new Set<string>();

  constructor(
    private readonly calls: CallsService,
    private readonly billers: BillersService,
    private readonly clock: Clock,
    private readonly notify: (n: ReminderNotice) => void,
  ) {}

  start(): void {
    const tick = () => {
      try {
        this.check();
      } finally {
        this.cancel = this.clock.setTimer(30_000, tick);
      }
    };
    this.cancel = this.clock.setTimer(1_000, tick);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  /** Announces every call starting within its reminder window that was not announced yet. */
  check(): void {
    const now = this.clock.now().getTime();
    for (const biller of this.billers.profiles()) {
      const series = this.calls.series(biller.id);
      const next = series.next[0];
      if (!next || series.reminderMinutes <= 0) continue;
      const start = Date.parse(next);
      const key = `${biller.id}@${next}`;
      if (start - now <= series.reminderMinutes * 60_000 && start > now && !this.announced.has(key)) {
        this.announced.add(key);
        const minutes = Math.max(1, Math.round((start - now) / 60_000));
        this.notify({
          level: 'info',
          osNotification: true,
          screen: 'calls',
          billerId: biller.id,
          title: `${series.title} in ${minutes} minute${minutes === 1 ? '' : 's'}`,
          message: `${biller.name}: the call starts at ${series.time ?? ''} ${series.timeZone}. Open Calls to join or copy the join details.`,
        });
      }
    }
  }
}
