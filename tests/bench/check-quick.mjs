// `npm test`'s check of the benchmark: runs `bench --quick` once and fails unless it wrote a
// number for every figure the issue names. Nothing about time is asserted (the machine varies).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const IDS = [
  'balance-all.250k.ms',
  'balance-all.250k.rss-mb',
  'balance-all.rss-ratio-250k-50k',
  'payments.5k.ms',
  'invoice-file.12k.ms',
  'balance.10k.ms',
  'customer.10k.ms',
  'auto-pay.10k.ms',
  'jobs.min-transport-ratio',
  'ic-client.cpu-vs-soap',
  'queue.20k.interactive-ms',
  'queue.post-500.ms',
  'queue.scroll-p95-frame-ms',
];
const out = path.join(ROOT, 'bench-results', 'bench.json');
fs.rmSync(out, { force: true });
const run = spawnSync(process.execPath, [path.join(ROOT, 'dist/main/bench.js'), '--quick'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (run.status !== 0) {
  console.error(`bench --quick exited with ${run.status ?? run.signal}.`);
  process.exit(1);
}
const figures = new Map(JSON.parse(fs.readFileSync(out, 'utf8')).map((f) => [f.id, f]));
const bad = IDS.filter((id) => {
  const f = figures.get(id);
  return (
    !f ||
    typeof f.value !== 'number' ||
    !Number.isFinite(f.value) ||
    typeof f.target !== 'number' ||
    typeof f.met !== 'boolean'
  );
});
if (bad.length) {
  console.error(`bench --quick wrote no usable figure for: ${bad.join(', ')}.`);
  process.exit(1);
}
console.log(`bench --quick wrote all ${IDS.length} figures.`);
