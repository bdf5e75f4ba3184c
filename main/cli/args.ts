/** Flags that take no value; every other `--flag` takes the next word (or `--flag=value`). */
const BOOLEAN_FLAGS = new Set(['json', 'dry-run', 'secrets-stdin', 'yes', 'help', 'sandbox', 'force', 'quiet', 'reset', 'compare']);

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
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
    else if (BOOLEAN_FLAGS.has(name)) flags[name] = true;
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`The option --${name} needs a value.`);
      flags[name] = next;
      i++;
    }
  }
  return { positionals, flags };
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
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
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
  return `"${command}" has no option --${unknown}.${near ? ` Did you mean --${near}?` : ''} Run "npm run cli -- --help" to see each command's options.`;
}
