import { figure, type Figure } from './bench';
import { worldProcess } from './jobs.bench';

/** The sandbox world of 250,000 accounts: under 10 s and under 500 MB (issue: Sandbox and clients), in a process of its own. */
export const worldBench = {
  name: 'sandbox world',
  async run(script: string): Promise<Figure[]> {
    const r = await worldProcess(script, 250_000);
    return [
      figure('sandbox.world-250k.ms', r.ms, 'ms', 10_000, 'lower'),
      figure('sandbox.world-250k.rss-mb', r.rssMb, 'MB', 500, 'lower'),
    ];
  },
};
