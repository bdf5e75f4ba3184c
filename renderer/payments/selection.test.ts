import { describe, expect, it } from 'vitest';
import {
  actionTargets,
  clearSelection,
  clickRow,
  emptySelection,
  moveFocus,
  movedFocus,
  pruneSelection,
  selectAll,
  toggleRow,
  totalOf,
  type Selection,
} from './selection';

const ids = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
const picked = (s: Selection) => [...s.selected].sort();
/** The keyboard on row `id` with nothing selected. */
const focusedOn = (id: string): Selection => ({ ...emptySelection, focus: id });

describe('clicking rows', () => {
  it('a plain click selects only that row and makes it the anchor and focus', () => {
    let s = clickRow(emptySelection, ids, 'e2');
    s = clickRow(s, ids, 'e4');
    expect(picked(s)).toEqual(['e4']);
    expect(s.anchor).toBe('e4');
    expect(s.focus).toBe('e4');
  });

  it('shift-click selects the range from the anchor, in either direction, and replaces what was selected', () => {
    let s = clickRow(emptySelection, ids, 'e2');
    s = clickRow(s, ids, 'e5', { shift: true });
    expect(picked(s)).toEqual(['e2', 'e3', 'e4', 'e5']);
    // A second shift-click re-spans from the same anchor rather than adding to the first range.
    s = clickRow(s, ids, 'e1', { shift: true });
    expect(picked(s)).toEqual(['e1', 'e2']);
    expect(s.anchor).toBe('e2');
    expect(s.focus).toBe('e1');
  });

  it('ctrl-click toggles one row and keeps the others; ctrl+shift adds a range', () => {
    let s = clickRow(emptySelection, ids, 'e1');
    s = clickRow(s, ids, 'e3', { toggle: true });
    s = clickRow(s, ids, 'e6', { toggle: true });
    expect(picked(s)).toEqual(['e1', 'e3', 'e6']);
    s = clickRow(s, ids, 'e3', { toggle: true });
    expect(picked(s)).toEqual(['e1', 'e6']);
    expect(s.anchor).toBe('e3');
    s = clickRow(s, ids, 'e5', { toggle: true, shift: true });
    expect(picked(s)).toEqual(['e1', 'e3', 'e4', 'e5', 'e6']);
  });

  it('shift-click with no anchor selects just the clicked row', () => {
    const s = clickRow(emptySelection, ids, 'e4', { shift: true });
    expect(picked(s)).toEqual(['e4']);
    expect(s.anchor).toBe('e4');
  });

  it('ignores a click on a row that is not shown', () => {
    const s = clickRow(emptySelection, ids, 'e1');
    expect(clickRow(s, ids, 'gone')).toBe(s);
  });
});

describe('keyboard movement', () => {
  it('moves the focus and clamps at both ends; from nothing it lands on the first row', () => {
    expect(movedFocus(ids, null, 1)).toBe('e1');
    expect(movedFocus(ids, 'e1', -1)).toBe('e1');
    expect(movedFocus(ids, 'e5', 10)).toBe('e6');
    expect(movedFocus(ids, 'e5', -Number.MAX_SAFE_INTEGER)).toBe('e1');
    expect(movedFocus([], 'e1', 1)).toBeNull();
  });

  it('moving without Shift leaves the selection alone', () => {
    let s = toggleRow(emptySelection, 'e2');
    s = moveFocus(s, ids, 2);
    expect(s.focus).toBe('e4');
    expect(picked(s)).toEqual(['e2']);
  });

  it('Shift+arrows select the range from the anchor to the focus, shrinking when going back', () => {
    let s = clickRow(emptySelection, ids, 'e3');
    s = moveFocus(s, ids, 1, { shift: true });
    s = moveFocus(s, ids, 1, { shift: true });
    expect(picked(s)).toEqual(['e3', 'e4', 'e5']);
    s = moveFocus(s, ids, -3, { shift: true });
    expect(picked(s)).toEqual(['e2', 'e3']);
    expect(s.anchor).toBe('e3');
  });

  it('Shift+arrows after Space picks keep the picks and add the range', () => {
    // Space on e1, then down to e4, Space, then Shift+↓ twice: e1 stays picked.
    let s = toggleRow(focusedOn('e1'), 'e1');
    s = moveFocus(s, ids, 3);
    s = toggleRow(s, s.focus!);
    s = moveFocus(s, ids, 1, { shift: true });
    s = moveFocus(s, ids, 1, { shift: true });
    expect(picked(s)).toEqual(['e1', 'e4', 'e5', 'e6']);
    // Back up redraws only this range; the earlier pick stays.
    s = moveFocus(s, ids, -2, { shift: true });
    expect(picked(s)).toEqual(['e1', 'e4']);
    // Shift+click after a Ctrl pick keeps it too.
    s = clickRow(s, ids, 'e2', { shift: true });
    expect(picked(s)).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  it('Space toggles the focused row and keeps other selected rows', () => {
    let s = toggleRow(emptySelection, 'e1');
    s = moveFocus(s, ids, 2);
    s = toggleRow(s, s.focus!);
    expect(picked(s)).toEqual(['e1', 'e3']);
    s = toggleRow(s, 'e1');
    expect(picked(s)).toEqual(['e3']);
  });
});

describe('select all, clear and what an action applies to', () => {
  it('"select all that match the filter" takes exactly the rows shown', () => {
    const shown = ['e2', 'e4'];
    const s = selectAll(toggleRow(emptySelection, 'e6'), shown);
    expect(picked(s)).toEqual(['e2', 'e4']);
    expect(picked(clearSelection(s))).toEqual([]);
  });

  it('acts on the selected rows in display order, or on the focused row when none is selected', () => {
    let s = clickRow(emptySelection, ids, 'e5');
    s = clickRow(s, ids, 'e2', { toggle: true });
    expect(actionTargets(s, ids)).toEqual(['e2', 'e5']);
    const focusedOnly = moveFocus(focusedOn('e2'), ids, 1);
    expect(actionTargets(focusedOnly, ids)).toEqual(['e3']);
    expect(actionTargets(emptySelection, ids)).toEqual([]);
  });
});

describe('after a re-fetch', () => {
  it('drops selected rows that are gone (posted at another workstation) and keeps the rest', () => {
    let s = selectAll(emptySelection, ids);
    s = pruneSelection(s, ['e1', 'e3', 'e6'], ids);
    expect(picked(s)).toEqual(['e1', 'e3', 'e6']);
  });

  it('moves a vanished focus to the row that took its place, or the last row', () => {
    const onE3 = focusedOn('e3');
    expect(pruneSelection(onE3, ['e1', 'e2', 'e4', 'e5', 'e6'], ids).focus).toBe('e4');
    const onE6 = moveFocus(focusedOn('e1'), ids, 99);
    expect(pruneSelection(onE6, ['e1', 'e2'], ids).focus).toBe('e2');
    expect(pruneSelection(onE6, [], ids).focus).toBeNull();
  });

  it('returns the same object when nothing changed, so React does not re-render', () => {
    const s = clickRow(emptySelection, ids, 'e2');
    expect(pruneSelection(s, ids, ids)).toBe(s);
  });
});

describe('totals', () => {
  it('counts and sums integer cents exactly', () => {
    const rows = [{ c: 10 }, { c: 20 }, { c: 1 }];
    expect(totalOf(rows, (r) => r.c)).toEqual({ count: 3, cents: 31 });
    // 0.1 + 0.2 in dollars would not be 0.3; in cents it is.
    expect(totalOf([{ c: 10 }, { c: 20 }], (r) => r.c).cents).toBe(30);
  });
});
