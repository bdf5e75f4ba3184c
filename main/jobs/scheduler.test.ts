import { afterEach, describe, expect, it } from 'vitest';
import { JOB_KINDS, type JobKind, type Run } from '../../shared/domain/jobs';
import { FakeClock } from '../ground/fake-clock';
import { jobsHarness, slowJob, testJob, type JobsHarness } from './testing';

const HOUR = 3600_000;
const MIN = 60_000;
let h: JobsHarness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
});

const allJobs = () => JOB_KINDS.map((k) => testJob(k));

function startedIn(runs: Run[], fromIso: string, toIso: string): Run[] {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  return runs.filter((r) => Date.parse(r.startedAt) >= from && Date.parse(r.startedAt) < to);
}

function localTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'America/New_York',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

describe('scheduler: default frequencies', () => {
  it('runs each job at the source document’s frequency over a day', async () => {
    // Wednesday 15 January 2025 in New York (EST, UTC-5).
    h = jobsHarness({ start: '2025-01-15T04:59:30Z', definitions: allJobs() });
    h.service.start();
    await h.clock.advanceTo('2025-01-16T04:59:59Z');
    const day = (job: JobKind) => startedIn(h!.runs(job), '2025-01-15T05:00:00Z', '2025-01-16T05:00:00Z');
    expect(Object.fromEntries(JOB_KINDS.map((k) => [k, day(k).length]))).toEqual({
      'invoice-file': 8,
      balance: 96,
      'balance-all': 0,
      customer: 24,
      'auto-pay': 24,
      payments: 96,
    });
    expect(day('invoice-file').map((r) => localTime(r.startedAt))).toEqual([
      '00:00',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
      '15:00',
      '18:00',
      '21:00',
    ]);
    expect(
      day('balance').every((r) => r.trigger === 'schedule' && r.state === 'succeeded' && r.counts.read === 1),
    ).toBe(true);
    expect(new Set(day('balance').map((r) => localTime(r.startedAt).slice(3)))).toEqual(
      new Set(['00', '15', '30', '45']),
    );
  });

  it('runs Balance All once a week, on Sunday at 03:00', async () => {
    h = jobsHarness({ start: '2025-01-13T05:00:00Z', definitions: [testJob('balance-all'), testJob('balance')] });
    h.service.start();
    await h.clock.advance(7 * 24 * HOUR);
    const weekly = h.runs('balance-all');
    expect(weekly.map((r) => r.startedAt)).toEqual(['2025-01-19T08:00:00.000Z']);
    expect(h.runs('balance')).toHaveLength(7 * 96);
    expect(h.service.status(h.biller.id, 'balance-all').nextRunAt).toBe('2025-01-26T08:00:00.000Z');
  }, 20_000); // a simulated week: 10,000 heartbeats and 700 runs, slow on a loaded machine
});

describe('scheduler: daylight saving time in America/New_York', () => {
  it('spring-forward day: a 15-minute job runs 92 times, none in the missing hour', async () => {
    h = jobsHarness({ start: '2025-03-09T04:59:30Z', definitions: [testJob('balance'), testJob('customer')] });
    h.service.start();
    await h.clock.advanceTo('2025-03-10T03:59:59Z');
    const runs = startedIn(h.runs('balance'), '2025-03-09T05:00:00Z', '2025-03-10T04:00:00Z');
    expect(runs).toHaveLength(92);
    expect(runs.some((r) => localTime(r.startedAt).startsWith('02:'))).toBe(false);
    for (let i = 1; i < runs.length; i++)
      expect(Date.parse(runs[i]!.startedAt) - Date.parse(runs[i - 1]!.startedAt)).toBe(15 * MIN);
    expect(startedIn(h.runs('customer'), '2025-03-09T05:00:00Z', '2025-03-10T04:00:00Z')).toHaveLength(23);
  });

  it('fall-back day: a 15-minute job runs 100 times, 01:00–01:45 twice (EDT, then EST)', async () => {
    h = jobsHarness({ start: '2025-11-02T03:59:30Z', definitions: [testJob('balance'), testJob('customer')] });
    h.service.start();
    await h.clock.advanceTo('2025-11-03T04:59:59Z');
    const runs = startedIn(h.runs('balance'), '2025-11-02T04:00:00Z', '2025-11-03T05:00:00Z');
    expect(runs).toHaveLength(100);
    const oneAm = runs.filter((r) => localTime(r.startedAt).startsWith('01:')).map((r) => r.startedAt);
    expect(oneAm).toHaveLength(8);
    expect(oneAm[0]).toBe('2025-11-02T05:00:00.000Z');
    expect(oneAm[4]).toBe('2025-11-02T06:00:00.000Z');
    // Never two runs closer than 15 elapsed minutes, never a gap longer.
    for (let i = 1; i < runs.length; i++)
      expect(Date.parse(runs[i]!.startedAt) - Date.parse(runs[i - 1]!.startedAt)).toBe(15 * MIN);
    expect(startedIn(h.runs('customer'), '2025-11-02T04:00:00Z', '2025-11-03T05:00:00Z')).toHaveLength(25);
  });
});

describe('scheduler: no overlap', () => {
  it('records a slot that comes while the job still runs as skipped-busy, and never runs it', async () => {
    const balance = slowJob('balance', 20 * MIN);
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [balance] });
    h.service.start();
    await h.clock.advanceTo('2025-01-15T16:25:00Z');
    const runs = h.runs('balance');
    expect(runs.map((r) => `${localTime(r.startedAt)} ${r.state}`)).toEqual([
      '10:00 succeeded',
      '10:15 skipped-busy',
      '10:30 succeeded',
      '10:45 skipped-busy',
      '11:00 succeeded',
      '11:15 skipped-busy',
    ]);
    expect(balance.calls).toBe(3);
    const ran = runs.filter((r) => r.state === 'succeeded');
    for (let i = 1; i < ran.length; i++) expect(ran[i]!.startedAt >= ran[i - 1]!.endedAt!).toBe(true);
    expect(runs[1]!.summary).toMatch(
      /^Balance was still running \(started 2025-01-15T15:00:00.000Z\), so the 2025-01-15T15:15:00.000Z slot was skipped\.$/,
    );
    // A person pressing Run now meanwhile is told so, in words.
    await h.clock.advanceTo('2025-01-15T16:35:00Z');
    expect(() => h!.service.run(h!.biller.id, 'balance')).toThrow(
      /^Balance is already running \(started Wed, Jan 15, 11:30\)\. Wait for it to finish, or cancel it\.$/,
    );
  });
});

describe('scheduler: catch-up', () => {
  it('catches up once after the laptop slept through several slots, not once per slot', async () => {
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [testJob('balance'), testJob('customer')] });
    h.service.start();
    await h.clock.advanceTo('2025-01-15T15:05:00Z');
    expect(h.runs('balance')).toHaveLength(1);
    h.clock.sleep(3 * HOUR); // wakes at 13:05 local: 12 Balance slots and 3 Customer slots were missed
    await h.clock.advance(2 * MIN); // the heartbeat notices the jump within a minute
    const balance = h.runs('balance');
    expect(balance.map((r) => `${localTime(r.startedAt)} ${r.trigger}`)).toEqual(['10:00 schedule', '13:05 catch-up']);
    const detail = h.service.runDetail(balance[1]!.id);
    expect(detail.log[0]!.message).toBe(
      'Catching up once for 12 missed slot(s) since Wed, Jan 15, 10:00 (the app was closed or the computer asleep).',
    );
    expect(h.runs('customer').map((r) => `${localTime(r.startedAt)} ${r.trigger}`)).toEqual([
      '10:00 schedule',
      '13:05 catch-up',
    ]);
    // And then the schedule carries on from the next slot.
    await h.clock.advanceTo('2025-01-15T18:30:30Z');
    expect(h.runs('balance').map((r) => `${localTime(r.startedAt)} ${r.trigger}`)).toEqual([
      '10:00 schedule',
      '13:05 catch-up',
      '13:15 schedule',
      '13:30 schedule',
    ]);
  });

  it('catches up at once on wake(), as Electron’s resume event calls it', async () => {
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [testJob('balance')] });
    h.service.start();
    await h.clock.advanceTo('2025-01-15T15:05:00Z');
    h.clock.sleep(HOUR);
    h.service.wake();
    await h.clock.flush();
    expect(h.runs('balance').map((r) => `${localTime(r.startedAt)} ${r.trigger}`)).toEqual([
      '10:00 schedule',
      '11:05 catch-up',
    ]);
    // A second wake with nothing missed runs nothing.
    h.service.wake();
    await h.clock.flush();
    expect(h.runs('balance')).toHaveLength(2);
  });

  it('catches up once per job when the app starts after being closed for days', async () => {
    h = jobsHarness({ start: '2025-01-15T13:59:59Z', definitions: allJobs() });
    h.service.start();
    await h.clock.advanceTo('2025-01-15T14:01:00Z');
    await h.service.stop();
    const before = h.runs().length;
    expect(before).toBe(5); // 09:00: everything but Balance All
    // Closed until Monday 20 January 09:00: a Sunday 03:00 Balance All slot was missed too.
    const later = new FakeClock('2025-01-20T14:00:00Z');
    const restarted = h.restart({ clock: later });
    restarted.start();
    await later.flush();
    const caughtUp = h.runs().slice(before);
    expect(caughtUp.map((r) => r.job).sort()).toEqual([...JOB_KINDS].sort());
    expect(caughtUp.every((r) => r.trigger === 'catch-up' && r.startedAt === '2025-01-20T14:00:00.000Z')).toBe(true);
  });

  it('does not catch up a slot older than the catch-up window', async () => {
    h = jobsHarness({
      start: '2025-01-15T14:59:59Z',
      definitions: [testJob('balance-all')],
      options: { catchUpWindowMs: 6 * HOUR },
    });
    h.service.start();
    await h.clock.advance(MIN);
    await h.service.stop();
    const later = new FakeClock('2025-01-20T14:00:00Z'); // Sunday 03:00 was 30 hours ago
    const restarted = h.restart({ clock: later });
    restarted.start();
    await later.flush();
    expect(h.runs('balance-all')).toHaveLength(0);
    expect(restarted.status(h.biller.id, 'balance-all').nextRunAt).toBe('2025-01-26T08:00:00.000Z');
  });

  it('a first start on a new installation catches up nothing', async () => {
    h = jobsHarness({ start: '2025-01-15T15:07:00Z', definitions: allJobs() });
    h.service.start();
    await h.clock.flush();
    expect(h.runs()).toHaveLength(0);
    expect(h.service.status(h.biller.id, 'balance').nextRunAt).toBe('2025-01-15T15:15:00.000Z');
  });
});

describe('scheduler: only on the job host', () => {
  it('schedules nothing for a biller this installation is not job host for, and starts when it becomes one', async () => {
    h = jobsHarness({ start: '2025-01-15T14:59:59Z', definitions: [testJob('balance')], isJobHost: false });
    h.service.start();
    await h.clock.advance(HOUR);
    expect(h.runs()).toHaveLength(0);
    expect(h.service.status(h.biller.id, 'balance').nextRunAt).toBeNull();
    // Turning "job host" on (billers:changed) starts the schedule.
    const { id, createdAt: _c, updatedAt: _u, sandbox: _s, ...fields } = h.biller;
    await h.billers.update(id, { ...fields, isJobHost: true });
    expect(h.service.status(id, 'balance').nextRunAt).toBe('2025-01-15T16:00:00.000Z');
    await h.clock.advance(20 * MIN);
    expect(h.runs('balance').map((r) => r.startedAt)).toEqual(['2025-01-15T16:00:00.000Z', '2025-01-15T16:15:00.000Z']);
  });
});
