/**
 * Benchmark (not a test): each of the six jobs against the sandbox over real HTTP, beside the
 * limits of the same run: the same round trips to the same simulators with the same payload sizes
 * and no work on either side (a raw keep-alive loop to `/__sandbox/echo`), and raw better-sqlite3
 * batched inserts of the same row count.
 *
 * The simulators run in a child process of their own (their world grows with the accounts); each
 * job runs in a fresh child process, so its peak RSS (the kernel's high-water mark) is its own.
 * The IC rate limiter runs with the biller's defaults: the figures are what the product does.
 * Children are this same bundled file (dist/main/bench.js) started with CHILD_FLAG.
 */
import { fork, type ChildProcess } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import type { KeychainBackend } from '../../main/secrets/secret-store';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { benchWorld } from '../../main/sandbox/world.bench';
import { JOB_KINDS, type JobKind } from '../../shared/domain/jobs';

export const CHILD_FLAG = '--jobs-bench-child';
const DAY = 86_400_000;

export interface SandboxReady {
  icBaseUrl: string;
  impresaBaseUrl: string;
  billerGuid: string;
  webServiceKey: string;
  impresaUser: string;
  impresaPassword: string;
  invoiceTypeId: number;
  /** The sim clock once prepared (the Payments job reads deposit days from it). */
  now: number;
  /** What the world holds for each job (payments, changes, bills, accounts). */
  available: Partial<Record<JobKind, number>>;
  /** An account IC knows (the IC client benchmark asks for it). */
  sampleAccount: string;
}

/** Round trips and bytes to one simulator, seen from the job's process. */
interface Traffic {
  requests: number;
  bytesOut: number;
  bytesIn: number;
}

export interface JobFigures {
  job: JobKind;
  /** Records the job read (its own count). */
  records: number;
  written: number;
  state: string;
  ms: number;
  peakRssMb: number;
  ic: Traffic;
  impresa: Traffic;
  /** The raw keep-alive loop: the same round trips and sizes, one at a time per simulator. */
  rawHttpMs: number;
  /** Raw better-sqlite3 inserts of `records` rows, 1,000 a transaction. */
  rawSqliteMs: number;
  /** Limit time over job time: the job's throughput as a share of its raw limit. */
  transportRatio: number;
}

function memoryKeychain(): KeychainBackend {
  const vault = new Map<string, string>();
  return {
    getPassword: async (_s, account) => vault.get(account) ?? null,
    setPassword: async (_s, account, password) => void vault.set(account, password),
    deletePassword: async (_s, account) => vault.delete(account),
  };
}

/** What the world holds that `job` reads: payments, changes, bills, or accounts. */
function holds(sb: Sandbox, job: JobKind): number {
  const w = sb.world;
  if (job === 'payments') return sb.summary().ic.payments.count;
  if (job === 'customer') return w.customerChanges.length;
  if (job === 'auto-pay') return w.autopayChanges.length;
  if (job === 'invoice-file') return w.bills.count;
  return w.accounts;
}

/** Advances the world until it holds what each job wants (payments and changes arrive with time). */
function prepare(sb: Sandbox, wants: Partial<Record<JobKind, number>>): Partial<Record<JobKind, number>> {
  const short = () => (Object.entries(wants) as Array<[JobKind, number]>).some(([job, n]) => holds(sb, job) < n);
  for (let i = 0; i < 400 && short(); i++) sb.advance(DAY / 4);
  return Object.fromEntries(JOB_KINDS.map((job) => [job, holds(sb, job)]));
}

/** Child: the two simulators, until the parent disconnects. */
async function sandboxChild(accounts: number, wants: Partial<Record<JobKind, number>>): Promise<void> {
  const sandbox = await startSandbox({ accounts, seed: 'bench' });
  const available = prepare(sandbox, wants);
  const { icBaseUrl, impresaBaseUrl, billerGuid, webServiceKey, impresaUser, impresaPassword, invoiceTypeId } = sandbox;
  const ready: SandboxReady = {
    icBaseUrl,
    impresaBaseUrl,
    billerGuid,
    webServiceKey,
    impresaUser,
    impresaPassword,
    invoiceTypeId,
    now: sandbox.world.now(),
    available,
    sampleAccount: sandbox.world.icCustomer(4).accountNumber,
  };
  process.send!({ ready });
  process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
}

/** Counts every socket this process opens, to tell round trips and bytes per simulator afterwards. */
function watchSockets(): { sockets: Socket[]; requests: Map<string, number> } {
  const sockets: Socket[] = [];
  const requests = new Map<string, number>();
  diagnostics.subscribe('net.client.socket', (m) => sockets.push((m as { socket: Socket }).socket));
  diagnostics.subscribe('http.client.request.start', (m) => {
    const req = (m as { request: http.ClientRequest }).request;
    const host = String(req.getHeader('host') ?? req.host);
    requests.set(host, (requests.get(host) ?? 0) + 1);
  });
  // The clients send through undici, which announces each request on its own channel.
  diagnostics.subscribe('undici:request:create', (m) => {
    const host = new URL((m as { request: { origin: string } }).request.origin).host;
    requests.set(host, (requests.get(host) ?? 0) + 1);
  });
  return { sockets, requests };
}

function trafficTo(base: string, seen: { sockets: Socket[]; requests: Map<string, number> }): Traffic {
  const url = new URL(base);
  const port = Number(url.port);
  let bytesOut = 0;
  let bytesIn = 0;
  for (const s of seen.sockets) {
    if (s.remotePort === port || (s as Socket & { _bench_port?: number })._bench_port === port) {
      bytesOut += s.bytesWritten;
      bytesIn += s.bytesRead;
    }
  }
  return { requests: seen.requests.get(url.host) ?? 0, bytesOut, bytesIn };
}

/** `n` round trips of the given average sizes to a simulator's echo, one at a time on one keep-alive socket. */
async function rawLoop(base: string, t: Traffic): Promise<number> {
  if (t.requests === 0) return 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL('/__sandbox/echo', base);
  // Headers are part of the measured bytes; the raw request carries about 120 bytes of its own.
  const body = Buffer.alloc(Math.max(0, Math.round(t.bytesOut / t.requests) - 120), 'x');
  url.searchParams.set('bytes', String(Math.max(0, Math.round(t.bytesIn / t.requests) - 120)));
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-length': body.length } }, (res) => {
        res.on('data', () => {});
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const t0 = performance.now();
  for (let i = 0; i < t.requests; i++) await once();
  const ms = performance.now() - t0;
  agent.destroy();
  return ms;
}

/** `rows` rows inserted into a file database, 1,000 a transaction: what SQLite alone costs. */
function rawSqlite(rows: number): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-bench-sqlite-'));
  const db = new Database(path.join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL, v TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(`key-${i}`, 'v'.repeat(120));
    });
    const t0 = performance.now();
    for (let i = 0; i < rows; i += 1000) batch(i, Math.min(rows, i + 1000));
    return performance.now() - t0;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Child: one run of a job against the simulators, then its raw limits in the same process. */
async function jobChild(job: JobKind, target: SandboxReady): Promise<void> {
  const seen = watchSockets();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-bench-'));
  const core = createCore({ dataDir: dir, shell: 'cli', logger: new MemoryLogger(), keychain: memoryKeychain });
  try {
    const biller = core.billers.createProfile({
      name: 'Bench Utility',
      timeZone: 'America/New_York',
      billerGuid: target.billerGuid,
      invoiceTypeId: target.invoiceTypeId,
      invoiceFormatGuid: null,
      icHost: target.icBaseUrl,
      impresaUrl: target.impresaBaseUrl,
      impresaUser: target.impresaUser,
      postingMode: 'pending',
      livePostingUser: 'IC Clerk',
      isJobHost: true,
    });
    await core.billers.setSecret(biller.id, 'web-service-key', target.webServiceKey);
    await core.billers.setSecret(biller.id, 'impresa-password', target.impresaPassword);
    core.payments.useClock(biller.id, { now: () => new Date(target.now) });
    globalThis.gc?.();
    const t0 = performance.now();
    const run = await core.jobs.run(biller.id, job).finished;
    const ms = performance.now() - t0;
    // maxRSS is the process's high-water mark in KiB, kept by the kernel: no polling needed.
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const ic = trafficTo(target.icBaseUrl, seen);
    const impresa = trafficTo(target.impresaBaseUrl, seen);
    const rawHttpMs = (await rawLoop(target.icBaseUrl, ic)) + (await rawLoop(target.impresaBaseUrl, impresa));
    const rawSqliteMs = rawSqlite(run.counts.read);
    const figures: JobFigures = {
      job,
      records: run.counts.read,
      written: run.counts.written,
      state: run.state,
      ms: Math.round(ms),
      peakRssMb,
      ic,
      impresa,
      rawHttpMs: Math.round(rawHttpMs),
      rawSqliteMs: Math.round(rawSqliteMs),
      transportRatio: Math.round(((rawHttpMs + rawSqliteMs) / ms) * 100) / 100,
    };
    process.send!({ figures });
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function message<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    child.on('message', (m) => {
      if (m && typeof m === 'object' && key in m) resolve((m as Record<string, T>)[key]!);
    });
    child.once('exit', (code) => reject(new Error(`bench child exited (${code}) before sending ${key}`)));
  });
}

export interface Simulators {
  ready: SandboxReady;
  close(): void;
}

/** The simulators in a child process, their world advanced until it holds what each job wants. */
export async function sandboxProcess(
  script: string,
  accounts: number,
  wants: Partial<Record<JobKind, number>> = {},
): Promise<Simulators> {
  const sim = fork(script, [CHILD_FLAG, 'sandbox', String(accounts), JSON.stringify(wants)], {
    stdio: 'inherit',
    execArgv: cpuProfArgs('sandbox'),
  });
  const ready = await message<SandboxReady>(sim, 'ready');
  return { ready, close: () => sim.disconnect() };
}

/**
 * The sandbox world built in a fresh process: its RSS is the world's own, not what the benchmarks
 * before it left in this process (measured here after the queue, it read 600 MB; alone, 130 MB).
 */
export async function worldProcess(script: string, accounts: number): Promise<ReturnType<typeof benchWorld>> {
  const child = fork(script, [CHILD_FLAG, 'world', String(accounts)], { stdio: 'inherit' });
  const result = await message<ReturnType<typeof benchWorld>>(child, 'world');
  await new Promise((r) => child.once('exit', r));
  return result;
}

/** One run of `job` in a fresh process against running simulators; `script` is the bundled bench itself. */
export async function benchJob(job: JobKind, sim: Simulators, script: string): Promise<JobFigures> {
  const child = fork(script, [CHILD_FLAG, 'job', job, JSON.stringify(sim.ready)], {
    stdio: 'inherit',
    execArgv: ['--expose-gc', ...cpuProfArgs(job)],
  });
  const figures = await message<JobFigures>(child, 'figures');
  child.disconnect();
  await new Promise((r) => child.once('exit', r));
  return figures;
}

/**
 * BENCH_CPU_PROF=<job> writes a V8 CPU profile of that job's process to bench-results/profiles;
 * BENCH_CPU_PROF=sandbox one of each simulators process (written when it closes).
 */
function cpuProfArgs(job: JobKind | 'sandbox'): string[] {
  const wanted = process.env.BENCH_CPU_PROF;
  if (!wanted || (wanted !== job && wanted !== 'all')) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${path.resolve('bench-results', 'profiles')}`];
}

/** In a child process: runs the part CHILD_FLAG names and returns true; false in the parent. */
export function runChildIfAsked(): boolean {
  const at = process.argv.indexOf(CHILD_FLAG);
  if (at < 0) return false;
  const [mode, a, b] = process.argv.slice(at + 1);
  const run =
    mode === 'sandbox'
      ? sandboxChild(Number(a), JSON.parse(b!) as Partial<Record<JobKind, number>>)
      : mode === 'job'
        ? jobChild(a as JobKind, JSON.parse(b!) as SandboxReady)
        : mode === 'world'
          ? new Promise<void>((sent) => process.send!({ world: benchWorld(Number(a)) }, () => sent())).then(() =>
              process.disconnect(),
            )
          : Promise.resolve();
  run.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
  return true;
}
