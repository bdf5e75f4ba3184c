import {
  Badge,
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { DiffEntry, SourceField } from '../../shared/domain/mapping';
import { describeRow } from './format';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%' },
  field: { width: '24%' },
  change: { width: '12%' },
  cell: {
    verticalAlign: 'top',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    overflowWrap: 'anywhere',
  },
  before: { backgroundColor: tokens.colorPaletteRedBackground1 },
  after: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  gone: { textDecorationLine: 'line-through' },
  key: { display: 'block', color: tokens.colorNeutralForeground3, fontFamily: tokens.fontFamilyMonospace },
  none: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

const CHANGE: Record<DiffEntry['change'], { label: string; color: 'success' | 'danger' | 'warning' }> = {
  added: { label: 'Mapped', color: 'success' },
  removed: { label: 'Unmapped', color: 'danger' },
  changed: { label: 'Changed', color: 'warning' },
};

/**
 * What changed per target between two versions: before in red, after in green, with a word for the
 * kind of change so the colours are never the only sign.
 */
export function DiffTable(props: {
  from: number;
  to: number;
  changes: readonly DiffEntry[];
  sources: readonly SourceField[];
}) {
  const styles = useStyles();
  if (props.changes.length === 0) {
    return (
      <Text>
        Versions {props.from} and {props.to} map every field the same way.
      </Text>
    );
  }
  const cell = (text: string, kind: 'before' | 'after', entry: DiffEntry) => {
    const empty = (kind === 'before' ? entry.before : entry.after)?.source == null;
    return (
      <TableCell className={mergeClasses(styles.cell, !empty && (kind === 'before' ? styles.before : styles.after))}>
        <Text
          size={200}
          className={mergeClasses(
            empty && styles.none,
            kind === 'before' && !empty && entry.change === 'removed' && styles.gone,
          )}
        >
          {text}
        </Text>
      </TableCell>
    );
  };
  return (
    <Table
      className={styles.table}
      size="small"
      aria-label={`Changes from version ${props.from} to version ${props.to}`}
    >
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.field}>InvoiceCloud field</TableHeaderCell>
          <TableHeaderCell className={styles.change}>Change</TableHeaderCell>
          <TableHeaderCell>Version {props.from} (before)</TableHeaderCell>
          <TableHeaderCell>Version {props.to} (after)</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.changes.map((c) => (
          <TableRow key={c.target} data-target={c.target}>
            <TableCell className={styles.cell}>
              <Text weight="semibold">{c.label}</Text>
              <Text size={200} className={styles.key}>
                {c.target}
              </Text>
            </TableCell>
            <TableCell className={styles.cell}>
              <Badge appearance="tint" color={CHANGE[c.change].color}>
                {CHANGE[c.change].label}
              </Badge>
            </TableCell>
            {cell(describeRow(c.before, props.sources), 'before', c)}
            {cell(describeRow(c.after, props.sources), 'after', c)}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
