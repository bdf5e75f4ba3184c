/**
 * Benchmark (not a test): generates a world of 250,000 accounts and prints the time and heap it
 * took. Target: under 10 s and under 500 MB. Run it bundled (no TS loader is installed):
 *   npx esbuild main/sandbox/world.bench.ts --bundle --platform=node --format=esm --outfile=/tmp/world-bench.mjs && node /tmp/world-bench.mjs [accounts]
 * `benchWorld` is exported for the project's `npm run bench` table.
 */
import { World } from './world';

export function benchWorld(
  accounts = 250_000,
  seed: string | number = 'bench',
): { accounts: number; ms: number; heapMb: number; rssMb: number; payments: number; bills: number } {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const world = new World({ seed, accounts });
  // Touch derived records the way a Balance All page would, so lazily derived fields are counted.
  let total = 0;
  for (let i = 0; i < world.accounts; i += 97) total += world.inhanceAccount(i).balanceCents;
  const ms = performance.now() - t0;
  const mem = process.memoryUsage();
  const result = {
    accounts: world.accounts,
    ms: Math.round(ms),
    heapMb: Math.round(((mem.heapUsed - heapBefore) / 1048576) * 10) / 10,
    rssMb: Math.round(mem.rss / 1048576),
    payments: world.payments.length,
    bills: world.bills.count + (total === Number.MIN_SAFE_INTEGER ? 1 : 0),
  };
  return result;
}

export function main(): void {
  const accounts = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 250_000);
  const r = benchWorld(accounts);
  const verdict = r.ms < 10_000 && r.rssMb < 500 ? 'within target' : 'OVER TARGET (10 s, 500 MB)';
  console.log(
    `world ${r.accounts} accounts: ${r.ms} ms, heap +${r.heapMb} MB, rss ${r.rssMb} MB, ${r.payments} payments, ${r.bills} bills: ${verdict}`,
  );
  console.log(JSON.stringify(r));
}

if (process.argv[1] && /world[.-]bench\.(ts|m?js)$/.test(process.argv[1])) main();
