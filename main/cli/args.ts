import fs from 'node:fs';
import path from 'node:path';
import { isCalendarDay } from '../../shared/domain/common';

/** Flags that take no value; every other `--flag` takes the next word (or `--flag=value`). */
export const BOOLEAN_FLAGS = new Set([
  'json',
  'dry-run',
  'secrets-stdin',
  'yes',
  'help',
  'sandbox',
  'force',
  'quiet',
  'reset',
  'smartsheet',
  'confluence',
  'compare',
]);

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
  /** Known value options given without a value (reported after unknown options). */
  missing?: string[];
}

/**
 * `valueFlags`, when given, are the options known to take a value: any other option is taken as a
 * bare word (so an unknown `--verbose` is reported as no such option, not as lacking a value, and
 * does not swallow the next word); a known one without its value is listed in `missing`. Without
 * it, every non-boolean option takes the next word and one lacking it throws.
 */
export function parseArgs(argv: string[], options: { valueFlags?: ReadonlySet<string> } = {}): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  const missing: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (eq !== -1) flags[name] = arg.slice(eq + 1);
    else if (BOOLEAN_FLAGS.has(name) || (options.valueFlags && !options.valueFlags.has(name))) flags[name] = true;
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        if (!options.valueFlags) throw new Error(`The option --${name} needs a value.`);
        missing.push(name);
        flags[name] = true;
        continue;
      }
      flags[name] = next;
      i++;
    }
  }
  return options.valueFlags ? { positionals, flags, missing } : { positionals, flags };
}

/** A whole number written in decimal digits only: `0x10`, `1e3`, `+5`, `7.0` and `` are not. */
export function decimalInt(text: string, flag: string, min: number, max: number): number {
  const n = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(
      `--${flag} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, written in digits (not "${text}").`,
    );
  }
  return n;
}

/** A day that exists on the calendar, written YYYY-MM-DD. */
export const isRealDay = isCalendarDay;

/**
 * Where `--out FILE` would write, checked before anything runs: the folder must exist (it is not
 * created: a typo would scatter reports), and the target must not be a folder. Null when fine.
 */
export function outFileProblem(out: string): string | null {
  if (!out.trim()) return '--out needs a file name.';
  const target = path.resolve(out);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(target);
  } catch {
    stat = null;
  }
  if (stat?.isDirectory())
    return `--out ${out} is a folder: give a file name inside it, such as ${path.join(out, 'report.pdf')}.`;
  const dir = path.dirname(target);
  let dirStat: fs.Stats | null = null;
  try {
    dirStat = fs.statSync(dir);
  } catch {
    dirStat = null;
  }
  if (!dirStat)
    return `--out ${out}: the folder ${dir} does not exist. Create it first, or choose a file in an existing folder.`;
  if (!dirStat.isDirectory()) return `--out ${out}: ${dir} is not a folder.`;
  return null;
}

/**
 * Checks the values of options that mean the same in every command, before the command opens
 * anything (database, keychain, network): a bad value is reported and nothing is touched.
 */
export function flagValueProblem(args: ParsedArgs, usage = ''): string | null {
  const value = (name: string) => args.flags[name];
  const dataDir = value('data-dir');
  if (dataDir !== undefined && (dataDir === true || !dataDir.trim()))
    return '--data-dir needs a folder; it was empty. Leave the option out to use the default data folder.';
  const jobHost = value('job-host');
  if (jobHost !== undefined && jobHost !== 'yes' && jobHost !== 'no')
    return `--job-host takes yes or no (not "${jobHost === true ? '' : jobHost}").`;
  const linking = value('pdf-linking');
  if (typeof linking === 'string' && linking !== 'yes' && linking !== 'no')
    return `--pdf-linking takes yes or no, not "${linking}".`;
  const format = value('format');
  // The formats a command writes are the ones its usage line names (`--format csv|pdf`, `--format md|pdf`).
  const formats = /--format ([a-z]+(?:\|[a-z]+)+)/.exec(usage)?.[1]?.split('|') ?? ['csv', 'pdf'];
  if (typeof format === 'string' && !formats.includes(format))
    return `--format must be ${formats.join(' or ')} (not "${format}").`;
  const mode = value('posting-mode');
  if (typeof mode === 'string' && mode !== 'pending' && mode !== 'live')
    return `--posting-mode takes pending or live (not "${mode}").`;
  for (const [name, min, max] of [
    ['invoice-type-id', 1, 2_147_483_647],
    ['limit', 1, 500],
  ] as const) {
    const v = value(name);
    if (typeof v !== 'string') continue;
    try {
      decimalInt(v, name, min, max);
    } catch (error) {
      return (error as Error).message;
    }
  }
  const date = value('date');
  if (typeof date === 'string' && !isRealDay(date)) {
    return /^\d{4}-\d{2}-\d{2}$/.test(date)
      ? `--date ${date} is not a day on the calendar. Write a real date as YYYY-MM-DD (--date 2025-03-03).`
      : `Write the date as YYYY-MM-DD (--date 2025-03-03), not "${date}".`;
  }
  const out = value('out');
  if (typeof out === 'string') return outFileProblem(out);
  return null;
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

/** Options every command takes. */
export const GLOBAL_FLAGS = ['json', 'data-dir', 'help'] as const;

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The known option closest to a mistyped one, if any is close enough to be what was meant. */
export function closestFlag(name: string, known: readonly string[]): string | undefined {
  let best: { flag: string; score: number } | undefined;
  for (const flag of known) {
    // A cut-short option (--impresa-pass for --impresa-password) counts as close.
    const score = flag.startsWith(name) || name.startsWith(flag) ? 1 : distance(name, flag);
    if (score <= Math.max(2, Math.floor(flag.length / 4)) && (!best || score < best.score)) best = { flag, score };
  }
  return best?.flag;
}

/**
 * An unknown option is an error, never ignored: `--impresa-pass hunter22` must not be accepted
 * silently. The message names the option only (its value may be a secret).
 */
export function unknownFlagMessage(args: ParsedArgs, command: string, declared: readonly string[]): string | null {
  const known = [...declared, ...GLOBAL_FLAGS];
  const unknown = Object.keys(args.flags).find((name) => !known.includes(name));
  if (unknown === undefined) return null;
  const near = closestFlag(unknown, known);
  return `"${command}" has no option --${unknown} (no such option).${near ? ` Did you mean --${near}?` : ''} Run "npm run cli -- ${command} --help" to see its options.`;
}
