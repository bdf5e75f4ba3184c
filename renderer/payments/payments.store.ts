import { create } from 'zustand';
import type { QueueCounts } from '../../shared/contract/payments';
import type { ActionableState, ControlTotal, ExceptionKind, QueueEntry, QueueTab } from '../../shared/domain/payments';
import { formatCents } from '../../shared/domain/money';
import { api } from '../app/api';
import { debounce, useEvent } from '../app/use-event';
import { emptyFilterForm, toQuery, type FilterProblems, type QueueFilterForm } from './filter';
import {
  applyProgress,
  failOperation,
  finishOperation,
  startOperation,
  type Operation,
  type OperationAction,
} from './operation';
import { clearSelection, emptySelection, pruneSelection, selectAll, type Selection } from './selection';

/**
 * Rows per answer. Main reads, checks and serialises an answer in one go (about 50 µs a row), so an
 * answer's size is how long it holds everything else, and the renderer parses each answer within one
 * frame. Two cases, measured at 23,000 entries (`npm run bench -- queue`):
 * - A first load: the clerk is waiting to start. Its first answer is a few screenfuls, so the table
 *   answers at once (a 5,000-row first answer kept the queue blank while main read and the renderer
 *   parsed it all); the rest comes in answers of 500 rows, each holding main about 25 ms, so the
 *   clerk's first keys, the counts and the other screens' calls get through between them (2,000-row
 *   answers held it about 100 ms each, and the table answered a key 1.7 s after the click, 1 s now).
 * - A re-load (after an action, a refresh): the clerk is already scrolling and working in the table.
 *   Every answer costs a frame its parse, so fewer, larger answers drop fewer frames: 500-row answers
 *   during a scroll doubled its 95th-percentile frame (33 ms), 2,000-row ones leave it at 17 ms.
 */
const FIRST_PAGE = 200;
const FIRST_LOAD_PAGE = 500;
const RELOAD_PAGE = 2000;

interface PaymentsState {
  billerId: string | null;
  tab: QueueTab;
  form: QueueFilterForm;
  problems: FilterProblems;
  exceptionKind: ExceptionKind | 'all';
  /** Posted today: only the live-posting user's posts (the live-mode view); null = yes in live mode. */
  onlyLiveUser: boolean | null;
  rows: QueueEntry[];
  /** Rows matching the filter and their total (main's figures, all pages). */
  total: number;
  totalCents: number;
  loading: boolean;
  error: string | null;
  syncedAt: string | null;
  counts: QueueCounts | null;
  controls: ControlTotal[];
  selection: Selection;
  operation: Operation | null;
  /**
   * Rows another clerk posted while this one was posting them: kept on screen with "already
   * posted by X at T" until the results are dismissed, though InHANCE no longer lists them as ready.
   */
  pinned: QueueEntry[];
  /** "100042 · Ada Smith · $125.50" per entry id of the last action, kept after the rows leave the tab. */
  labels: ReadonlyMap<string, string>;

  open(billerId: string | null): void;
  setTab(tab: QueueTab): void;
  setForm(patch: Partial<QueueFilterForm>): void;
  setExceptionKind(kind: ExceptionKind | 'all'): void;
  setOnlyLiveUser(only: boolean): void;
  /** Opens a tab with its filter set (e.g. the live-mode view: Posted today by IC Clerk). */
  showTab(tab: QueueTab, options?: { onlyLiveUser?: boolean }): void;
  setSelection(selection: Selection): void;
  /**
   * Every row matching the filter (main's answer for "select all that match"). While the list is
   * still arriving it waits for the rest first: the button and the counts say all 23,061, so the
   * selection must not be the first answer's 200.
   */
  selectAllMatching(): Promise<void>;
  /** Ctrl+A in the grid: every row shown, once the whole list is in (as selectAllMatching). */
  selectAllShown(): Promise<void>;
  /** Counts, control totals and the list (after anything that may have changed them). */
  load(): Promise<void>;
  /** Counts per tab and control totals per deposit day. */
  loadTotals(): Promise<void>;
  /** The current tab's rows for the filter (all pages). */
  loadList(): Promise<void>;
  /** Asks main to read the queue from InHANCE now. */
  refresh(): Promise<void>;
  /**
   * The screen's background read of InHANCE (as often as main says, while visible): no spinner, the table
   * stays usable, at most one at a time, none during a bulk action; a change re-loads the tab
   * (main sends payments:changed).
   */
  poll(): Promise<void>;
  /**
   * `chosen` is what the clerk saw and confirmed (the rows as they were when the dialog opened): the
   * action goes to those entries even when a poll meanwhile dropped them from the tab (another clerk
   * posted them), so each one gets its own answer ("already posted by X at T") instead of none.
   */
  act(
    action: Exclude<OperationAction, 'reassign'>,
    rowIds: string[],
    reason?: string,
    chosen?: readonly QueueEntry[],
  ): Promise<Operation>;
  reassign(rowId: string, accountNumber: string, post: boolean): Promise<Operation>;
  dismissOperation(): void;
}

const reloadSoon = debounce(() => void usePayments.getState().load(), 250);
let listSeq = 0;
let polling: Promise<void> | null = null;
let totalsSeq = 0;
/** Set when a biller is opened: its first answer may pick the starting tab (live mode has no Ready work). */
let pickStartTab = false;
/**
 * Settles when the list's first answer is in (or failed). Control totals wait for it: main sums the
 * ledger for them in one synchronous read (half a second at 23,000 payments), and a list request
 * arriving behind it waited as long.
 */
let firstListAnswer: Promise<void> = Promise.resolve();
/** The list load in progress (settled when none is); a newer load replaces it. */
let listInFlight: Promise<void> = Promise.resolve();

/** Settles once no list load is in progress (a load started meanwhile is waited for too). */
async function listSettled(): Promise<void> {
  for (;;) {
    const current = listInFlight;
    await current;
    if (current === listInFlight) return;
  }
}

function labelsOf(rows: readonly QueueEntry[], entryIds: readonly string[]): Map<string, string> {
  const wanted = new Set(entryIds);
  const labels = new Map<string, string>();
  for (const r of rows) {
    if (r.entryId !== null && wanted.has(r.entryId))
      labels.set(r.entryId, `${r.accountNumber} · ${r.customerName || 'no name'} · ${formatCents(r.amountCents)}`);
  }
  return labels;
}

/** The rows the table shows: those another clerk posted meanwhile (pinned) first, then the tab's. */
export function shownRows(rows: QueueEntry[], pinned: QueueEntry[]): QueueEntry[] {
  if (pinned.length === 0) return rows;
  const present = new Set(rows.map((r) => r.id));
  return [...pinned.filter((p) => !present.has(p.id)), ...rows];
}

/** The state rows of a tab are in, sent with every action so main refuses entries that moved since. */
const TAB_STATE: Partial<Record<QueueTab, ActionableState>> = {
  ready: 'pending',
  exceptions: 'pending',
  held: 'held',
  rejected: 'rejected',
};

function newOperationId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `op-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export const usePayments = create<PaymentsState>((set, get) => {
  const listSoon = debounce(() => void get().loadList(), 200);

  const listQuery = () => {
    const s = get();
    const { query, problems } = toQuery(s.form);
    const extra: { exceptionKind?: ExceptionKind; postedBy?: string } = {};
    if (s.tab === 'exceptions' && s.exceptionKind !== 'all') extra.exceptionKind = s.exceptionKind;
    if (s.tab === 'posted-today' && s.counts && (s.onlyLiveUser ?? s.counts.postingMode === 'live'))
      extra.postedBy = s.counts.livePostingUser;
    return { filter: { billerId: s.billerId!, tab: s.tab, ...query, ...extra }, problems };
  };

  const entryIdsOf = (rowIds: string[], chosen: readonly QueueEntry[] = []) => {
    const byId = new Map([...chosen, ...get().rows, ...get().pinned].map((r) => [r.id, r]));
    return rowIds.map((id) => byId.get(id)?.entryId).filter((e): e is string => typeof e === 'string');
  };

  /** One load of the current tab's list (all pages): loadList records it as the one in flight. */
  const loadListNow = async (): Promise<void> => {
    const { billerId } = get();
    if (!billerId) return;
    const seq = ++listSeq;
    const { filter, problems } = listQuery();
    set({ loading: true, problems });
    const previous = get().rows.map((r) => r.id);
    // A first load shows its first page at once; the rest, like a re-load, is swapped in whole at
    // the end: each swap rebuilds the table's row model for every row (at 23,000 entries, four
    // intermediate swaps of 5,000 to 20,000 rows kept the first keystroke waiting 2 to 3 s), and a
    // re-load must not shrink the table under the clerk (and lose the scroll position) while pages arrive.
    const progressive = previous.length === 0;
    try {
      const first = api.payments.list({ ...filter, offset: 0, limit: progressive ? FIRST_PAGE : RELOAD_PAGE });
      firstListAnswer = first.then(
        () => undefined,
        () => undefined,
      );
      let page = await first;
      if (seq !== listSeq) return;
      let rows = page.rows;
      const apply = (done: boolean) =>
        set({
          rows,
          total: page.total,
          totalCents: page.totalCents,
          syncedAt: page.syncedAt,
          error: null,
          loading: !done,
          selection: pruneSelection(
            get().selection,
            [...rows, ...get().pinned].map((r) => r.id),
            previous,
          ),
        });
      if (progressive || rows.length >= page.total) apply(rows.length >= page.total);
      while (rows.length < page.total && page.rows.length > 0) {
        page = await api.payments.list({
          ...filter,
          offset: rows.length,
          limit: progressive ? FIRST_LOAD_PAGE : RELOAD_PAGE,
        });
        if (seq !== listSeq) return;
        rows = rows.concat(page.rows);
        const done = rows.length >= page.total || page.rows.length === 0;
        if (done) apply(done);
      }
    } catch (error) {
      if (seq === listSeq) set({ loading: false, error: (error as Error).message });
    }
  };

  return {
    billerId: null,
    tab: 'ready',
    form: emptyFilterForm,
    problems: {},
    exceptionKind: 'all',
    onlyLiveUser: null,
    labels: new Map(),
    rows: [],
    total: 0,
    totalCents: 0,
    loading: false,
    error: null,
    syncedAt: null,
    counts: null,
    controls: [],
    selection: emptySelection,
    operation: null,
    pinned: [],

    open(billerId) {
      if (billerId === get().billerId) return;
      pickStartTab = true;
      set({
        billerId,
        rows: [],
        total: 0,
        totalCents: 0,
        counts: null,
        controls: [],
        selection: emptySelection,
        operation: null,
        pinned: [],
        error: null,
      });
      if (billerId) void get().load();
    },
    setTab(tab) {
      pickStartTab = false;
      if (tab === get().tab) return;
      // The results of the last action belong to the tab it was done on: a finished one goes with it.
      const operation = get().operation?.finished ? null : get().operation;
      set({ tab, rows: [], total: 0, totalCents: 0, selection: emptySelection, pinned: [], operation });
      void get().loadList();
    },
    setForm(patch) {
      const form = { ...get().form, ...patch };
      set({ form, problems: toQuery(form).problems });
      listSoon();
    },
    setExceptionKind(exceptionKind) {
      set({ exceptionKind });
      void get().loadList();
    },
    setOnlyLiveUser(onlyLiveUser) {
      set({ onlyLiveUser });
      void get().loadList();
    },
    showTab(tab, options = {}) {
      if (options.onlyLiveUser !== undefined) set({ onlyLiveUser: options.onlyLiveUser });
      if (tab === get().tab) void get().loadList();
      else get().setTab(tab);
    },
    setSelection(selection) {
      set({ selection });
    },
    async selectAllMatching() {
      const { billerId, tab } = get();
      if (!billerId) return;
      await listSettled();
      // The clerk moved on (another tab, another biller) while the list was arriving.
      if (get().billerId !== billerId || get().tab !== tab) return;
      const { filter } = listQuery();
      const { entryIds } = await api.payments.ids(filter);
      if (get().billerId !== billerId || get().tab !== tab) return;
      // Main answers in entry ids; the table keys rows by their own id.
      const wanted = new Set(entryIds);
      const ids = get()
        .rows.filter((r) => r.entryId !== null && wanted.has(r.entryId))
        .map((r) => r.id);
      set({
        selection: {
          selected: new Set(ids),
          anchor: get().selection.anchor,
          focus: get().selection.focus ?? ids[0] ?? null,
        },
      });
    },

    async selectAllShown() {
      const { billerId, tab } = get();
      if (!billerId) return;
      await listSettled();
      if (get().billerId !== billerId || get().tab !== tab) return;
      const { pinned, rows } = get();
      set({
        selection: selectAll(
          get().selection,
          shownRows(rows, pinned).map((r) => r.id),
        ),
      });
    },

    async load() {
      const list = get().loadList();
      await Promise.all([get().loadTotals(), list]);
    },

    async loadTotals() {
      const { billerId } = get();
      if (!billerId) return;
      const seq = ++totalsSeq;
      try {
        // Control totals take longest (they sum the ledger): asked for once the list has its first
        // answer, so neither the list nor the counts wait behind them.
        const controls = firstListAnswer
          .then(() => api.payments.controlTotals({ billerId }))
          .then((c) => {
            if (seq === totalsSeq && get().billerId === billerId) set({ controls: c.days });
          });
        const counts = await api.payments.counts({ billerId });
        if (seq !== totalsSeq || get().billerId !== billerId) return;
        const hadCounts = get().counts !== null;
        set({ counts, ...(counts.syncedAt ? { syncedAt: counts.syncedAt } : {}) });
        if (pickStartTab) {
          pickStartTab = false;
          // Live posting leaves Ready empty: start on what needs the clerk (exceptions) or on today's live posts.
          if (counts.postingMode === 'live' && get().tab === 'ready') {
            set({
              tab: counts.tabs.exceptions.count > 0 ? 'exceptions' : 'posted-today',
              rows: [],
              selection: emptySelection,
            });
            void get().loadList();
          }
        }
        // "Only IC Clerk" needs the live-posting user's name, which only counts carry.
        if (!hadCounts && get().tab === 'posted-today') void get().loadList();
        await controls;
      } catch (error) {
        if (seq === totalsSeq) set({ error: (error as Error).message });
      }
    },

    loadList() {
      const load = loadListNow();
      listInFlight = load;
      return load;
    },

    async refresh() {
      const { billerId } = get();
      if (!billerId) return;
      try {
        await api.payments.refresh({ billerId });
      } catch (error) {
        set({ error: (error as Error).message });
      }
      await get().load();
    },

    poll() {
      const { billerId, operation } = get();
      if (!billerId || (operation && !operation.finished)) return Promise.resolve();
      polling ??= (async () => {
        try {
          const { syncedAt } = await api.payments.refresh({ billerId });
          if (get().billerId === billerId) set({ syncedAt });
        } catch {
          // InHANCE unreachable for a moment: the age keeps growing on screen and the next poll tries again.
        }
      })().finally(() => {
        polling = null;
      });
      return polling;
    },

    async act(action, rowIds, reason, chosen = []) {
      const billerId = get().billerId!;
      const entryIds = entryIdsOf(rowIds, chosen);
      const id = newOperationId();
      let op = startOperation(id, action, entryIds.length);
      const known = [...chosen, ...get().rows];
      set({ operation: op, pinned: [], labels: labelsOf(known, entryIds) });
      try {
        if (entryIds.length === 0)
          throw new Error('None of the chosen payments is in the queue any more. Refresh the queue and choose again.');
        const expectedState = TAB_STATE[get().tab];
        if (!expectedState) throw new Error('Nothing can be done to the rows of this tab.');
        const input = { billerId, entryIds, expectedState, operationId: id };
        const result =
          action === 'post'
            ? await api.payments.post(input)
            : action === 'hold'
              ? await api.payments.hold({ ...input, ...(reason ? { reason } : {}) })
              : action === 'reject'
                ? await api.payments.reject({ ...input, reason: reason ?? '' })
                : await api.payments.undo(input);
        op = finishOperation(get().operation?.id === id ? get().operation! : op, result);
        const already = new Set(result.results.filter((r) => r.outcome === 'already-posted').map((r) => r.entryId));
        const seen = new Set<string>();
        const pinned = known.filter(
          (r) => r.entryId !== null && already.has(r.entryId) && !seen.has(r.id) && Boolean(seen.add(r.id)),
        );
        set({ operation: op, pinned, selection: clearSelection(get().selection) });
      } catch (error) {
        op = failOperation(get().operation?.id === id ? get().operation! : op, (error as Error).message);
        set({ operation: op });
      }
      // payments:changed follows every action; one debounced re-load serves both.
      reloadSoon();
      return op;
    },

    async reassign(rowId, accountNumber, post) {
      const billerId = get().billerId!;
      const [entryId] = entryIdsOf([rowId]);
      const id = newOperationId();
      let op = startOperation(id, 'reassign', 1);
      set({ operation: op, pinned: [], labels: labelsOf(get().rows, entryId ? [entryId] : []) });
      try {
        const result = await api.payments.reassign({
          billerId,
          entryId: entryId ?? rowId,
          accountNumber,
          post,
          expectedState: TAB_STATE[get().tab] ?? 'pending',
        });
        op = finishOperation(op, { results: [result.reassigned, ...(result.posted ? [result.posted] : [])] });
        set({ operation: op, selection: clearSelection(get().selection) });
      } catch (error) {
        op = failOperation(op, (error as Error).message);
        set({ operation: op });
      }
      // payments:changed follows every action; one debounced re-load serves both.
      reloadSoon();
      return op;
    },

    dismissOperation() {
      set({ operation: null, pinned: [] });
      void get().load();
    },
  };
});

// Progress arrives once per entry; a 20,000-entry post would re-render 20,000 times, so batch it.
let progressQueue: Array<Parameters<typeof applyProgress>[1]> = [];
let progressTimer: ReturnType<typeof setTimeout> | undefined;
function progressed(event: Parameters<typeof applyProgress>[1]): void {
  progressQueue.push(event);
  progressTimer ??= setTimeout(() => {
    progressTimer = undefined;
    const queued = progressQueue;
    progressQueue = [];
    const op = usePayments.getState().operation;
    if (!op) return;
    usePayments.setState({ operation: queued.reduce(applyProgress, op) });
  }, 100);
}

/**
 * Feeds main's payment events to the store: mounted once, at the root (StoreEvents), so an operation
 * keeps its progress while the clerk is on another screen.
 */
export function usePaymentsEvents(): void {
  useEvent('payments:progress', progressed);
  useEvent('payments:changed', (event) => {
    if (event.billerId === usePayments.getState().billerId) reloadSoon();
  });
}
