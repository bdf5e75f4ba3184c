/**
 * The queue's keyboard map as a pure function: a key press → a command. The screen lists
 * QUEUE_SHORTCUTS so what is shown and what works cannot drift apart.
 */
export type QueueCommand =
  | { type: 'move'; delta: number; extend: boolean }
  | { type: 'toggle' }
  | { type: 'post' }
  | { type: 'hold' }
  | { type: 'reject' }
  | { type: 'undo' }
  | { type: 'search' }
  | { type: 'queue' }
  | { type: 'selectAll' }
  | { type: 'clear' };

export interface KeyPress {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** Rows one PageUp/PageDown moves; Home/End go to the ends. */
export const PAGE_ROWS = 10;
const FAR = Number.MAX_SAFE_INTEGER;

/** What the focused table does with a key; null lets the browser have it (Tab, typing in a field). */
export function queueCommand(press: KeyPress): QueueCommand | null {
  const mod = Boolean(press.ctrlKey || press.metaKey);
  const extend = Boolean(press.shiftKey);
  if (press.altKey) return null;
  if (mod) {
    if (press.key === 'a' || press.key === 'A') return { type: 'selectAll' };
    return null;
  }
  switch (press.key) {
    case 'ArrowDown':
      return { type: 'move', delta: 1, extend };
    case 'ArrowUp':
      return { type: 'move', delta: -1, extend };
    case 'PageDown':
      return { type: 'move', delta: PAGE_ROWS, extend };
    case 'PageUp':
      return { type: 'move', delta: -PAGE_ROWS, extend };
    case 'Home':
      return { type: 'move', delta: -FAR, extend };
    case 'End':
      return { type: 'move', delta: FAR, extend };
    case ' ':
    case 'Spacebar':
      return { type: 'toggle' };
    case 'Enter':
      return { type: 'post' };
    case 'h':
    case 'H':
      return { type: 'hold' };
    case 'r':
    case 'R':
      return { type: 'reject' };
    case 'u':
    case 'U':
      return { type: 'undo' };
    case '/':
      return { type: 'search' };
    case 'Escape':
      return { type: 'clear' };
    default:
      return null;
  }
}

/**
 * Screen-wide keys (outside the table): "/" to jump to search and "g" then "q" to jump to the
 * queue's table, never while the clerk is typing in a field, where they are just characters.
 * `afterG` says the key pressed just before was a lone "g".
 */
export function globalCommand(press: KeyPress, typingInField: boolean, afterG = false): QueueCommand | null {
  if (typingInField || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === '/') return { type: 'search' };
  if (afterG && (press.key === 'q' || press.key === 'Q')) return { type: 'queue' };
  return null;
}

export const QUEUE_SHORTCUTS: ReadonlyArray<{ keys: string; does: string }> = [
  { keys: '↑ ↓', does: 'move' },
  { keys: 'Shift+↑ ↓', does: 'extend selection' },
  { keys: 'Space', does: 'select' },
  { keys: 'Ctrl+A', does: 'select all shown' },
  { keys: 'Enter', does: 'post' },
  { keys: 'H', does: 'hold' },
  { keys: 'R', does: 'reject' },
  { keys: 'U', does: 'undo hold or reject' },
  { keys: '/', does: 'search' },
  { keys: 'Esc', does: 'clear selection' },
  { keys: 'g q', does: 'go to the queue' },
];

/** What the mouse does in the queue, listed beside the keys. */
export const QUEUE_MOUSE: ReadonlyArray<{ keys: string; does: string }> = [
  { keys: 'Click', does: 'select one row' },
  { keys: 'Box or Ctrl+click', does: 'add or remove a row' },
  { keys: 'Shift+click', does: 'add a range' },
];
