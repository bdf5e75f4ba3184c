import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../app/core';
import { resolveDataDir } from '../ground/data-dir';
import { decimalInt, flagString, parseArgs } from '../cli/args';
import { startEmbeddedSandbox, wantsSandbox } from '../sandbox/embedded';
import { startHost } from './host';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * `npm run host -- [--sandbox] [--port N] [--data-dir DIR] [--accounts N] [--seed S] [--faults SPEC]`: the app in a
 * browser, same core as Electron. With no biller configured (or --sandbox) it runs on the embedded sandbox.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const portFlag = flagString(args, 'port');
  const port = portFlag === undefined ? 0 : decimalInt(portFlag, 'port', 0, 65535);
  const bind = flagString(args, 'bind') ?? '127.0.0.1';
  // Schedules start after the sandbox, so a catch-up run reaches this start's simulators.
  const core = createCore({
    dataDir: resolveDataDir(flagString(args, 'data-dir')),
    shell: 'browser',
    startJobs: false,
  });
  if (wantsSandbox(core, args.flags.sandbox === true)) {
    const accounts = flagString(args, 'accounts');
    await startEmbeddedSandbox(core, {
      ...(accounts ? { accounts: decimalInt(accounts, 'accounts', 1, 9_000_000) } : {}),
      ...(flagString(args, 'seed') ? { seed: flagString(args, 'seed')! } : {}),
      ...(flagString(args, 'faults') ? { faults: flagString(args, 'faults')! } : {}),
    });
  }
  core.jobs.start();
  const host = await startHost({
    core,
    port,
    bind,
    rendererDir: path.join(here, '..', 'renderer'),
    shimFile: path.join(here, '..', 'preload', 'browser-shim.js'),
  });
  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdout.write(`Impresa Bridge ready at ${host.url}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
