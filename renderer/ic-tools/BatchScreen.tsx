import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  DocumentArrowUp20Regular,
  Dismiss20Regular,
  Pause20Regular,
  Play20Regular,
} from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Batch, BatchRow } from '../../shared/contract/ic';
import { formatCents } from '../../shared/domain/money';
import { api } from '../app/api';
import { useApp } from '../app/app.store';
import { useEvent } from '../app/use-event';
import { BillerPicker } from '../components/BillerPicker';
import { saveFile } from '../components/save-file';
import { ScreenHeader } from '../components/ScreenHeader';

const PAGE = 100;

const useStyles = makeStyles({
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXXL}`,
  },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  picked: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorBrandBackground2 },
  counts: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  num: { fontVariantNumeric: 'tabular-nums' },
  tableWrap: { overflowX: 'auto' },
  table: { tableLayout: 'auto' },
  hiddenInput: { display: 'none' },
});

const STATUS_LABEL: Record<BatchRow['status'], string> = {
  pending: 'Waiting',
  invalid: 'Invalid row',
  ok: 'Same in both',
  differs: 'Differs',
  changed: 'Changed',
  'not-found': 'Not found',
  failed: 'Failed',
};

const money = (c: number | null) => (c === null ? '—' : formatCents(c));

function resultText(r: BatchRow): string {
  if (r.status === 'changed') return `${money(r.icCents)} → ${money(r.newIcCents)}`;
  if (r.status === 'ok') return money(r.icCents);
  if (r.status === 'differs') return `IC ${money(r.icCents)}, InHANCE ${money(r.impresaCents)}`;
  return r.message ?? '';
}

/**
 * A CSV of invoice or account numbers: loaded and checked in main, then looked up or refreshed
 * there with progress, pause and cancel; results are paged from SQLite and exported as CSV.
 */
export function BatchScreen() {
  const styles = useStyles();
  const { selectedBillerId, billers } = useApp();
  const biller = billers.find((b) => b.id === selectedBillerId) ?? null;
  const [kind, setKind] = useState<'accounts' | 'invoices'>('accounts');
  const [action, setAction] = useState<'lookup' | 'refresh'>('lookup');
  const [batch, setBatch] = useState<Batch | null>(null);
  const [rows, setRows] = useState<{ rows: BatchRow[]; total: number }>({ rows: [], total: 0 });
  const [page, setPage] = useState(0);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [throttled, setThrottled] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const batchId = batch?.id ?? null;

  const loadRows = useCallback(async () => {
    if (!batchId) return;
    setRows(await api.ic.batchRows({ batchId, offset: page * PAGE, limit: PAGE, problemsOnly }));
  }, [batchId, page, problemsOnly]);

  useEffect(() => {
    void loadRows();
  }, [loadRows]);

  useEffect(() => {
    setBatch(null);
    setError(null);
  }, [selectedBillerId]);

  const lastRowsLoad = useRef(0);
  useEvent('ic:batch', (e) => {
    if (e.batchId !== batchId) return;
    void api.ic.batchGet({ batchId: e.batchId }).then(setBatch);
    // The visible page follows the run, at most once a second (and at the end).
    if (e.state !== 'running' || Date.now() - lastRowsLoad.current > 1000) {
      lastRowsLoad.current = Date.now();
      void loadRows();
    }
    if (e.state !== 'running') setThrottled(null);
  });
  useEvent('ic:throttled', (e) => {
    if (e.billerId !== selectedBillerId || (e.reason !== 'cooldown' && e.reason !== 'retry-after')) return;
    const until = e.until ? new Date(e.until).toLocaleTimeString() : 'a moment';
    setThrottled(
      e.reason === 'cooldown'
        ? `InvoiceCloud calls are pausing for the cool-down until ${until}.`
        : `InvoiceCloud asked us to slow down (HTTP 429); calls wait until ${until}.`,
    );
  });

  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError((e as Error).message);
      return undefined;
    }
  }

  async function onFile(file: File): Promise<void> {
    if (!selectedBillerId) return;
    setLoading(true);
    const text = await file.text();
    const loaded = await run(() => api.ic.batchLoad({ billerId: selectedBillerId, kind, fileName: file.name, text }));
    setLoading(false);
    if (loaded) {
      setBatch(loaded);
      setPage(0);
      setProblemsOnly(false);
    }
  }

  async function exportCsv(): Promise<void> {
    if (!batchId) return;
    const out = await run(() => api.ic.batchExport({ batchId }));
    if (out) saveFile(out.fileName, out.csv, 'text/csv');
  }

  const running = batch?.state === 'running';
  const progress = batch && batch.valid > 0 ? batch.done / batch.valid : 0;
  const pages = Math.max(1, Math.ceil(rows.total / PAGE));

  return (
    <>
      <ScreenHeader
        title="Batch"
        subtitle={
          biller
            ? `${biller.name} · balances of a CSV list of invoices or accounts`
            : 'Balances of a CSV list of invoices or accounts'
        }
      >
        <BillerPicker />
      </ScreenHeader>
      <div className={styles.body}>
        {!selectedBillerId && (
          <MessageBar intent="info">
            <MessageBarBody>Add a biller on the Billers screen first.</MessageBarBody>
          </MessageBar>
        )}
        {selectedBillerId && (
          <div className={styles.row}>
            <Field label="The file lists">
              <RadioGroup
                layout="horizontal"
                value={kind}
                disabled={running}
                onChange={(_, d) => setKind(d.value as 'accounts' | 'invoices')}
              >
                <Radio value="accounts" label="Account numbers" />
                <Radio value="invoices" label="Invoice numbers" />
              </RadioGroup>
            </Field>
            <input
              ref={fileInput}
              className={styles.hiddenInput}
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              aria-label="CSV file"
              data-testid="batch-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void onFile(f);
              }}
            />
            <Button
              icon={<DocumentArrowUp20Regular />}
              disabled={running || loading}
              onClick={() => fileInput.current?.click()}
            >
              {loading ? 'Reading the file…' : 'Choose CSV file…'}
            </Button>
          </div>
        )}
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>That did not work</MessageBarTitle>
              {error}
            </MessageBarBody>
          </MessageBar>
        )}
        {batch && (
          <section className={styles.section} aria-labelledby="batch-file-title">
            <Text as="h3" id="batch-file-title" size={500} weight="semibold">
              {batch.fileName}
            </Text>
            <Text>
              {batch.total.toLocaleString()} rows: {batch.valid.toLocaleString()} to work,{' '}
              {batch.counts.invalid.toLocaleString()} invalid. Delimiter{' '}
              {batch.delimiter === '\t' ? 'tab' : `“${batch.delimiter}”`},{' '}
              {batch.hasHeader ? 'first line is a header' : 'no header line'}; numbers from column “
              {batch.columns[batch.column] ?? batch.column + 1}”.
            </Text>
            {batch.preview.length > 0 && (
              <div className={styles.tableWrap}>
                <Table className={styles.table} size="extra-small" aria-label="Preview of the first rows">
                  <TableHeader>
                    <TableRow>
                      {batch.columns.map((c, i) => (
                        <TableHeaderCell key={i} className={i === batch.column ? styles.picked : undefined}>
                          {c}
                        </TableHeaderCell>
                      ))}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {batch.preview.slice(0, 5).map((r, i) => (
                      <TableRow key={i}>
                        {batch.columns.map((_, j) => (
                          <TableCell key={j} className={j === batch.column ? styles.picked : undefined}>
                            {r[j] ?? ''}
                          </TableCell>
                        ))}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
            <div className={styles.row}>
              <Field label="Action">
                <RadioGroup
                  layout="horizontal"
                  value={batch.action ?? action}
                  disabled={running || (batch.action !== null && batch.done > 0)}
                  onChange={(_, d) => setAction(d.value as 'lookup' | 'refresh')}
                >
                  <Radio value="lookup" label="Look up balances" />
                  <Radio value="refresh" label="Refresh IC balances from InHANCE" />
                </RadioGroup>
              </Field>
              {!running && batch.counts.pending + batch.counts.failed > 0 && (
                <Button
                  appearance="primary"
                  icon={<Play20Regular />}
                  onClick={() =>
                    void run(() => api.ic.batchStart({ batchId: batch.id, action: batch.action ?? action })).then(
                      (b) => b && setBatch(b),
                    )
                  }
                >
                  {batch.done > 0 ? 'Resume' : 'Start'}
                </Button>
              )}
              {running && (
                <>
                  <Button
                    icon={<Pause20Regular />}
                    onClick={() =>
                      void run(() => api.ic.batchPause({ batchId: batch.id })).then((b) => b && setBatch(b))
                    }
                  >
                    Pause
                  </Button>
                  <Button
                    icon={<Dismiss20Regular />}
                    onClick={() =>
                      void run(() => api.ic.batchCancel({ batchId: batch.id })).then((b) => b && setBatch(b))
                    }
                  >
                    Cancel
                  </Button>
                </>
              )}
              <Button
                icon={<ArrowDownload20Regular />}
                disabled={batch.done === 0 && batch.counts.invalid === 0}
                onClick={() => void exportCsv()}
              >
                Export results CSV
              </Button>
            </div>
            <ProgressBar aria-label="Batch progress" thickness="large" value={progress} />
            <Text role="status" aria-live="polite">
              {batch.state === 'done'
                ? 'Finished: '
                : batch.state === 'running'
                  ? 'Working: '
                  : batch.state === 'paused'
                    ? 'Paused: '
                    : batch.state === 'cancelled'
                      ? 'Cancelled: '
                      : ''}
              {batch.done.toLocaleString()} of {batch.valid.toLocaleString()} rows done
              {batch.note && batch.state !== 'running' && batch.note !== 'Paused.' && batch.note !== 'Cancelled.'
                ? ` (${batch.note})`
                : ''}
            </Text>
            {throttled && running && (
              <MessageBar intent="warning">
                <MessageBarBody>{throttled}</MessageBarBody>
              </MessageBar>
            )}
            <div className={styles.counts} aria-label="Results so far">
              <Text>Same: {batch.counts.ok.toLocaleString()}</Text>
              <Text>Differ: {batch.counts.differs.toLocaleString()}</Text>
              <Text>Changed: {batch.counts.changed.toLocaleString()}</Text>
              <Text>Not found: {batch.counts.notFound.toLocaleString()}</Text>
              <Text>Failed: {batch.counts.failed.toLocaleString()}</Text>
              <Text>Invalid: {batch.counts.invalid.toLocaleString()}</Text>
            </div>
          </section>
        )}
        {batch && (
          <section className={styles.section} aria-labelledby="batch-rows-title">
            <div className={styles.row}>
              <Text as="h3" id="batch-rows-title" size={400} weight="semibold">
                Rows
              </Text>
              <Switch
                label="Only problems"
                checked={problemsOnly}
                onChange={(_, d) => {
                  setProblemsOnly(d.checked);
                  setPage(0);
                }}
              />
              <Button size="small" disabled={page === 0} onClick={() => setPage(page - 1)}>
                Previous
              </Button>
              <Text className={styles.num}>
                Page {page + 1} of {pages}
              </Text>
              <Button size="small" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
                Next
              </Button>
            </div>
            <div className={styles.tableWrap}>
              <Table className={styles.table} size="small" aria-label="Per-row results">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Line</TableHeaderCell>
                    <TableHeaderCell>{batch.kind === 'invoices' ? 'Invoice' : 'Account'}</TableHeaderCell>
                    <TableHeaderCell>Result</TableHeaderCell>
                    <TableHeaderCell>Detail</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.rows.map((r) => (
                    <TableRow key={r.line}>
                      <TableCell className={styles.num}>{r.line}</TableCell>
                      <TableCell>{r.value || '—'}</TableCell>
                      <TableCell>{STATUS_LABEL[r.status]}</TableCell>
                      <TableCell>{resultText(r)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </section>
        )}
      </div>
    </>
  );
}
