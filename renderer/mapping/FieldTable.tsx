import {
  Badge,
  Button,
  Checkbox,
  makeStyles,
  mergeClasses,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ErrorCircle16Filled, Lightbulb16Regular, Warning16Filled } from '@fluentui/react-icons';
import { Fragment } from 'react';
import { VisuallyHidden } from '../components/VisuallyHidden';
import type { IcField } from '../../shared/domain/invoicecloud-fields';
import type { MappingRow, SourceField, Suggestion, ValidationIssue } from '../../shared/domain/mapping';
import type { RowPatch } from './draft-rows';
import { SourcePicker } from './SourcePicker';
import { TransformPicker } from './TransformPicker';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%' },
  field: { width: '26%' },
  source: { width: '23%' },
  transform: { width: '20%' },
  required: { width: '9%' },
  group: { backgroundColor: tokens.colorNeutralBackground3 },
  groupCell: { paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  cell: { verticalAlign: 'top', paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  // Badges, checkboxes and text sit level with the middle of the 32px pickers beside them.
  level: { paddingTop: `calc(${tokens.spacingVerticalS} + 6px)` },
  label: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  key: { color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  issue: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'flex-start' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  errorRow: { boxShadow: `inset 3px 0 0 ${tokens.colorPaletteRedBorder2}` },
  sample: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  sampleHead: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  sampleState: {
    display: 'inline-flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'center',
    fontWeight: tokens.fontWeightRegular,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  stack: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    alignItems: 'flex-start',
    minWidth: 0,
  },
  suggested: {
    maxWidth: '100%',
    justifyContent: 'flex-start',
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
  },
});

const SECTIONS: Array<{ section: IcField['section']; title: string }> = [
  { section: 'customer', title: 'Customer — the CRM record the Customer job writes' },
  { section: 'invoice', title: 'Invoice — the columns of the Biller Invoice File' },
];

/** The Sample column: one InHANCE account as the draft maps it, and whether that is current. */
export interface SampleValues {
  /** Null until an account has been read. */
  accountNumber: string | null;
  values: Record<string, string>;
  /** The draft changed and a fresh sample is on its way: the values shown predate the edit. */
  updating?: boolean;
  /** Why the latest read failed; the values shown (if any) predate it. */
  error?: string | null;
}

/** What the column header says besides its title, so stale values are never shown as current. */
function sampleState(sample: SampleValues | null): {
  state: 'none' | 'current' | 'updating' | 'unavailable';
  note: string | null;
} {
  if (!sample) return { state: 'none', note: null };
  if (sample.updating)
    return { state: 'updating', note: sample.accountNumber ? 'Updating for your edit…' : 'Reading a sample account…' };
  if (sample.error)
    return {
      state: 'unavailable',
      note: sample.accountNumber ? 'Not updated: InHANCE could not be read.' : 'InHANCE could not be read.',
    };
  return { state: sample.accountNumber ? 'current' : 'none', note: null };
}

export function IssueLine(props: { issue: ValidationIssue }) {
  const styles = useStyles();
  const error = props.issue.severity === 'error';
  return (
    <Text size={200} className={mergeClasses(styles.issue, error ? styles.error : styles.warning)}>
      {error ? <ErrorCircle16Filled aria-hidden /> : <Warning16Filled aria-hidden />}
      <span>
        <VisuallyHidden>{error ? 'Error: ' : 'Warning: '}</VisuallyHidden>
        {props.issue.message}
      </span>
    </Text>
  );
}

/**
 * Every InvoiceCloud target in catalog order, grouped Customer / Invoice: its source, transform,
 * required flag, the issues found on it and, after a preview, the value it would get.
 */
export function FieldTable(props: {
  targets: readonly IcField[];
  draft: readonly MappingRow[];
  sources: readonly SourceField[];
  issues: readonly ValidationIssue[];
  sample: SampleValues | null;
  /** Shown under the picker of the target they are for, so the PM sees one where they work. */
  suggestions?: readonly Suggestion[];
  onAccept?: (accepted: readonly Suggestion[]) => void;
  onEdit: (target: string, patch: RowPatch) => void;
}) {
  const styles = useStyles();
  const rowOf = new Map(props.draft.map((r) => [r.target, r]));
  const sampleOf = sampleState(props.sample);
  const stale = sampleOf.state === 'updating' || sampleOf.state === 'unavailable';
  const issuesOf = (target: string) => props.issues.filter((i) => i.target === target);

  return (
    <Table className={styles.table} aria-label="InvoiceCloud fields and their sources" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.field}>InvoiceCloud field</TableHeaderCell>
          <TableHeaderCell className={styles.source}>Source (InHANCE)</TableHeaderCell>
          <TableHeaderCell className={styles.transform}>Transform</TableHeaderCell>
          <TableHeaderCell className={styles.required}>Required</TableHeaderCell>
          <TableHeaderCell data-sample-state={sampleOf.state}>
            <span className={styles.sampleHead}>
              <span>
                {props.sample?.accountNumber ? `Sample (account ${props.sample.accountNumber})` : 'Sample value'}
              </span>
              {sampleOf.note && (
                <Text size={200} className={mergeClasses(styles.sampleState, styles.muted)}>
                  {sampleOf.state === 'updating' && <Spinner size="extra-tiny" aria-hidden />}
                  {sampleOf.note}
                </Text>
              )}
            </span>
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {SECTIONS.map(({ section, title }) => (
          <Fragment key={section}>
            <TableRow className={styles.group}>
              <TableCell colSpan={5} className={styles.groupCell}>
                <Text as="h3" weight="semibold" size={300}>
                  {title}
                </Text>
              </TableCell>
            </TableRow>
            {props.targets
              .filter((t) => t.section === section)
              .map((t) => {
                const row = rowOf.get(t.key) ?? {
                  target: t.key,
                  source: null,
                  transform: 'none' as const,
                  required: t.required,
                };
                const issues = issuesOf(t.key);
                const value = props.sample?.accountNumber ? props.sample.values[t.key] : undefined;
                const suggestion = props.suggestions?.find((s) => s.target === t.key);
                const suggestedLabel = suggestion
                  ? (props.sources.find((s) => s.path === suggestion.source)?.label ?? suggestion.source)
                  : '';
                return (
                  <TableRow
                    key={t.key}
                    className={issues.some((i) => i.severity === 'error') ? styles.errorRow : undefined}
                    data-target={t.key}
                  >
                    <TableCell className={styles.cell}>
                      <div className={styles.label}>
                        <Text weight="semibold">{t.label}</Text>
                        <Text size={200} className={styles.key}>
                          {t.key}
                        </Text>
                        {issues.map((issue, i) => (
                          <IssueLine key={i} issue={issue} />
                        ))}
                      </div>
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <div className={styles.stack}>
                        <SourcePicker
                          targetLabel={t.label}
                          value={row.source}
                          sources={props.sources}
                          onChange={(source) => props.onEdit(t.key, { source })}
                        />
                        {suggestion && props.onAccept && (
                          <Button
                            size="small"
                            appearance="transparent"
                            icon={<Lightbulb16Regular />}
                            className={styles.suggested}
                            aria-label={`Accept the suggested ${suggestedLabel} for ${t.label}`}
                            onClick={() => props.onAccept?.([suggestion])}
                          >
                            Suggested: {suggestedLabel}. Accept
                          </Button>
                        )}
                      </div>
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <TransformPicker
                        targetLabel={t.label}
                        row={row}
                        onChange={(patch) => props.onEdit(t.key, patch)}
                      />
                    </TableCell>
                    <TableCell className={mergeClasses(styles.cell, t.required && styles.level)}>
                      {t.required ? (
                        // A fact about the field, not a problem: neutral, not red (errors are red).
                        <Badge
                          appearance="outline"
                          color="informative"
                          aria-label={`${t.label} is required by InvoiceCloud`}
                        >
                          Required
                        </Badge>
                      ) : (
                        <Checkbox
                          aria-label={`Require ${t.label}`}
                          checked={row.required}
                          onChange={(_, d) => props.onEdit(t.key, { required: d.checked === true })}
                        />
                      )}
                    </TableCell>
                    <TableCell className={mergeClasses(styles.cell, styles.level)}>
                      {!props.sample?.accountNumber ? (
                        <Text size={200} className={styles.muted}>
                          —
                        </Text>
                      ) : value === undefined || value === '' ? (
                        <Text size={200} className={styles.muted}>
                          (empty)
                        </Text>
                      ) : (
                        <Text size={200} className={mergeClasses(styles.sample, stale && styles.muted)}>
                          {value}
                        </Text>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
