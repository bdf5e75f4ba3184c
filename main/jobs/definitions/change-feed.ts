import { ClientError } from '../../clients/errors';
import type { ImpresaAccount, ImpresaClient } from '../../clients/impresa';
import type { IcFeedPage } from '../../clients/invoicecloud/types';
import type { JobContext, ReportWriter } from '../job-definition';
import { mapLimit } from '../../ground/map-limit';
import { guard, isNotFound, numericCursor, throwIfCancelled } from './run-support';

/**
 * The shared walk of the Customer and Auto Pay jobs: IC's change feed from the committed sequence,
 * a page at a time; the changes of each account in a page handled together (the last one wins);
 * the sequence committed once the page's writes are done. Each change record ends as written,
 * skipped (nothing to change) or failed (listed in the run's report). The next page is asked for
 * while this one is written (a read: the commit order and the one-page-at-a-time writes stay).
 */
export interface AccountChange {
  sequence: number;
  accountNumber: string;
}

export type Outcome = { kind: 'written' | 'skipped'; note?: string } | { kind: 'failed'; reason: string };

export interface FeedWalk<T extends AccountChange> {
  /** Cursor name (the IC change sequence). */
  cursor: string;
  pageSize: number;
  /** Account groups handled at once (each reads, then maybe writes, InHANCE). */
  concurrency: number;
  load(afterSequence: number, maxRecords: number): Promise<IcFeedPage<T>>;
  /** One account's changes of this page, oldest first. */
  handle(accountNumber: string, changes: T[]): Promise<Outcome>;
  report: ReportWriter;
  /** What a report row says the change was, e.g. "EmailAddress, Phone". */
  describe(changes: T[]): string;
}

export interface FeedTotals {
  records: number;
  written: number;
  skipped: number;
  failed: number;
}

export async function walkFeed<T extends AccountChange>(ctx: JobContext, walk: FeedWalk<T>): Promise<FeedTotals> {
  const totals: FeedTotals = { records: 0, written: 0, skipped: 0, failed: 0 };
  let after = numericCursor(ctx, walk.cursor);
  const load = (from: number) => {
    const loading = guard(() => walk.load(from, walk.pageSize));
    loading.catch(() => undefined); // thrown where it is awaited; never if the walk stops first
    return loading;
  };
  let ahead = load(after);
  for (;;) {
    throwIfCancelled(ctx);
    const page = await ahead;
    const more = page.hasMore && page.records.length > 0;
    if (more) ahead = load(Math.max(after, page.lastSequence));
    const bySequence = new Map<number, T>();
    for (const r of page.records) if (!bySequence.has(r.sequence)) bySequence.set(r.sequence, r);
    const groups = new Map<string, T[]>();
    for (const r of [...bySequence.values()].sort((a, b) => a.sequence - b.sequence)) {
      const list = groups.get(r.accountNumber);
      if (list) list.push(r);
      else groups.set(r.accountNumber, [r]);
    }
    ctx.count('read', bySequence.size);
    totals.records += bySequence.size;
    const entries = [...groups.entries()];
    const outcomes = await mapLimit(entries, walk.concurrency, ([account, changes]) => walk.handle(account, changes));
    const failed: Array<Record<string, unknown>> = [];
    outcomes.forEach((outcome, i) => {
      const [accountNumber, changes] = entries[i]!;
      const n = changes.length;
      totals[outcome.kind] += n;
      ctx.count(outcome.kind, n);
      if (outcome.kind === 'failed')
        failed.push({
          accountNumber,
          sequence: changes.at(-1)!.sequence,
          change: walk.describe(changes),
          reason: outcome.reason,
        });
    });
    if (failed.length) walk.report.append(failed);
    if (page.lastSequence > after) {
      ctx.cursor.commit(walk.cursor, String(page.lastSequence));
      after = page.lastSequence;
    }
    ctx.progress(totals.records, null, `IC changes through #${after}`);
    if (!more) break;
  }
  return totals;
}

/** The InHANCE account, or null when InHANCE has no such account. */
export async function findAccount(impresa: ImpresaClient, accountNumber: string): Promise<ImpresaAccount | null> {
  try {
    return await guard(() => impresa.getAccount(accountNumber));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * A write InHANCE refused for this record alone (HTTP 400/404/409: a bad value, a vanished
 * account): the change fails, the run goes on. Anything else stops the run.
 */
export async function writeOne(write: () => Promise<unknown>): Promise<Outcome | null> {
  try {
    await guard(write);
    return null;
  } catch (error) {
    if (error instanceof ClientError && error.status !== null && [400, 404, 409, 422].includes(error.status))
      return { kind: 'failed', reason: error.message };
    throw error;
  }
}
