import { benchWorld } from '../../main/sandbox/world.bench';
import { figure, type Figure } from './bench';

/** The sandbox world of 250,000 accounts: under 10 s and under 500 MB (issue: Sandbox and clients). */
export const worldBench = {
  name: 'sandbox world',
  async run(): Promise<Figure[]> {
    const r = benchWorld(250_000);
    return [
      figure('sandbox.world-250k.ms', r.ms, 'ms', 10_000, 'lower'),
      figure('sandbox.world-250k.rss-mb', r.rssMb, 'MB', 500, 'lower'),
    ];
  },
};
