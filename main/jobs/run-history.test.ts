import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { delay } from '../ground/clock';
import { FakeClock } from '../ground/fake-clock';
import { jobsHarness, slowJob, testJob, type JobsHarness } from './testing';

const MIN = 60_000;
let h: JobsHarness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
});

type Progress = { runId: string; done: number; total: number | null; counts: { read: number } };
const progressEvents = (harness: JobsHarness) =>
  harness.emitted.filter((e) => e.event === 'jobs:progress').map((e) => e.payload as Progress);

describe('progress', () => {
  it('reaches the run history and the renderer at most every 250 ms, and always once at the end', async () => {
    const balance = testJob('balance', async (ctx) => {
      for (let i = 1; i <= 40; i++) {
        await delay(ctx.clock, 50);
        ctx.count('read');
        ctx.progress(i, 40, `Account ${i} of 40`);
      }
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [balance] });
    const started = h.service.run(h.biller.id, 'balance');
    await h.clock.advance(1000); // 20 of 40 done
    const mid = h.service.status(h.biller.id, 'balance').running!;
    expect(mid.progress).toEqual({ done: 20, total: 40, note: 'Account 20 of 40' });
    await h.clock.advance(1500);
    const run = await started.finished;
    const events = progressEvents(h);
    // 2 s of work at one update per 250 ms: about 8 flushes, plus the final one.
    expect(events.length).toBeGreaterThanOrEqual(8);
    expect(events.length).toBeLessThanOrEqual(2000 / 250 + 2);
    expect(events.at(-1)).toMatchObject({ runId: run.id, done: 40, total: 40, counts: { read: 40 } });
    expect(run.progress).toEqual({ done: 40, total: 40, note: 'Account 40 of 40' });
  });

  it('a burst of updates in no time is one write and one event, then the final one', async () => {
    const balance = testJob('balance', (ctx) => {
      for (let i = 1; i <= 10_000; i++) ctx.progress(i, 10_000);
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [balance] });
    await h.service.run(h.biller.id, 'balance').finished;
    expect(progressEvents(h).map((e) => e.done)).toEqual([1, 10_000]);
  });
});

describe('history and stats', () => {
  async function fillHistory(harness: JobsHarness) {
    // Ten days of hourly Customer runs in New York, every fifth one failing.
    harness.service.start();
    await harness.clock.advance(10 * 24 * 60 * MIN);
  }

  it('filters by job, state and the biller’s days, newest first, a page at a time', async () => {
    const customer = testJob('customer', (ctx, call) => {
      ctx.count('read', call);
      if (call % 5 === 0) throw new AppError('IC_AUTH', 'Refused.');
    });
    h = jobsHarness({
      start: '2025-01-10T04:59:59Z',
      definitions: [customer, testJob('balance-all')],
      options: { heartbeatMs: 10 * MIN },
    });
    await fillHistory(h);
    const all = h.service.history({ billerId: h.biller.id, job: 'customer', limit: 10 });
    expect(all.total).toBe(240);
    expect(all.runs).toHaveLength(10);
    expect(all.runs[0]!.startedAt > all.runs[1]!.startedAt).toBe(true);
    const failed = h.service.history({ billerId: h.biller.id, job: 'customer', state: 'failed', limit: 500 });
    expect(failed.total).toBe(48);
    expect(failed.runs.every((r) => r.state === 'failed' && r.job === 'customer')).toBe(true);
    // "12 January" is New York's day: 05:00Z on the 12th to 05:00Z on the 13th.
    const day = h.service.history({
      billerId: h.biller.id,
      job: 'customer',
      from: '2025-01-12',
      to: '2025-01-12',
      limit: 500,
    });
    expect(day.total).toBe(24);
    expect(day.runs.at(-1)!.startedAt).toBe('2025-01-12T05:00:00.000Z');
    expect(day.runs[0]!.startedAt).toBe('2025-01-13T04:00:00.000Z');
    const page2 = h.service.history({
      billerId: h.biller.id,
      job: 'customer',
      from: '2025-01-12',
      to: '2025-01-12',
      limit: 10,
      offset: 10,
    });
    expect(page2.runs.map((r) => r.id)).toEqual(day.runs.slice(10, 20).map((r) => r.id));
    expect(() => h!.service.history({ billerId: h!.biller.id, from: 'yesterday' })).toThrow(
      '"yesterday" is not a date. Write it as YYYY-MM-DD.',
    );
  });

  it('gives the last 7 days of finished runs with duration and records for the chart', async () => {
    const customer = testJob('customer', async (ctx, call) => {
      await delay(ctx.clock, 1000 * ((call % 3) + 1));
      ctx.count('read', 10 + call);
    });
    h = jobsHarness({ start: '2025-01-10T04:59:59Z', definitions: [customer], options: { heartbeatMs: 10 * MIN } });
    await fillHistory(h);
    const stats = h.service.stats(h.biller.id);
    expect(stats.to).toBe('2025-01-20T04:59:59.000Z');
    expect(stats.points).toHaveLength(7 * 24);
    expect(stats.points.every((p) => p.startedAt >= stats.from)).toBe(true);
    const last = stats.points.at(-1)!;
    expect(last).toEqual({
      runId: expect.any(String),
      job: 'customer',
      state: 'succeeded',
      startedAt: '2025-01-20T04:00:00.000Z',
      durationMs: 1000 * ((240 % 3) + 1),
      records: 250,
      counts: { read: 250, written: 0, skipped: 0, failed: 0 },
    });
  });
});

describe('reports', () => {
  it('keeps a report row by row, pages it, and streams it out as CSV', async () => {
    const balanceAll = testJob('balance-all', (ctx) => {
      const report = ctx.report('reconciliation', ['account', 'status', 'inhanceCents', 'icCents', 'note']);
      for (let page = 0; page < 5; page++) {
        const rows = Array.from({ length: 500 }, (_, i) => {
          const n = page * 500 + i + 1;
          return {
            account: `A${String(n).padStart(5, '0')}`,
            status: n % 100 === 0 ? 'mismatched' : 'matched',
            inhanceCents: n * 100,
            icCents: n % 100 === 0 ? n * 100 + 1 : n * 100,
            note: n === 1 ? 'Smith, "Jr."' : null,
          };
        });
        report.append(rows);
        ctx.count('read', rows.length);
      }
      ctx.attach('totals', { matched: 2475, mismatched: 25, missingInIc: 0, missingInInhance: 0 });
      return { summary: `${report.rows} accounts compared, 25 mismatched` };
    });
    h = jobsHarness({ start: '2025-01-19T08:00:00Z', definitions: [balanceAll] });
    const run = await h.service.run(h.biller.id, 'balance-all', { dryRun: true }).finished;
    expect(run.summary).toBe('2500 accounts compared, 25 mismatched');
    const detail = h.service.runDetail(run.id, { offset: 98, limit: 3 });
    expect(detail.artifacts).toEqual([
      {
        name: 'reconciliation',
        kind: 'report',
        rows: 2500,
        columns: ['account', 'status', 'inhanceCents', 'icCents', 'note'],
        data: null,
      },
      {
        name: 'totals',
        kind: 'data',
        rows: 0,
        columns: [],
        data: { matched: 2475, mismatched: 25, missingInIc: 0, missingInInhance: 0 },
      },
    ]);
    expect(detail.report).toMatchObject({ name: 'reconciliation', offset: 98, total: 2500 });
    expect(detail.report!.rows.map((r) => `${r.account} ${r.status}`)).toEqual([
      'A00099 matched',
      'A00100 mismatched',
      'A00101 matched',
    ]);

    const file = path.join(h.dir, 'reconciliation.csv');
    const out = fs.createWriteStream(file);
    const written = await h.service.exportReportCsv(run.id, 'reconciliation', out);
    await new Promise<void>((resolve) => out.end(resolve));
    expect(written).toBe(2500);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2501);
    expect(lines[0]).toBe('account,status,inhanceCents,icCents,note');
    expect(lines[1]).toBe('A00001,matched,100,100,"Smith, ""Jr."""');
    expect(lines[100]).toBe('A00100,mismatched,10000,10001,');
    await expect(h.service.exportReportCsv(run.id, 'nope', new PassThrough())).rejects.toThrow(
      'This run has no report named "nope".',
    );
  });
});

describe('one run at a time across processes, and after a crash', () => {
  it('a second engine on the same data folder sees the run as busy, and closes it once its process is gone', async () => {
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [slowJob('balance', 60 * MIN)] });
    const first = h.service.run(h.biller.id, 'balance');
    await h.clock.advance(MIN);
    // Another process (the CLI) on the same database, at the same time.
    const otherClock = new FakeClock(h.clock.now());
    const other = h.restart({ clock: otherClock });
    expect(() => other.run(h!.biller.id, 'balance')).toThrow(expect.objectContaining({ code: 'JOB_BUSY' }));
    expect(other.status(h.biller.id, 'balance').running?.id).toBe(first.run.id);
    // The first process dies (no more keep-alives); ten minutes later the app starts again.
    const later = new FakeClock('2025-01-15T15:12:00Z');
    const restarted = h.restart({ clock: later });
    restarted.start();
    const closed = restarted.getRun(first.run.id)!;
    // It ended when it last showed signs of life (its keep-alive at 15:02).
    expect(closed).toMatchObject({
      state: 'interrupted',
      endedAt: '2025-01-15T15:02:00.000Z',
      error: {
        code: 'CANCELLED',
        message: 'The process running this job ended (it was closed, killed or crashed) while the run was in progress.',
      },
    });
    const next = restarted.run(h.biller.id, 'balance');
    await later.advance(60 * MIN);
    expect((await next.finished).state).toBe('succeeded');
  });

  it('a command-line run (no scheduler) is not blocked by a run whose process died', async () => {
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [slowJob('balance', 60 * MIN)] });
    const dead = h.service.run(h.biller.id, 'balance').run;
    const cliClock = new FakeClock('2025-01-15T15:04:00Z'); // three minutes without a sign of life
    const cli = h.restart({ clock: cliClock });
    const started = cli.run(h.biller.id, 'balance', { dryRun: true });
    expect(started.run.state).toBe('running');
    expect(cli.getRun(dead.id)).toMatchObject({ state: 'interrupted', error: { code: 'CANCELLED' } });
    await cliClock.advance(60 * MIN);
    expect((await started.finished).state).toBe('succeeded');
  });
});

describe('logs', () => {
  it('keeps the run log with levels, redacted, and caps it', async () => {
    const balance = testJob('balance', (ctx) => {
      ctx.log('info', 'Signed in to InHANCE as bridge with password hunter2-secret');
      ctx.log('warn', 'Account 1002 is closed; skipped');
      for (let i = 0; i < 6000; i++) ctx.log('debug', `line ${i}`);
    });
    h = jobsHarness({
      start: '2025-01-15T15:01:00Z',
      definitions: [balance],
      options: { redact: (t) => t.split('hunter2-secret').join('[redacted]') },
    });
    const run = await h.service.run(h.biller.id, 'balance').finished;
    const log = h.service.runDetail(run.id).log;
    expect(log[0]).toEqual({
      at: '2025-01-15T15:01:00.000Z',
      level: 'info',
      message: 'Started by hand by Pat Manager.',
    });
    expect(log[1]!.message).toBe('Signed in to InHANCE as bridge with password [redacted]');
    expect(log[2]).toMatchObject({ level: 'warn', message: 'Account 1002 is closed; skipped' });
    expect(log).toHaveLength(5000);
    expect(log.at(-1)).toMatchObject({
      level: 'warn',
      message: "Log limit of 5000 lines reached; further lines are only in the app's log file.",
    });
  });
});
