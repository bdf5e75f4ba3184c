import { describe, expect, it } from 'vitest';
import type { IcFeedPage } from '../../clients/invoicecloud/types';
import type { JobContext, ReportWriter } from '../job-definition';
import { walkFeed, type AccountChange } from './change-feed';

/** The parts of a run's context the walk uses, noting the commits. */
function context() {
  const commits: string[] = [];
  let cursor: string | null = null;
  const ctx = {
    job: 'customer',
    signal: new AbortController().signal,
    cursor: {
      get: () => cursor,
      commit: (_name: string, value: string) => {
        cursor = value;
        commits.push(value);
      },
    },
    count: () => undefined,
    progress: () => undefined,
  } as unknown as JobContext;
  return { ctx, commits };
}

const report: ReportWriter = { append: () => undefined } as unknown as ReportWriter;

describe('walkFeed', () => {
  it('asks for the next page while this one is written, and commits each page after its writes, in order', async () => {
    const { ctx, commits } = context();
    const events: string[] = [];
    const pages: Array<IcFeedPage<AccountChange>> = [1, 2, 3].map((p) => ({
      records: [
        { sequence: p * 10 + 1, accountNumber: `A${p}` },
        { sequence: p * 10 + 2, accountNumber: `B${p}` },
      ],
      lastSequence: p * 10 + 2,
      hasMore: p < 3,
    }));
    const totals = await walkFeed(ctx, {
      cursor: 'changes',
      pageSize: 2,
      concurrency: 2,
      load: async (after) => {
        const page = pages.find((p) => p.records[0]!.sequence > after)!;
        events.push(`load after ${after}`);
        return page;
      },
      handle: async (account) => {
        await new Promise((r) => setTimeout(r, 5));
        events.push(`write ${account} (committed ${commits.at(-1) ?? 'none'})`);
        return { kind: 'written' };
      },
      report,
      describe: () => '',
    });
    expect(totals).toEqual({ records: 6, written: 6, skipped: 0, failed: 0 });
    expect(commits).toEqual(['12', '22', '32']);
    // Page 2 is asked for before page 1's writes end; no page is written before the one before it is committed.
    expect(events.indexOf('load after 12')).toBeLessThan(events.indexOf('write A1 (committed none)'));
    expect(events).toContain('write A2 (committed 12)');
    expect(events).toContain('write A3 (committed 22)');
    expect(events.filter((e) => e.startsWith('load'))).toEqual(['load after 0', 'load after 12', 'load after 22']);
  });

  it('throws a failed read-ahead where its page is wanted, after the page before it is committed', async () => {
    const { ctx, commits } = context();
    const walk = walkFeed(ctx, {
      cursor: 'changes',
      pageSize: 1,
      concurrency: 1,
      load: async (after) => {
        if (after > 0) throw new Error('IC went away');
        return { records: [{ sequence: 1, accountNumber: 'A' }], lastSequence: 1, hasMore: true };
      },
      handle: async () => ({ kind: 'written' }),
      report,
      describe: () => '',
    });
    await expect(walk).rejects.toThrow('IC went away');
    expect(commits).toEqual(['1']);
  });
});
