import { describe, expect, it } from 'vitest';
import type { ItemResult } from '../../shared/domain/payments';
import { applyProgress, failOperation, finishOperation, rowNotes, startOperation } from './operation';

const progress = (done: number, entryId: string, outcome: ItemResult['outcome'], ok = true) => ({
  operationId: 'op1',
  done,
  total: 3,
  entryId,
  outcome,
  ok,
});
const result = (
  entryId: string,
  outcome: ItemResult['outcome'],
  ok: boolean,
  message: string,
  by: string | null = null,
): ItemResult => ({
  entryId,
  outcome,
  ok,
  message,
  by,
  at: by ? '2025-03-03T15:42:00.000Z' : null,
  receiptId: null,
  amountCents: 1000,
  code: ok ? null : outcome === 'already-posted' ? 'ALREADY_POSTED' : 'IMPRESA_TRANSIENT',
});

describe('following a bulk action', () => {
  it('counts progress per entry, ignores other operations and repeats', () => {
    let op = startOperation('op1', 'post', 3);
    op = applyProgress(op, progress(1, 'E1', 'posted'));
    op = applyProgress(op, { ...progress(1, 'X9', 'posted'), operationId: 'other' });
    op = applyProgress(op, progress(2, 'E2', 'already-posted', false));
    op = applyProgress(op, progress(2, 'E2', 'already-posted', false));
    expect(op.done).toBe(2);
    expect(op.items.map((i) => [i.entryId, i.outcome])).toEqual([
      ['E1', 'posted'],
      ['E2', 'already-posted'],
    ]);
    expect(op.finished).toBe(false);
  });

  it('takes the final word from the answer, with the sentence for the clerk', () => {
    let op = applyProgress(startOperation('op1', 'post', 3), progress(1, 'E1', 'posted'));
    op = finishOperation(op, {
      operationId: 'op1',
      results: [
        result('E1', 'posted', true, 'Posted.'),
        result('E2', 'already-posted', false, 'Already posted by mlopez at 10:42 AM.', 'mlopez'),
        result('E3', 'failed', false, 'Failed: InHANCE did not answer.'),
      ],
      done: 1,
      doneCents: 1000,
      alreadyPosted: 1,
      failed: 1,
    });
    expect(op.finished).toBe(true);
    expect(op.done).toBe(3);
    expect(op.summary).toEqual({ done: 1, doneCents: 1000, alreadyPosted: 1, failed: 1 });
    expect(applyProgress(op, progress(3, 'E3', 'failed', false))).toBe(op);
    // Only what the clerk must notice goes on the rows: the other clerk's post and the failure.
    const notes = rowNotes(op);
    expect([...notes.keys()]).toEqual(['E2', 'E3']);
    expect(notes.get('E2')?.message).toBe('Already posted by mlopez at 10:42 AM.');
    expect(notes.get('E2')?.by).toBe('mlopez');
  });

  it('a reassignment answer (no totals) is summarised from its items', () => {
    const op = finishOperation(startOperation('op2', 'reassign', 1), {
      results: [result('E5', 'reassigned', true, 'Moved to account 100200.'), result('E5', 'posted', true, 'Posted.')],
    });
    expect(op.summary).toMatchObject({ done: 2, alreadyPosted: 0, failed: 0 });
  });

  it('a call that failed outright keeps what progress said and the reason', () => {
    const op = failOperation(
      applyProgress(startOperation('op1', 'hold', 3), progress(1, 'E1', 'held')),
      'InHANCE Impresa cannot be reached.',
    );
    expect(op.finished).toBe(true);
    expect(op.error).toBe('InHANCE Impresa cannot be reached.');
    expect(op.items).toHaveLength(1);
    expect(rowNotes(null).size).toBe(0);
  });
});
