import type { Core } from '../app/core';
import type { BillerProfile } from '../billers/billers.service';
import type { ParsedArgs } from './args';

export { formatCents } from '../../shared/domain/money';

/** What a command hands back: data for `--json`, and lines for people. */
export interface CommandResult {
  json: unknown;
  text: string;
  /** Non-zero when the command found or caused a failure (a failed job run, a broken invariant). */
  exitCode?: number;
  /** A plain error to print on standard error as well (e.g. why a job run failed). */
  stderr?: string;
}

export interface CliContext {
  core: Core;
  args: ParsedArgs;
  /** `--biller` by id or name; with only one biller configured it may be omitted. */
  biller(): BillerProfile;
  /** Reads all of standard input (for `--secrets-stdin`, imports). */
  stdin(): Promise<string>;
}

/** One `npm run cli -- <domain> <verb>` command. Domains add theirs to the registry in main/app/cli-commands.ts. */
export interface Command {
  domain: string;
  verb: string;
  usage: string;
  /** Every option it takes besides --json, --data-dir and --help; any other is refused (exit 2). */
  flags: readonly string[];
  summary: string;
  run(ctx: CliContext): Promise<CommandResult>;
}

/** Fixed-width table for the text output of list commands. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (c ?? '').padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
