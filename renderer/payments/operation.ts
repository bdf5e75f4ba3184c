import type { BulkResult, ItemOutcome, ItemResult } from '../../shared/domain/payments';

export type OperationAction = 'post' | 'hold' | 'reject' | 'undo' | 'reassign';

/** A bulk action the clerk started, as the screen follows it: progress first, results at the end. */
export interface Operation {
  id: string;
  action: OperationAction;
  total: number;
  done: number;
  /** Per entry, in the order they finished. Interim ones (from progress) have no message yet. */
  items: OperationItem[];
  finished: boolean;
  /** Set when the call itself failed (nothing or only part was done); the items say what was. */
  error: string | null;
  summary: { done: number; doneCents: number; alreadyPosted: number; failed: number } | null;
}

export interface OperationItem {
  entryId: string;
  outcome: ItemOutcome;
  ok: boolean;
  message: string;
  by: string | null;
  at: string | null;
}

export function startOperation(id: string, action: OperationAction, total: number): Operation {
  return { id, action, total, done: 0, items: [], finished: false, error: null, summary: null };
}

const INTERIM: Record<ItemOutcome, string> = {
  posted: 'Posted.',
  held: 'Held.',
  rejected: 'Rejected.',
  undone: 'Back in the queue.',
  reassigned: 'Reassigned.',
  'already-posted': 'Already posted by someone else.',
  failed: 'Failed.',
};

/** One `payments:progress` event: counts it and records the entry's outcome (message follows at the end). */
export function applyProgress(
  op: Operation,
  event: { operationId: string; done: number; total: number; entryId: string; outcome: ItemOutcome; ok: boolean },
): Operation {
  if (event.operationId !== op.id || op.finished) return op;
  if (op.items.some((i) => i.entryId === event.entryId)) return { ...op, done: Math.max(op.done, event.done) };
  const item: OperationItem = {
    entryId: event.entryId,
    outcome: event.outcome,
    ok: event.ok,
    message: INTERIM[event.outcome],
    by: null,
    at: null,
  };
  return { ...op, done: Math.max(op.done, event.done), total: event.total, items: [...op.items, item] };
}

function fromResult(r: ItemResult): OperationItem {
  return { entryId: r.entryId, outcome: r.outcome, ok: r.ok, message: r.message, by: r.by, at: r.at };
}

/** The call's answer: the final word on every entry, with the sentence for the clerk. */
export function finishOperation(op: Operation, result: BulkResult | { results: ItemResult[] }): Operation {
  const items = result.results.map(fromResult);
  const summary =
    'done' in result
      ? { done: result.done, doneCents: result.doneCents, alreadyPosted: result.alreadyPosted, failed: result.failed }
      : {
          done: items.filter((i) => i.ok).length,
          doneCents: 0,
          alreadyPosted: items.filter((i) => i.outcome === 'already-posted').length,
          failed: items.filter((i) => i.outcome === 'failed').length,
        };
  return {
    ...op,
    items,
    done: Math.max(op.done, items.length),
    total: Math.max(op.total, items.length),
    finished: true,
    summary,
  };
}

export function failOperation(op: Operation, message: string): Operation {
  return { ...op, finished: true, error: message };
}

/**
 * What to show on a row after an action: only what the clerk must notice (already posted by
 * someone else, or a failure). Successes need no note: the row leaves the tab.
 */
export function rowNotes(op: Operation | null): Map<string, OperationItem> {
  const notes = new Map<string, OperationItem>();
  if (!op) return notes;
  for (const item of op.items) if (!item.ok) notes.set(item.entryId, item);
  return notes;
}

export const ACTION_VERBS: Record<OperationAction, { running: string; done: string }> = {
  post: { running: 'Posting', done: 'Posted' },
  hold: { running: 'Holding', done: 'Held' },
  reject: { running: 'Rejecting', done: 'Rejected' },
  undo: { running: 'Putting back', done: 'Put back' },
  reassign: { running: 'Reassigning', done: 'Reassigned' },
};
