import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { RunDetail } from '../../shared/contract/jobs';
import { api } from '../app/api';
import { saveFile } from '../components/save-file';
import { formatCents, formatNumber } from './format';
import { REPORT_PAGE_SIZE } from './jobs.store';
import { PagedTable, type PagedColumn } from '../components/PagedTable';

const useStyles = makeStyles({
  head: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalS,
  },
  export: { marginLeft: 'auto' },
});

/** "inhanceCents" → "InHANCE", "missingInIc" → "Missing in IC": column names a person reads. */
export function columnTitle(column: string): string {
  const words = column
    .replace(/Cents$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  const named = words
    .replace(/\binhance\b/g, 'InHANCE')
    .replace(/\binvoicecloud\b/g, 'InvoiceCloud')
    .replace(/\bic\b/g, 'IC')
    .replace(/\bid\b/g, 'ID');
  return named.charAt(0).toUpperCase() + named.slice(1);
}

/** A report cell as text: money columns (…Cents, whole numbers) as dollars, the rest as they are. */
export function cellText(column: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (/Cents$/.test(column) && typeof value === 'number' && Number.isInteger(value)) return formatCents(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

type Row = NonNullable<RunDetail['report']>['rows'][number];

export interface ReportTableProps {
  runId: string;
  report: NonNullable<RunDetail['report']>;
  onPage(offset: number): void;
}

/** A page of a run's report (the Balance All reconciliation), with the whole report as CSV on request. */
export function ReportTable({ runId, report, onPage }: ReportTableProps) {
  const styles = useStyles();
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = columnTitle(report.name);

  const exportCsv = async () => {
    setExporting(true);
    setError(null);
    try {
      const file = await api.jobs.exportReport({ runId, report: report.name });
      saveFile(file.fileName, file.csv, 'text/csv;charset=utf-8');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section aria-label={`${title} report`}>
      <div className={styles.head}>
        <Text as="h4" weight="semibold" size={400}>
          {title} report
        </Text>
        <Text>{report.total === 1 ? '1 row' : `${formatNumber(report.total)} rows`}</Text>
        <Button
          className={styles.export}
          icon={<ArrowDownload20Regular />}
          disabled={report.total === 0}
          // Stays focusable while it works, so Escape still reaches the drawer.
          disabledFocusable={exporting}
          onClick={() => void exportCsv()}
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {report.total === 0 ? (
        <Text block>Nothing to report: the run found no row for it.</Text>
      ) : (
        <PagedTable
          label={`${title} report, rows ${report.offset + 1} to ${report.offset + report.rows.length}`}
          size="extra-small"
          scroll={{ kind: 'x' }}
          columns={report.columns.map((c): PagedColumn<Row> => ({
            id: c,
            header: columnTitle(c),
            numeric: /Cents$/.test(c),
            numericWhen: (row) => typeof row[c] === 'number',
            cell: (row) => cellText(c, row[c]),
          }))}
          rows={report.rows}
          rowKey={(_, i) => String(report.offset + i)}
          pager={
            report.total > REPORT_PAGE_SIZE
              ? {
                  offset: report.offset,
                  pageSize: REPORT_PAGE_SIZE,
                  shown: report.rows.length,
                  total: report.total,
                  onPage,
                  place: (first, last, of) =>
                    `Rows ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(of)}`,
                  labels: ['Previous', 'Next'],
                  size: 'small',
                  icons: true,
                }
              : undefined
          }
        />
      )}
    </section>
  );
}
