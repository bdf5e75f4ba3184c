import { FaultInjector, parseFaultSpec } from './faults';
import { IcSimulator } from './ic-sim';
import { ImpresaSimulator } from './impresa-sim';
import { mix, Rng, seedNumber } from './rng';
import { SandboxCore } from './state';
import type { World } from './world';

export {
  World,
  DUMMY_BANK,
  type InhanceAccount,
  type IcCustomer,
  type SimPayment,
  type SimCustomerChange,
  type SimAutopayChange,
} from './world';
export { IC_PATHS } from './ic-sim';
export { IMPRESA_USERS } from './impresa-sim';
export { parseFaultSpec, FaultSpecError } from './faults';
export { SandboxStateError, savedSandboxWorld } from './state';

export const DEFAULT_SANDBOX_ACCOUNTS = 2000;
export const DEFAULT_SANDBOX_SEED = 'sandbox';
export const SANDBOX_BILLER_NAME = 'Sandbox Utility';
export const SANDBOX_INVOICE_TYPE_ID = 1;
export const SANDBOX_IMPRESA_USER = 'bridge';

export interface SandboxOptions {
  accounts?: number;
  seed?: string | number;
  /** Fault spec, e.g. "ic:500@0.05,impresa:timeout@0.02" (README.md has the grammar). */
  faults?: string;
  icPort?: number;
  impresaPort?: number;
  /**
   * When icPort/impresaPort is taken, take any free port instead of failing (embedded use: the
   * sandbox biller keeps last start's addresses when it can, and is moved when it cannot).
   */
  anyPortIfTaken?: boolean;
  /** Where the simulators' mutable state lives across restarts; none = in memory only. */
  stateDir?: string;
  /** The sim clock's start (ms since epoch); default a fixed Monday in March 2025. Ignored when stateDir already holds state. */
  startAt?: number;
  /** Lifetime of an Impresa sign-in token in real milliseconds (default 15 minutes). */
  impresaTokenTtlMs?: number;
  /** When set, the sim clock advances by this much every this many real milliseconds (embedded use). */
  tickMs?: number;
}

export interface SandboxSummary {
  ic: ReturnType<IcSimulator['summary']>;
  impresa: ReturnType<ImpresaSimulator['summary']>;
}

export interface Sandbox {
  /** The IC "host" a client is given (e.g. http://127.0.0.1:PORT). */
  icBaseUrl: string;
  impresaBaseUrl: string;
  billerGuid: string;
  webServiceKey: string;
  impresaUser: string;
  impresaPassword: string;
  invoiceTypeId: number;
  world: World;
  /** What IC holds for an invoice number (uploaded, or from before the start), PDF link and notify dates included; null when none. */
  icInvoice(invoiceNumber: string): ReturnType<SandboxCore['ic']['invoice']>;
  /** Advances the shared sim clock; returns what was produced. */
  advance(ms: number): ReturnType<World['advance']>;
  summary(): SandboxSummary;
  /** Replaces the fault rules of both simulators (an empty string clears them). */
  setFaults(spec: string): void;
  /** Faults injected by each simulator since start (status, reset, timeout, malformed, duplicate; not latency). */
  faultsInjected(): { ic: number; impresa: number };
  /** Makes every Impresa token expire now. */
  expireImpresaTokens(): void;
  /** Requests each simulator received outside /__sandbox/ since start (faulted ones included): tests count tries with it. */
  requests(): { ic: number; impresa: number };
  /** When the IC simulator's latest requests arrived (ms since the epoch, oldest first): tests measure spacing with it. */
  icArrivals(): number[];
  close(): Promise<void>;
}

/** A simulator's port is taken (or not ours to bind): said in a sentence, no stack trace. */
export class SandboxPortError extends Error {}

async function listen(
  name: string,
  flag: string,
  start: (port: number) => Promise<string>,
  port: number,
  anyIfTaken: boolean,
): Promise<string> {
  try {
    return await start(port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' && port !== 0 && anyIfTaken) return start(0);
    if (code === 'EADDRINUSE')
      throw new SandboxPortError(
        `Port ${port} on 127.0.0.1 is already in use, so the ${name} simulator cannot start there. Choose another ${flag}, or 0 for any free port.`,
      );
    if (code === 'EACCES')
      throw new SandboxPortError(
        `The ${name} simulator may not use port ${port} on this computer. Choose another ${flag} (above 1023), or 0 for any free port.`,
      );
    throw error;
  }
}

/** Sandbox credentials: derived from the seed so they are stable, and plainly not secrets. */
export function sandboxCredentials(seed: string | number) {
  const rng = new Rng(mix(seedNumber(seed), 0xc4ed));
  return {
    billerGuid: rng.guid(),
    webServiceKey: rng.guid(),
    impresaUser: SANDBOX_IMPRESA_USER,
    impresaPassword: `sandbox-${rng.guid().slice(0, 8)}`,
  };
}

/** Starts both simulators over one world. Ports default to 0 (any free port) on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? DEFAULT_SANDBOX_SEED;
  const accounts = options.accounts ?? DEFAULT_SANDBOX_ACCOUNTS;
  const rules = parseFaultSpec(options.faults);
  const core = SandboxCore.open({
    seed,
    accounts,
    stateDir: options.stateDir ?? null,
    ...(options.startAt !== undefined ? { startAt: options.startAt } : {}),
  });
  const credentials = sandboxCredentials(seed);
  const icFaults = new FaultInjector('ic', rules, seed);
  const impresaFaults = new FaultInjector('impresa', rules, seed);
  const setFaults = (spec: string) => {
    const next = parseFaultSpec(spec);
    icFaults.setRules(next);
    impresaFaults.setRules(next);
  };
  const ic = new IcSimulator(core, credentials, icFaults, setFaults);
  const impresa = new ImpresaSimulator(
    core,
    { username: credentials.impresaUser, password: credentials.impresaPassword },
    impresaFaults,
    setFaults,
    options.impresaTokenTtlMs,
  );
  const anyIfTaken = options.anyPortIfTaken ?? false;
  const icBaseUrl = await listen('InvoiceCloud', '--ic-port', (p) => ic.start(p), options.icPort ?? 0, anyIfTaken);
  let impresaBaseUrl: string;
  try {
    impresaBaseUrl = await listen(
      'InHANCE Impresa',
      '--impresa-port',
      (p) => impresa.start(p),
      options.impresaPort ?? 0,
      anyIfTaken,
    );
  } catch (error) {
    await ic.close();
    throw error;
  }
  const ticker =
    options.tickMs && options.tickMs > 0 ? setInterval(() => core.advance(options.tickMs!), options.tickMs) : null;
  ticker?.unref();
  return {
    icBaseUrl,
    impresaBaseUrl,
    ...credentials,
    invoiceTypeId: SANDBOX_INVOICE_TYPE_ID,
    world: core.world,
    icInvoice: (invoiceNumber) => core.ic.invoice(invoiceNumber),
    advance: (ms) => core.advance(ms),
    summary: () => ({ ic: ic.summary(), impresa: impresa.summary() }),
    setFaults,
    faultsInjected: () => ({ ic: icFaults.injected, impresa: impresaFaults.injected }),
    expireImpresaTokens: () => impresa.expireTokens(),
    requests: () => ({ ic: ic.requests(), impresa: impresa.requests() }),
    icArrivals: () => ic.arrivals(),
    async close() {
      if (ticker) clearInterval(ticker);
      await Promise.all([ic.close(), impresa.close()]);
    },
  };
}
