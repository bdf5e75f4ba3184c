import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowSync20Regular, DocumentTable20Regular, History20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { QUEUE_TAB_LABELS, QUEUE_TABS, type QueueEntry, type QueueTab } from '../../shared/domain/payments';
import { formatCents } from '../../shared/domain/money';
import { useApp } from '../app/app.store';
import { BillerPicker } from '../components/BillerPicker';
import { ScreenHeader } from '../components/ScreenHeader';
import { AuditDialog } from './AuditDialog';
import { ConfirmPostDialog } from './ConfirmPostDialog';
import { ControlStrip } from './ControlTotals';
import { ageClock } from './format';
import { globalCommand } from './keyboard';
import { OperationPanel } from './OperationPanel';
import { shownRows, usePayments } from './payments.store';
import { QueueActions, TAB_ACTIONS } from './QueueActions';
import { columnsFor } from './queue-columns';
import { QueueTable, type QueueAction } from './QueueTable';
import { QueuePoller, queuePollMs } from './queue-poller';
import { QueueToolbar } from './QueueToolbar';
import { ReadAgo } from './ReadAgo';
import { ReassignDialog } from './ReassignDialog';
import { ReasonDialog } from './ReasonDialog';
import { ReportDialog } from './ReportDialog';
import { rowNotes } from './operation';
import { clearSelection, totalOf } from './selection';
import { Shortcuts } from './Shortcuts';

const useStyles = makeStyles({
  screen: { display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 },
  queue: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    flex: 1,
    minHeight: 0,
    minWidth: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalS}`,
  },
  headerButton: { whiteSpace: 'nowrap', flexShrink: 0 },
  banner: { margin: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalS}` },
  empty: { padding: `0 ${tokens.spacingHorizontalXL}` },
  // Off screen until focused: the first Tab stop of the screen, straight to the table.
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': {
      position: 'static',
      left: 'auto',
      alignSelf: 'flex-start',
      margin: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXL} 0`,
      padding: tokens.spacingHorizontalXS,
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
    },
  },
});

type ReasonRequest = { action: 'hold' | 'reject'; rows: QueueEntry[] } | null;

function focusGrid(grid: HTMLElement | null) {
  grid?.querySelector<HTMLElement>('[role="row"][tabindex="0"]')?.focus();
}

export function PaymentsScreen() {
  const styles = useStyles();
  const { billers, billersLoaded, selectedBillerId } = useApp();
  const biller = billers.find((b) => b.id === selectedBillerId) ?? null;
  const s = usePayments();
  const searchRef = useRef<HTMLInputElement>(null);
  const gridBox = useRef<HTMLDivElement>(null);
  const lastKey = useRef<string | null>(null);
  /** The skip link and "g q": focus lands on the table's row (its single tab stop). */
  const goToQueue = () => focusGrid(gridBox.current);
  // What the clerk chose, as it was when the dialog opened: a poll that drops a row (another clerk posted
  // it) must not change what the dialog says or what Post sends.
  const [confirmPost, setConfirmPost] = useState<QueueEntry[] | null>(null);
  const [reasonFor, setReasonFor] = useState<ReasonRequest>(null);
  const [reassigning, setReassigning] = useState<QueueEntry | null>(null);
  const [reportOpen, setReportOpen] = useState(false);
  const [auditOpen, setAuditOpen] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  const open = s.open;
  useEffect(() => open(biller?.id ?? null), [open, biller?.id]);
  // While this screen is open and the window visible, the queue is read from InHANCE as often as main says.
  const poll = s.poll;
  const billerId = biller?.id ?? null;
  const refreshAfterMs = s.counts?.refreshAfterMs ?? null;
  useEffect(() => {
    if (!billerId || refreshAfterMs === null) return;
    const poller = new QueuePoller({
      poll,
      everyMs: queuePollMs(refreshAfterMs),
      visible: () => document.visibilityState === 'visible',
    });
    const onVisibility = () => poller.visibilityChanged();
    poller.start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      poller.stop();
    };
  }, [poll, billerId, refreshAfterMs]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const dialogOpen = confirmPost !== null || reasonFor !== null || reassigning !== null || reportOpen || auditOpen;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      const afterG = lastKey.current === 'g';
      lastKey.current =
        !typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === 'g' || e.key === 'G') ? 'g' : null;
      const cmd = dialogOpen ? null : globalCommand(e, typing, afterG);
      if (!cmd) return;
      e.preventDefault();
      if (cmd.type === 'queue') goToQueue();
      else searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialogOpen]);

  const rows = useMemo(() => shownRows(s.rows, s.pinned), [s.rows, s.pinned]);
  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const notes = useMemo(() => rowNotes(s.operation), [s.operation]);
  const timeZone = biller?.timeZone ?? 'America/New_York';
  // Ages run on the biller's clock when main gives it (the sandbox lives on simulated time).
  const clockNow = s.counts?.now ? Date.parse(s.counts.now) : ageClock(now, s.counts?.today ?? null, timeZone);
  const columns = useMemo(
    () => columnsFor(s.tab, { timeZone, now: clockNow, notes }),
    [s.tab, timeZone, clockNow, notes],
  );
  const selectedTotals = useMemo(
    () =>
      totalOf(
        [...s.selection.selected].map((id) => byId.get(id)).filter((r) => r !== undefined),
        (r) => r.amountCents,
      ),
    [s.selection, byId],
  );
  // Buttons act on what is visibly selected; the keys also act on the focused row (QueueTable).
  const targets = useMemo(() => rowIds.filter((id) => s.selection.selected.has(id)), [rowIds, s.selection]);
  const busy = s.operation !== null && !s.operation.finished;
  const counts = s.counts;
  const depositDays = useMemo(() => s.controls.map((d) => d.depositDate), [s.controls]);

  const request = (action: QueueAction | 'reassign', ids: string[]) => {
    if (busy || !TAB_ACTIONS[s.tab].includes(action) || ids.length === 0) return;
    if (action === 'post') setConfirmPost(ids.map((id) => byId.get(id)).filter((r) => r !== undefined));
    else if (action === 'hold' || action === 'reject')
      setReasonFor({ action, rows: ids.map((id) => byId.get(id)).filter((r) => r !== undefined) });
    else if (action === 'undo') void s.act('undo', ids).then(() => focusGrid(gridBox.current));
    else if (action === 'reassign') setReassigning(byId.get(ids[0]!) ?? null);
  };
  const afterDialog = () => requestAnimationFrame(() => focusGrid(gridBox.current));

  if (billersLoaded && billers.length === 0) {
    return (
      <>
        <ScreenHeader title="Payments" />
        <Text className={styles.empty}>
          No billers yet. Add one on the Billers screen; its pending payments show here.
        </Text>
      </>
    );
  }

  const liveUser = counts?.livePostingUser ?? 'IC Clerk';
  const onlyLiveUser = s.onlyLiveUser ?? counts?.postingMode === 'live';
  return (
    <div className={styles.screen}>
      <a
        href="#payments-queue"
        className={styles.skip}
        onClick={(e) => {
          e.preventDefault();
          goToQueue();
        }}
      >
        Skip to the queue (g q)
      </a>
      <ScreenHeader compact title="Payments" subtitle="InvoiceCloud payments waiting in InHANCE batch entries.">
        <BillerPicker />
        {biller && <ReadAgo syncedAt={s.syncedAt} />}
        <Button
          icon={<ArrowSync20Regular />}
          onClick={() => void s.refresh()}
          disabled={!biller}
          title="Read the queue from InHANCE now"
          className={styles.headerButton}
        >
          Refresh
        </Button>
        <Button
          icon={<DocumentTable20Regular />}
          onClick={() => setReportOpen(true)}
          disabled={!biller}
          className={styles.headerButton}
        >
          Daily report
        </Button>
        <Button
          icon={<History20Regular />}
          onClick={() => setAuditOpen(true)}
          disabled={!biller}
          className={styles.headerButton}
        >
          Audit log
        </Button>
      </ScreenHeader>

      {counts?.postingMode === 'live' && (
        <MessageBar intent="info" className={styles.banner}>
          <MessageBarBody>
            <MessageBarTitle>Live posting</MessageBarTitle>
            Payments are posted straight to accounts as {liveUser}: {counts.tabs['posted-today'].count} posted today (
            {formatCents(counts.tabs['posted-today'].totalCents)}
            ); {counts.tabs.exceptions.count} fell back to the queue as exceptions.
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => s.showTab('posted-today', { onlyLiveUser: true })}>
              Today’s posts by {liveUser}
            </Button>
            <Button size="small" onClick={() => s.showTab('exceptions')}>
              Exceptions
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {s.error && (
        <MessageBar intent="error" className={styles.banner}>
          <MessageBarBody>
            <MessageBarTitle>The queue could not be read</MessageBarTitle>
            {s.error}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void s.load()}>
              Try again
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      <TabList
        selectedValue={s.tab}
        onTabSelect={(_, d) => s.setTab(d.value as QueueTab)}
        aria-label="Queue"
        style={{ padding: `0 ${tokens.spacingHorizontalXL}` }}
      >
        {QUEUE_TABS.map((t) => (
          <Tab key={t} value={t}>
            {QUEUE_TAB_LABELS[t]}
            {counts ? ` (${counts.tabs[t].count.toLocaleString('en-US')})` : ''}
          </Tab>
        ))}
      </TabList>

      <section
        id="payments-queue"
        className={styles.queue}
        aria-label={`${QUEUE_TAB_LABELS[s.tab]} payments`}
        ref={gridBox}
      >
        <QueueToolbar
          tab={s.tab}
          form={s.form}
          problems={s.problems}
          depositDays={depositDays}
          exceptionKind={s.exceptionKind}
          onlyLiveUser={onlyLiveUser}
          livePostingUser={liveUser}
          searchRef={searchRef}
          onForm={s.setForm}
          onExceptionKind={s.setExceptionKind}
          onOnlyLiveUser={s.setOnlyLiveUser}
          onLeaveSearch={() => {
            if (s.selection.focus === null && rowIds[0]) s.setSelection({ ...s.selection, focus: rowIds[0] });
            requestAnimationFrame(() => focusGrid(gridBox.current));
          }}
        />
        <QueueActions
          tab={s.tab}
          selected={selectedTotals}
          targets={targets.length}
          shown={{ count: s.total, cents: s.totalCents }}
          ready={counts ? { count: counts.tabs.ready.count, cents: counts.tabs.ready.totalCents } : null}
          canReassign={targets.length === 1 && byId.get(targets[0]!)?.entryId != null}
          busy={busy}
          onAction={(a) => request(a, targets)}
          onSelectAll={() => void s.selectAllMatching()}
          onClear={() => s.setSelection(clearSelection(s.selection))}
        />
        <ControlStrip days={s.controls} timeZone={timeZone} />
        {s.operation && (
          <OperationPanel
            operation={s.operation}
            describe={(e) => s.labels.get(e) ?? e}
            onDismiss={s.dismissOperation}
          />
        )}
        <QueueTable
          label={`${QUEUE_TAB_LABELS[s.tab]} payments`}
          rows={rows}
          rowId={(r) => r.id}
          columns={columns}
          selection={s.selection}
          onSelection={s.setSelection}
          onAction={request}
          onSearchKey={() => searchRef.current?.focus()}
          onSelectAll={() => void s.selectAllShown()}
          selectable={TAB_ACTIONS[s.tab].length > 0}
          empty={s.loading ? <Spinner size="tiny" label="Reading the queue from InHANCE" /> : emptyText(s.tab)}
        />
        <Shortcuts />
      </section>

      <ConfirmPostDialog
        open={confirmPost !== null}
        count={confirmPost?.length ?? 0}
        cents={totalOf(confirmPost ?? [], (r) => r.amountCents).cents}
        onCancel={() => {
          setConfirmPost(null);
          afterDialog();
        }}
        onConfirm={() => {
          const chosen = confirmPost ?? [];
          setConfirmPost(null);
          afterDialog();
          void s.act(
            'post',
            chosen.map((r) => r.id),
            undefined,
            chosen,
          );
        }}
      />
      <ReasonDialog
        open={reasonFor !== null}
        action={reasonFor?.action ?? 'hold'}
        count={reasonFor?.rows.length ?? 0}
        cents={totalOf(reasonFor?.rows ?? [], (r) => r.amountCents).cents}
        onCancel={() => {
          setReasonFor(null);
          afterDialog();
        }}
        onConfirm={(reason) => {
          const req = reasonFor!;
          setReasonFor(null);
          afterDialog();
          void s.act(
            req.action,
            req.rows.map((r) => r.id),
            reason || undefined,
            req.rows,
          );
        }}
      />
      {biller && (
        <>
          <ReassignDialog
            entry={reassigning}
            billerId={biller.id}
            onCancel={() => {
              setReassigning(null);
              afterDialog();
            }}
            onReassign={(account, post) => {
              const row = reassigning!;
              setReassigning(null);
              afterDialog();
              void s.reassign(row.id, account, post);
            }}
          />
          <ReportDialog
            open={reportOpen}
            billerId={biller.id}
            today={counts?.today ?? new Date().toISOString().slice(0, 10)}
            onClose={() => setReportOpen(false)}
          />
          <AuditDialog open={auditOpen} billerId={biller.id} timeZone={timeZone} onClose={() => setAuditOpen(false)} />
        </>
      )}
    </div>
  );
}

function emptyText(tab: QueueTab): string {
  switch (tab) {
    case 'ready':
      return 'Nothing waits to be posted. New payments arrive with each run of the Payments job.';
    case 'exceptions':
      return 'No exceptions: every payment matched an open account.';
    case 'held':
      return 'Nothing is held.';
    case 'rejected':
      return 'Nothing was rejected.';
    case 'returns':
      return 'No returns or reversals.';
    case 'posted-today':
      return 'Nothing posted today yet.';
  }
}
