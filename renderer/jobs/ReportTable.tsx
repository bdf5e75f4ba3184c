import {
  Button,
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
import { ArrowDownload20Regular, ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { RunDetail } from '../../shared/contract/jobs';
import { api } from '../app/api';
import { saveFile } from '../components/save-file';
import { formatCents, formatNumber } from './format';
import { REPORT_PAGE_SIZE } from './jobs.store';
import { useNumberStyles } from './styles';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalS },
  export: { marginLeft: 'auto' },
  scroll: { overflowX: 'auto' },
  pager: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalS },
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


export interface ReportTableProps {
  runId: string;
  report: NonNullable<RunDetail['report']>;
  onPage(offset: number): void;
}

/** A page of a run's report (the Balance All reconciliation), with the whole report as CSV on request. */
export function ReportTable({ runId, report, onPage }: ReportTableProps) {
  const styles = useStyles();
  const nums = useNumberStyles();
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
        <div className={styles.scroll}>
          <Table size="extra-small" aria-label={`${title} report, rows ${report.offset + 1} to ${report.offset + report.rows.length}`}>
            <TableHeader>
              <TableRow>
                {report.columns.map((c) => (
                  <TableHeaderCell key={c} className={/Cents$/.test(c) ? nums.header : undefined}>
                    {columnTitle(c)}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.rows.map((row, i) => (
                <TableRow key={report.offset + i}>
                  {report.columns.map((c) => (
                    <TableCell key={c} className={/Cents$/.test(c) || typeof row[c] === 'number' ? nums.cell : undefined}>
                      {cellText(c, row[c])}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {report.total > REPORT_PAGE_SIZE && (
        <div className={styles.pager}>
          <Button size="small" icon={<ChevronLeft20Regular />} disabled={report.offset === 0} onClick={() => onPage(report.offset - REPORT_PAGE_SIZE)}>
            Previous
          </Button>
          <Text aria-live="polite">
            Rows {formatNumber(report.offset + 1)}–{formatNumber(report.offset + report.rows.length)} of {formatNumber(report.total)}
          </Text>
          <Button
            size="small"
            icon={<ChevronRight20Regular />}
            iconPosition="after"
            disabled={report.offset + REPORT_PAGE_SIZE >= report.total}
            onClick={() => onPage(report.offset + REPORT_PAGE_SIZE)}
          >
            Next
          </Button>
        </div>
      )}
    </section>
  );
}
