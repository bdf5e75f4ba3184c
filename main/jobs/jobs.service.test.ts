import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/domain/jobs';
import { AppError } from '../../shared/errors';
import { delay } from '../ground/clock';
import { DEFAULT_RETRY_POLICY, retryDelay, retryDelayBounds } from './backoff';
import { jobsHarness, slowJob, testJob, type JobsHarness } from './testing';

const MIN = 60_000;
const startedSince = (runs: Run[], iso: string) =>
  runs.filter((r) => r.startedAt >= new Date(iso).toISOString()).map((r) => r.startedAt);
let h: JobsHarness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
});

describe('retries', () => {
  it('backoff delays grow, stay inside their bounds and under the cap, whatever the jitter', () => {
    const policy = DEFAULT_RETRY_POLICY;
    for (const r of [0, 0.25, 0.5, 0.999, 1]) {
      const delays = [1, 2, 3, 4, 5, 6, 7].map((a) => retryDelay(a, policy, () => r));
      for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
      for (const d of delays) expect(d).toBeLessThanOrEqual(policy.capMs);
    }
    expect([1, 2, 3].map((a) => retryDelayBounds(a, policy))).toEqual([
      { min: 15_000, max: 30_000 },
      { min: 30_000, max: 60_000 },
      { min: 60_000, max: 120_000 },
    ]);
    expect(retryDelayBounds(10, policy)).toEqual({ min: 300_000, max: 600_000 });
  });

  it('retries a transient failure three times with growing delays, then stops', async () => {
    const jitter = [0.9, 0.1, 0.6];
    const customer = testJob('customer', () => {
      throw new AppError('IC_TRANSIENT', 'InvoiceCloud did not answer within 30 seconds.');
    });
    h = jobsHarness({
      start: '2025-01-15T14:59:59Z',
      definitions: [customer],
      options: { random: () => jitter.shift() ?? 0.5 },
    });
    h.service.start();
    await h.clock.advance(1000);
    expect(h.service.status(h.biller.id, 'customer').retryAt).not.toBeNull();
    await h.clock.advanceTo('2025-01-15T15:30:00Z');
    const runs = h.runs('customer');
    expect(runs.map((r) => [r.trigger, r.attempt, r.state])).toEqual([
      ['schedule', 1, 'failed'],
      ['retry', 2, 'failed'],
      ['retry', 3, 'failed'],
      ['retry', 4, 'failed'],
    ]);
    expect(runs.slice(1).every((r) => r.retryOf === runs[0]!.id)).toBe(true);
    const gaps = runs.slice(1).map((r, i) => Date.parse(r.startedAt) - Date.parse(runs[i]!.endedAt!));
    gaps.forEach((gap, i) => {
      const { min, max } = retryDelayBounds(i + 1, DEFAULT_RETRY_POLICY);
      expect(gap).toBeGreaterThanOrEqual(min);
      expect(gap).toBeLessThanOrEqual(max);
    });
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!);
    expect(runs[0]!.error).toEqual({
      code: 'IC_TRANSIENT',
      message: 'InvoiceCloud did not answer within 30 seconds.',
      action: expect.stringMatching(/^InvoiceCloud did not answer in time\. The job retries by itself/),
      details: null,
    });
    // The last attempt has no retry after it, and says what to do instead.
    expect(runs[3]!.error?.action).toBe(
      'InvoiceCloud did not answer in time. Run the job again once InvoiceCloud answers; if it keeps failing, check the network or InvoiceCloud’s status.',
    );
    expect(h.service.status(h.biller.id, 'customer').retryAt).toBeNull();
  });

  it('does not retry a non-transient failure, nor a run started by hand', async () => {
    let code: 'IC_AUTH' | 'IMPRESA_TRANSIENT' = 'IC_AUTH';
    const customer = testJob('customer', () => {
      throw new AppError(code, 'Refused.');
    });
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [customer] });
    h.service.start();
    await h.clock.advance(10 * MIN);
    expect(h.runs('customer').map((r) => r.trigger)).toEqual(['schedule']);
    code = 'IMPRESA_TRANSIENT';
    await h.service.run(h.biller.id, 'customer').finished;
    await h.clock.advance(10 * MIN);
    expect(h.runs('customer').map((r) => `${r.trigger} ${r.error?.code}`)).toEqual([
      'schedule IC_AUTH',
      'manual IMPRESA_TRANSIENT',
    ]);
    expect(h.runs('customer')[1]!.error?.action).toMatch(
      /^InHANCE Impresa did not answer in time\. Run the job again once InHANCE Impresa answers;/,
    );
  });

  it('promises no retry for a paused job, and takes the promise back when a pending retry is called off', async () => {
    const customer = testJob('customer', async (ctx) => {
      await delay(ctx.clock, 2 * MIN, ctx.signal);
      throw new AppError('IC_TRANSIENT', 'InvoiceCloud did not answer within 30 seconds.');
    });
    const noRetry = /^InvoiceCloud did not answer in time\. Run the job again once InvoiceCloud answers;/;
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [customer] });
    h.service.start();
    await h.clock.advance(MIN); // the 15:00 run is under way
    h.service.pause(h.biller.id, 'customer');
    await h.clock.advance(2 * MIN);
    expect(h.runs('customer').map((r) => [r.state, r.error?.action])).toEqual([
      ['failed', expect.stringMatching(noRetry)],
    ]);
    expect(h.service.status(h.biller.id, 'customer').retryAt).toBeNull();

    h.service.resume(h.biller.id, 'customer');
    await h.clock.advanceTo('2025-01-15T16:02:05Z'); // the 16:00 run failed; its retry waits
    const failed = h.runs('customer').at(-1)!;
    expect(failed.error?.action).toMatch(/The job retries by itself/);
    h.service.pause(h.biller.id, 'customer');
    expect(h.service.getRun(failed.id)!.error?.action).toMatch(noRetry);
    await h.clock.advance(10 * MIN);
    expect(h.runs('customer')).toHaveLength(2);
  });

  it('a retry that succeeds ends the chain', async () => {
    const customer = testJob('customer', (ctx, call) => {
      if (call === 1) throw new AppError('IMPRESA_TRANSIENT', 'InHANCE timed out.');
      ctx.count('written', 4);
    });
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [customer] });
    h.service.start();
    await h.clock.advance(10 * MIN);
    expect(h.runs('customer').map((r) => `${r.trigger} ${r.state}`)).toEqual(['schedule failed', 'retry succeeded']);
    expect(h.service.status(h.biller.id, 'customer').failureStreak).toBe(0);
  });
});

describe('failure streak', () => {
  it('raises one notification at three failures in a row, and again after a success breaks the streak', async () => {
    let failing = true;
    const invoice = testJob('customer', () => {
      if (failing) throw new AppError('IC_AUTH', 'InvoiceCloud refused the web service key.');
    });
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [invoice] });
    h.service.start();
    await h.clock.advance(2 * 60 * MIN + 2000); // 10:00, 11:00, 12:00
    expect(h.notices).toEqual([
      {
        billerId: h.biller.id,
        job: 'customer',
        level: 'error',
        title: 'Customer keeps failing for Springfield Water',
        message: expect.stringMatching(
          /^The last 3 runs failed\. Latest: InvoiceCloud refused the web service key\. Check the InvoiceCloud biller GUID/,
        ),
      },
    ]);
    expect(h.service.status(h.biller.id, 'customer').failureStreak).toBe(3);
    await h.clock.advance(60 * MIN); // a fourth failure: no second notice
    expect(h.notices).toHaveLength(1);
    failing = false;
    await h.clock.advance(60 * MIN);
    expect(h.service.status(h.biller.id, 'customer').failureStreak).toBe(0);
    failing = true;
    await h.clock.advance(3 * 60 * MIN);
    expect(h.notices).toHaveLength(2);
  });
});

describe('dry runs beside real runs', () => {
  it('a dry run that works neither clears the card’s error nor breaks the failure streak', async () => {
    let dryWorks = true;
    const customer = testJob('customer', (ctx) => {
      if (!(ctx.dryRun && dryWorks)) throw new AppError('IC_AUTH', 'InvoiceCloud refused the web service key.');
      ctx.count('read', 3);
      return { summary: '3 customers would be updated' };
    });
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [customer] });
    h.service.start();
    await h.clock.advance(60 * MIN + 2000); // 10:00 and 11:00 failed
    const dry = await h.service.run(h.biller.id, 'customer', { dryRun: true }).finished;
    expect(dry.state).toBe('succeeded');
    const after = h.service.status(h.biller.id, 'customer');
    expect(after.failureStreak).toBe(2);
    expect(after.lastRun).toMatchObject({
      state: 'failed',
      dryRun: false,
      trigger: 'schedule',
      error: { code: 'IC_AUTH' },
    });
    expect(after.lastDryRun).toMatchObject({ id: dry.id, state: 'succeeded', summary: '3 customers would be updated' });
    // The third real failure still raises the notice; a failed dry run raises none of its own.
    await h.clock.advance(60 * MIN);
    expect(h.notices.map((n) => n.title)).toEqual(['Customer keeps failing for Springfield Water']);
    dryWorks = false;
    await h.service.run(h.biller.id, 'customer', { dryRun: true }).finished;
    await h.service.run(h.biller.id, 'customer', { dryRun: true }).finished;
    expect(h.notices).toHaveLength(1);
    const status = h.service.status(h.biller.id, 'customer');
    expect(status.failureStreak).toBe(3);
    expect(status.lastRun?.dryRun).toBe(false);
    // Once a real run is newer, the older dry run is not shown beside it.
    await h.clock.advance(60 * MIN);
    expect(h.service.status(h.biller.id, 'customer')).toMatchObject({ failureStreak: 4, lastDryRun: null });
  });
});

describe('run now, dry run, cancel', () => {
  it('cancels a running job cooperatively; the run ends cancelled and the audit log says who', async () => {
    const balance = slowJob('balance', 10 * MIN);
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [balance] });
    const started = h.service.run(h.biller.id, 'balance');
    expect(started.run.state).toBe('running');
    await h.clock.advance(MIN);
    const asked = h.service.cancel(started.run.id);
    expect(asked.state).toBe('running');
    const run = await started.finished;
    expect(run.state).toBe('cancelled');
    expect(run.error).toMatchObject({ code: 'CANCELLED', message: 'The run was cancelled by Pat Manager.' });
    expect(run.endedAt).toBe('2025-01-15T15:02:00.000Z');
    expect(h.audit.list().map((a) => a.action)).toContain('job.cancel');
    // Cancelling a run that already ended is no error: the run comes back as it ended, and nothing more is audited.
    const cancels = h.audit.list().filter((a) => a.action === 'job.cancel').length;
    expect(h.service.cancel(started.run.id).state).toBe('cancelled');
    expect(h.audit.list().filter((a) => a.action === 'job.cancel')).toHaveLength(cancels);
  });

  it('a job that finishes its work before it looks at the signal keeps its real result', async () => {
    const balance = testJob('balance', async (ctx) => {
      await delay(ctx.clock, 5000);
      ctx.count('written', 2);
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [balance] });
    const started = h.service.run(h.biller.id, 'balance');
    await h.clock.advance(1000);
    h.service.cancel(started.run.id);
    await h.clock.advance(5000);
    const run = await started.finished;
    expect(run.state).toBe('succeeded');
    expect(h.service.runDetail(run.id).log.map((l) => l.message)).toContain(
      'The job finished its work before it saw the cancel request.',
    );
  });

  it('a dry run commits no cursor, though the job pages on within the run', async () => {
    const seen: Array<string | null> = [];
    const payments = testJob('payments', (ctx) => {
      for (const page of ['p1', 'p2', 'p3']) {
        seen.push(ctx.cursor.get('payments-since'));
        ctx.count('read', 10);
        ctx.cursor.commit('payments-since', page);
      }
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [payments] });
    const dry = await h.service.run(h.biller.id, 'payments', { dryRun: true }).finished;
    expect(dry).toMatchObject({ state: 'succeeded', dryRun: true, counts: { read: 30 } });
    expect(seen).toEqual([null, 'p1', 'p2']);
    expect(h.service.cursor(h.biller.id, 'payments', 'payments-since')).toBeNull();
    seen.length = 0;
    await h.service.run(h.biller.id, 'payments').finished;
    expect(seen).toEqual([null, 'p1', 'p2']);
    expect(h.service.cursor(h.biller.id, 'payments', 'payments-since')).toBe('p3');
  });

  it('a cursor moves only when the job commits: a failure on page two keeps page one', async () => {
    const balance = testJob('balance', (ctx) => {
      ctx.cursor.commit('changed-since', 'page-1');
      ctx.count('written', 100);
      throw new AppError('IC_BUSINESS', 'InvoiceCloud refused the batch: account 1002 is closed.');
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [balance] });
    const run = await h.service.run(h.biller.id, 'balance').finished;
    expect(run).toMatchObject({ state: 'failed', counts: { written: 100 }, error: { code: 'IC_BUSINESS' } });
    expect(h.service.cursor(h.biller.id, 'balance', 'changed-since')).toBe('page-1');
  });

  it('a run where some records failed ends partial, with its summary', async () => {
    const autoPay = testJob('auto-pay', (ctx) => {
      ctx.count('read', 5);
      ctx.count('written', 4);
      ctx.count('failed');
      return { summary: '4 autopay flags set, 1 account not found' };
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [autoPay] });
    const run = await h.service.run(h.biller.id, 'auto-pay').finished;
    expect(run).toMatchObject({
      state: 'partial',
      counts: { read: 5, written: 4, skipped: 0, failed: 1 },
      summary: '4 autopay flags set, 1 account not found',
    });
  });

  it('an unexpected error fails the run in plain words, the detail kept for support', async () => {
    const balance = testJob('balance', () => {
      throw new TypeError("Cannot read properties of undefined (reading 'balance')");
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [balance] });
    const run = await h.service.run(h.biller.id, 'balance').finished;
    expect(run.error).toEqual({
      code: 'INTERNAL',
      message: 'The job stopped on an unexpected error inside Impresa Bridge.',
      action: 'Run the job again; if it fails the same way, send the log file to support.',
      details: "Cannot read properties of undefined (reading 'balance')",
    });
  });

  it('refuses a second run of a busy job, and an unknown job', async () => {
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [slowJob('balance', MIN)] });
    h.service.run(h.biller.id, 'balance');
    expect(() => h!.service.run(h!.biller.id, 'balance')).toThrow(expect.objectContaining({ code: 'JOB_BUSY' }));
    expect(() => h!.service.run(h!.biller.id, 'payments')).toThrow(
      'The Payments job is not available in this version of Impresa Bridge.',
    );
    await h.clock.advance(MIN);
  });
});

describe('job host', () => {
  it('refuses a real run on an installation that is not the job host unless forced; dry runs are allowed', async () => {
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [testJob('balance')], isJobHost: false });
    let error: unknown;
    try {
      h.service.run(h.biller.id, 'balance');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'NOT_JOB_HOST',
      message:
        'This installation is not the job host for Springfield Water, so it does not run its jobs. Run Balance on the job host, use a dry run, or mark this installation as the job host in the biller settings.',
    });
    expect((await h.service.run(h.biller.id, 'balance', { dryRun: true }).finished).state).toBe('succeeded');
    const forced = await h.service.run(h.biller.id, 'balance', { force: true }).finished;
    expect(h.service.runDetail(forced.id).log.map((l) => l.message)).toContain(
      'This installation is not the biller’s job host; the run was forced.',
    );
    expect(h.audit.list().find((a) => a.action === 'job.run')?.detail).toBe('forced');
  });

  it('warns when another installation’s stamp shows up on recent work of a biller this one hosts', async () => {
    const payments = testJob('payments', (ctx) => {
      ctx.reportForeignStamp({
        installationId: 'installation-b',
        seenAt: '2025-01-15T14:40:00Z',
        where: 'InHANCE batch 20250115-IC',
      });
      ctx.reportForeignStamp({
        installationId: ctx.installationId,
        seenAt: '2025-01-15T14:45:00Z',
        where: 'our own batch',
      });
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [payments] });
    expect(h.service.overview(h.biller.id).hostWarning).toBeNull();
    await h.service.run(h.biller.id, 'payments').finished;
    const overview = h.service.overview(h.biller.id);
    expect(overview.foreignStamps).toEqual([
      { installationId: 'installation-b', seenAt: '2025-01-15T14:40:00.000Z', where: 'InHANCE batch 20250115-IC' },
    ]);
    expect(overview.hostWarning).toBe(
      'This installation is the job host for Springfield Water, but another installation (installa) also did its work recently: seen on InHANCE batch 20250115-IC, Wed, Jan 15, 09:40. A biller must have exactly one job host: turn "job host" off on all installations but one.',
    );
    expect(h.notices.map((n) => n.title)).toEqual(['Two job hosts for Springfield Water?']);
    await h.service.run(h.biller.id, 'payments').finished;
    expect(h.notices).toHaveLength(1); // the same installation again: no new notice
    await h.clock.advance(8 * 24 * 60 * MIN);
    expect(h.service.overview(h.biller.id).hostWarning).toBeNull(); // no longer recent
  });
});

describe('pause and resume', () => {
  it('pauses one job (no runs, no catch-up for the paused slots) and resumes from the next slot', async () => {
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [testJob('balance'), testJob('payments')] });
    h.service.start();
    await h.clock.advance(MIN);
    h.service.pause(h.biller.id, 'balance', 'InvoiceCloud maintenance');
    const paused = h.service.status(h.biller.id, 'balance');
    expect(paused.pause).toEqual({
      scope: 'job',
      reason: 'InvoiceCloud maintenance',
      by: 'Pat Manager',
      at: '2025-01-15T15:00:59.000Z',
    });
    expect(paused.nextRunAt).toBeNull();
    await h.clock.advanceTo('2025-01-15T16:05:00Z');
    expect(h.runs('balance')).toHaveLength(1);
    expect(h.runs('payments')).toHaveLength(5);
    h.service.resume(h.biller.id, 'balance');
    await h.clock.flush();
    expect(h.service.status(h.biller.id, 'balance')).toMatchObject({
      pause: null,
      nextRunAt: '2025-01-15T16:15:00.000Z',
    });
    await h.clock.advanceTo('2025-01-15T16:16:00Z');
    expect(h.runs('balance').map((r) => `${r.startedAt} ${r.trigger}`)).toEqual([
      '2025-01-15T15:00:00.000Z schedule',
      '2025-01-15T16:15:00.000Z schedule',
    ]);
    expect(h.audit.list().map((a) => `${a.action} ${a.subject} ${a.detail}`)).toEqual(
      expect.arrayContaining(['job.pause balance InvoiceCloud maintenance', 'job.resume balance null']),
    );
  });

  it('pause all stops every job with a reason kept in the audit log; resume all keeps a job paused on its own', async () => {
    h = jobsHarness({
      start: '2025-01-15T14:59:59Z',
      definitions: [testJob('balance'), testJob('payments'), testJob('customer')],
    });
    h.service.start();
    await h.clock.advance(MIN);
    const before = h.runs().length;
    h.service.pause(h.biller.id, 'customer');
    expect(() => h!.service.pauseAll(h!.biller.id, '  ')).toThrow(
      'Say why the jobs are paused, so others know when to resume them.',
    );
    h.service.pauseAll(h.biller.id, 'Conversion weekend: InHANCE is being upgraded');
    const overview = h.service.overview(h.biller.id);
    expect(overview.pausedAll).toMatchObject({
      scope: 'all',
      reason: 'Conversion weekend: InHANCE is being upgraded',
      by: 'Pat Manager',
    });
    expect(overview.jobs.find((j) => j.job === 'balance')!.pause?.scope).toBe('all');
    expect(overview.jobs.every((j) => j.nextRunAt === null)).toBe(true);
    expect(h.audit.list({ billerId: h.biller.id })[0]).toMatchObject({
      action: 'jobs.pauseAll',
      detail: 'Conversion weekend: InHANCE is being upgraded',
      actorName: 'Pat Manager',
    });
    await h.clock.advance(3 * 60 * MIN);
    expect(h.runs()).toHaveLength(before);
    // A run by hand is still possible while paused, and says so.
    const manual = await h.service.run(h.biller.id, 'balance').finished;
    expect(h.service.runDetail(manual.id).log.map((l) => l.message)).toContain(
      'The schedule is paused; this run was asked for by hand.',
    );
    h.service.resumeAll(h.biller.id);
    const after = h.service.overview(h.biller.id);
    expect(after.pausedAll).toBeNull();
    expect(after.jobs.find((j) => j.job === 'balance')!.nextRunAt).toBe('2025-01-15T18:15:00.000Z');
    expect(after.jobs.find((j) => j.job === 'customer')!.pause?.scope).toBe('job');
  });
});

describe('changes made by another process on the same data folder (the CLI)', () => {
  const changedEvents = () => h!.emitted.filter((e) => e.event === 'jobs:changed').map((e) => e.payload);

  it('a slot that comes after a CLI pause is not run, and the app shows the pause without a restart', async () => {
    // A heartbeat far away: only the slot itself can notice the pause.
    h = jobsHarness({
      start: '2025-01-15T14:59:59Z',
      definitions: [testJob('customer'), testJob('balance')],
      options: { heartbeatMs: 6 * 60 * MIN },
    });
    h.service.start();
    await h.clock.advanceTo('2025-01-15T15:59:30Z');
    expect(h.service.status(h.biller.id, 'customer').nextRunAt).toBe('2025-01-15T16:00:00.000Z');
    const cli = h.restart({ ownConnection: true });
    cli.pause(h.biller.id, 'customer', 'Conversion weekend');
    h.emitted.length = 0;
    await h.clock.advanceTo('2025-01-15T17:30:00Z');
    expect(h.runs('customer').map((r) => r.startedAt)).toEqual(['2025-01-15T15:00:00.000Z']);
    expect(h.runs('balance').at(-1)?.startedAt).toBe('2025-01-15T17:30:00.000Z'); // the other job carries on
    expect(changedEvents()).toContainEqual({ billerId: h.biller.id, job: 'customer' });
    expect(h.service.status(h.biller.id, 'customer')).toMatchObject({
      nextRunAt: null,
      pause: { scope: 'job', reason: 'Conversion weekend' },
    });
  });

  it('a CLI resume, schedule change and pause-all reach the running app within a heartbeat', async () => {
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [testJob('customer'), testJob('balance')] });
    h.service.start();
    await h.clock.advance(30_000); // 15:00:29: both ran at 15:00
    const cli = h.restart({ ownConnection: true });
    cli.pause(h.biller.id, 'customer');
    await h.clock.advance(MIN);
    expect(h.service.status(h.biller.id, 'customer').nextRunAt).toBeNull();
    await h.clock.advanceTo('2025-01-15T17:10:00Z');

    h.emitted.length = 0;
    cli.resume(h.biller.id, 'customer');
    cli.setSchedule(h.biller.id, 'balance', { type: 'interval', every: 30, unit: 'minutes' });
    expect(changedEvents()).toHaveLength(2); // the CLI's own, on the shared test bus
    expect(h.service.status(h.biller.id, 'customer').nextRunAt).toBeNull(); // not noticed yet
    await h.clock.advance(MIN);
    expect(changedEvents().slice(2)).toEqual([{ billerId: h.biller.id }]); // the app's: both jobs changed
    expect(h.service.status(h.biller.id, 'customer')).toMatchObject({
      pause: null,
      nextRunAt: '2025-01-15T18:00:00.000Z',
    });
    expect(h.service.status(h.biller.id, 'balance')).toMatchObject({
      scheduleText: 'Every 30 minutes',
      nextRunAt: '2025-01-15T17:30:00.000Z',
    });
    await h.clock.advanceTo('2025-01-15T18:10:00Z');
    // Slots passed while paused are not caught up; the resumed job runs from its next slot.
    expect(h.runs('customer').map((r) => `${r.startedAt} ${r.trigger}`)).toEqual([
      '2025-01-15T15:00:00.000Z schedule',
      '2025-01-15T18:00:00.000Z schedule',
    ]);
    expect(startedSince(h.runs('balance'), '2025-01-15T17:11:00Z')).toEqual([
      '2025-01-15T17:30:00.000Z',
      '2025-01-15T18:00:00.000Z',
    ]);

    cli.pauseAll(h.biller.id, 'InHANCE upgrade');
    await h.clock.advance(MIN);
    expect(
      h.service
        .overview(h.biller.id)
        .jobs.filter((j) => j.available)
        .map((j) => [j.job, j.nextRunAt, j.pause?.scope]),
    ).toEqual([
      ['balance', null, 'all'],
      ['customer', null, 'all'],
    ]);
    const before = h.runs().length;
    await h.clock.advance(2 * 60 * MIN);
    expect(h.runs()).toHaveLength(before);
    cli.resumeAll(h.biller.id);
    await h.clock.advance(MIN);
    expect(h.service.status(h.biller.id, 'customer').nextRunAt).toBe('2025-01-15T21:00:00.000Z');
  });

  it('a pending retry is dropped when the CLI pauses the job', async () => {
    const customer = testJob('customer', () => {
      throw new AppError('IC_TRANSIENT', 'InvoiceCloud did not answer within 30 seconds.');
    });
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [customer], options: { random: () => 1 } });
    h.service.start();
    await h.clock.advance(1000);
    expect(h.service.status(h.biller.id, 'customer').retryAt).not.toBeNull();
    h.restart({ ownConnection: true }).pause(h.biller.id, 'customer');
    await h.clock.advance(10 * MIN);
    expect(h.runs('customer').map((r) => r.trigger)).toEqual(['schedule']);
    expect(h.service.status(h.biller.id, 'customer').retryAt).toBeNull();
  });
});

describe('schedules', () => {
  it('changes a job’s schedule (persisted, audited, re-armed) and goes back to the default', async () => {
    h = jobsHarness({ start: '2025-01-15T15:07:00Z', definitions: [testJob('invoice-file')] });
    h.service.start();
    expect(h.service.status(h.biller.id, 'invoice-file').nextRunAt).toBe('2025-01-15T17:00:00.000Z');
    const status = h.service.setSchedule(h.biller.id, 'invoice-file', { type: 'interval', every: 30, unit: 'minutes' });
    expect(status).toMatchObject({
      scheduleText: 'Every 30 minutes',
      isDefaultSchedule: false,
      nextRunAt: '2025-01-15T15:30:00.000Z',
    });
    expect(() =>
      h!.service.setSchedule(h!.biller.id, 'invoice-file', { type: 'cron', expression: '0 0 * * 9' }),
    ).toThrow(/^The day of the week/);
    // Survives a restart.
    await h.service.stop();
    const again = h.restart();
    again.start();
    expect(again.status(h.biller.id, 'invoice-file').scheduleText).toBe('Every 30 minutes');
    expect(again.setSchedule(h.biller.id, 'invoice-file', null)).toMatchObject({
      scheduleText: 'Every 3 hours',
      isDefaultSchedule: true,
    });
    expect(
      h.audit
        .list()
        .filter((a) => a.action === 'job.schedule')
        .map((a) => a.detail),
    ).toEqual(['default', '*/30 * * * *']);
  });

  it('previews a schedule in a time zone', () => {
    h = jobsHarness({ start: '2025-01-15T15:07:00Z', definitions: [] });
    expect(h.service.previewSchedule({ type: 'cron', expression: '30 6 * * 1-5' }, 'America/Chicago', 3)).toEqual({
      valid: true,
      expression: '30 6 * * 1-5',
      description: 'At 6:30 AM, Monday through Friday',
      nextRuns: ['2025-01-16T12:30:00.000Z', '2025-01-17T12:30:00.000Z', '2025-01-20T12:30:00.000Z'],
    });
  });
});
