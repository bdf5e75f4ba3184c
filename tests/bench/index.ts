import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/temp';
import { ratio, type Bench, type Figure } from './bench';
import { ipcBench } from './ipc.bench';
import { benchBalanceAll } from './jobs.bench';
import { benchPayments } from './payments.bench';
import { worldBench } from './world.bench';

/** `npm run bench`: every benchmark, a table of figures against their targets, and the same as JSON. */
const balanceAllBench: Bench = {
  name: 'balance all',
  async run() {
    const results = await benchBalanceAll([50_000, 250_000]);
    const [small, large] = results;
    return [
      ...results.flatMap((r) => [
        { bench: 'balance all', metric: `${r.accounts} accounts: time`, value: r.ms, unit: 'ms' },
        { bench: 'balance all', metric: `${r.accounts} accounts: peak RSS of the job process`, value: r.peakRssMb, unit: 'MB', target: 500 },
      ]),
      // Memory must not grow with the number of accounts: 5x the accounts, at most 1.5x the memory.
      ...(small && large ? [{ bench: 'balance all', metric: 'peak RSS 250k / 50k', value: Math.round((large.peakRssMb / small.peakRssMb) * 100) / 100, unit: 'x', target: 1.5 }] : []),
    ];
  },
};

const paymentsBench: Bench = {
  name: 'payments',
  async run() {
    const r = await benchPayments(5000, 20_000);
    return [
      { bench: 'payments', metric: `Payments job, ${r.run.payments} payments end to end`, value: r.run.ms, unit: 'ms' },
      { bench: 'payments', metric: 'per payment', value: r.run.perPaymentMs, unit: 'ms', target: 20 },
      { bench: 'payments', metric: 'RSS after the run', value: r.run.rssMb, unit: 'MB', target: 500 },
      { bench: 'payments', metric: `queue of ${r.queue.entries}: refresh from InHANCE`, value: r.queue.refreshMs, unit: 'ms' },
      { bench: 'payments', metric: 'queue: first page of 500', value: r.queue.firstPageMs, unit: 'ms', target: 200 },
      { bench: 'payments', metric: 'queue: search', value: r.queue.searchMs, unit: 'ms', target: 100 },
      { bench: 'payments', metric: 'queue: counts', value: r.queue.countsMs, unit: 'ms', target: 100 },
      { bench: 'payments', metric: 'queue: select all that match', value: r.queue.selectAllMs, unit: 'ms', target: 200 },
    ];
  },
};

const benches: Bench[] = [worldBench, ipcBench, balanceAllBench, paymentsBench];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const figures: Figure[] = [];
  for (const bench of benches) {
    if (only.length && !only.some((o) => bench.name.includes(o))) continue;
    process.stderr.write(`running ${bench.name}…\n`);
    figures.push(...(await bench.run()));
  }
  const rows = figures.map((f) => [f.bench, f.metric, `${f.value} ${f.unit}`, f.target ? `${f.target} ${f.unit}` : '', ratio(f)]);
  const head = ['bench', 'figure', 'value', 'target', 'ratio'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  const out = path.join(ROOT, 'bench-results', 'bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, figures }, null, 2));
  console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
  const over = figures.filter((f) => f.target && f.value > f.target);
  if (over.length) console.log(`over target: ${over.map((f) => `${f.bench} / ${f.metric}`).join('; ')}`);
}

// The Balance All bench forks this same file as its simulator and job processes.
if (!process.argv.includes('--jobs-bench-child')) await main();
