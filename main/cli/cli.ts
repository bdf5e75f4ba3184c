import { AppError, isAppError } from '../../shared/errors';
import { createCore, type Core } from '../app/core';
import { resolveDataDir } from '../ground/data-dir';
import { commands } from '../app/cli-commands';
import { BOOLEAN_FLAGS, flagString, flagValueProblem, parseArgs, unknownFlagMessage, type ParsedArgs } from './args';
import type { CliContext } from './command';
import { commandHelp } from './help';

/** Every option some command takes with a value: any other `--word` is a bare (boolean or unknown) option. */
function valueFlags(): Set<string> {
  const all = new Set<string>(['data-dir']);
  for (const c of commands) for (const f of c.flags) if (!BOOLEAN_FLAGS.has(f)) all.add(f);
  return all;
}

function help(): string {
  const lines = commands.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`);
  return [
    'Usage: npm run cli -- <domain> <verb> [options] [--json] [--data-dir DIR]',
    'Commands that work on one biller take --biller ID|NAME (optional while only one exists). Any other option is an error.',
    '',
    'Commands:',
    ...lines,
    '',
    'Secrets are never taken as arguments: use the environment or --secrets-stdin.',
    "Each command's options and an example: npm run cli -- <domain> <verb> --help",
  ].join('\n');
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    if (process.stdin.isTTY) {
      resolve('');
      return;
    }
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (data += chunk));
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

function context(core: Core, args: ParsedArgs): CliContext {
  return {
    core,
    args,
    stdin: readStdin,
    biller() {
      const wanted = flagString(args, 'biller');
      if (wanted) return core.billers.resolve(wanted);
      const all = core.billers.profiles();
      if (all.length === 1) return all[0]!;
      throw new AppError(
        'INVALID_INPUT',
        all.length === 0
          ? 'No biller is configured yet. Add one with "billers add".'
          : `Several billers exist: say which with --biller (one of: ${all.map((b) => b.name).join(', ')}).`,
      );
    },
  };
}

/** Runs one command line; returns the exit code. Output goes to the given writers. */
export async function runCli(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
  },
  hooks: { beforeRun?: (core: Core, args: ParsedArgs) => Promise<void> } = {},
): Promise<number> {
  // Arguments are checked whole before anything is opened (database, keychain, network): a
  // mistyped option or a bad value is reported and nothing is touched.
  const args = parseArgs(argv, { valueFlags: valueFlags() });
  const json = args.flags.json === true;
  const [domain, verb] = args.positionals;
  const command = commands.find((c) => c.domain === domain && c.verb === verb);
  if (!domain || (args.flags.help && !command)) {
    io.out(help());
    return domain || args.flags.help ? 0 : 2;
  }
  if (!command) {
    io.err(`Unknown command "${[domain, verb].filter(Boolean).join(' ')}".\n\n${help()}`);
    return 2;
  }
  if (args.flags.help) {
    io.out(commandHelp(command));
    return 0;
  }
  const unknownFlag = unknownFlagMessage(args, `${domain} ${verb}`, command.flags);
  if (unknownFlag) {
    io.err(unknownFlag);
    return 2;
  }
  if (args.missing?.length) {
    io.err(
      `The option --${args.missing[0]} needs a value. Run "npm run cli -- ${domain} ${verb} --help" to see its options.`,
    );
    return 2;
  }
  const badValue = flagValueProblem(args, command.usage);
  if (badValue) {
    io.err(badValue);
    return 2;
  }
  let core: Core | null = null;
  try {
    core = createCore({ dataDir: resolveDataDir(flagString(args, 'data-dir')), shell: 'cli' });
    await hooks.beforeRun?.(core, args);
    const result = await command.run(context(core, args));
    io.out(json ? JSON.stringify(result.json, null, 2) : result.text);
    if (result.stderr) io.err(result.stderr);
    return result.exitCode ?? 0;
  } catch (error) {
    const envelope = isAppError(error) ? error.toEnvelope() : { code: 'INTERNAL', message: (error as Error).message };
    if (json) io.out(JSON.stringify({ error: envelope }, null, 2));
    io.err(`${envelope.message}`);
    if (isAppError(error) && error.fields && !json) {
      for (const [field, message] of Object.entries(error.fields)) io.err(`  ${field}: ${message}`);
    }
    return 1;
  } finally {
    await core?.close();
  }
}
