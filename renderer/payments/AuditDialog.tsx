import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type { PaymentsAuditRow } from '../../shared/domain/payments';
import { api } from '../app/api';
import { debounce } from '../app/use-event';
import { PagedTable, Pager, type PagedColumn } from '../components/PagedTable';
import { saveDownload } from './download';
import { formatInstant } from './format';

const PAGE = 50;

const useStyles = makeStyles({
  surface: { maxWidth: '1000px', width: '90vw' },
  tools: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    marginBottom: tokens.spacingVerticalS,
  },
  pager: { gap: tokens.spacingHorizontalS, marginTop: 0, marginRight: 'auto' },
  detail: { whiteSpace: 'normal', wordBreak: 'break-word' },
});

const ACTION_LABELS: Record<string, string> = {
  'payment.post': 'Posted',
  'payment.hold': 'Held',
  'payment.reject': 'Rejected',
  'payment.undo': 'Undone',
  'payment.reassign': 'Reassigned',
  'payment.reverse': 'Reversed',
  'payment.pull': 'Pulled',
};

/** Every post, hold, reject, reassign and undo with who and when; a page at a time, exportable as CSV. */
export function AuditDialog(props: { open: boolean; billerId: string; timeZone: string; onClose: () => void }) {
  const styles = useStyles();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [rows, setRows] = useState<PaymentsAuditRow[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  const load = useCallback(
    async (text: string, from: number) => {
      try {
        const page = await api.payments.audit({
          billerId: props.billerId,
          ...(text.trim() ? { search: text.trim() } : {}),
          offset: from,
          limit: PAGE,
        });
        setRows(page.entries);
        setTotal(page.total);
        setError(null);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [props.billerId],
  );
  const [loadSoon] = useState(() => debounce((text: string) => void load(text, 0), 250));

  useEffect(() => {
    if (!props.open) return;
    setOffset(0);
    setExported(null);
    void load(search, 0);
    // Re-read only when the dialog opens (not on every keystroke: typing re-reads through loadSoon).
  }, [props.open, load]);

  const exportCsv = async () => {
    try {
      const file = await api.payments.auditExport({
        billerId: props.billerId,
        ...(search.trim() ? { search: search.trim() } : {}),
      });
      saveDownload(file);
      setExported(`Saved ${file.fileName}.`);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const columns: Array<PagedColumn<PaymentsAuditRow>> = [
    { id: 'at', header: 'When', width: '140px', cell: (r) => formatInstant(r.at, props.timeZone) },
    {
      id: 'who',
      header: 'Who',
      width: '160px',
      cell: (r) => `${r.actorName}${r.actorName !== r.actor ? ` (${r.actor})` : ''}`,
    },
    { id: 'action', header: 'Action', width: '100px', cell: (r) => ACTION_LABELS[r.action] ?? r.action },
    { id: 'entry', header: 'Entry', width: '150px', cell: (r) => r.subject ?? '' },
    { id: 'detail', header: 'Detail', cellClassName: styles.detail, cell: (r) => r.detail ?? '' },
  ];
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Audit log</DialogTitle>
          <DialogContent>
            <div className={styles.tools}>
              <Input
                aria-label="Search the audit log"
                placeholder="Entry, account or words in the detail"
                value={search}
                style={{ flex: 1 }}
                onChange={(_, d) => {
                  setSearch(d.value);
                  setOffset(0);
                  loadSoon(d.value);
                }}
              />
            </div>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
            {exported && (
              <MessageBar intent="success">
                <MessageBarBody>{exported}</MessageBarBody>
              </MessageBar>
            )}
            <PagedTable
              label="Payments audit log"
              scroll={{ kind: 'region', label: 'Audit entries', maxHeight: '55vh' }}
              columns={columns}
              rows={rows}
              rowKey={(r) => String(r.id)}
              empty={!error && <Text>Nothing recorded yet{search.trim() ? ' that matches the search' : ''}.</Text>}
            />
          </DialogContent>
          <DialogActions>
            <Pager
              className={styles.pager}
              size="small"
              offset={offset}
              pageSize={PAGE}
              shown={rows.length}
              total={total}
              onPage={(from) => {
                setOffset(from);
                void load(search, from);
              }}
              place={(first, last, of) => (of === 0 ? 'No entries' : `${first}–${last} of ${of}`)}
              labels={['Newer', 'Older']}
            />
            <Button icon={<ArrowDownload20Regular />} onClick={() => void exportCsv()}>
              Export CSV
            </Button>
            <Button appearance="primary" onClick={props.onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
