import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../app/migrations';
import type { Db } from '../store/database';
import { AuditLog } from './audit';

/** The one reader of `audit_log`, on a real SQLite file. */
let dir: string;
let db: Db;
let audit: AuditLog;
let now = Date.parse('2025-03-03T15:00:00.000Z');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-audit-'));
  db = openAppDatabase(dir);
  audit = new AuditLog(
    db,
    { now: () => new Date((now += 60_000)), setTimer: () => () => undefined },
    { id: 'kwong', name: 'Kim Wong' },
  );
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reading the audit log', () => {
  it('filters by action, prefix, subject, actor and text, pages newest first, and counts the same rows', () => {
    const mlopez = { id: 'mlopez', name: 'Maria Lopez' };
    audit.record('payment.post', { subject: 'E1', detail: 'Posted $10.00 (100%_off)' });
    audit.record('payment.hold', { subject: 'E2', detail: 'Held: call back', actor: mlopez });
    audit.record('biller.update', { subject: 'name', detail: 'renamed' });
    audit.record('payment.post', { subject: 'E3', detail: 'Posted $30.00', actor: mlopez });

    const payments = { actionPrefix: 'payment.' };
    expect(audit.count(payments)).toBe(3);
    expect(audit.query(payments).map((e) => e.subject)).toEqual(['E3', 'E2', 'E1']);
    expect(audit.query(payments, { oldestFirst: true, offset: 1, limit: 1 }).map((e) => e.subject)).toEqual(['E2']);
    expect(audit.query({ ...payments, actions: ['payment.post'], actor: 'lopez' }).map((e) => e.subject)).toEqual([
      'E3',
    ]);
    // LIKE wildcards the clerk types are taken literally.
    expect(audit.query({ search: '%_off' }).map((e) => e.subject)).toEqual(['E1']);
    expect(audit.count({ search: '_' })).toBe(1);
    expect(audit.count({ actions: [] })).toBe(0);
    const first = audit.query({ subject: 'E1' })[0]!;
    expect(audit.count({ ...payments, afterId: first.id })).toBe(2);
    expect(audit.actorNames(payments)).toEqual(
      new Map([
        ['kwong', 'Kim Wong'],
        ['mlopez', 'Maria Lopez'],
      ]),
    );
  });
});
