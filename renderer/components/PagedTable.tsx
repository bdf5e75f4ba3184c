import {
  Button,
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
import { ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react';
import { VisuallyHidden } from './VisuallyHidden';

/** One column of a PagedTable. */
export interface PagedColumn<T> {
  id: string;
  /** The column's name: shown (clipped with an ellipsis and whole on hover when narrow) and read out. */
  header: string;
  /** Read by screen readers only (a column of buttons whose name the buttons already say). */
  headerHidden?: boolean;
  /** Fixed width, the cells' padding excluded; without one the column takes what is left. */
  width?: string;
  /** Numbers: right-aligned with tabular figures, header included. */
  numeric?: boolean;
  /** A cell of this row holds a number (right-aligned) though the column is not all numbers. */
  numericWhen?(row: T): boolean;
  /** Extra class of this column's cells. */
  cellClassName?: string;
  cell(row: T): ReactNode;
}

export interface PagedTableProps<T> {
  /** The table's accessible name (its caption for screen readers). */
  label: string;
  columns: ReadonlyArray<PagedColumn<T>>;
  rows: readonly T[];
  rowKey(row: T, index: number): string;
  /** Attributes of a row (data-… hooks for tests and styles). */
  rowProps?(row: T): HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number>;
  size?: 'extra-small' | 'small' | 'medium';
  className?: string;
  /**
   * How the table scrolls: `x` sideways in a plain box; `region` in a focusable, named region (so a
   * keyboard can scroll it), with a maximum height.
   */
  scroll?: { kind: 'x' } | { kind: 'region'; label: string; maxHeight: string };
  /** Under the table: the page's place in the whole and the buttons to move (see Pager). */
  pager?: PagerProps;
  /** Shown in the scroll box under the headers when there is no row. */
  empty?: ReactNode;
}

const useStyles = makeStyles({
  scrollX: { overflowX: 'auto' },
  header: { overflow: 'hidden' },
  headerText: { display: 'block', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  numberCell: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  // Fluent puts a header's text in an inner flex box: line it up on the right too.
  numberHeader: { textAlign: 'right', '& > *': { justifyContent: 'flex-end' } },
  pager: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalS },
});

interface ColumnMeta<T> {
  column: PagedColumn<T>;
}

/**
 * The one table the screens page through (run history, a run's report, the runs-per-day table, the
 * mapping's versions, the payments audit log): Fluent's table parts laid out by TanStack Table, named
 * for screen readers, headers that end in an ellipsis (and say their whole name on hover) when narrow.
 */
export function PagedTable<T>(props: PagedTableProps<T>) {
  const styles = useStyles();
  const { columns, rows, rowKey } = props;
  const defs = useMemo<Array<ColumnDef<T>>>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        cell: (info) => c.cell(info.row.original),
        meta: { column: c } satisfies ColumnMeta<T>,
      })),
    [columns],
  );
  const table = useReactTable<T>({
    data: rows as T[],
    columns: defs,
    getRowId: (row, index) => rowKey(row, index),
    getCoreRowModel: getCoreRowModel(),
  });
  const numeric = (c: PagedColumn<T>, row?: T) =>
    c.numeric === true || (row !== undefined && c.numericWhen?.(row) === true);

  const grid = (
    <Table aria-label={props.label} size={props.size ?? 'small'} className={props.className}>
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((h) => {
              const c = (h.column.columnDef.meta as ColumnMeta<T>).column;
              const style: CSSProperties | undefined = c.width ? { width: c.width } : undefined;
              return (
                <TableHeaderCell
                  key={h.id}
                  style={style}
                  className={mergeClasses(styles.header, numeric(c) && styles.numberHeader)}
                >
                  {c.headerHidden ? (
                    <VisuallyHidden>{c.header}</VisuallyHidden>
                  ) : (
                    <span className={styles.headerText} title={c.header}>
                      {c.header}
                    </span>
                  )}
                </TableHeaderCell>
              );
            })}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id} {...props.rowProps?.(row.original)}>
            {row.getVisibleCells().map((cell) => {
              const c = (cell.column.columnDef.meta as ColumnMeta<T>).column;
              return (
                <TableCell
                  key={cell.id}
                  className={mergeClasses(numeric(c, row.original) && styles.numberCell, c.cellClassName)}
                >
                  {/* Called, not rendered as a component: the columns are rebuilt on every render, and a new
                      component type each time would remount the cell (and lose the focus in it). */}
                  {c.cell(row.original)}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
  const empty = rows.length === 0 ? props.empty : null;
  const scroll = props.scroll;
  return (
    <>
      {scroll?.kind === 'region' ? (
        // Focusable so a keyboard can scroll a long page of rows.
        <div
          style={{ maxHeight: scroll.maxHeight, overflow: 'auto' }}
          tabIndex={0}
          role="region"
          aria-label={scroll.label}
        >
          {grid}
          {empty}
        </div>
      ) : scroll?.kind === 'x' ? (
        <div className={styles.scrollX}>
          {grid}
          {empty}
        </div>
      ) : (
        <>
          {grid}
          {empty}
        </>
      )}
      {props.pager && <Pager {...props.pager} />}
    </>
  );
}

export interface PagerProps {
  offset: number;
  pageSize: number;
  /** Rows on this page. */
  shown: number;
  total: number;
  onPage(offset: number): void;
  /** What the place says, e.g. (first, last, total) => `Runs 1–50 of 120`. */
  place(first: number, last: number, total: number): string;
  /** The buttons' names: towards the start and towards the end. */
  labels: [string, string];
  size?: 'small' | 'medium';
  /** Chevrons on the buttons. */
  icons?: boolean;
  className?: string;
}

/** A page's place in the whole ("Runs 1–50 of 120", announced politely) between its back and forward buttons. */
export function Pager(props: PagerProps) {
  const styles = useStyles();
  const { offset, pageSize, shown, total, onPage, labels } = props;
  const last = Math.min(offset + shown, total);
  return (
    <div className={mergeClasses(styles.pager, props.className)}>
      <Button
        size={props.size}
        icon={props.icons ? <ChevronLeft20Regular /> : undefined}
        disabled={offset === 0}
        onClick={() => onPage(Math.max(0, offset - pageSize))}
      >
        {labels[0]}
      </Button>
      <Text aria-live="polite">{props.place(offset + 1, last, total)}</Text>
      <Button
        size={props.size}
        icon={props.icons ? <ChevronRight20Regular /> : undefined}
        iconPosition="after"
        disabled={offset + pageSize >= total}
        onClick={() => onPage(offset + pageSize)}
      >
        {labels[1]}
      </Button>
    </div>
  );
}
