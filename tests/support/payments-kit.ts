import { createCore, type Core } from '../../main/app/core';
import type { Actor } from '../../main/ground/audit';
import { FakeClock } from '../../main/ground/fake-clock';
import { MemoryLogger } from '../../main/ground/logger';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../main/sandbox';
import type { Run } from '../../shared/domain/jobs';
import { tempDataDir } from './temp';

/**
 * A sandbox and cores pointed at it, as a clerk's or a job host's installation would be: real HTTP
 * on 127.0.0.1, a real SQLite file per data directory, secrets in the real keychain.
 */
export interface Installation {
  core: Core;
  billerId: string;
  dataDir: string;
  logger: MemoryLogger;
  close(): Promise<void>;
}

export async function sandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ accounts: 600, seed: 'f', ...options });
}

/** The sandbox's own account of what it holds, over HTTP as any outside checker would read it. */
export async function impresaSummary(sb: Sandbox): Promise<{
  batches: number;
  entries: Record<'pending' | 'posted' | 'held' | 'rejected', { count: number; totalCents: number }>;
  receipts: {
    count: number;
    totalCents: number;
    live: number;
    fromEntries: number;
    byUser: Record<string, { count: number; totalCents: number }>;
  };
  reversals: { count: number; totalCents: number };
  duplicateExternalRefs: number;
}> {
  const res = await fetch(`${sb.impresaBaseUrl}/__sandbox/summary`);
  if (!res.ok) throw new Error(`summary answered ${res.status}`);
  return (await res.json()) as never;
}

export async function icSummary(sb: Sandbox): Promise<{
  payments: {
    count: number;
    totalCents: number;
    feeCents: number;
    redeliveries: number;
    byDepositDay: Record<string, { count: number; totalCents: number; feeCents: number }>;
  };
  reversals: { count: number; totalCents: number };
  returns: { count: number; totalCents: number; byCode: Record<string, number> };
  feedRecords: number;
}> {
  const res = await fetch(`${sb.icBaseUrl}/__sandbox/summary`);
  if (!res.ok) throw new Error(`summary answered ${res.status}`);
  return (await res.json()) as never;
}

/** An installation of Impresa Bridge with the sandbox biller configured (job host unless said otherwise). */
export async function installation(
  sb: Sandbox,
  options: {
    mode?: 'pending' | 'live';
    actor?: Actor;
    jobHost?: boolean;
    dataDir?: string;
    shell?: 'cli' | 'browser';
    impresaUrl?: string;
    icHost?: string;
  } = {},
): Promise<Installation> {
  const temp = options.dataDir ? null : tempDataDir('ib-payments-');
  const dataDir = options.dataDir ?? temp!.dir;
  const logger = new MemoryLogger();
  // The app's clock follows the simulators' clock, so "today" is the sandbox's day.
  const clock = new FakeClock(new Date(sb.world.now()));
  const core = createCore({
    dataDir,
    shell: options.shell ?? 'cli',
    logger,
    clock,
    ...(options.actor ? { actor: options.actor } : {}),
  });
  let billerId = core.billers.profiles()[0]?.id;
  if (!billerId) {
    billerId = core.billers.createProfile({
      name: 'Sandbox Utility',
      timeZone: 'America/New_York',
      billerGuid: sb.billerGuid,
      invoiceTypeId: sb.invoiceTypeId,
      invoiceFormatGuid: null,
      icHost: options.icHost ?? sb.icBaseUrl,
      impresaUrl: options.impresaUrl ?? sb.impresaBaseUrl,
      impresaUser: sb.impresaUser,
      postingMode: options.mode ?? 'pending',
      livePostingUser: 'IC Clerk',
      isJobHost: options.jobHost ?? true,
    }).id;
    await core.billers.setSecret(billerId, 'web-service-key', sb.webServiceKey);
    await core.billers.setSecret(billerId, 'impresa-password', sb.impresaPassword);
  }
  core.payments.useClock(billerId, { now: () => new Date(sb.world.now()) });
  return {
    core,
    billerId,
    dataDir,
    logger,
    async close() {
      await core.close();
      temp?.cleanup();
    },
  };
}

/** Runs the Payments job now and waits for it. */
export async function runPaymentsJob(inst: Installation): Promise<Run> {
  return inst.core.jobs.run(inst.billerId, 'payments').finished;
}

export const CLERK_A: Actor = { id: 'mlopez', name: 'Maria Lopez' };
export const CLERK_B: Actor = { id: 'jpatel', name: 'Jay Patel' };
