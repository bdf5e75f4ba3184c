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
import { MemoryLogger } from '../../main/app/logger';
import type { KeychainBackend } from '../../main/secrets/secret-store';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import type { JobKind } from '../../shared/domain/jobs';

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
  /** What the world holds for the job (payments, changes, bills, accounts). */
  available: number;
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
    findCredentials: async () => [...vault].map(([account, password]) => ({ account, password })),
  };
}

/** Advances the world until it holds `count` of what the job reads; returns how many it holds. */
function prepare(sb: Sandbox, job: JobKind, count: number): number {
  const have = (): number => {
    const w = sb.world;
    if (job === 'payments') return sb.summary().ic.payments.count;
    if (job === 'customer') return w.customerChanges.length;
    if (job === 'auto-pay') return w.autopayChanges.length;
    if (job === 'invoice-file') return w.bills.count;
    return w.accounts;
  };
  if (job === 'payments' || job === 'customer' || job === 'auto-pay') for (let i = 0; i < 400 && have() < count; i++) sb.advance(DAY / 4);
  return have();
}

/** Child: the two simulators, until the parent disconnects. */
async function sandboxChild(accounts: number, job: JobKind, count: number): Promise<void> {
  const sandbox = await startSandbox({ accounts, seed: 'bench' });
  const available = prepare(sandbox, job, count);
  const { icBaseUrl, impresaBaseUrl, billerGuid, webServiceKey, impresaUser, impresaPassword, invoiceTypeId } = sandbox;
  const ready: SandboxReady = { icBaseUrl, impresaBaseUrl, billerGuid, webServiceKey, impresaUser, impresaPassword, invoiceTypeId, now: sandbox.world.now(), available, sampleAccount: sandbox.world.icCustomer(4).accountNumber };
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
      name: 'Bench Utility', timeZone: 'America/New_York', billerGuid: target.billerGuid, invoiceTypeId: target.invoiceTypeId, invoiceFormatGuid: null,
      icHost: target.icBaseUrl, impresaUrl: target.impresaBaseUrl, impresaUser: target.impresaUser, postingMode: 'pending', livePostingUser: 'IC Clerk', isJobHost: true,
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

export interface JobPlan {
  job: JobKind;
  /** The world's size. */
  accounts: number;
  /** What the world is advanced to hold for the job (payments, changes); 0 when the size alone sets it. */
  count: number;
}

/** The simulators alone in a child process (for benchmarks of a client against them); close() stops it. */
export async function sandboxProcess(script: string, accounts: number, prepareFor: JobKind = 'balance', count = 0): Promise<{ ready: SandboxReady; close(): void }> {
  const sim = fork(script, [CHILD_FLAG, 'sandbox', prepareFor, String(accounts), String(count)], { stdio: 'inherit' });
  const ready = await message<SandboxReady>(sim, 'ready');
  return { ready, close: () => sim.disconnect() };
}

/** One job in fresh processes (simulators, then the job); `script` is the bundled bench itself. */
export async function benchJob(plan: JobPlan, script: string): Promise<JobFigures & { available: number }> {
  const sim = fork(script, [CHILD_FLAG, 'sandbox', plan.job, String(plan.accounts), String(plan.count)], { stdio: 'inherit' });
  try {
    const ready = await message<SandboxReady>(sim, 'ready');
    const child = fork(script, [CHILD_FLAG, 'job', plan.job, JSON.stringify(ready)], { stdio: 'inherit', execArgv: ['--expose-gc', ...cpuProfArgs(plan.job)] });
    const figures = await message<JobFigures>(child, 'figures');
    child.disconnect();
    await new Promise((r) => child.once('exit', r));
    return { ...figures, available: ready.available };
  } finally {
    sim.disconnect();
  }
}

/** BENCH_CPU_PROF=<job> writes a V8 CPU profile of that job's process to bench-results/profiles. */
function cpuProfArgs(job: JobKind): string[] {
  const wanted = process.env.BENCH_CPU_PROF;
  if (!wanted || (wanted !== job && wanted !== 'all')) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${path.resolve('bench-results', 'profiles')}`];
}

/** In a child process: runs the part CHILD_FLAG names and returns true; false in the parent. */
export function runChildIfAsked(): boolean {
  const at = process.argv.indexOf(CHILD_FLAG);
  if (at < 0) return false;
  const [mode, job, a, b] = process.argv.slice(at + 1);
  const run = mode === 'sandbox' ? sandboxChild(Number(a), job as JobKind, Number(b)) : mode === 'job' ? jobChild(job as JobKind, JSON.parse(a!) as SandboxReady) : Promise.resolve();
  run.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
  return true;
}
