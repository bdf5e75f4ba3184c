import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RUN_POLICY } from '../../shared/domain/jobs';
import { delay } from '../ground/clock';
import { throwIfCancelled } from './definitions/run-support';
import { jobsHarness, testJob, type JobsHarness } from './testing';

const MIN = 60_000;
let h: JobsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('run policy per job', () => {
  it('only when reachable: unreachable slots are skipped and audited, then ONE catch-up runs when the network is back', async () => {
    let reachable = false;
    const balance = testJob('balance');
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [balance], reachability: async () => reachable });
    h.service.setRunPolicy(h.biller.id, 'balance', { ...DEFAULT_RUN_POLICY, onlyWhenReachable: true });
    h.service.start();
    await h.clock.advanceTo('2025-01-15T15:31:00Z'); // the 15:00, 15:15 and 15:30 slots pass offline
    expect(h.runs('balance')).toEqual([]);
    const skipped = h.audit.list({ billerId: h.biller.id }).filter((e) => e.action === 'job.skippedUnreachable');
    expect(skipped.map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^2025-01-15T15:00:00.000Z slot skipped: the InvoiceCloud host or the InHANCE URL did not answer$/,
        ),
      ]),
    );
    expect(skipped).toHaveLength(3);

    reachable = true;
    await h.clock.advance(2 * MIN); // the next probe finds the services
    const afterBack = h.runs('balance');
    expect(afterBack.map((r) => [r.trigger, r.state])).toEqual([['catch-up', 'succeeded']]);
    expect(h.service.runDetail(afterBack[0]!.id).log.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Catching up once for 3 slot\(s\) skipped since .* while the services could not be reached\.$/,
        ),
      ]),
    );
    await h.clock.advanceTo('2025-01-15T15:45:30Z'); // no second catch-up; the 15:45 slot runs on schedule
    expect(h.runs('balance').map((r) => r.trigger)).toEqual(['catch-up', 'schedule']);
    expect(balance.calls).toBe(2);
  });

  it('a job not set to run only when reachable runs its slots without asking', async () => {
    let asked = 0;
    const balance = testJob('balance');
    h = jobsHarness({
      start: '2025-01-15T14:59:59Z',
      definitions: [balance],
      reachability: async () => {
        asked++;
        return false;
      },
    });
    h.service.start();
    await h.clock.advanceTo('2025-01-15T15:00:30Z');
    expect(h.runs('balance').map((r) => [r.trigger, r.state])).toEqual([['schedule', 'succeeded']]);
    expect(asked).toBe(0);
  });

  it('a time limit cancels the run at the next page boundary with the reason', async () => {
    const pagesDone: number[] = [];
    // Three pages of 90 s; like the real jobs it checks for a stop between pages only.
    const balance = testJob('balance', async (ctx) => {
      for (let page = 1; page <= 3; page++) {
        throwIfCancelled(ctx);
        await delay(ctx.clock, 1.5 * MIN);
        ctx.count('written');
        pagesDone.push(page);
      }
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [balance] });
    h.service.setRunPolicy(h.biller.id, 'balance', { ...DEFAULT_RUN_POLICY, timeLimitMinutes: 2 });
    const started = h.service.run(h.biller.id, 'balance');
    await h.clock.advance(5 * MIN);
    const run = await started.finished;
    expect(pagesDone).toEqual([1, 2]); // the limit came during page 2, which was finished
    expect(run.state).toBe('cancelled');
    expect(run.counts.written).toBe(2);
    expect(run.error).toMatchObject({
      code: 'CANCELLED',
      message: expect.stringMatching(/^Time limit of 2 minutes reached/),
    });
    expect(run.endedAt).toBe('2025-01-15T15:04:00.000Z');
  });

  it('a run inside its time limit is left alone', async () => {
    const balance = testJob('balance', async (ctx) => {
      await delay(ctx.clock, MIN);
      ctx.count('written');
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [balance] });
    h.service.setRunPolicy(h.biller.id, 'balance', { ...DEFAULT_RUN_POLICY, timeLimitMinutes: 2 });
    const run = await (async () => {
      const started = h!.service.run(h!.biller.id, 'balance');
      await h!.clock.advance(5 * MIN);
      return started.finished;
    })();
    expect(run.state).toBe('succeeded');
  });

  it('retry count and interval are the job’s own: one retry, 90 s after the failure (120 s interval, half jitter)', async () => {
    const { AppError } = await import('../../shared/errors');
    const customer = testJob('customer', () => {
      throw new AppError('IC_TRANSIENT', 'InvoiceCloud did not answer within 30 seconds.');
    });
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [customer] });
    h.service.setRunPolicy(h.biller.id, 'customer', {
      ...DEFAULT_RUN_POLICY,
      retryCount: 1,
      retryIntervalSeconds: 120,
    });
    h.service.start();
    await h.clock.advanceTo('2025-01-15T15:40:00Z');
    const runs = h.runs('customer');
    expect(runs.map((r) => [r.trigger, r.attempt, r.state])).toEqual([
      ['schedule', 1, 'failed'],
      ['retry', 2, 'failed'],
    ]);
    // retryDelay with random 0.5: half the interval fixed, half of it jittered.
    expect(Date.parse(runs[1]!.startedAt) - Date.parse(runs[0]!.endedAt!)).toBe(90_000);
  });

  it('retry count 0 turns retries off', async () => {
    const { AppError } = await import('../../shared/errors');
    const customer = testJob('customer', () => {
      throw new AppError('IC_TRANSIENT', 'InvoiceCloud did not answer.');
    });
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [customer] });
    h.service.setRunPolicy(h.biller.id, 'customer', { ...DEFAULT_RUN_POLICY, retryCount: 0 });
    h.service.start();
    await h.clock.advanceTo('2025-01-15T15:30:00Z');
    expect(h.runs('customer').map((r) => r.trigger)).toEqual(['schedule']);
  });

  it('is persisted per biller and job, shown in the status, audited, refused in plain words when invalid, and reset to the defaults', async () => {
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [testJob('balance'), testJob('customer')] });
    const policy = { onlyWhenReachable: true, timeLimitMinutes: 30, retryCount: 5, retryIntervalSeconds: 60 };
    expect(h.service.setRunPolicy(h.biller.id, 'balance', policy).runPolicy).toEqual(policy);
    expect(h.restart().status(h.biller.id, 'balance').runPolicy).toEqual(policy);
    expect(h.service.status(h.biller.id, 'customer').runPolicy).toEqual(DEFAULT_RUN_POLICY);
    expect(
      h.audit.list({ billerId: h.biller.id }).some((e) => e.action === 'job.runPolicy' && e.subject === 'balance'),
    ).toBe(true);
    expect(() => h!.service.setRunPolicy(h!.biller.id, 'balance', { ...policy, retryCount: 11 })).toThrow(
      /at most 10 times/,
    );
    expect(() => h!.service.setRunPolicy(h!.biller.id, 'balance', { ...policy, timeLimitMinutes: 0 })).toThrow(
      /at least 1 minute/,
    );
    expect(h.service.status(h.biller.id, 'balance').runPolicy).toEqual(policy);
    expect(h.service.setRunPolicy(h.biller.id, 'balance', null).runPolicy).toEqual(DEFAULT_RUN_POLICY);
  });
});

describe('tcpReachability (the default check)', () => {
  it('is true when both hosts accept a TCP connection and false when one does not', async () => {
    const { createServer } = await import('node:net');
    const { tcpReachability } = await import('./reachability');
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const check = tcpReachability(2000);
      const open = `http://127.0.0.1:${port}`;
      const biller = { icHost: open, impresaUrl: `${open}/impresa/api` } as Parameters<typeof check>[0];
      expect(await check(biller)).toBe(true);
      // Port 9 (discard) is closed on the loopback here: the harness's billers point at it.
      expect(await check({ ...biller, impresaUrl: 'http://127.0.0.1:9' })).toBe(false);
      expect(await check({ ...biller, icHost: 'not a url at all://' })).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
