import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobKind, Run } from '../../shared/domain/jobs';
import { AuditLog } from '../ground/audit';
import { delay } from '../ground/clock';
import { FakeClock } from '../ground/fake-clock';
import { MemoryLogger, Redactor } from '../ground/logger';
import { BillersService, type BillerProfile } from '../billers/billers.service';
import { EventBus } from '../ipc/router';
import { SecretStore } from '../secrets/secret-store';
import { openAppDatabase } from '../app/migrations';
import type { Db } from '../store/database';
import type { JobContext, JobDefinition, JobOutcome } from './job-definition';
import { JobsService, type JobNotice, type JobsServiceOptions } from './jobs.service';

/**
 * A jobs engine on a real SQLite file in a temp folder, driven by a FakeClock: for this folder's
 * tests and for the six jobs' own tests. The OS keychain is not touched.
 */
export interface JobsHarness {
  dir: string;
  db: Db;
  clock: FakeClock;
  events: EventBus;
  /** Every event emitted, in order. */
  emitted: Array<{ event: string; payload: unknown }>;
  log: MemoryLogger;
  audit: AuditLog;
  billers: BillersService;
  biller: BillerProfile;
  notices: JobNotice[];
  service: JobsService;
  /** Runs of the biller, oldest first (optionally of one job). */
  runs(job?: JobKind): Run[];
  /**
   * A second engine on the same database (a restart, or another process), with its own clock.
   * `ownConnection` opens the SQLite file again, as the CLI in another process does.
   */
  restart(options?: { clock?: FakeClock; definitions?: JobDefinition[]; ownConnection?: boolean }): JobsService;
  close(): Promise<void>;
}

export interface HarnessOptions {
  start: string;
  timeZone?: string;
  isJobHost?: boolean;
  definitions: JobDefinition[];
  options?: Partial<JobsServiceOptions>;
  installationId?: string;
  /** Whether the biller's services answer, for jobs set to run only when reachable. */
  reachability?: (biller: BillerProfile) => Promise<boolean>;
}

export function jobsHarness(o: HarnessOptions): JobsHarness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impresa-jobs-'));
  const db = openAppDatabase(dir);
  const clock = new FakeClock(o.start);
  const events = new EventBus();
  const emitted: JobsHarness['emitted'] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const log = new MemoryLogger();
  const audit = new AuditLog(db, clock, { id: 'pat', name: 'Pat Manager' });
  // An in-memory stand-in for the OS keychain (keytar's surface): billers.update reads secret status.
  const vault = new Map<string, string>();
  const secrets = new SecretStore(new Redactor(), () => ({
    getPassword: async (_s, account) => vault.get(account) ?? null,
    setPassword: async (_s, account, password) => void vault.set(account, password),
    deletePassword: async (_s, account) => vault.delete(account),
  }));
  const billers = new BillersService(db, secrets, events, audit, clock);
  const biller = billers.createProfile({
    name: 'Springfield Water',
    timeZone: o.timeZone ?? 'America/New_York',
    billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    invoiceTypeId: 7,
    invoiceFormatGuid: null,
    icHost: 'http://127.0.0.1:9',
    impresaUrl: 'http://127.0.0.1:9',
    impresaUser: 'bridge',
    postingMode: 'pending',
    livePostingUser: 'IC Clerk',
    isJobHost: o.isJobHost ?? true,
  });
  const notices: JobNotice[] = [];
  const services: JobsService[] = [];
  const connections: Db[] = [];
  const make = (c: FakeClock, definitions: JobDefinition[], ownConnection = false) => {
    const conn = ownConnection ? openAppDatabase(dir) : db;
    if (ownConnection) connections.push(conn);
    const s = new JobsService({
      db: conn,
      clock: c,
      audit: new AuditLog(conn, c, { id: 'pat', name: 'Pat Manager' }),
      events,
      notifier: { notify: (n) => notices.push(n) },
      log,
      billers,
      installationId: o.installationId ?? 'installation-a',
      definitions,
      options: { random: () => 0.5, ...o.options },
      ...(o.reachability ? { reachability: o.reachability } : {}),
    });
    services.push(s);
    return s;
  };
  const service = make(clock, o.definitions);
  return {
    dir,
    db,
    clock,
    events,
    emitted,
    log,
    audit,
    billers,
    biller,
    notices,
    service,
    runs: (job) =>
      (
        db
          .prepare('SELECT id FROM job_runs WHERE biller_id = ? AND (? IS NULL OR job = ?) ORDER BY started_at, rowid')
          .pluck()
          .all(biller.id, job ?? null, job ?? null) as string[]
      ).map((id) => service.getRun(id)!),
    restart: (r = {}) => make(r.clock ?? clock, r.definitions ?? o.definitions, r.ownConnection),
    async close() {
      for (const s of services) await s.stop();
      for (const c of connections) c.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A job that does `body` (default: reads one record) each time it runs. */
export function testJob(
  kind: JobKind,
  body?: (ctx: JobContext, call: number) => Promise<JobOutcome | void> | JobOutcome | void,
): JobDefinition & { calls: number } {
  const def = {
    kind,
    calls: 0,
    async run(ctx: JobContext) {
      def.calls++;
      if (body) return body(ctx, def.calls);
      ctx.count('read');
      return undefined;
    },
  };
  return def;
}

/** A job that takes `ms` on the clock and stops early when cancelled. */
export function slowJob(kind: JobKind, ms: number): JobDefinition & { calls: number } {
  return testJob(kind, async (ctx) => {
    await delay(ctx.clock, ms, ctx.signal);
    ctx.count('read');
  });
}
