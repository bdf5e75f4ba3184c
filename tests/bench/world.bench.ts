import { benchWorld } from '../../main/sandbox/world.bench';
import type { Bench } from './bench';

/** The sandbox world of 250,000 accounts: under 10 s and under 500 MB (issue: Sandbox and clients). */
export const worldBench: Bench = {
  name: 'sandbox world',
  async run() {
    const r = benchWorld(250_000);
    return [
      { bench: 'sandbox world', metric: 'generate 250k accounts', value: r.ms, unit: 'ms', target: 10_000 },
      { bench: 'sandbox world', metric: 'process RSS after 250k accounts', value: r.rssMb, unit: 'MB', target: 500 },
    ];
  },
};
