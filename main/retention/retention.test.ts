import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../ground/audit';
import { FakeClock } from '../ground/fake-clock';
import { MemoryLogger } from '../ground/logger';
import { insertTestBiller } from '../payments/testing';
import { openAppDatabase } from '../app/migrations';
import type { Db } from '../store/database';
import { Retention } from './retention';

const NOW = '2026-06-01T12:00:00.000Z';
const daysAgo = (n: number) => new Date(Date.parse(NOW) - n * 86_400_000).toISOString();

let dir: string;
let db: Db;
afterEach(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function setup() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-retention-'));
  db = openAppDatabase(dir);
  const clock = new FakeClock(NOW);
  const audit = new AuditLog(db, clock, { id: 'pm', name: 'P. Manager' });
  const logsDir = path.join(dir, 'logs');
  fs.mkdirSync(logsDir);
  insertTestBiller(db, 'b1', daysAgo(400));
  const run = (id: string, job: string, startedDaysAgo: number, state = 'succeeded') => {
    db.prepare(
      `INSERT INTO job_runs (id, biller_id, job, trigger, dry_run, started_at, ended_at, state, installation_id, session_id, alive_at) VALUES (?, 'b1', ?, 'schedule', 0, ?, ?, ?, 'i', 's', ?)`,
    ).run(id, job, daysAgo(startedDaysAgo), daysAgo(startedDaysAgo), state, daysAgo(startedDaysAgo));
    db.prepare("INSERT INTO job_run_log (run_id, at, level, message) VALUES (?, ?, 'info', 'x')").run(
      id,
      daysAgo(startedDaysAgo),
    );
  };
  return {
    clock,
    audit,
    logsDir,
    run,
    retention: new Retention(db, { clock, audit, log: new MemoryLogger(), logsDir }),
  };
}

describe('Retention', () => {
  it('shows and prunes runs, their logs and old log files past the setting; keeps the latest run of each job, runs a payment names, the audit log', () => {
    const { run, retention, logsDir } = setup();
    run('old-balance', 'balance', 120);
    run('older-balance', 'balance', 200);
    run('new-balance', 'balance', 10);
    run('only-weekly', 'balance-all', 300); // the latest (only) run of its job
    run('old-payments', 'payments', 150);
    run('paid-run', 'payments', 160);
    run('latest-payments', 'payments', 1);
    run('stuck', 'customer', 100, 'running');
    run('customer-now', 'customer', 2);
    db.prepare(
      "INSERT INTO payment_deliveries (biller_id, payment_guid, ic_sequence, record_type, received_at, run_id, duplicate) VALUES ('b1', 'g', 1, 'Payment', ?, 'paid-run', 0)",
    ).run(daysAgo(160));
    fs.writeFileSync(path.join(logsDir, 'main.log'), 'now');
    fs.writeFileSync(path.join(logsDir, 'main.old.log'), 'old');
    const old = new Date(Date.parse(daysAgo(95)));
    fs.utimesSync(path.join(logsDir, 'main.old.log'), old, old);
    fs.utimesSync(path.join(logsDir, 'main.log'), old, old);

    expect(retention.days()).toBe(90);
    const plan = retention.plan();
    expect(plan).toMatchObject({
      days: 90,
      cutoff: daysAgo(90),
      runs: 3,
      runLogLines: 3,
      batches: 0,
      logFiles: ['main.old.log'],
    });
    // With a longer setting, less goes; nothing was removed by looking.
    expect(retention.plan(180)).toMatchObject({ runs: 1 });
    expect(db.prepare('SELECT COUNT(*) FROM job_runs').pluck().get()).toBe(9);

    retention.prune();
    const left = db.prepare('SELECT id FROM job_runs ORDER BY id').pluck().all();
    expect(left).toEqual(['customer-now', 'latest-payments', 'new-balance', 'only-weekly', 'paid-run', 'stuck']);
    expect(
      db
        .prepare("SELECT COUNT(*) FROM job_run_log WHERE run_id IN ('old-balance', 'older-balance', 'old-payments')")
        .pluck()
        .get(),
    ).toBe(0);
    expect(fs.readdirSync(logsDir)).toEqual(['main.log']);
    expect(db.prepare('SELECT COUNT(*) FROM payment_deliveries').pluck().get()).toBe(1);
    expect(db.prepare("SELECT detail FROM audit_log WHERE action = 'retention.prune'").pluck().get()).toBe(
      'older than 90 days: 3 runs, 0 batches, 1 log files',
    );
    expect(retention.plan().runs).toBe(0);
  });

  it('keeps the setting within bounds and says so', () => {
    const { retention } = setup();
    expect(retention.setDays(30)).toBe(30);
    expect(retention.days()).toBe(30);
    expect(() => retention.setDays(3)).toThrow('Keep logs and run history for a whole number of days from 7 to 3650.');
    expect(retention.days()).toBe(30);
  });

  it('prunes daily on the app clock', async () => {
    const { retention, run, clock } = setup();
    run('a', 'balance', 100);
    run('b', 'balance', 1);
    const stop = retention.schedule();
    await clock.advance(60_000);
    expect(db.prepare('SELECT COUNT(*) FROM job_runs').pluck().get()).toBe(1);
    run('c', 'customer', 89.99);
    run('d', 'customer', 0);
    await clock.advance(86_400_000);
    expect(db.prepare('SELECT id FROM job_runs ORDER BY id').pluck().all()).toEqual(['b', 'd']);
    stop();
    expect(clock.pending()).toBe(0);
  });
});
