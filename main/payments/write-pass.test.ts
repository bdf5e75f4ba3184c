import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BillerProfile } from '../billers/billers.service';
import { ClientError } from '../clients/errors';
import type { ImpresaClient } from '../clients/impresa';
import { HttpImpresaClient } from '../clients/impresa/http-client';
import { FakeClock } from '../ground/fake-clock';
import { EventBus } from '../ipc/router';
import { openAppDatabase } from '../app/migrations';
import { startSandbox, type Sandbox } from '../sandbox';
import type { Db } from '../store/database';
import { CrashHook } from './crash-hook';
import { PaymentIntake, WRITE_CHUNK } from './intake';
import { PaymentLedger } from './ledger';
import { QueueStore } from './queue-store';
import { ReturnsPath } from './returns';
import type { RunContext } from './run-context';
import { icPaymentRecord, insertTestBiller } from './testing';
import { WriteBack } from './write-back';
import { WritePath } from './write-path';

/**
 * The write pass with several accounts written side by side, against the InHANCE simulator over
 * HTTP and a real SQLite ledger: each account's payments reach InHANCE in ledger order, a deposit
 * day's batch is created once, and a transient failure in the middle loses and duplicates nothing.
 * The simulator numbers entries in the order it creates them (E000001, E000002, …), so an entry's
 * number is InHANCE's own record of when it was made.
 */
const B = 'biller-1';
const AT = '2025-03-03T15:00:00.000Z';
const DAYS = ['2025-03-03', '2025-03-04', '2025-03-05'];
let dir: string;
let db: Db;
let sb: Sandbox;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-write-pass-'));
  db = openAppDatabase(dir);
  insertTestBiller(db, B, AT);
  sb = await startSandbox({ accounts: 40, seed: 'write-pass' });
  // Answers come back after uneven delays, so writes in flight side by side finish out of order.
  sb.setFaults('impresa:latency=6ms@0.5');
});
afterEach(async () => {
  await sb.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What the pass did to InHANCE, seen at the client: createBatch calls per day, createEntry calls in flight. */
interface Watch {
  batchCalls: Map<string, number>;
  inFlight: number;
  maxInFlight: number;
  /** When set, the n-th createEntry lands in InHANCE and then fails as a lost answer would (transient). */
  failEntryAt: number | null;
  entryCalls: number;
  /** When set, the next look-up of this account fails with this error (once). */
  failAccount: { accountNumber: string; error: ClientError } | null;
  accountCalls: Map<string, number>;
}

function watched(client: ImpresaClient, watch: Watch): ImpresaClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'createBatch') {
        return (input: { depositDate: string }) => {
          watch.batchCalls.set(input.depositDate, (watch.batchCalls.get(input.depositDate) ?? 0) + 1);
          return target.createBatch(input as Parameters<ImpresaClient['createBatch']>[0]);
        };
      }
      if (prop === 'getAccount') {
        return async (accountNumber: string) => {
          watch.accountCalls.set(accountNumber, (watch.accountCalls.get(accountNumber) ?? 0) + 1);
          if (watch.failAccount?.accountNumber === accountNumber) {
            const { error } = watch.failAccount;
            watch.failAccount = null;
            throw error;
          }
          return target.getAccount(accountNumber);
        };
      }
      if (prop === 'createEntry') {
        return async (...args: Parameters<ImpresaClient['createEntry']>) => {
          const n = ++watch.entryCalls;
          watch.inFlight++;
          watch.maxInFlight = Math.max(watch.maxInFlight, watch.inFlight);
          try {
            const entry = await target.createEntry(...args);
            if (n === watch.failEntryAt)
              throw new ClientError({
                code: 'IMPRESA_TRANSIENT',
                kind: 'TRANSIENT',
                system: 'InHANCE Impresa',
                operation: 'createEntry',
                message: 'InHANCE did not answer in time (test: the entry landed, its answer was lost).',
                retryable: true,
              });
            return entry;
          } finally {
            watch.inFlight--;
          }
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function setUp(watch: Watch) {
  const clock = new FakeClock(AT);
  const ledger = new PaymentLedger(db);
  const writeBack = new WriteBack({ ledger, store: new QueueStore(db), clock, events: new EventBus() });
  const crash = new CrashHook(null);
  const client = new HttpImpresaClient({
    baseUrl: sb.impresaBaseUrl,
    username: sb.impresaUser,
    password: sb.impresaPassword,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 2 },
  });
  const impresa = watched(client, watch);
  const intake = new PaymentIntake({
    ledger,
    writeBack,
    write: new WritePath({ ledger, clock, crash, writeBack }),
    returns: new ReturnsPath(ledger, clock, crash),
    clock,
    crash,
    impresa: async () => impresa,
    audited: () => {},
  });
  const logs: string[] = [];
  const ctx = (runId: string): RunContext => ({
    biller: {
      id: B,
      name: 'Springfield Water',
      timeZone: 'America/New_York',
      postingMode: 'pending',
      livePostingUser: 'IC Clerk',
    } as BillerProfile,
    runId,
    dryRun: false,
    installationId: 'host',
    signal: new AbortController().signal,
    log: (level, message) => logs.push(`${level}: ${message}`),
    count: () => {},
    reportForeignStamp: () => {},
    anomaly: () => {},
  });
  return { ledger, intake, ctx, logs };
}

/**
 * `count` payments over five accounts and three deposit days, more than one chunk: account k pays
 * every fifth payment, so each account has several payments in every chunk.
 */
function feed(count: number) {
  return Array.from({ length: count }, (_, i) =>
    icPaymentRecord(i + 1, {
      accountNumber: sb.world.accountNumber(i % 5),
      depositDate: DAYS[Math.floor(i / 7) % DAYS.length]!,
      amountCents: 1000 + i,
    }),
  );
}

const newWatch = (): Watch => ({
  batchCalls: new Map(),
  inFlight: 0,
  maxInFlight: 0,
  failEntryAt: null,
  entryCalls: 0,
  failAccount: null,
  accountCalls: new Map(),
});

const lookupError = (transient: boolean) =>
  new ClientError({
    code: transient ? 'IMPRESA_TRANSIENT' : 'IMPRESA_PROTOCOL',
    kind: transient ? 'TRANSIENT' : 'PROTOCOL',
    system: 'InHANCE Impresa',
    operation: 'getAccount',
    message: transient
      ? 'InHANCE did not answer in time (test).'
      : 'InHANCE answered with something unreadable (test).',
    retryable: transient,
  });

describe('the write pass, accounts side by side', () => {
  it('writes each account’s payments in ledger order, creates each deposit day’s batch once, and one entry per payment', async () => {
    const watch = newWatch();
    const { ledger, intake, ctx } = setUp(watch);
    const records = feed(WRITE_CHUNK + 60);
    ledger.recordPage(B, records, AT, 'run-1');

    const out = await intake.recover(ctx('run-1'));

    expect(out.failed).toBe(0);
    expect(out.queued + out.exceptions).toBe(records.length);
    // Writes for different accounts did overlap: the order below is not the trivial one-at-a-time order.
    expect(watch.maxInFlight).toBeGreaterThan(1);
    // One createBatch per deposit day, though every day's first payments were written side by side.
    expect(Object.fromEntries(watch.batchCalls)).toEqual(Object.fromEntries(DAYS.map((d) => [d, 1])));

    const settled = ledger.payments(B);
    expect(settled.map((p) => p.state).filter((s) => s === 'downloaded')).toEqual([]);
    const byAccount = new Map<string, Array<{ seq: number; entry: string }>>();
    for (const p of settled) {
      expect(p.entryId, `payment ${p.icSequence} has an entry`).toMatch(/^E\d+$/);
      const list = byAccount.get(p.accountNumber) ?? [];
      list.push({ seq: p.icSequence, entry: p.entryId! });
      byAccount.set(p.accountNumber, list);
    }
    expect(byAccount.size).toBe(5);
    for (const [account, list] of byAccount) {
      // Ledger order (feed sequence) against InHANCE's creation order (entry numbers).
      const inLedgerOrder = list.sort((a, b) => a.seq - b.seq).map((x) => x.entry);
      const inCreationOrder = [...inLedgerOrder].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
      expect(inLedgerOrder, `account ${account}`).toEqual(inCreationOrder);
    }

    const summary = sb.summary().impresa;
    expect(summary.duplicateExternalRefs).toBe(0);
    expect(summary.batches).toBe(DAYS.length);
    expect(summary.entries.pending.count).toBe(records.length);
  });

  it('stops at a transient failure after the writes in flight settle; the next run finds what landed and writes the rest, once', async () => {
    const watch = newWatch();
    watch.failEntryAt = 40;
    const { ledger, intake, ctx } = setUp(watch);
    const records = feed(120);
    ledger.recordPage(B, records, AT, 'run-1');

    await expect(intake.recover(ctx('run-1'))).rejects.toMatchObject({ code: 'IMPRESA_TRANSIENT' });

    // Nothing is left half-recorded: every payment is settled, or still to do with its intent kept.
    const after = ledger.payments(B);
    const failedOne = after.find((p) => p.lastError !== null)!;
    expect(failedOne.state).toBe('downloaded');
    expect(failedOne.intent).toBe('entry');
    const settledFirst = after.filter((p) => p.state !== 'downloaded').length;
    // The writes already in flight finished and were recorded (no new one started after the failure).
    expect(settledFirst).toBeGreaterThanOrEqual(39);
    expect(settledFirst).toBeLessThan(records.length);
    expect(watch.entryCalls).toBeLessThan(records.length);
    const landed = sb.summary().impresa.entries.pending.count;
    // InHANCE holds what the ledger settled, plus the one whose answer was lost.
    expect(landed).toBe(settledFirst + 1);

    watch.failEntryAt = null;
    const again = await intake.recover(ctx('run-2'));
    expect(again.found).toBe(1);
    expect(again.failed).toBe(0);
    expect(ledger.counts(B).downloaded).toBe(0);
    const summary = sb.summary().impresa;
    expect(summary.duplicateExternalRefs).toBe(0);
    expect(summary.entries.pending.count).toBe(records.length);
    expect(ledger.payments(B).find((p) => p.paymentGuid === failedOne.paymentGuid)!.entryId).toMatch(/^E\d+$/);
  });

  it('an account look-up read ahead that fails, fails its payment as an inline look-up would: transient stops the pass, any other leaves the payment for the next run', async () => {
    const watch = newWatch();
    const { ledger, intake, ctx } = setUp(watch);
    const records = feed(30);
    ledger.recordPage(B, records, AT, 'run-1');
    const account = sb.world.accountNumber(2);
    const firstOfAccount = records.find((r) => r.accountNumber === account)!;

    // Not transient: that payment fails and is counted; the account's next payment reads it again; the rest are written.
    watch.failAccount = { accountNumber: account, error: lookupError(false) };
    const first = await intake.recover(ctx('run-1'));
    expect(first.failed).toBe(1);
    expect(first.queued + first.exceptions).toBe(records.length - 1);
    expect(watch.accountCalls.get(account)).toBe(2);
    const failedOne = ledger.get(B, firstOfAccount.paymentGuid)!;
    expect(failedOne).toMatchObject({ state: 'downloaded', intent: null, attempts: 0 });
    expect(failedOne.lastError).toMatch(/unreadable/);

    // Transient: the pass stops with it; nothing was written for that payment.
    watch.failAccount = { accountNumber: account, error: lookupError(true) };
    await expect(intake.recover(ctx('run-2'))).rejects.toMatchObject({ code: 'IMPRESA_TRANSIENT' });
    expect(ledger.get(B, firstOfAccount.paymentGuid)).toMatchObject({ state: 'downloaded', intent: null });

    const last = await intake.recover(ctx('run-3'));
    expect(last.failed).toBe(0);
    expect(ledger.counts(B).downloaded).toBe(0);
    const summary = sb.summary().impresa;
    expect(summary.duplicateExternalRefs).toBe(0);
    expect(summary.entries.pending.count).toBe(records.length);
  });
});
