import { create } from 'zustand';
import type { EventPayload } from '../../shared/contract';
import type { RunDetail, StatsPoint } from '../../shared/contract/jobs';
import type { BillerJobs, JobKind, Run, RunState } from '../../shared/domain/jobs';
import { api } from '../app/api';
import { debounce } from '../app/use-event';

export type LiveProgress = EventPayload<'jobs:progress'>;

export interface HistoryFilter {
  job: JobKind | '';
  state: RunState | '';
  /** YYYY-MM-DD in the biller's time zone, or '' for no bound. */
  from: string;
  to: string;
}

export const HISTORY_PAGE_SIZE = 20;
export const REPORT_PAGE_SIZE = 50;
export const EMPTY_FILTER: HistoryFilter = { job: '', state: '', from: '', to: '' };

interface Loaded<T> {
  data: T | null;
  error: string | null;
}

export interface HistoryState extends Loaded<{ runs: Run[]; total: number }> {
  filter: HistoryFilter;
  offset: number;
}

export interface DetailState extends Loaded<RunDetail> {
  runId: string;
  reportOffset: number;
}

export interface JobsState {
  billerId: string | null;
  overview: Loaded<BillerJobs>;
  /** Latest jobs:progress per running run, so bars move between re-fetches. */
  progress: Record<string, LiveProgress>;
  history: HistoryState;
  stats: Loaded<{ from: string; to: string; points: StatsPoint[] }>;
  detail: DetailState | null;
  /** What the last button press could not do, in the words main gave. */
  actionError: string | null;

  /** Follows the screen's biller: loads everything for it (or clears when null); called on every mount. */
  show(billerId: string | null): void;
  reload(): Promise<void>;
  /** jobs:changed: re-fetch soon (debounced), if it is about this biller. */
  changed(payload: EventPayload<'jobs:changed'>): void;
  progressed(payload: LiveProgress): void;
  setFilter(patch: Partial<HistoryFilter>): void;
  setHistoryPage(offset: number): void;
  openRun(runId: string): void;
  closeRun(): void;
  setReportPage(offset: number): void;
  /** Runs a button's call; a refusal lands in `actionError` instead of throwing. */
  act(call: () => Promise<unknown>): Promise<boolean>;
  dismissActionError(): void;
}

const EMPTY = { data: null, error: null };
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useJobs = create<JobsState>((set, get) => {
  // Answers for a biller the screen has left are dropped.
  const current = (billerId: string) => get().billerId === billerId;

  async function loadOverview(billerId: string) {
    try {
      const data = await api.jobs.list({ billerId });
      if (!current(billerId)) return;
      const running = new Set(data.jobs.flatMap((j) => (j.running ? [j.running.id] : [])));
      const progress = Object.fromEntries(Object.entries(get().progress).filter(([runId]) => running.has(runId)));
      set({ overview: { data, error: null }, progress });
    } catch (e) {
      if (current(billerId)) set({ overview: { data: get().overview.data, error: message(e) } });
    }
  }

  async function loadHistory(billerId: string) {
    const { filter, offset } = get().history;
    try {
      const data = await api.jobs.history({
        billerId,
        limit: HISTORY_PAGE_SIZE,
        offset,
        ...(filter.job ? { job: filter.job } : {}),
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.from ? { from: filter.from } : {}),
        ...(filter.to ? { to: filter.to } : {}),
      });
      const now = get().history;
      if (!current(billerId) || now.filter !== filter || now.offset !== offset) return;
      set({ history: { ...now, data, error: null } });
    } catch (e) {
      if (current(billerId)) set({ history: { ...get().history, error: message(e) } });
    }
  }

  async function loadStats(billerId: string) {
    try {
      const data = await api.jobs.stats({ billerId, days: 7 });
      if (current(billerId)) set({ stats: { data, error: null } });
    } catch (e) {
      if (current(billerId)) set({ stats: { data: get().stats.data, error: message(e) } });
    }
  }

  async function loadDetail() {
    const detail = get().detail;
    if (!detail) return;
    const { runId, reportOffset } = detail;
    try {
      const data = await api.jobs.runDetail({
        runId,
        offset: reportOffset,
        limit: REPORT_PAGE_SIZE,
        ...(detail.data?.report ? { report: detail.data.report.name } : {}),
      });
      const now = get().detail;
      if (now?.runId === runId && now.reportOffset === reportOffset) set({ detail: { ...now, data, error: null } });
    } catch (e) {
      const now = get().detail;
      if (now?.runId === runId) set({ detail: { ...now, error: message(e) } });
    }
  }

  // The open run's detail (its log can hold thousands of lines) is re-read only when a change
  // may concern it, not on every change of the biller's jobs.
  let detailStale = false;
  const reloadSoon = debounce(() => {
    const billerId = get().billerId;
    if (!billerId) return;
    const withDetail = detailStale;
    detailStale = false;
    void Promise.all([
      loadOverview(billerId),
      loadHistory(billerId),
      loadStats(billerId),
      withDetail ? loadDetail() : undefined,
    ]);
  }, 150);

  return {
    billerId: null,
    overview: EMPTY,
    progress: {},
    history: { ...EMPTY, filter: EMPTY_FILTER, offset: 0 },
    stats: EMPTY,
    detail: null,
    actionError: null,

    show(billerId) {
      // Back on the screen for the same biller: keep what is shown, but re-read it, since no
      // events were followed while the screen was away.
      if (billerId === get().billerId && get().overview.data) {
        void get().reload();
        return;
      }
      set({
        billerId,
        overview: EMPTY,
        progress: {},
        history: { ...EMPTY, filter: EMPTY_FILTER, offset: 0 },
        stats: EMPTY,
        detail: null,
        actionError: null,
      });
      if (billerId) void get().reload();
    },

    async reload() {
      const billerId = get().billerId;
      if (!billerId) return;
      await Promise.all([loadOverview(billerId), loadHistory(billerId), loadStats(billerId), loadDetail()]);
    },

    changed(payload) {
      if (payload.billerId !== get().billerId) return;
      const run = get().detail?.data?.run;
      if (run && (run.state === 'running' || payload.runId === run.id || (!payload.runId && payload.job === run.job)))
        detailStale = true;
      reloadSoon();
    },

    progressed(payload) {
      if (payload.billerId !== get().billerId) return;
      set({ progress: { ...get().progress, [payload.runId]: payload } });
    },

    setFilter(patch) {
      const history = get().history;
      set({ history: { ...history, filter: { ...history.filter, ...patch }, offset: 0 } });
      const billerId = get().billerId;
      if (billerId) void loadHistory(billerId);
    },

    setHistoryPage(offset) {
      set({ history: { ...get().history, offset: Math.max(0, offset) } });
      const billerId = get().billerId;
      if (billerId) void loadHistory(billerId);
    },

    openRun(runId) {
      set({ detail: { runId, reportOffset: 0, data: null, error: null } });
      void loadDetail();
    },

    closeRun() {
      set({ detail: null });
    },

    setReportPage(offset) {
      const detail = get().detail;
      if (!detail) return;
      set({ detail: { ...detail, reportOffset: Math.max(0, offset) } });
      void loadDetail();
    },

    async act(call) {
      try {
        await call();
        set({ actionError: null });
        reloadSoon();
        return true;
      } catch (e) {
        set({ actionError: message(e) });
        return false;
      }
    },

    dismissActionError() {
      set({ actionError: null });
    },
  };
});
