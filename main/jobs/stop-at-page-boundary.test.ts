import { afterEach, describe, expect, it } from 'vitest';
import { delay } from '../ground/clock';
import { throwIfCancelled } from './definitions/run-support';
import { jobsHarness, testJob, type JobsHarness } from './testing';

const MIN = 60_000;
let h: JobsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('power events stop runs at a page boundary', () => {
  it('the page in hand is finished, the run ends cancelled with the reason, and nothing after it starts', async () => {
    const pagesDone: number[] = [];
    // Three pages of one minute each; like the real jobs it checks for a stop between pages only.
    const balance = testJob('balance', async (ctx) => {
      for (let page = 1; page <= 3; page++) {
        throwIfCancelled(ctx);
        await delay(ctx.clock, MIN);
        ctx.count('written');
        pagesDone.push(page);
      }
    });
    h = jobsHarness({ start: '2025-01-15T15:01:00Z', definitions: [balance] });
    const started = h.service.run(h.biller.id, 'balance');
    await h.clock.advance(MIN + MIN / 2); // half-way through page 2
    const stopping = h.service.stopAtPageBoundary(
      'The run stopped after its current page because the computer went to sleep; it goes on at the next run.',
    );
    await h.clock.advance(MIN);
    await stopping;
    const run = await started.finished;
    expect(pagesDone).toEqual([1, 2]);
    expect(run.counts.written).toBe(2);
    expect(run.state).toBe('cancelled');
    expect(run.error).toMatchObject({ code: 'CANCELLED', message: expect.stringMatching(/computer went to sleep/) });
    expect(run.endedAt).toBe('2025-01-15T15:03:00.000Z');
  });
});
