import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobKind, Run } from '../../shared/domain/jobs';
import { createCore, type Core, type CoreOptions } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import type { BillerProfile } from '../../main/billers/billers.service';
import type { BillerClients } from '../../main/clients/client-factory';
import type { RunDetail } from '../../main/jobs/jobs.service';
import { startSandbox, type Sandbox, type SandboxOptions, type SandboxSummary } from '../../main/sandbox';
import { startTamperingProxy, type Tamper } from '../../main/clients/testing';
import { requireSecretService } from './temp';

/**
 * A job host on a real SQLite file in a temp folder, its biller pointed at a sandbox over real
 * HTTP on 127.0.0.1, the biller's secrets in the real OS keychain (run under tests/with-keyring.sh).
 */
export interface JobsWorld {
  sandbox: Sandbox;
  core: Core;
  biller: BillerProfile;
  /** Runs a job by hand and waits for its end. */
  run(job: JobKind, options?: { dryRun?: boolean }): Promise<Run>;
  detail(run: Run, report?: string): RunDetail;
  /** Both simulators' `/__sandbox/summary`, fetched over HTTP as any outside checker would. */
  summary(): Promise<SandboxSummary>;
  clients(): Promise<BillerClients>;
  close(): Promise<void>;
}

export async function jobsWorld(
  options: SandboxOptions & { jobDefinitions?: CoreOptions['jobDefinitions']; icTamper?: Tamper } = {},
): Promise<JobsWorld> {
  requireSecretService();
  const { jobDefinitions, icTamper, ...sandboxOptions } = options;
  const sandbox = await startSandbox({ accounts: 400, seed: 'jobs', ...sandboxOptions });
  // Answers from IC changed on their way back, when a test needs IC to say something odd.
  const proxy = icTamper ? await startTamperingProxy(sandbox.icBaseUrl, icTamper) : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-jobs-'));
  const core = createCore({
    dataDir: dir,
    shell: 'cli',
    logger: new MemoryLogger(),
    ...(jobDefinitions ? { jobDefinitions } : {}),
  });
  const biller = core.billers.createProfile({
    name: 'Springfield Water',
    timeZone: 'America/New_York',
    billerGuid: sandbox.billerGuid,
    invoiceTypeId: sandbox.invoiceTypeId,
    invoiceFormatGuid: null,
    icHost: proxy?.url ?? sandbox.icBaseUrl,
    impresaUrl: sandbox.impresaBaseUrl,
    impresaUser: sandbox.impresaUser,
    postingMode: 'pending',
    livePostingUser: 'IC Clerk',
    isJobHost: true,
  });
  await core.billers.setSecret(biller.id, 'web-service-key', sandbox.webServiceKey);
  await core.billers.setSecret(biller.id, 'impresa-password', sandbox.impresaPassword);
  return {
    sandbox,
    core,
    biller,
    run: (job, o = {}) => core.jobs.run(biller.id, job, { dryRun: o.dryRun ?? false }).finished,
    detail: (run, report) => core.jobs.runDetail(run.id, { ...(report ? { report } : {}), limit: 1000 }),
    async summary() {
      const get = async (base: string) => {
        const res = await fetch(`${base}/__sandbox/summary`);
        if (!res.ok) throw new Error(`the sandbox summary answered HTTP ${res.status}`);
        return (await res.json()) as unknown;
      };
      return {
        ic: (await get(sandbox.icBaseUrl)) as SandboxSummary['ic'],
        impresa: (await get(sandbox.impresaBaseUrl)) as SandboxSummary['impresa'],
      };
    },
    clients: () => core.clients.forBiller(biller.id),
    async close() {
      await core.billers.remove(biller.id).catch(() => undefined);
      await core.close();
      await proxy?.close();
      await sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
