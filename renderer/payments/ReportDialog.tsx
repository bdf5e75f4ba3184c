import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
} from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { saveDownload } from './download';
import { formatBytes } from './format';

/**
 * The daily report for a date (posted by whom, held, rejected, reversed and returned, totals by
 * method, fees, control totals), downloaded as CSV or PDF.
 */
export function ReportDialog(props: { open: boolean; billerId: string; today: string; onClose: () => void }) {
  const [date, setDate] = useState(props.today);
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (props.open) {
      setDate(props.today);
      setSaved(null);
      setError(null);
    }
  }, [props.open, props.today]);

  const download = async (format: 'csv' | 'pdf') => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError('Choose the day the report is for.');
    setBusy(format);
    setError(null);
    setSaved(null);
    try {
      const file = await api.payments.report({ billerId: props.billerId, date, format });
      const bytes = saveDownload(file);
      setSaved(`Saved ${file.fileName} (${formatBytes(bytes)}).`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface style={{ maxWidth: '640px' }}>
        <DialogBody>
          <DialogTitle>Daily report</DialogTitle>
          <DialogContent>
            <Text block style={{ marginBottom: 12 }}>
              What was posted (by a clerk or by the live-posting user), held, rejected, reversed and returned on the
              day, with totals by method, convenience fees and the control totals against InvoiceCloud.
            </Text>
            <Field label="Day" validationMessage={error ?? undefined}>
              <Input type="date" value={date} max={props.today} onChange={(_, d) => setDate(d.value)} />
            </Field>
            {saved && (
              <MessageBar intent="success" style={{ marginTop: 12 }}>
                <MessageBarBody>{saved}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={props.onClose}>
              Close
            </Button>
            <Button icon={<ArrowDownload20Regular />} disabled={busy !== null} onClick={() => void download('csv')}>
              {busy === 'csv' ? 'Preparing CSV…' : 'Download CSV'}
            </Button>
            <Button
              appearance="primary"
              icon={<ArrowDownload20Regular />}
              disabled={busy !== null}
              onClick={() => void download('pdf')}
            >
              {busy === 'pdf' ? 'Preparing PDF…' : 'Download PDF'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
