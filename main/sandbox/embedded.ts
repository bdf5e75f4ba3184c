import path from 'node:path';
import { DEFAULT_LIVE_POSTING_USER } from '../../shared/domain/biller';
import { isAppError } from '../../shared/errors';
import type { Core } from '../app/core';
import { startCallsSandbox } from './calls-embedded';
import {
  DEFAULT_SANDBOX_ACCOUNTS,
  SANDBOX_BILLER_NAME,
  savedSandboxWorld,
  startSandbox,
  type Sandbox,
  type SandboxOptions,
} from './index';

/** The port of a sandbox address saved by an earlier start (http://127.0.0.1:PORT), else 0 (any free port). */
function savedPort(address: string | undefined): number {
  if (!address) return 0;
  try {
    const url = new URL(address);
    return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.port ? Number(url.port) : 0;
  } catch {
    return 0;
  }
}

/**
 * The embedded default: a new install with no biller configured starts here, so every screen and
 * job works on the first run. The simulators keep their state in the data directory (so InHANCE's
 * batch entries survive a restart), and the biller "Sandbox Utility" is pointed at this start's ports.
 * A restart reuses the saved seed and size, and last start's ports when they are still free.
 * Start it before the job schedules (createCore with startJobs: false), so a catch-up run at start
 * already reaches this start's simulators.
 */
export async function startEmbeddedSandbox(core: Core, options: SandboxOptions = {}): Promise<Sandbox> {
  const stateDir = path.join(core.dataDir, 'sandbox');
  const saved = savedSandboxWorld(stateDir);
  const existing = core.billers.profiles().find((b) => b.sandbox);
  const sandbox = await startSandbox({
    accounts: saved?.accounts ?? DEFAULT_SANDBOX_ACCOUNTS,
    ...(saved ? { seed: saved.seed } : {}),
    stateDir,
    icPort: savedPort(existing?.icHost),
    impresaPort: savedPort(existing?.impresaUrl),
    anyPortIfTaken: true,
    // The sim clock follows real time, a minute at a time: payments and changes keep arriving.
    tickMs: 60_000,
    // A first start begins today (with a few days of history); later starts keep their saved clock.
    startAt: core.clock.now().getTime(),
    ...options,
  });
  // Time passed while the app was closed: let InvoiceCloud and InHANCE catch up (a week at most).
  const behind = core.clock.now().getTime() - sandbox.world.now();
  if (behind > 60_000) sandbox.advance(Math.min(behind, 7 * 24 * 3600_000));
  const fields = {
    name: SANDBOX_BILLER_NAME,
    timeZone: 'America/New_York',
    billerGuid: sandbox.billerGuid,
    invoiceTypeId: sandbox.invoiceTypeId,
    invoiceFormatGuid: null,
    icHost: sandbox.icBaseUrl,
    impresaUrl: sandbox.impresaBaseUrl,
    impresaUser: sandbox.impresaUser,
    postingMode: 'pending' as const,
    livePostingUser: DEFAULT_LIVE_POSTING_USER,
    isJobHost: true,
  };
  let billerId: string;
  if (existing) {
    billerId = existing.id;
    const moved =
      existing.icHost !== fields.icHost ||
      existing.impresaUrl !== fields.impresaUrl ||
      existing.billerGuid !== fields.billerGuid ||
      existing.invoiceTypeId !== fields.invoiceTypeId ||
      existing.impresaUser !== fields.impresaUser;
    // Keep what the person changed (mode, schedule host), move only the addresses and IDs.
    if (moved)
      await core.billers.update(existing.id, {
        ...fields,
        name: existing.name,
        timeZone: existing.timeZone,
        postingMode: existing.postingMode,
        livePostingUser: existing.livePostingUser,
        isJobHost: existing.isJobHost,
        invoiceFormatGuid: existing.invoiceFormatGuid,
      });
  } else {
    billerId = core.billers.createProfile(fields, { sandbox: true }).id;
  }
  // InHANCE's simulator stamps posts with simulated time: "today" in the queue is the sandbox's day.
  core.payments.useClock(billerId, { now: () => new Date(sandbox.world.now()) });
  try {
    await core.billers.setSecret(billerId, 'web-service-key', sandbox.webServiceKey);
    await core.billers.setSecret(billerId, 'impresa-password', sandbox.impresaPassword);
  } catch (error) {
    // No keychain must not stop the app: it starts, the biller lists without secrets, and the
    // keychain banner says what to do. Anything else is a real failure.
    if (!isAppError(error) || error.code !== 'KEYCHAIN_UNAVAILABLE') throw error;
    core.log.warn(`Embedded sandbox: its secrets were not stored. ${error.message}`);
  }
  core.onClose(() => sandbox.close());
  // The weekly-call sync's Smartsheet and Confluence, so Calls syncs with no account anywhere.
  await startCallsSandbox(core, billerId);
  core.log.info(`Embedded sandbox: InvoiceCloud at ${sandbox.icBaseUrl}, InHANCE at ${sandbox.impresaBaseUrl}`);
  return sandbox;
}

/**
 * `--sandbox`, a new install with no biller yet, or a data folder that has the sandbox biller: its
 * simulators live in this process, so every start must bring them back (or it points at nothing).
 */
export function wantsSandbox(core: Core, flag: boolean): boolean {
  const billers = core.billers.profiles();
  return flag || billers.length === 0 || billers.some((b) => b.sandbox);
}
