import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { IcPaymentRecord } from '../../main/clients/invoicecloud/types';
import { createJobDefinitions, PaymentsJob, type PaymentsSink } from '../../main/jobs/definitions';
import type { JobContext } from '../../main/jobs/job-definition';
import { DAY, jobsWorld, type JobsWorld } from '../support/jobs-world';

let w: JobsWorld | null = null;
afterEach(async () => {
  await w?.close();
  w = null;
});

/** A stand-in for the payments service: keeps what it is handed. */
class RecordingSink implements PaymentsSink {
  pages: Array<{ billerId: string; sequences: number[]; dryRun: boolean }> = [];
  previews: number[][] = [];

  async accept(billerId: string, records: readonly IcPaymentRecord[], ctx: JobContext): Promise<void> {
    this.pages.push({ billerId, sequences: records.map((r) => r.sequence), dryRun: ctx.dryRun });
    ctx.count('written', records.length);
  }

  async preview(_billerId: string, records: readonly IcPaymentRecord[]): Promise<void> {
    this.previews.push(records.map((r) => r.sequence));
  }

  handed(): number[] {
    return this.pages.flatMap((p) => p.sequences);
  }
}

async function world(sink: RecordingSink, seed: string): Promise<JobsWorld> {
  return jobsWorld({ accounts: 400, seed, jobDefinitions: (deps) => [...createJobDefinitions(deps), new PaymentsJob(deps, sink, { pageSize: 10 })] });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Payments job (download half) against the sandbox', () => {
  it('hands every feed record to the sink once, page by page in feed order, and commits the cursor after each page', async () => {
    const sink = new RecordingSink();
    w = await world(sink, 'payments');
    const feed = w.sandbox.world.payments.length;
    expect(feed).toBeGreaterThan(15);
    const run = await w.run('payments');
    expect(run.state).toBe('succeeded');
    expect(run.counts).toEqual({ read: feed, written: feed, skipped: 0, failed: 0 });
    expect(sink.handed()).toEqual(range(1, feed));
    expect(sink.pages.every((p) => p.sequences.length <= 10 && p.billerId === w!.biller.id && !p.dryRun)).toBe(true);
    expect(w.core.jobs.cursor(w.biller.id, 'payments', 'payments')).toBe(String(feed));
    const kinds = w.sandbox.world.payments.reduce((n, p) => ({ ...n, [p.recordType]: (n[p.recordType] ?? 0) + 1 }), {} as Record<string, number>);
    expect(run.summary).toBe(`${feed} records handed to the payments service (${kinds.Payment ?? 0} payments, ${kinds.Reversal ?? 0} reversals, ${kinds.Return ?? 0} returns) in ${Math.ceil(feed / 10)} pages`);

    const idle = await w.run('payments');
    expect(idle.counts.read).toBe(0);
    w.sandbox.advance(DAY);
    const more = w.sandbox.world.payments.length;
    await w.run('payments');
    expect(sink.handed()).toEqual(range(1, more));
  });

  it('keeps the cursor when the sink refuses a page; the next run hands that page again and nothing before it', async () => {
    const sink = new RecordingSink();
    w = await world(sink, 'payments-refused');
    const feed = w.sandbox.world.payments.length;
    // The first page goes through, the second is refused.
    const original = sink.accept.bind(sink);
    let calls = 0;
    sink.accept = async (billerId, records, ctx) => {
      if (++calls === 2) throw new AppError('IMPRESA_TRANSIENT', 'InHANCE Impresa did not answer in time.');
      return original(billerId, records, ctx);
    };
    const failed = await w.run('payments');
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'IMPRESA_TRANSIENT' } });
    expect(sink.handed()).toEqual(range(1, 10));
    expect(w.core.jobs.cursor(w.biller.id, 'payments', 'payments')).toBe('10');

    const next = await w.run('payments');
    expect(next.state).toBe('succeeded');
    expect(sink.handed()).toEqual(range(1, feed));
  });

  it('a dry run previews and hands nothing over; IC repeating a record in an answer hands it over once', async () => {
    const sink = new RecordingSink();
    w = await world(sink, 'payments-dry');
    const feed = w.sandbox.world.payments.length;
    const dry = await w.run('payments', { dryRun: true });
    expect(dry).toMatchObject({ state: 'succeeded', dryRun: true, counts: { read: feed } });
    expect(sink.pages).toEqual([]);
    expect(sink.previews.flat()).toEqual(range(1, feed));
    expect(w.core.jobs.cursor(w.biller.id, 'payments', 'payments')).toBeNull();

    w.sandbox.setFaults('ic:duplicate@1');
    await w.run('payments');
    expect(sink.handed()).toEqual(range(1, feed));
  });

  it('warns of a second job host when an InHANCE batch of a deposit day it downloads was made by another installation', async () => {
    const sink = new RecordingSink();
    w = await world(sink, 'payments-host');
    const day = w.sandbox.world.payments.at(-1)!;
    const { impresa, ic } = await w.clients();
    const depositDate = (await ic.downloadPayments({ afterSequence: day.seq - 1, maxRecords: 1 })).records[0]!.depositDate;
    await impresa.createBatch({ depositDate, installationId: 'a7c41f09-0000-4000-8000-000000000001' });
    expect(w.core.jobs.overview(w.biller.id).hostWarning).toBeNull();

    const run = await w.run('payments');
    expect(run.state).toBe('succeeded');
    const overview = w.core.jobs.overview(w.biller.id);
    expect(overview.foreignStamps).toEqual([expect.objectContaining({ installationId: 'a7c41f09-0000-4000-8000-000000000001', where: expect.stringContaining(`deposit date ${depositDate}`) })]);
    expect(overview.hostWarning).toMatch(/^This installation is the job host for Springfield Water, but another installation \(a7c41f09\) also did its work recently/);
  });
});
