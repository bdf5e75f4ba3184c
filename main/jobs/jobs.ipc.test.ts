import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allChannels } from '../../shared/contract';
import { createCore, type Core } from '../app/core';
import { FakeClock } from '../ground/fake-clock';
import { MemoryLogger } from '../ground/logger';
import { Router, type CallContext } from '../ipc/router';
import { jobsHandlers } from './jobs.ipc';
import { jobsHarness, testJob, type JobsHarness } from './testing';

const ctx: CallContext = { shell: 'browser', trustedSender: true };
let h: JobsHarness | null = null;
let core: Core | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
  if (core) {
    const dir = core.dataDir;
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
    core = null;
  }
});

describe('jobs IPC', () => {
  it('serves every jobs channel of the contract through the router, validated both ways', async () => {
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [testJob('balance')] });
    const router = new Router(new MemoryLogger());
    router.register('jobs', jobsHandlers(h.service));
    expect(router.registered().sort()).toEqual(
      allChannels()
        .filter((c) => c.startsWith('jobs:'))
        .sort(),
    );

    const list = await router.dispatch('jobs:list', { billerId: h.biller.id }, ctx);
    expect('result' in list && list.result).toMatchObject({
      isJobHost: true,
      installationId: 'installation-a',
      jobs: expect.any(Array),
    });
    if (!('result' in list)) throw new Error('no result');
    const jobs = (
      list.result as { jobs: Array<{ job: string; label: string; scheduleText: string; available: boolean }> }
    ).jobs;
    expect(jobs.map((j) => `${j.label}: ${j.scheduleText}${j.available ? '' : ' (not available)'}`)).toEqual([
      'Invoice File: Every 3 hours (not available)',
      'Balance: Every 15 minutes',
      'Balance All: Weekly, Sunday 3:00 AM (not available)',
      'Customer: Every hour (not available)',
      'Auto Pay: Every hour (not available)',
      'Payments: Every 15 minutes (not available)',
    ]);

    const run = await router.dispatch('jobs:run', { billerId: h.biller.id, job: 'balance', dryRun: true }, ctx);
    expect(run).toMatchObject({ result: { state: 'running', dryRun: true, trigger: 'manual' } });
    await h.clock.flush();
    const history = await router.dispatch('jobs:history', { billerId: h.biller.id, state: 'succeeded' }, ctx);
    expect(history).toMatchObject({ result: { total: 1 } });

    const bad = await router.dispatch('jobs:run', { billerId: h.biller.id, job: 'billing' }, ctx);
    expect(bad).toEqual({
      error: expect.objectContaining({ code: 'INVALID_INPUT', message: 'Choose one of the six jobs.' }),
    });
    const pauseAll = await router.dispatch('jobs:pauseAll', { billerId: h.biller.id, reason: '' }, ctx);
    expect(pauseAll).toEqual({
      error: expect.objectContaining({ code: 'INVALID_INPUT', message: 'Say why the jobs are paused.' }),
    });
    const preview = await router.dispatch(
      'jobs:previewSchedule',
      { schedule: { type: 'interval', every: 7, unit: 'minutes' }, timeZone: 'America/New_York' },
      ctx,
    );
    expect(preview).toEqual({
      result: {
        valid: false,
        field: 'every',
        message: expect.stringMatching(/^Every 7 minutes cannot stay evenly spaced/),
      },
    });
    const setBad = await router.dispatch(
      'jobs:setSchedule',
      { billerId: h.biller.id, job: 'balance', schedule: { type: 'cron', expression: '99 * * * *' } },
      ctx,
    );
    expect(setBad).toEqual({
      error: expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^The minute \(first field\) must be 0–59/),
      }),
    });
    const stats = await router.dispatch('jobs:stats', { billerId: h.biller.id }, ctx);
    expect(stats).toMatchObject({ result: { points: [expect.objectContaining({ job: 'balance', records: 1 })] } });
  });

  it('is wired into the composition root: handlers registered, stopped on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impresa-core-'));
    core = createCore({
      dataDir: dir,
      shell: 'browser',
      clock: new FakeClock('2025-01-15T15:01:00Z'),
      logger: new MemoryLogger(),
      jobDefinitions: [testJob('balance')],
    });
    expect(core.router.registered().sort()).toEqual(allChannels().sort());
    expect(core.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
    const biller = core.billers.createProfile({
      name: 'Shelbyville Electric',
      timeZone: 'America/Chicago',
      billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      invoiceTypeId: 3,
      invoiceFormatGuid: null,
      icHost: 'http://127.0.0.1:9',
      impresaUrl: 'http://127.0.0.1:9',
      impresaUser: 'bridge',
      postingMode: 'pending',
      livePostingUser: 'IC Clerk',
      isJobHost: true,
    });
    // billers:changed reached the running scheduler.
    expect(core.jobs.status(biller.id, 'balance').nextRunAt).toBe('2025-01-15T15:15:00.000Z');
  });
});
