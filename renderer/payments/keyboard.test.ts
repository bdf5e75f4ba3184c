import { describe, expect, it } from 'vitest';
import { globalCommand, PAGE_ROWS, QUEUE_SHORTCUTS, queueCommand } from './keyboard';

describe('the queue keyboard map', () => {
  it('arrows move one row; Shift extends the selection', () => {
    expect(queueCommand({ key: 'ArrowDown' })).toEqual({ type: 'move', delta: 1, extend: false });
    expect(queueCommand({ key: 'ArrowUp', shiftKey: true })).toEqual({ type: 'move', delta: -1, extend: true });
    expect(queueCommand({ key: 'PageDown' })).toEqual({ type: 'move', delta: PAGE_ROWS, extend: false });
    expect(queueCommand({ key: 'Home' })?.type).toBe('move');
  });

  it('Space selects, Enter posts, H holds, R rejects, U undoes, / searches, Esc clears (either case of letter)', () => {
    expect(queueCommand({ key: ' ' })).toEqual({ type: 'toggle' });
    expect(queueCommand({ key: 'Enter' })).toEqual({ type: 'post' });
    expect(queueCommand({ key: 'h' })).toEqual({ type: 'hold' });
    expect(queueCommand({ key: 'H', shiftKey: true })).toEqual({ type: 'hold' });
    expect(queueCommand({ key: 'r' })).toEqual({ type: 'reject' });
    expect(queueCommand({ key: 'u' })).toEqual({ type: 'undo' });
    expect(queueCommand({ key: '/' })).toEqual({ type: 'search' });
    expect(queueCommand({ key: 'Escape' })).toEqual({ type: 'clear' });
  });

  it('Ctrl+A (or Cmd+A) selects everything shown; other chords are left to the browser', () => {
    expect(queueCommand({ key: 'a', ctrlKey: true })).toEqual({ type: 'selectAll' });
    expect(queueCommand({ key: 'a', metaKey: true })).toEqual({ type: 'selectAll' });
    expect(queueCommand({ key: 'r', ctrlKey: true })).toBeNull();
    expect(queueCommand({ key: 'h', altKey: true })).toBeNull();
    expect(queueCommand({ key: 'Tab' })).toBeNull();
    expect(queueCommand({ key: 'x' })).toBeNull();
  });

  it('outside the table only "/" is taken, and never while typing in a field', () => {
    expect(globalCommand({ key: '/' }, false)).toEqual({ type: 'search' });
    expect(globalCommand({ key: '/' }, true)).toBeNull();
    expect(globalCommand({ key: 'h' }, false)).toBeNull();
    // "g" then "q" goes to the queue's table; "q" alone, or while typing, does nothing.
    expect(globalCommand({ key: 'q' }, false, true)).toEqual({ type: 'queue' });
    expect(globalCommand({ key: 'q' }, false, false)).toBeNull();
    expect(globalCommand({ key: 'q' }, true, true)).toBeNull();
  });

  it('every shortcut shown on screen does something', () => {
    const sample: Record<string, string> = {
      '↑ ↓': 'ArrowDown',
      'Shift+↑ ↓': 'ArrowUp',
      Space: ' ',
      'Ctrl+A': 'a',
      Enter: 'Enter',
      H: 'h',
      R: 'r',
      U: 'u',
      '/': '/',
      Esc: 'Escape',
    };
    expect(globalCommand({ key: 'q' }, false, true)).not.toBeNull();
    for (const s of QUEUE_SHORTCUTS.filter((k) => k.keys !== 'g q')) {
      const key = sample[s.keys];
      expect(key, s.keys).toBeDefined();
      expect(
        queueCommand({ key: key!, ctrlKey: s.keys.startsWith('Ctrl'), shiftKey: s.keys.startsWith('Shift') }),
        s.keys,
      ).not.toBeNull();
    }
  });
});
