import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { insertTestBiller } from '../payments/testing';
import { migrate } from './database';
import { migrations } from '../app/migrations';

describe('migration 9 (audit operations, interrupted runs)', () => {
  it('rebuilds job_runs for the interrupted state and keeps every run with its log, reports and artifacts', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      migrations.filter((m) => m.version < 9),
    );
    const at = '2025-03-03T14:00:00.000Z';
    insertTestBiller(db, 'b1', at);
    db.prepare(
      `INSERT INTO job_runs (id, biller_id, job, trigger, dry_run, started_at, state, installation_id, session_id, alive_at)
       VALUES ('r1', 'b1', 'payments', 'manual', 0, ?, 'running', 'i', 's', ?)`,
    ).run(at, at);
    db.prepare(`INSERT INTO job_run_log (run_id, at, level, message) VALUES ('r1', ?, 'info', 'Started by hand')`).run(
      at,
    );
    db.prepare(
      `INSERT INTO job_run_artifacts (run_id, name, kind, columns, row_count, created_at) VALUES ('r1', 'report', 'report', '[]', 1, ?)`,
    ).run(at);
    db.prepare(`INSERT INTO job_report_rows (run_id, name, seq, data) VALUES ('r1', 'report', 0, '{}')`).run();
    expect(() => db.prepare(`UPDATE job_runs SET state = 'interrupted'`).run()).toThrow(/CHECK constraint/);

    migrate(db, migrations);
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...migrations.map((m) => m.version)));
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.prepare(`UPDATE job_runs SET state = 'interrupted' WHERE id = 'r1'`).run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM job_run_log').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM job_report_rows').get()).toEqual({ n: 1 });
    // The runs' children still follow their run: deleting the biller takes everything with it.
    db.prepare(`DELETE FROM billers WHERE id = 'b1'`).run();
    expect(
      db
        .prepare(
          'SELECT (SELECT COUNT(*) FROM job_runs) + (SELECT COUNT(*) FROM job_run_log) + (SELECT COUNT(*) FROM job_report_rows) AS n',
        )
        .get(),
    ).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // One row per operation in the audit log.
    const insert = db.prepare(
      `INSERT OR IGNORE INTO audit_log (at, actor, actor_name, action, operation) VALUES (?, 'u', 'U', 'payment.post', 'payment.post:b1:E1')`,
    );
    expect(insert.run(at).changes).toBe(1);
    expect(insert.run(at).changes).toBe(0);
    db.close();
  });
});
