import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../ground/logger';
import { Router, type CallContext } from '../ipc/router';
import { jobsHandlers } from './jobs.ipc';
import { exportReport } from './report-export';
import { jobsHarness, testJob, type JobsHarness } from './testing';

const ctx: CallContext = { shell: 'browser', trustedSender: true };
let h: JobsHarness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
});

/** A Balance All stand-in that keeps a reconciliation report of `accounts` rows. */
function reconciliation(accounts: number) {
  return testJob('balance-all', (ctx) => {
    const report = ctx.report('reconciliation', ['account', 'status', 'inhanceCents', 'icCents']);
    for (let start = 0; start < accounts; start += 500) {
      const rows = [];
      for (let n = start + 1; n <= Math.min(start + 500, accounts); n++) {
        rows.push({
          account: `A${String(n).padStart(6, '0')}`,
          status: n % 10 === 0 ? 'mismatched' : 'matched',
          inhanceCents: n * 100,
          icCents: n % 10 === 0 ? n * 100 + 5 : n * 100,
        });
      }
      report.append(rows);
      ctx.count('read', rows.length);
    }
  });
}

describe('jobs:exportReport', () => {
  it('answers the report as CSV with a file name, through the router', async () => {
    h = jobsHarness({ start: '2025-01-19T08:00:00Z', definitions: [reconciliation(1200)] });
    const run = await h.service.run(h.biller.id, 'balance-all', { dryRun: true }).finished;
    const router = new Router(new MemoryLogger());
    router.register('jobs', jobsHandlers(h.service));

    const answer = await router.dispatch('jobs:exportReport', { runId: run.id, report: 'reconciliation' }, ctx);
    if (!('result' in answer)) throw new Error(`refused: ${JSON.stringify(answer)}`);
    const { fileName, csv } = answer.result as { fileName: string; csv: string };
    expect(fileName).toBe(`balance-all-reconciliation-2025-01-19-dry-run-${run.id.slice(0, 8)}.csv`);
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(1201);
    expect(lines[0]).toBe('account,status,inhanceCents,icCents');
    expect(lines[10]).toBe('A000010,mismatched,1000,1005');
    expect(lines[1200]).toBe('A001200,mismatched,120000,120005');

    const missing = await router.dispatch('jobs:exportReport', { runId: run.id, report: 'nope' }, ctx);
    expect(missing).toEqual({ error: { code: 'NOT_FOUND', message: 'This run has no report named "nope".' } });
    const gone = await router.dispatch('jobs:exportReport', { runId: 'no-such-run', report: 'reconciliation' }, ctx);
    expect(gone).toEqual({ error: { code: 'NOT_FOUND', message: 'That run is not in the history any more.' } });
  });

  it('refuses a report over the size limit with a sentence that says what to do', async () => {
    h = jobsHarness({ start: '2025-01-19T08:00:00Z', definitions: [reconciliation(3000)] });
    const run = await h.service.run(h.biller.id, 'balance-all').finished;
    // About 30 bytes a row: 3,000 rows are ~90 KB, over a 64 KB limit; the same report fits in 1 MB.
    await expect(exportReport(h.service, run.id, 'reconciliation', 64 * 1024)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(
        /^The reconciliation report of this run is larger than 64 KB as CSV, too large to download from the screen\. Page through it/,
      ),
    });
    const fits = await exportReport(h.service, run.id, 'reconciliation', 1024 * 1024);
    expect(fits.csv.trimEnd().split('\n')).toHaveLength(3001);
    expect(fits.fileName).toBe(`balance-all-reconciliation-2025-01-19-${run.id.slice(0, 8)}.csv`);
  });
});
