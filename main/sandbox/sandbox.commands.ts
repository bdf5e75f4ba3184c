import {
  ConfluenceSimulator,
  SANDBOX_CONFLUENCE_EMAIL,
  SANDBOX_CONFLUENCE_TOKEN,
  SANDBOX_PAGE_ID,
  SANDBOX_SHEET_ID,
  SANDBOX_SMARTSHEET_TOKEN,
  SmartsheetSimulator,
} from './calls-sims';
import {
  startSandbox,
  DEFAULT_SANDBOX_ACCOUNTS,
  DEFAULT_SANDBOX_SEED,
  FaultSpecError,
  SandboxPortError,
  SandboxStateError,
  type Sandbox,
} from './index';

/**
 * `npm run sandbox -- [--accounts N] [--seed S] [--faults SPEC] [--ic-port P] [--impresa-port P] [--state-dir DIR]`
 * Starts both simulators, prints their base URLs and the sandbox biller's GUID and key (sandbox
 * values, not secrets), and stays up until SIGINT or SIGTERM.
 */
export interface SandboxCliArgs {
  accounts: number;
  seed: string;
  faults: string;
  icPort: number;
  impresaPort: number;
  stateDir: string | undefined;
}

export function parseSandboxArgs(argv: string[]): SandboxCliArgs {
  const args: SandboxCliArgs = {
    accounts: DEFAULT_SANDBOX_ACCOUNTS,
    seed: DEFAULT_SANDBOX_SEED,
    faults: '',
    icPort: 0,
    impresaPort: 0,
    stateDir: undefined,
  };
  const port = (flag: string, v: string) => {
    const n = /^\d{1,5}$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`${flag} must be a port number from 0 to 65535, in digits.`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=')
      ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]
      : [flag, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value.`);
      return v;
    };
    switch (name) {
      case '--accounts': {
        const text = value();
        const n = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
        if (!Number.isInteger(n) || n < 1 || n > 9_000_000)
          throw new Error('--accounts must be a whole number from 1 to 9,000,000, in digits.');
        args.accounts = n;
        break;
      }
      case '--seed':
        args.seed = value();
        break;
      case '--faults':
        args.faults = value();
        break;
      case '--ic-port':
        args.icPort = port(name, value());
        break;
      case '--impresa-port':
        args.impresaPort = port(name, value());
        break;
      case '--state-dir':
        args.stateDir = value();
        break;
      default:
        throw new Error(
          `Unknown option ${flag}. Options: --accounts N --seed S --faults SPEC --ic-port P --impresa-port P --state-dir DIR`,
        );
    }
  }
  return args;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  let args: SandboxCliArgs;
  try {
    args = parseSandboxArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      accounts: args.accounts,
      seed: args.seed,
      faults: args.faults,
      icPort: args.icPort,
      impresaPort: args.impresaPort,
      ...(args.stateDir ? { stateDir: args.stateDir } : {}),
    });
  } catch (error) {
    // A bad --faults, a taken port, another world's state folder: what to change, not a stack trace.
    const usage =
      error instanceof FaultSpecError || error instanceof SandboxPortError || error instanceof SandboxStateError;
    process.stderr.write(`${usage ? '' : 'The sandbox could not start: '}${(error as Error).message}\n`);
    process.exitCode = usage ? 2 : 1;
    return;
  }
  // The weekly-call sync's Smartsheet and Confluence (seeded sheet and page; see calls-sims.ts).
  const smartsheet = new SmartsheetSimulator();
  const confluence = new ConfluenceSimulator();
  await smartsheet.start();
  await confluence.start();
  const lines = [
    `InvoiceCloud simulator:    ${sandbox.icBaseUrl}`,
    `InHANCE Impresa simulator: ${sandbox.impresaBaseUrl}`,
    `Biller GUID:               ${sandbox.billerGuid}`,
    `Web service key:           ${sandbox.webServiceKey}   (sandbox value, not a secret)`,
    `Impresa user / password:   ${sandbox.impresaUser} / ${sandbox.impresaPassword}   (sandbox values)`,
    `Smartsheet simulator:      ${smartsheet.baseUrl}   (sheet ${SANDBOX_SHEET_ID}, token ${SANDBOX_SMARTSHEET_TOKEN}: sandbox values)`,
    `Confluence simulator:      ${confluence.siteUrl}   (page ${SANDBOX_PAGE_ID}, ${SANDBOX_CONFLUENCE_EMAIL} / ${SANDBOX_CONFLUENCE_TOKEN}: sandbox values)`,
    `World: ${args.accounts} accounts, seed "${args.seed}"${args.faults ? `, faults ${args.faults}` : ''}${args.stateDir ? `, state in ${args.stateDir}` : ''}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await Promise.all([sandbox.close(), smartsheet.close(), confluence.close()]);
}

if (process.argv[1] && /sandbox[.-](cli|commands)\.(ts|m?js)$/.test(process.argv[1])) void main();
