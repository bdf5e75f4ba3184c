import { makeResetStyles, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { ArrowSortDown16Regular, ArrowSortUp16Regular, Checkmark16Filled } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { queueCommand } from './keyboard';
import { nextSort, sortRows, type ColumnSort } from './sort';
import { actionTargets, clearSelection, clickRow, moveFocus, selectAll, toggleRow, type Selection } from './selection';

/** One column of the queue: how it looks, how wide, and what it sorts by. */
export interface QueueColumn<T> {
  id: string;
  header: string;
  /** A CSS grid track, e.g. '110px' or 'minmax(160px, 1fr)'. */
  width: string;
  cell: (row: T) => ReactNode;
  sortValue?: (row: T) => string | number;
  align?: 'end';
  /** What the column measures, when its header alone could be doubted (shown as the header's tooltip). */
  description?: string;
}

export type QueueAction = 'post' | 'hold' | 'reject' | 'undo';

export interface QueueTableProps<T> {
  /** Names the grid for assistive technology, e.g. "Ready payments". */
  label: string;
  rows: readonly T[];
  rowId: (row: T) => string;
  columns: ReadonlyArray<QueueColumn<T>>;
  selection: Selection;
  onSelection: (next: Selection) => void;
  /** A key asked for an action on `ids` (the selected rows, or the focused one). */
  onAction?: (action: QueueAction, ids: string[]) => void;
  onSearchKey?: () => void;
  /** Ctrl+A, when the caller selects (e.g. once rows still arriving are in); else every row given is selected. */
  onSelectAll?: () => void;
  /** Whether rows can be selected (Posted today and the audit-like views are read-only). */
  selectable: boolean;
  empty: ReactNode;
}

const ROW = 32;

const HEADER = 34;

const useStyles = makeStyles({
  // The grid is its own scroller (both ways): the header sticks to the top and scrolls sideways with the rows.
  grid: {
    flex: 1,
    minHeight: '240px',
    overflow: 'auto',
    position: 'relative',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: { position: 'sticky', top: 0, zIndex: 1 },
  header: {
    display: 'grid',
    height: `${HEADER}px`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  headerCell: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    height: `${HEADER - 1}px`,
    width: '100%',
    boxSizing: 'border-box',
    border: 'none',
    background: 'none',
    font: 'inherit',
    color: tokens.colorNeutralForeground1,
    textAlign: 'left',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  },
  sortable: {
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  body: { position: 'relative' },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  end: { justifyContent: 'flex-end', textAlign: 'right' },
  check: { width: '16px', flexShrink: 0, color: tokens.colorBrandForeground1 },
  box: { width: '16px', height: '16px', margin: 0, cursor: 'pointer', accentColor: tokens.colorBrandBackground },
  empty: { padding: tokens.spacingHorizontalXL },
  emptyRow: { ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' } },
});

/*
 * Rows and cells are many and alike: one class each (makeResetStyles) instead of a dozen atomic
 * ones keeps the DOM light to render, scroll and audit.
 */
const useRowClass = makeResetStyles({
  position: 'absolute',
  top: 0,
  left: 0,
  right: 0,
  display: 'grid',
  boxSizing: 'border-box',
  borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  cursor: 'default',
  userSelect: 'none',
  // A row's layout and paint stay inside its own fixed box: a scroll frame lays out the new rows only.
  contain: 'strict',
  ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
});
const useCellClass = makeResetStyles({
  display: 'flex',
  alignItems: 'center',
  gap: tokens.spacingHorizontalXS,
  height: `${ROW - 1}px`,
  padding: `0 ${tokens.spacingHorizontalS}`,
  overflow: 'hidden',
  minWidth: 0,
});
// A data cell is one block box, centred by its line height: long names and reasons end in "…" on one
// line. (A span inside a flex cell did the same with one more element a cell: a third of a scroll
// frame's elements, each to style, lay out and paint.)
const useTextClass = makeResetStyles({
  display: 'block',
  height: `${ROW - 1}px`,
  lineHeight: `${ROW - 1}px`,
  padding: `0 ${tokens.spacingHorizontalS}`,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  minWidth: 0,
  '& > *': { verticalAlign: 'middle' },
});

/** The narrowest the columns may get: below it the grid scrolls sideways instead of squeezing text. */
function minWidthOf(tracks: string[]): number {
  return tracks.reduce((sum, t) => sum + Number(/(\d+)px/.exec(t)?.[1] ?? 80), 0);
}

/**
 * The queue as an ARIA grid of rows. Only the rows in view exist in the DOM (TanStack Virtual), so
 * each carries aria-rowindex and the grid aria-rowcount: a screen reader still says "row 812 of
 * 20,000". The focused row is the grid's single tab stop; arrows move it, and it scrolls into view.
 */
export function QueueTable<T>(props: QueueTableProps<T>) {
  const styles = useStyles();
  const rowClass = useRowClass();
  const cellClass = useCellClass();
  const textClass = useTextClass();
  const { rows, rowId, selection, onSelection, selectable } = props;
  const [sorting, setSorting] = useState<ColumnSort | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const focusWithin = useRef(false);
  /** Set while a recycled row gives up focus: the grid still has it in spirit (a key moved it on). */
  const recycling = useRef(false);

  const sortColumn = sorting ? props.columns.find((c) => c.id === sorting.id) : undefined;
  const ordered = useMemo(() => sortRows(rows, sorting, sortColumn?.sortValue), [rows, sorting, sortColumn]);
  // Ids follow the rows alone (a caller's inline rowId must not re-key 23,000 rows, and with them the
  // virtualizer's measurements, on every render).
  const rowIdOf = useRef(rowId);
  rowIdOf.current = rowId;
  const ids = useMemo(() => ordered.map((row) => rowIdOf.current(row)), [ordered]);

  // Stable between renders: the virtualizer re-measures every row when this function changes (the select
  // profile showed getItemKey over all rows on every key).
  const getItemKey = useCallback((i: number) => ids[i] ?? i, [ids]);
  const virtualizer = useVirtualizer({
    count: ordered.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW,
    // Rows start below the sticky header, inside the same scroller.
    scrollMargin: HEADER,
    scrollPaddingStart: HEADER,
    overscan: 2,
    getItemKey,
  });

  const virtualItems = virtualizer.getVirtualItems();
  const keys = useRecycledKeys(virtualItems.map((v) => ids[v.index] ?? String(v.index)));
  const focusIndex = selection.focus === null ? -1 : ids.indexOf(selection.focus);
  const tabStop = focusIndex >= 0 ? focusIndex : 0;

  // Keyboard moves bring the focused row into view and give it DOM focus (it may not have existed yet).
  // Rows are all ROW high, so the scroll is plain arithmetic set once: the virtualizer's scrollToIndex
  // re-aims every frame for up to 5 s, and each aim re-rendered the table (profile: a key held down, or a
  // dialog opened, kept the main thread busy in scroll/render/focus for the whole of those seconds).
  useEffect(() => {
    if (focusIndex < 0 || !focusWithin.current) return;
    const grid = gridRef.current;
    if (grid) {
      const top = HEADER + focusIndex * ROW;
      if (top - HEADER < grid.scrollTop) grid.scrollTop = top - HEADER;
      else if (top + ROW > grid.scrollTop + grid.clientHeight) grid.scrollTop = top + ROW - grid.clientHeight;
    }
    const id = ids[focusIndex]!;
    const frame = requestAnimationFrame(() => {
      // Never takes focus back from what has it now (a dialog opened by this very key, another field).
      const active = document.activeElement;
      if (!focusWithin.current || (active && active !== document.body && !gridRef.current?.contains(active))) return;
      const el = gridRef.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(id)}"]`);
      if (el && document.activeElement !== el) el.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [focusIndex, ids]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const cmd = queueCommand(e);
    if (!cmd) return;
    if (cmd.type === 'search') {
      e.preventDefault();
      props.onSearchKey?.();
      return;
    }
    if (cmd.type === 'move') {
      e.preventDefault();
      onSelection(moveFocus(selection, ids, cmd.delta, { shift: cmd.extend && selectable }));
      return;
    }
    if (!selectable) return;
    e.preventDefault();
    if (cmd.type === 'toggle') {
      const id = selection.focus ?? ids[0];
      if (id !== undefined) onSelection(toggleRow(selection, id));
    } else if (cmd.type === 'selectAll') {
      if (props.onSelectAll) props.onSelectAll();
      else onSelection(selectAll(selection, ids));
    } else if (cmd.type === 'clear') onSelection(clearSelection(selection));
    else if (cmd.type !== 'queue') {
      const targets = actionTargets(selection, ids);
      if (targets.length > 0) props.onAction?.(cmd.type, targets);
    }
  };

  // The rows' handlers read the latest selection through a ref, so a row re-renders only when what it
  // shows changes (its selected state, its tab stop): not every row on every key, as the profile showed.
  const latest = useRef({ selection, ids, selectable, onSelection });
  latest.current = { selection, ids, selectable, onSelection };
  const events = useMemo<RowEvents>(
    () => ({
      click: (e, id) => {
        const { selection, ids, selectable, onSelection } = latest.current;
        if (!selectable) onSelection({ ...selection, focus: id });
        else onSelection(clickRow(selection, ids, id, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey }));
      },
      box: (e, id) => {
        const { selection, ids, onSelection } = latest.current;
        onSelection(e.shiftKey ? clickRow(selection, ids, id, { shift: true }) : toggleRow(selection, id));
      },
      focus: (id) => {
        const { selection, onSelection } = latest.current;
        if (selection.focus !== id) onSelection({ ...selection, focus: id });
      },
      recycled: (element) => {
        recycling.current = true;
        try {
          element.blur();
        } finally {
          recycling.current = false;
        }
      },
    }),
    [],
  );
  const rowClasses = useMemo(
    () => ({
      row: rowClass,
      selected: styles.selected,
      cell: cellClass,
      text: textClass,
      end: styles.end,
      box: styles.box,
      check: styles.check,
    }),
    [rowClass, cellClass, textClass, styles.selected, styles.end, styles.box, styles.check],
  );

  const tracks = ['32px', ...props.columns.map((c) => c.width)];
  const template = tracks.join(' ');
  const minWidth = minWidthOf(tracks);
  const colCount = props.columns.length + 1;

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={props.label}
      aria-rowcount={ordered.length + 1}
      aria-colcount={colCount}
      aria-multiselectable={selectable || undefined}
      className={styles.grid}
      onKeyDown={onKeyDown}
      onFocus={() => (focusWithin.current = true)}
      onBlur={(e) => {
        if (recycling.current) return;
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) focusWithin.current = false;
      }}
    >
      <div role="rowgroup" className={styles.head} style={{ minWidth }}>
        <div role="row" aria-rowindex={1} className={styles.header} style={{ gridTemplateColumns: template }}>
          <div role="columnheader" aria-colindex={1} className={styles.headerCell}>
            <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)' }}>
              Selected
            </span>
          </div>
          {props.columns.map((col, i) => {
            const dir = sorting?.id === col.id ? (sorting.desc ? 'desc' : 'asc') : false;
            return (
              <div
                key={col.id}
                role="columnheader"
                aria-colindex={i + 2}
                aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
                style={{ minWidth: 0 }}
              >
                {col.sortValue ? (
                  <button
                    type="button"
                    tabIndex={-1}
                    className={mergeClasses(styles.headerCell, styles.sortable, col.align === 'end' && styles.end)}
                    onClick={() => setSorting(nextSort(sorting, col.id, rows[0] && col.sortValue!(rows[0])))}
                    title={col.description ? `${col.description} Select to sort.` : `Sort by ${col.header}`}
                  >
                    {col.header}
                    {dir === 'asc' && <ArrowSortUp16Regular aria-hidden />}
                    {dir === 'desc' && <ArrowSortDown16Regular aria-hidden />}
                  </button>
                ) : (
                  <span
                    className={mergeClasses(styles.headerCell, col.align === 'end' && styles.end)}
                    title={col.description}
                  >
                    {col.header}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div
        role="rowgroup"
        className={styles.body}
        style={{ minWidth, height: ordered.length === 0 ? undefined : virtualizer.getTotalSize() }}
      >
        {ordered.length === 0 ? (
          // Still the grid's tab stop when empty, so the (possibly sideways-scrolling) grid stays reachable.
          <div role="row" aria-rowindex={2} tabIndex={0} className={styles.emptyRow}>
            <div role="gridcell" aria-colspan={colCount} className={styles.empty}>
              <Text>{props.empty}</Text>
            </div>
          </div>
        ) : (
          virtualItems.map((v, i) => {
            const id = ids[v.index]!;
            return (
              <QueueRow<T>
                key={keys[i]}
                id={id}
                original={ordered[v.index]!}
                index={v.index}
                top={v.start - HEADER}
                isSelected={selection.selected.has(id)}
                isTabStop={v.index === tabStop}
                selectable={selectable}
                template={template}
                columns={props.columns}
                classes={rowClasses}
                events={events}
              />
            );
          })
        )}
      </div>
    </div>
  );
}

/**
 * React keys for the rows in view that recycle DOM elements: a row still in view keeps its key, and a
 * row scrolling in takes the key of one that left, so React changes that element's text and
 * attributes instead of removing one element and creating another. The scroll profile through 23,000
 * entries was mostly element creation and removal and the new elements' style. The pool grows only
 * when more rows are in view than ever before (a taller window).
 */
function useRecycledKeys(ids: readonly string[]): string[] {
  const previous = useRef(new Map<string, number>());
  const next = new Map<string, number>();
  const taken = new Set<number>();
  for (const id of ids) {
    const slot = previous.current.get(id);
    if (slot !== undefined) {
      next.set(id, slot);
      taken.add(slot);
    }
  }
  let free = 0;
  const keys = ids.map((id) => {
    let slot = next.get(id);
    if (slot === undefined) {
      while (taken.has(free)) free++;
      slot = free;
      taken.add(slot);
      next.set(id, slot);
    }
    return `slot-${slot}`;
  });
  previous.current = next;
  return keys;
}

interface RowEvents {
  click(e: MouseEvent, id: string): void;
  box(e: MouseEvent, id: string): void;
  focus(id: string): void;
  /** The element had focus and now shows another entry: it lets focus go (the effect gives it to the right row). */
  recycled(element: HTMLElement): void;
}

interface RowProps<T> {
  id: string;
  original: T;
  index: number;
  top: number;
  isSelected: boolean;
  isTabStop: boolean;
  selectable: boolean;
  template: string;
  columns: ReadonlyArray<QueueColumn<T>>;
  classes: { row: string; selected: string; cell: string; text: string; end: string; box: string; check: string };
  events: RowEvents;
}

/** One row of the grid; memoised, so a selection change re-renders the rows it touched and no others. */
const QueueRow = memo(function QueueRow<T>(p: RowProps<T>) {
  const c = p.classes;
  const element = useRef<HTMLDivElement>(null);
  const shown = useRef(p.id);
  // Re-used for another entry (its own scrolled out of view) while it had focus: the focus leaves with
  // the entry, as when the element itself went away, so no focus ring ever marks the wrong entry.
  useLayoutEffect(() => {
    if (shown.current !== p.id && element.current && element.current === document.activeElement)
      p.events.recycled(element.current);
    shown.current = p.id;
  }, [p.id]);
  return (
    <div
      ref={element}
      role="row"
      data-row-id={p.id}
      aria-rowindex={p.index + 2}
      aria-selected={p.selectable ? p.isSelected : undefined}
      tabIndex={p.isTabStop ? 0 : -1}
      className={mergeClasses(c.row, p.isSelected && c.selected)}
      style={{ transform: `translateY(${p.top}px)`, height: ROW, gridTemplateColumns: p.template }}
      onClick={(e) => p.events.click(e, p.id)}
      onFocus={() => p.events.focus(p.id)}
    >
      <div role="gridcell" aria-colindex={1} className={c.cell}>
        {p.selectable ? (
          // A box for mouse users: a click on it picks or unpicks this row and keeps the others
          // (as Ctrl+click and Space do). Not a tab stop: the row is, and Space does the same.
          <input
            type="checkbox"
            tabIndex={-1}
            className={c.box}
            checked={p.isSelected}
            aria-label="Selected"
            onChange={() => undefined}
            onClick={(e) => {
              e.stopPropagation();
              p.events.box(e, p.id);
            }}
          />
        ) : (
          p.isSelected && <Checkmark16Filled aria-hidden className={c.check} />
        )}
      </div>
      {p.columns.map((col, i) => (
        <div
          key={col.id}
          role="gridcell"
          aria-colindex={i + 2}
          className={mergeClasses(c.text, col.align === 'end' && c.end)}
        >
          {col.cell(p.original)}
        </div>
      ))}
    </div>
  );
}) as <T>(p: RowProps<T> & { key?: string }) => ReactNode;
