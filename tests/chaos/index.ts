import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/temp';
import { runChaos } from './chaos';

/**
 * `npm run chaos [-- --kills N] [--seed S] [--accounts N] [--verbose]`: the crash-and-fault
 * campaign (see chaos.ts). Ends with one line `chaos: N kills, N faults injected, N payments,
 * lost: 0, duplicated: 0, audit mismatches: 0`; exits 1 on any violation (each named on standard
 * error above it), 2 on a bad argument.
 */
const USAGE = 'Usage: npm run chaos -- [--kills N] [--seed S] [--accounts N] [--verbose]';

function parse(argv: string[]): { kills: number; seed: string; accounts: number | null; verbose: boolean } {
  const out = { kills: 32, seed: String(Date.now()), accounts: null as number | null, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value. ${USAGE}`);
      return v;
    };
    const whole = (v: string, min: number, max: number) => {
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
        throw new Error(`${a} is a whole number from ${min} to ${max}, not "${v}". ${USAGE}`);
      return Number(v);
    };
    if (a === '--kills') out.kills = whole(value(), 1, 1000);
    else if (a === '--seed') out.seed = value();
    else if (a === '--accounts') out.accounts = whole(value(), 200, 250_000);
    else if (a === '--verbose') out.verbose = true;
    else throw new Error(`Unknown argument "${a}". ${USAGE}`);
  }
  return out;
}

let args;
try {
  args = parse(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
const cli = path.join(ROOT, 'dist', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(`${cli} is missing: run "npm run build" first ("npm run chaos" does).\n`);
  process.exit(2);
}
// About 150 accounts per kill (some 3 IC payments a day each), so every run has work to be killed in.
const result = await runChaos({
  kills: args.kills,
  seed: args.seed,
  accounts: args.accounts ?? Math.max(800, 150 * args.kills),
  cli,
  verbose: args.verbose,
});
for (const v of result.violations) process.stderr.write(`chaos: VIOLATION: ${v}\n`);
if (result.violations.length)
  process.stderr.write(
    `chaos: seed ${args.seed} (npm run chaos -- --kills ${args.kills} --seed ${args.seed} repeats the plan)\n`,
  );
process.stdout.write(`${result.line}\n`);
process.exit(result.violations.length > 0 ? 1 : 0);
