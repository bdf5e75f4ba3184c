import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../support/temp';
import { figure, printTable, type Figure, type Row } from './bench';
import { benchIcClient } from './ic-client.bench';
import { ipcBench } from './ipc.bench';
import { DEFAULT_IC_RATE_LIMITS } from '../../shared/domain/ic-rate-limits';
import type { JobKind } from '../../shared/domain/jobs';
import { benchJob, runChildIfAsked, sandboxProcess, type JobFigures, type Simulators } from './jobs.bench';
import { benchQueue } from './queue.bench';
import { worldBench } from './world.bench';

/**
 * `npm run bench [-- --quick] [-- only…]`: every benchmark in one run, side by side with the limits
 * measured in the same run, as a table and as bench-results/bench.json (an array of
 * `{id, value, unit, target, met}`). `--quick` runs a small scale in seconds (the test suite runs it
 * once to prove the benchmark works; its figures are not the targets' scale). Ids keep the full
 * run's names in both, so every run can be compared with every other.
 */
const quick = process.argv.includes('--quick');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const script = fileURLToPath(import.meta.url);

/**
 * The worlds and what each job reads. A full run gives each job its own simulators, advanced until
 * they hold what it reads; --quick shares one small world among all but the smaller Balance All
 * (each job runs in a fresh process on a fresh data folder, so each starts at its feed's beginning).
 */
const SCALE = quick
  ? {
      balanceAll: [500, 1_000],
      feeds: 1_000,
      payments: 40,
      invoices: 1_000,
      balance: 1_000,
      customer: 20,
      autoPay: 20,
      icCalls: 200,
      queue: 100,
      post: 10,
    }
  : {
      balanceAll: [50_000, 250_000],
      feeds: 40_000,
      payments: 5_000,
      invoices: 12_000,
      balance: 10_000,
      customer: 10_000,
      autoPay: 10_000,
      icCalls: 3_000,
      queue: 20_000,
      post: 500,
    };

const wants = (name: string) => only.length === 0 || only.some((o) => name.includes(o));
/** `--job=balance-all,customer`: only those jobs in the jobs part (while profiling one). */
const jobsWanted = process.argv
  .find((a) => a.startsWith('--job='))
  ?.slice('--job='.length)
  .split(',');
const wantsJob = (kind: JobKind) => !jobsWanted || jobsWanted.includes(kind);

/** The least time the default IC limits make `requests` calls take (they start one spacing apart, and pause after each threshold). */
function icLimiterFloorMs(requests: number): number {
  const { minIntervalMs, threshold, cooldownMs } = DEFAULT_IC_RATE_LIMITS;
  if (requests <= 1) return 0;
  return (requests - 1) * minIntervalMs + (threshold > 0 ? Math.floor((requests - 1) / threshold) * cooldownMs : 0);
}

/** A job's rows: its time against the target, and beside it records/s, peak RSS and its raw limit. */
function jobRows(id: string, f: JobFigures, target: number | null): Row[] {
  const perSecond = Math.round((f.records / Math.max(1, f.ms)) * 1000);
  // The IC rate limiter runs with its defaults (no spacing until a 429, a 10 s pause after 500
  // requests): the least it can cost this job is its floor.
  const limiterMs = icLimiterFloorMs(f.ic.requests);
  const note = `${f.records} records (${f.state}), ${perSecond}/s, peak RSS ${f.peakRssMb} MB; ${f.ic.requests} IC + ${f.impresa.requests} InHANCE round trips; raw limit ${f.rawHttpMs} ms HTTP + ${f.rawSqliteMs} ms SQLite = ${f.transportRatio}x; IC limiter floor ${limiterMs} ms`;
  return [
    { figure: figure(id, f.ms, 'ms', target, 'lower'), note },
    { figure: figure(id.replace(/\.ms$/, '.records-per-s'), perSecond, 'records/s', null, 'higher') },
    {
      figure: figure(
        id.replace(/\.ms$/, '.rss-mb'),
        f.peakRssMb,
        'MB',
        id.startsWith('balance-all.') ? 300 : null,
        'lower',
      ),
    },
    { figure: figure(id.replace(/\.ms$/, '.transport-ratio'), f.transportRatio, 'x', null, 'higher') },
    { figure: figure(id.replace(/\.ms$/, '.ic-limiter-floor-ms'), limiterMs, 'ms', null, 'lower') },
  ];
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const section = async (name: string, run: () => Promise<void>) => {
    if (!wants(name)) return;
    process.stderr.write(`running ${name}…`);
    const t0 = performance.now();
    try {
      await run();
      process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      // One part failing still leaves the others' figures in the table and the file; the run fails.
      process.stderr.write(` FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  };
  const ratios: number[] = [];
  const k = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));
  const simulators = new Map<string, Simulators>();
  const world = async (accounts: number, wants: Partial<Record<JobKind, number>> = {}) => {
    const key = `${accounts}:${JSON.stringify(wants)}`;
    if (!simulators.has(key)) {
      for (const s of simulators.values()) s.close(); // one world in memory at a time
      simulators.clear();
      simulators.set(key, await sandboxProcess(script, accounts, wants));
    }
    return simulators.get(key)!;
  };
  const feeds = { payments: SCALE.payments, customer: SCALE.customer, 'auto-pay': SCALE.autoPay };
  const job = async (kind: JobKind, sim: Simulators) => {
    const f = await benchJob(kind, sim, script);
    ratios.push(f.transportRatio);
    return f;
  };

  await section('jobs', async () => {
    try {
      const [small, large] = SCALE.balanceAll as [number, number];
      if (wantsJob('balance-all')) {
        const a = await job('balance-all', await world(small));
        const b = await job('balance-all', await world(large, quick ? feeds : {}));
        rows.push(...jobRows(`balance-all.${k(small)}.ms`, a, null));
        rows.push(
          ...jobRows(`balance-all.250k.ms`, b, 15_000).map((r) =>
            r.figure.id === 'balance-all.250k.ms' ? { ...r, note: `${k(large)} accounts: ${r.note}` } : r,
          ),
        );
        rows.push({
          figure: figure(
            'balance-all.rss-ratio-250k-50k',
            Math.round((b.peakRssMb / a.peakRssMb) * 100) / 100,
            'x',
            1.2,
            'lower',
          ),
          note: `${k(large)} / ${k(small)} accounts`,
        });
      }
      if (wantsJob('invoice-file'))
        rows.push(
          ...jobRows(
            'invoice-file.12k.ms',
            await job('invoice-file', await world(SCALE.invoices, quick ? feeds : {})),
            5_000,
          ),
        );
      if (wantsJob('balance'))
        rows.push(
          ...jobRows('balance.10k.ms', await job('balance', await world(SCALE.balance, quick ? feeds : {})), 3_000),
        );
      // Each feed job reads about its own count: a world advanced for 10,000 customer changes holds
      // far more than 5,000 payments, so a full run gives each its own world.
      if (wantsJob('payments'))
        rows.push(
          ...jobRows(
            'payments.5k.ms',
            await job('payments', await world(SCALE.feeds, quick ? feeds : { payments: SCALE.payments })),
            5_000,
          ),
        );
      if (wantsJob('customer'))
        rows.push(
          ...jobRows(
            'customer.10k.ms',
            await job('customer', await world(SCALE.feeds, quick ? feeds : { customer: SCALE.customer })),
            3_000,
          ),
        );
      if (wantsJob('auto-pay'))
        rows.push(
          ...jobRows(
            'auto-pay.10k.ms',
            await job('auto-pay', await world(SCALE.feeds, quick ? feeds : { 'auto-pay': SCALE.autoPay })),
            3_000,
          ),
        );
      if (ratios.length > 0)
        rows.push({
          figure: figure('jobs.min-transport-ratio', Math.min(...ratios), 'x', 0.5, 'higher'),
          note: 'the lowest job throughput over its raw HTTP + SQLite limit',
        });
    } finally {
      for (const s of simulators.values()) s.close();
    }
  });

  await section('ic-client', async () => {
    const r = await benchIcClient(SCALE.icCalls, script);
    const describe = (c: typeof r.ours) => `${c.callsPerSecond} calls/s, ${c.cpuMsPerCall} ms CPU a call`;
    rows.push({
      figure: figure('ic-client.cpu-ms-per-call', r.ours.cpuMsPerCall, 'ms', null, 'lower'),
      note: `ours: ${describe(r.ours)} (${r.ours.calls} ViewCustomerRecord calls)`,
    });
    rows.push({
      figure: figure('ic-client.soap.cpu-ms-per-call', r.soap.cpuMsPerCall, 'ms', null, 'lower'),
      note: `soap package: ${describe(r.soap)}`,
    });
    rows.push({
      figure: figure('ic-client.bare.cpu-ms-per-call', r.bare.cpuMsPerCall, 'ms', null, 'lower'),
      note: `bare keep-alive loop, same envelope: ${describe(r.bare)}`,
    });
    rows.push({
      figure: figure('ic-client.calls-per-s', r.ours.callsPerSecond, 'calls/s', null, 'higher'),
      note: `soap ${r.soap.callsPerSecond}, bare ${r.bare.callsPerSecond}`,
    });
    rows.push({
      figure: figure(
        'ic-client.cpu-vs-soap',
        Math.round((r.soap.cpuMsPerCall / r.ours.cpuMsPerCall) * 100) / 100,
        'x',
        2,
        'higher',
      ),
      note: "soap's client CPU a call over ours",
    });
    rows.push({
      figure: figure('impresa-client.cpu-ms-per-call', r.impresa.cpuMsPerCall, 'ms', null, 'lower'),
      note: `InHANCE client: ${describe(r.impresa)} (${r.impresa.calls} GetAccount calls); bare keep-alive GET loop: ${describe(r.impresaBare)}`,
    });
  });

  await section('queue', async () => {
    // `--queue-entries=N --queue-post=M` run the queue alone at another scale (e.g. while profiling it).
    const opt = (name: string) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]) || null;
    const q = await benchQueue(opt('queue-entries') ?? SCALE.queue, opt('queue-post') ?? SCALE.post, script);
    rows.push({
      figure: figure('queue.20k.interactive-ms', q.interactiveMs, 'ms', 1_000, 'lower'),
      note: `${q.entries} entries in the queue (filled by the Payments job in ${q.fillMs} ms); ${q.renderedRows} rows in the DOM`,
    });
    rows.push({
      figure: figure('queue.post-500.ms', q.postMs, 'ms', 5_000, 'lower'),
      note: `${q.posted} entries posted`,
    });
    rows.push({
      figure: figure('queue.scroll-p95-frame-ms', q.scrollP95FrameMs, 'ms', 20, 'lower'),
      note: `${q.frames} frames over the whole list`,
    });
  });

  await section('ipc', async () => {
    for (const f of await ipcBench.run()) rows.push({ figure: f });
  });
  if (!quick)
    await section('sandbox world', async () => {
      for (const f of await worldBench.run(script)) rows.push({ figure: f });
    });

  printTable(rows);
  const figures: Figure[] = rows.map((r) => r.figure);
  const out = path.join(ROOT, 'bench-results', 'bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify(
      figures.map(({ id, value, unit, target, met }) => ({ id, value, unit, target, met })),
      null,
      2,
    )}\n`,
  );
  fs.writeFileSync(
    path.join(ROOT, 'bench-results', 'bench-notes.json'),
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, quick, rows }, null, 2)}\n`,
  );
  console.log(
    `\nwritten to ${path.relative(process.cwd(), out)}${quick ? ' (--quick: a small scale, not the targets’ scale)' : ''}`,
  );
  const missed = figures.filter((f) => f.met === false);
  if (missed.length) console.log(`target missed: ${missed.map((f) => f.id).join(', ')}`);
}

// The job benchmarks fork this same file as their simulator and job processes.
if (!runChildIfAsked()) await main();
