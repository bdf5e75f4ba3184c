import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import { CRASH_STEPS, type CrashStep } from '../../main/payments/crash-hook';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { DATABASE_FILE } from '../../main/store/database';
import { installation } from '../support/payments-kit';

/**
 * The crash-and-fault campaign (`npm run chaos`): the reliability probe as a repeatable program.
 *
 * One sandbox (persistent state) lives in this process; every run of the app is a child process
 * (the CLI as shipped, `dist/main/cli.js`) on one data directory, and dies with SIGKILL at an exact
 * crash point of the write path (IMPRESA_BRIDGE_CRASH_AT) or at a random moment, with about 20%
 * of the simulators' answers faulted and the simulated clock advanced between runs. Then each
 * part runs to completion without faults, and the checks read the simulators' own state.
 */
export interface ChaosOptions {
  kills: number;
  seed: string;
  accounts: number;
  /** The CLI a user runs (`npm run cli` runs this same file). */
  cli: string;
  /** Progress on standard error. */
  verbose: boolean;
}

export interface ChaosResult {
  kills: number;
  faults: number;
  payments: number;
  lost: number;
  duplicated: number;
  auditMismatches: number;
  violations: string[];
  line: string;
}

const HOUR = 60 * 60 * 1000;

/** About 20% of the answers of each simulator faulted: errors, resets, cut-short answers, IC's own redeliveries. */
const FAULTS =
  'ic:5xx@0.05,ic:reset@0.03,ic:malformed@0.04,ic:duplicate@0.08,impresa:5xx@0.06,impresa:reset@0.05,impresa:malformed@0.09';
/** Runs killed at a random moment also meet answers that never come (the kill ends the wait). */
const FAULTS_WITH_TIMEOUTS = `${FAULTS},impresa:timeout@0.01,ic:timeout@0.01`;

/** A small seeded generator (mulberry32): the same --seed plans the same kills. */
function rng(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Plan = { kind: 'step'; step: CrashStep; n: number; tries: number } | { kind: 'random'; tries: number };

interface Child {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export async function runChaos(o: ChaosOptions): Promise<ChaosResult> {
  const random = rng(o.seed);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const t0 = Date.now();
  const say = (text: string) => {
    if (o.verbose) process.stderr.write(`chaos: ${((Date.now() - t0) / 1000).toFixed(1)} s: ${text}\n`);
  };
  const violations: string[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-chaos-'));
  const dataDir = path.join(work, 'data');
  const sb: Sandbox = await startSandbox({
    accounts: o.accounts,
    seed: `chaos-${o.seed}`,
    stateDir: path.join(work, 'sandbox'),
  });
  let kills = 0;
  let billerId = '';

  /**
   * A child of the campaign. `killAfterMs`: SIGKILL that long after the child's first write to the
   * database (a run recorded, a post expected), so the random moment falls inside its work, not in
   * its start-up; else only a watchdog, so no run can hang the campaign.
   */
  const child = (args: string[], env: Record<string, string>, killAfterMs: number | null): Promise<Child> =>
    new Promise((resolve, reject) => {
      const watch =
        killAfterMs === null
          ? null
          : new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, timeout: 5000 });
      const version = () => watch!.pragma('data_version', { simple: true }) as number;
      const seen = watch ? version() : 0;
      let poll: NodeJS.Timeout | null = null;
      let timer: NodeJS.Timeout = setTimeout(() => p.kill('SIGKILL'), 120_000);
      if (watch) {
        poll = setInterval(() => {
          if (version() === seen) return;
          clearInterval(poll!);
          poll = null;
          clearTimeout(timer);
          timer = setTimeout(() => p.kill('SIGKILL'), killAfterMs!);
        }, 20);
      }
      const p = spawn(process.execPath, [o.cli, ...args, '--data-dir', dataDir], {
        env: { ...process.env, IMPRESA_BRIDGE_CRASH_AT: '', IMPRESA_BRIDGE_DATA_DIR: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => (stdout += d));
      p.stderr.on('data', (d) => (stderr += d));
      p.on('error', reject);
      p.on('close', (code, signal) => {
        clearTimeout(timer);
        if (poll) clearInterval(poll);
        watch?.close();
        if (signal === 'SIGKILL') kills++;
        resolve({ code, signal, stdout, stderr });
      });
    });

  /** Runs a job until it ends without a kill; true when it succeeded. */
  const runToEnd = async (job: string): Promise<boolean> => {
    for (let i = 0; i < 4; i++) {
      const r = await child(['jobs', 'run', job, '--json'], {}, null);
      if (r.code === 0) return true;
      say(`${job} clean run ${i + 1} ended ${r.signal ?? r.code}: ${r.stderr.trim().split('\n')[0] ?? ''}`);
    }
    return false;
  };

  try {
    const inst = await installation(sb, { dataDir });
    billerId = inst.billerId;
    await inst.close();

    // ---- 1. The Payments job: every crash point, then random moments.
    const postKills = o.kills >= 4 ? Math.max(1, Math.floor(o.kills / 4)) : 0;
    const jobKills = o.kills - postKills;
    const plans: Plan[] = [];
    for (let i = 0; i < jobKills; i++) {
      const step = CRASH_STEPS[i];
      if (step)
        plans.push({
          kind: 'step',
          step,
          n: ['intent', 'written', 'settled'].includes(step) ? between(1, 6) : 1,
          tries: 0,
        });
      else plans.push({ kind: 'random', tries: 0 });
    }
    let attempts = 0;
    let jobKilled = 0;
    while (plans.length > 0 && attempts < jobKills * 6 + 10) {
      attempts++;
      const plan = plans.shift()!;
      // More of the clock for a step not reached yet: ACH returns come back 2 to 4 days after their payment.
      sb.advance((plan.tries > 0 ? between(8, 24) : between(1, 5)) * HOUR);
      // A step not reached twice under faults (a fault stops the run before it: returns and the commit
      // come last) gets a quiet try; the other runs stay at about 20%.
      sb.setFaults(plan.kind === 'random' ? FAULTS_WITH_TIMEOUTS : plan.tries >= 2 ? '' : FAULTS);
      const before = kills;
      const r =
        plan.kind === 'step'
          ? await child(['jobs', 'run', 'payments'], { IMPRESA_BRIDGE_CRASH_AT: `${plan.step}:${plan.n}` }, null)
          : await child(['jobs', 'run', 'payments'], {}, between(0, 2500));
      say(
        `payments ${plan.kind === 'step' ? `${plan.step}:${plan.n}` : 'random'}: ${kills > before ? 'killed' : `ended ${r.code}`}`,
      );
      if (kills > before) {
        jobKilled++;
        continue;
      }
      // Not killed this time (a fault stopped the run before the step, nothing to do there yet, or the
      // run ended before the moment): again later, after more of the clock.
      plan.tries++;
      if (plan.kind === 'step' && plan.tries === 4) plan.n = 1;
      if (plan.tries < 10) plans.push(plan);
      else if (plan.kind === 'step') violations.push(`the crash point ${plan.step} was never reached`);
    }
    for (const p of plans)
      violations.push(
        p.kind === 'step'
          ? `the crash point ${p.step} was never reached`
          : 'a planned kill of the Payments job never happened',
      );
    sb.setFaults('');
    if (!(await runToEnd('payments')))
      violations.push('the Payments job did not succeed once faults and kills stopped');

    // ---- 2. A clerk's bulk post of every ready entry, killed at random moments.
    const core = createCore({ dataDir, shell: 'cli', logger: new MemoryLogger() });
    await core.payments.refresh(billerId);
    const { entryIds } = await core.payments.ids({ billerId, tab: 'ready', search: '' });
    await core.close();
    say(`bulk post of ${entryIds.length} entries`);
    let postKilled = 0;
    for (let i = 0; postKilled < postKills && i < postKills * 6; i++) {
      sb.advance(between(1, 20) * 60 * 1000);
      sb.setFaults(FAULTS_WITH_TIMEOUTS);
      const before = kills;
      const r = await child(['payments', 'post', ...entryIds, '--json'], {}, between(0, entryIds.length * 6));
      if (kills > before) postKilled++;
      say(`bulk post: ${kills > before ? 'killed' : `ended ${r.code}`}`);
    }
    if (postKilled < postKills) violations.push(`the bulk post was killed ${postKilled} times, not ${postKills}`);
    sb.setFaults('');
    let posted = false;
    for (let i = 0; i < 4 && !posted; i++) {
      const r = await child(['payments', 'post', ...entryIds, '--json'], {}, null);
      try {
        const result = JSON.parse(r.stdout) as { results: Array<{ outcome: string }> };
        posted = result.results.every((x) => x.outcome === 'posted' || x.outcome === 'already-posted');
      } catch {
        say(`bulk post clean run ended ${r.signal ?? r.code}: ${r.stderr.trim()}`);
      }
    }
    if (!posted) violations.push('the bulk post did not post every entry once faults and kills stopped');

    // ---- 3. Customer, Auto Pay and Balance under faults (killed at a random moment in the full
    // campaign), then clean; the clock stops before the last runs, so what they see is final.
    const killOthers = o.kills >= 20;
    sb.advance(between(2, 8) * HOUR);
    for (const job of ['customer', 'auto-pay', 'balance']) {
      sb.setFaults(killOthers ? FAULTS_WITH_TIMEOUTS : FAULTS);
      const r = await child(['jobs', 'run', job], {}, killOthers ? between(0, 1500) : null);
      say(`${job} under faults: ${r.signal ?? r.code}`);
    }
    sb.setFaults('');
    // Everything IC published meanwhile reaches InHANCE; then the balances, which the posts changed.
    for (const job of ['payments', 'customer', 'auto-pay', 'balance']) {
      if (!(await runToEnd(job))) violations.push(`the ${job} job did not succeed once faults and kills stopped`);
    }
    say('clean runs done');
    const extraKills = kills - jobKilled - postKilled;

    // ---- The checks, from the simulators' own state and the installation's SQLite.
    const { ic, impresa } = sb.summary();
    const entries =
      impresa.entries.pending.count +
      impresa.entries.posted.count +
      impresa.entries.held.count +
      impresa.entries.rejected.count;
    const landed = entries + impresa.receipts.live;
    let lost = Math.max(0, ic.payments.count - landed);
    let duplicated = impresa.duplicateExternalRefs + Math.max(0, landed - ic.payments.count);
    if (lost) violations.push(`${lost} IC payments are not in InHANCE`);
    if (duplicated) violations.push(`${duplicated} IC payments are in InHANCE more than once`);

    const check = await child(['ledger', 'check', '--json'], {}, null);
    try {
      const result = JSON.parse(check.stdout) as { ok: boolean; figures: { ledgerPayments: number } };
      if (check.code !== 0 || !result.ok) violations.push(`ledger check failed: ${check.stdout.slice(0, 500)}`);
      if (result.figures.ledgerPayments !== ic.payments.count)
        violations.push(`the ledger holds ${result.figures.ledgerPayments} payments, IC ${ic.payments.count}`);
    } catch {
      violations.push(`ledger check did not answer: ${check.stderr.trim()}`);
    }

    // Every entry of the bulk post: posted once in InHANCE, and one "Posted" audit row each.
    const after = createCore({ dataDir, shell: 'cli', logger: new MemoryLogger() });
    try {
      const impresaClient = await after.clients.impresa(billerId);
      const notPosted: string[] = [];
      for (const id of entryIds) if ((await impresaClient.getEntry(id)).state !== 'posted') notPosted.push(id);
      lost += notPosted.length;
      if (notPosted.length)
        violations.push(
          `${notPosted.length} entries of the bulk post are not posted, e.g. ${notPosted.slice(0, 3).join(', ')}`,
        );
      const extraReceipts = Math.max(0, impresa.receipts.fromEntries - impresa.entries.posted.count);
      duplicated += extraReceipts;
      if (extraReceipts) violations.push(`${extraReceipts} entries have more than one receipt`);
      const rows = after.db
        .prepare(
          `SELECT subject, COUNT(*) AS n FROM audit_log WHERE biller_id = ? AND action = 'payment.post' GROUP BY subject`,
        )
        .all(billerId) as Array<{ subject: string; n: number }>;
      const audit = new Map(rows.map((r) => [r.subject, r.n]));
      const wanted = new Set(entryIds);
      let auditMismatches = 0;
      for (const id of entryIds) if ((audit.get(id) ?? 0) !== 1) auditMismatches++;
      for (const [subject] of audit) if (!wanted.has(subject)) auditMismatches++;
      if (auditMismatches) {
        const bad = entryIds
          .filter((id) => (audit.get(id) ?? 0) !== 1)
          .slice(0, 3)
          .map((id) => `${id}: ${audit.get(id) ?? 0} rows`);
        violations.push(
          `${auditMismatches} posted entries without exactly one "Posted" audit row, e.g. ${bad.join(', ')}`,
        );
      }

      // Balance: every account's balance at IC is InHANCE's. Customer and Auto Pay: every change IC made is in InHANCE.
      const w = sb.world;
      let balanceOff = 0;
      for (let i = 0; i < w.accounts; i++) if (w.balance[i] !== w.icBalance[i]) balanceOff++;
      const customerOff = [...new Set(w.customerChanges.map((c) => c.accountIndex))].filter((i) => {
        const a = w.icCustomer(i);
        const b = w.inhanceAccount(i);
        return a.email !== b.email || a.phone !== b.phone || a.paperless !== b.paperless;
      }).length;
      const autopayOff = [...new Set(w.autopayChanges.map((c) => c.accountIndex))].filter(
        (i) => w.icCustomer(i).autopay !== w.inhanceAccount(i).autopay.enrolled,
      ).length;
      for (const [what, n] of [
        ['balances differ between IC and InHANCE', balanceOff],
        ['customer changes are not in InHANCE', customerOff],
        ['autopay changes are not in InHANCE', autopayOff],
      ] as const) {
        if (n) violations.push(`${n} ${what}`);
        lost += n;
      }
      const faults = sb.faultsInjected();
      const line = `chaos: ${kills} kills, ${faults.ic + faults.impresa} faults injected, ${ic.payments.count} payments, lost: ${lost}, duplicated: ${duplicated}, audit mismatches: ${auditMismatches}`;
      if (kills < o.kills) violations.push(`only ${kills} of ${o.kills} kills happened`);
      say(
        `${kills} kills: ${jobKilled} of the Payments job, ${postKilled} of the bulk post, ${extraKills} of Balance, Customer and Auto Pay`,
      );
      return {
        kills,
        faults: faults.ic + faults.impresa,
        payments: ic.payments.count,
        lost,
        duplicated,
        auditMismatches,
        violations,
        line,
      };
    } finally {
      await after.close();
    }
  } finally {
    await sb.close();
    if (billerId) await removeBiller(dataDir, billerId);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Takes the campaign biller's secrets out of the keychain again (its ledger goes with the temporary folder). */
async function removeBiller(dataDir: string, billerId: string): Promise<void> {
  try {
    const core = createCore({ dataDir, shell: 'cli', logger: new MemoryLogger() });
    try {
      await core.billers.removeSecret(billerId, 'web-service-key');
      await core.billers.removeSecret(billerId, 'impresa-password');
    } finally {
      await core.close();
    }
  } catch {
    // The keychain entries of a temporary biller are harmless; the data folder goes anyway.
  }
}
