import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { flagString } from '../cli/args';
import type { Command } from '../cli/command';

/**
 * `npm run cli -- app diagnostics [--out FILE] [--json]`: the support zip the desktop app's Help menu
 * exports (logs, configuration without secrets, run history, database integrity, versions).
 */
export const appCommands: Command[] = [
  {
    domain: 'app',
    verb: 'diagnostics',
    usage: 'app diagnostics [--out FILE]',
    flags: ['out'],
    summary: 'Write the diagnostics zip for support (no secrets in it).',
    async run(ctx) {
      const bundle = await ctx.core.desktop.exportDiagnostics();
      const out = path.resolve(flagString(ctx.args, 'out') ?? bundle.fileName);
      if (fs.existsSync(out) && fs.statSync(out).isDirectory())
        throw new AppError('INVALID_INPUT', `${out} is a folder: give --out a file name ending in .zip.`);
      fs.writeFileSync(out, bundle.bytes);
      return {
        json: { file: out, bytes: bundle.bytes.length, entries: bundle.entries },
        text: `Wrote ${out} (${Math.ceil(bundle.bytes.length / 1024)} KB): ${bundle.entries.join(', ')}.`,
      };
    },
  },
];
