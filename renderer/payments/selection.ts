/**
 * The queue's selection as pure functions over entry ids in display order, so click, shift-click,
 * ctrl-click and the keyboard behave the same and can be tested without a browser.
 *
 * `focus` is the row the keyboard is on (the roving tab stop); `anchor` is where a shift range
 * starts. Both are ids, not indexes, so they survive a re-fetch that reorders or removes rows.
 */
export interface Selection {
  readonly selected: ReadonlySet<string>;
  readonly anchor: string | null;
  readonly focus: string | null;
}

export const emptySelection: Selection = { selected: new Set(), anchor: null, focus: null };

export interface Modifiers {
  shift?: boolean;
  /** Ctrl on Windows, Cmd on a Mac. */
  toggle?: boolean;
}

function range(ids: readonly string[], from: string | null, to: string): string[] {
  const end = ids.indexOf(to);
  if (end < 0) return [];
  const startAt = from === null ? -1 : ids.indexOf(from);
  const start = startAt < 0 ? end : startAt;
  const [lo, hi] = start <= end ? [start, end] : [end, start];
  return ids.slice(lo, hi + 1);
}

/** A click on row `id`: plain selects only it, ctrl toggles it, shift selects the range from the anchor. */
export function clickRow(sel: Selection, ids: readonly string[], id: string, mods: Modifiers = {}): Selection {
  if (!ids.includes(id)) return sel;
  if (mods.shift) return extendTo(sel, ids, id);
  if (mods.toggle) return { ...toggleRow(sel, id), anchor: id, focus: id };
  return { selected: new Set([id]), anchor: id, focus: id };
}

/** Space: selects or unselects one row without touching the others. */
export function toggleRow(sel: Selection, id: string): Selection {
  const selected = new Set(sel.selected);
  if (selected.has(id)) selected.delete(id);
  else selected.add(id);
  return { selected, anchor: id, focus: id };
}

/** Where the focus lands after moving `delta` rows (clamped to the list; from nothing, the first row). */
export function movedFocus(ids: readonly string[], focus: string | null, delta: number): string | null {
  if (ids.length === 0) return null;
  const at = focus === null ? -1 : ids.indexOf(focus);
  if (at < 0) return ids[0]!;
  const next = Math.min(ids.length - 1, Math.max(0, at + delta));
  return ids[next]!;
}

/**
 * ↑/↓ (and PageUp/PageDown, Home/End as big deltas): moves the focus. With Shift the selection
 * becomes the range from the anchor to the new focus, as in a file list.
 */
export function moveFocus(sel: Selection, ids: readonly string[], delta: number, mods: Modifiers = {}): Selection {
  const focus = movedFocus(ids, sel.focus, delta);
  if (focus === null) return { ...sel, focus: null };
  if (mods.shift) return extendTo(sel, ids, focus);
  return { ...sel, focus };
}

/**
 * Shift (+↑↓ or +click): the range from the anchor to `to` is selected, and what was picked
 * before (Space, Ctrl+click, a box) stays picked. Only the range this Shift gesture drew before
 * (anchor to the previous focus) is redrawn, so going back up un-selects what going down added.
 */
function extendTo(sel: Selection, ids: readonly string[], to: string): Selection {
  const anchor = sel.anchor ?? sel.focus ?? to;
  const selected = new Set(sel.selected);
  if (sel.focus !== null && sel.focus !== anchor)
    for (const id of range(ids, anchor, sel.focus)) if (id !== anchor) selected.delete(id);
  for (const id of range(ids, anchor, to)) selected.add(id);
  return { selected, anchor, focus: to };
}

/** "Select all that match the filter": every row shown, and nothing hidden by the filter. */
export function selectAll(sel: Selection, ids: readonly string[]): Selection {
  return { selected: new Set(ids), anchor: sel.anchor, focus: sel.focus ?? ids[0] ?? null };
}

export function clearSelection(sel: Selection): Selection {
  return { selected: new Set(), anchor: null, focus: sel.focus };
}

/**
 * After a re-fetch or a filter change: drops selected rows that are no longer shown (posted by
 * someone else, filtered out) so "Post selected" never acts on a row the clerk cannot see, and
 * moves a vanished focus to the nearest row that is still there.
 */
export function pruneSelection(sel: Selection, ids: readonly string[], previousIds: readonly string[] = []): Selection {
  const present = new Set(ids);
  const selected = new Set([...sel.selected].filter((id) => present.has(id)));
  let focus = sel.focus !== null && present.has(sel.focus) ? sel.focus : null;
  if (focus === null && sel.focus !== null && ids.length > 0) {
    const was = previousIds.indexOf(sel.focus);
    // The row that took its place, or the last row when it was at the end.
    const after = was < 0 ? undefined : previousIds.slice(was + 1).find((id) => present.has(id));
    focus = after ?? ids[Math.min(Math.max(was, 0), ids.length - 1)] ?? null;
  }
  const anchor = sel.anchor !== null && present.has(sel.anchor) ? sel.anchor : null;
  const same = selected.size === sel.selected.size && focus === sel.focus && anchor === sel.anchor;
  return same ? sel : { selected, anchor, focus };
}

/**
 * The rows an action (post, hold, reject) applies to: the selected ones in display order, or the
 * focused row when nothing is selected (so a clerk can work row by row with the keyboard alone).
 */
export function actionTargets(sel: Selection, ids: readonly string[]): string[] {
  if (sel.selected.size > 0) return ids.filter((id) => sel.selected.has(id));
  return sel.focus !== null && ids.includes(sel.focus) ? [sel.focus] : [];
}

/** Count and sum in cents of the given rows. */
export function totalOf<T>(rows: Iterable<T>, cents: (row: T) => number): { count: number; cents: number } {
  let count = 0;
  let sum = 0;
  for (const row of rows) {
    count += 1;
    sum += cents(row);
  }
  return { count, cents: sum };
}
