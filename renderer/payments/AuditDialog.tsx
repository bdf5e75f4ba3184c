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
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type { PaymentsAuditRow } from '../../shared/domain/payments';
import { api } from '../app/api';
import { debounce } from '../app/use-event';
import { saveDownload } from './download';
import { formatInstant } from './format';

const PAGE = 50;

const useStyles = makeStyles({
  surface: { maxWidth: '1000px', width: '90vw' },
  tools: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', marginBottom: tokens.spacingVerticalS },
  scroll: { maxHeight: '55vh', overflowY: 'auto' },
  pager: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', marginRight: 'auto' },
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
        const page = await api.payments.audit({ billerId: props.billerId, ...(text.trim() ? { search: text.trim() } : {}), offset: from, limit: PAGE });
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
      const file = await api.payments.auditExport({ billerId: props.billerId, ...(search.trim() ? { search: search.trim() } : {}) });
      saveDownload(file);
      setExported(`Saved ${file.fileName}.`);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const last = Math.min(offset + rows.length, total);
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
            {/* Focusable so a keyboard can scroll a long page of entries. */}
            <div className={styles.scroll} tabIndex={0} role="region" aria-label="Audit entries">
              <Table size="small" aria-label="Payments audit log">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell style={{ width: 140 }}>When</TableHeaderCell>
                    <TableHeaderCell style={{ width: 160 }}>Who</TableHeaderCell>
                    <TableHeaderCell style={{ width: 100 }}>Action</TableHeaderCell>
                    <TableHeaderCell style={{ width: 150 }}>Entry</TableHeaderCell>
                    <TableHeaderCell>Detail</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>{formatInstant(r.at, props.timeZone)}</TableCell>
                      <TableCell>
                        {r.actorName}
                        {r.actorName !== r.actor ? ` (${r.actor})` : ''}
                      </TableCell>
                      <TableCell>{ACTION_LABELS[r.action] ?? r.action}</TableCell>
                      <TableCell>{r.subject ?? ''}</TableCell>
                      <TableCell className={styles.detail}>{r.detail ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {rows.length === 0 && !error && <Text>Nothing recorded yet{search.trim() ? ' that matches the search' : ''}.</Text>}
            </div>
          </DialogContent>
          <DialogActions>
            <div className={styles.pager}>
              <Button
                size="small"
                disabled={offset === 0}
                onClick={() => {
                  const from = Math.max(0, offset - PAGE);
                  setOffset(from);
                  void load(search, from);
                }}
              >
                Newer
              </Button>
              <Text aria-live="polite">{total === 0 ? 'No entries' : `${offset + 1}–${last} of ${total}`}</Text>
              <Button
                size="small"
                disabled={last >= total}
                onClick={() => {
                  const from = offset + PAGE;
                  setOffset(from);
                  void load(search, from);
                }}
              >
                Older
              </Button>
            </div>
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
