import { flagString } from '../cli/args';
import type { Command, CliContext } from '../cli/command';
import { parseVersionOption, runMappingCli, type MappingCliVerb } from './mapping-verbs';

function command(verb: MappingCliVerb, usage: string, flags: readonly string[], summary: string): Command {
  return {
    domain: 'mapping',
    verb,
    usage,
    flags,
    summary,
    async run(ctx: CliContext) {
      const json = ctx.args.flags.json === true;
      // Checked before anything is read, so a typo never shows (or exports) some other version.
      const version = parseVersionOption(verb, flagString(ctx.args, 'version'));
      const out = runMappingCli(ctx.core.mapping, {
        verb,
        billerId: ctx.biller().id,
        json,
        ...(ctx.args.positionals[2] ? { file: ctx.args.positionals[2] } : {}),
        ...(flagString(ctx.args, 'comment') ? { comment: flagString(ctx.args, 'comment')! } : {}),
        ...(version !== undefined ? { version } : {}),
      });
      const text = out.stdout.replace(/\n$/, '');
      return { json: json && text ? JSON.parse(text) : text, text, exitCode: out.exitCode };
    },
  };
}

export const mappingCommands: Command[] = [
  command(
    'show',
    'mapping show [--version N] [--biller B]',
    ['version', 'biller'],
    'The active CRM field mapping (or version N) and its confirmation.',
  ),
  command(
    'validate',
    'mapping validate [FILE] [--biller B]',
    ['biller'],
    'Check the active mapping (or a mapping file); exits 1 on errors.',
  ),
  command(
    'export',
    'mapping export [FILE] [--version N] [--biller B]',
    ['version', 'biller'],
    'Write the mapping as JSON (standard output without FILE).',
  ),
  command(
    'import',
    'mapping import FILE [--comment C] [--biller B]',
    ['comment', 'biller'],
    'Import a mapping file as a new version (validated; nothing written on error).',
  ),
  command('history', 'mapping history [--biller B]', ['biller'], 'Every saved version, newest first.'),
];
