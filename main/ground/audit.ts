import os from 'node:os';
import type Database from 'better-sqlite3';
import type { Clock } from './clock';
import { fullNameSync, fullNameWindows } from './os-user';

export interface Actor {
  /** OS account name, e.g. `jsmith`. */
  id: string;
  /** Display name for screens and reports. */
  name: string;
}

function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? 'unknown';
  }
}

let cached: Actor | null = null;
let resolving: Promise<Actor> | null = null;

/**
 * This OS user, read once per process and cached: the account name, and as display name
 * IMPRESA_BRIDGE_DISPLAY_NAME if set, else the OS full name where it is cheap to read at start
 * (Linux GECOS, macOS `id -F`), else the account name (see resolveOsActor for Windows).
 */
export function osActor(): Actor {
  if (cached) return { ...cached };
  const id = osUserName();
  const override = process.env.IMPRESA_BRIDGE_DISPLAY_NAME?.trim();
  cached = { id, name: override || (fullNameSync(id) ?? id) };
  return { ...cached };
}

/**
 * The same, once the slow lookups have answered: on Windows the account's full name (PowerShell,
 * then `net user`), read in the background once; the account name when neither answers in time.
 */
export function resolveOsActor(): Promise<Actor> {
  const first = osActor();
  if (process.platform !== 'win32' || process.env.IMPRESA_BRIDGE_DISPLAY_NAME?.trim() || first.name !== first.id)
    return Promise.resolve(first);
  resolving ??= fullNameWindows(first.id).then((name) => {
    cached = { id: first.id, name: name ?? first.id };
    return { ...cached };
  });
  return resolving;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorName: string;
  billerId: string | null;
  action: string;
  subject: string | null;
  detail: string | null;
}

/** Which audit rows to read; every field left out matches all. */
export interface AuditQuery {
  billerId?: string | undefined;
  /** Any of these actions. */
  actions?: readonly string[] | undefined;
  /** Actions starting with this, e.g. `payment.`. */
  actionPrefix?: string | undefined;
  /** Part of the actor's account or display name. */
  actor?: string | undefined;
  /** Text in the subject or the detail. */
  search?: string | undefined;
  /** This subject exactly. */
  subject?: string | undefined;
  /** Rows with a subject only. */
  hasSubject?: boolean | undefined;
  /** ISO instants: `from` inclusive, `to` exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Rows recorded after this one. */
  afterId?: number | undefined;
}

/** `text` for a LIKE pattern with ESCAPE '\\': its own wildcards are taken literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereOf(q: AuditQuery): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.billerId !== undefined) {
    clauses.push('biller_id = @billerId');
    params.billerId = q.billerId;
  }
  if (q.actions) {
    const names = q.actions.map((action, i) => {
      params[`action${i}`] = action;
      return `@action${i}`;
    });
    clauses.push(names.length ? `action IN (${names.join(', ')})` : '0');
  }
  if (q.actionPrefix) {
    clauses.push("action LIKE @actionPrefix ESCAPE '\\'");
    params.actionPrefix = `${likeLiteral(q.actionPrefix)}%`;
  }
  if (q.actor) {
    clauses.push("(actor LIKE @actor ESCAPE '\\' OR actor_name LIKE @actor ESCAPE '\\')");
    params.actor = `%${likeLiteral(q.actor)}%`;
  }
  if (q.search) {
    clauses.push("(subject LIKE @search ESCAPE '\\' OR detail LIKE @search ESCAPE '\\')");
    params.search = `%${likeLiteral(q.search)}%`;
  }
  if (q.subject !== undefined) {
    clauses.push('subject = @subject');
    params.subject = q.subject;
  }
  if (q.hasSubject) clauses.push('subject IS NOT NULL');
  if (q.from) {
    clauses.push('at >= @from');
    params.from = q.from;
  }
  if (q.to) {
    clauses.push('at < @to');
    params.to = q.to;
  }
  if (q.afterId !== undefined) {
    clauses.push('id > @afterId');
    params.afterId = q.afterId;
  }
  return { sql: clauses.length ? clauses.join(' AND ') : '1', params };
}

/**
 * Who did what and when: every change a person makes, and every pause of the scheduler. The one
 * module that reads and writes the `audit_log` table; the audit views (payments, checklist) query it here.
 */
export class AuditLog {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private actor: Actor,
  ) {}

  record(
    action: string,
    entry: { billerId?: string | null; subject?: string | null; detail?: string | null; actor?: Actor } = {},
  ): void {
    const who = entry.actor ?? this.actor;
    this.db
      .prepare(
        'INSERT INTO audit_log (at, actor, actor_name, biller_id, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        this.clock.now().toISOString(),
        who.id,
        who.name,
        entry.billerId ?? null,
        action,
        entry.subject ?? null,
        entry.detail ?? null,
      );
  }

  /** Runs `fn` in one SQLite transaction (a savepoint inside another): the audit row and what it reports commit together. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * An action about to be sent elsewhere (InHANCE) under a unique operation key: kept until its
   * outcome is recorded (recordOnce) or known not to have happened (forget), so an outcome learnt
   * only later (the answer was lost, the process was killed) is still recorded, once.
   */
  expect(operation: string, action: string, entry: { billerId?: string | null; subject?: string | null } = {}): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO audit_pending (operation, at, actor, actor_name, biller_id, action, subject) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        operation,
        this.clock.now().toISOString(),
        this.actor.id,
        this.actor.name,
        entry.billerId ?? null,
        action,
        entry.subject ?? null,
      );
  }

  /** Whether this installation sent the operation and has not recorded its outcome yet. */
  isExpected(operation: string): boolean {
    return this.db.prepare('SELECT 1 FROM audit_pending WHERE operation = ?').get(operation) !== undefined;
  }

  /** Whether the operation's outcome is already in the log. */
  hasRecorded(operation: string): boolean {
    return this.db.prepare('SELECT 1 FROM audit_log WHERE operation = ?').get(operation) !== undefined;
  }

  /** The operation did not happen (InHANCE refused it, or someone else did it): nothing left to record. */
  forget(operation: string): void {
    this.db.prepare('DELETE FROM audit_pending WHERE operation = ?').run(operation);
  }

  /**
   * The outcome of an operation, exactly once: a second record of the same operation (a retry, a
   * re-post of what this installation already posted) adds nothing. Returns whether a row was added.
   */
  recordOnce(
    operation: string,
    action: string,
    /** `at`: when it happened, if another system's record says so (a post's time in InHANCE); else now. */
    entry: {
      billerId?: string | null;
      subject?: string | null;
      detail?: string | null;
      actor?: Actor;
      at?: string | null;
    } = {},
  ): boolean {
    const who = entry.actor ?? this.actor;
    return this.atomically(() => {
      const added = this.db
        .prepare(
          'INSERT OR IGNORE INTO audit_log (at, actor, actor_name, biller_id, action, subject, detail, operation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          auditInstant(entry.at) ?? this.clock.now().toISOString(),
          who.id,
          who.name,
          entry.billerId ?? null,
          action,
          entry.subject ?? null,
          entry.detail ?? null,
          operation,
        ).changes;
      this.forget(operation);
      return added > 0;
    });
  }

  list(filter: { billerId?: string; limit?: number } = {}): AuditEntry[] {
    return this.query({ billerId: filter.billerId }, { limit: filter.limit ?? 500 });
  }

  /** Rows matching `q`, newest first unless `oldestFirst`, a page at a time. */
  query(q: AuditQuery, page: { offset?: number; limit?: number; oldestFirst?: boolean } = {}): AuditEntry[] {
    const { sql, params } = whereOf(q);
    return this.db
      .prepare(
        `SELECT id, at, actor, actor_name AS actorName, biller_id AS billerId, action, subject, detail
         FROM audit_log WHERE ${sql} ORDER BY id ${page.oldestFirst ? 'ASC' : 'DESC'} LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: page.limit ?? -1, offset: page.offset ?? 0 }) as AuditEntry[];
  }

  /** How many rows match `q`. */
  count(q: AuditQuery): number {
    const { sql, params } = whereOf(q);
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE ${sql}`).get(params) as { n: number }).n;
  }

  /** The display name each actor of the matching rows was recorded with (account → name). */
  actorNames(q: AuditQuery): Map<string, string> {
    const { sql, params } = whereOf(q);
    const rows = this.db
      .prepare(`SELECT DISTINCT actor, actor_name AS name FROM audit_log WHERE ${sql}`)
      .all(params) as Array<{ actor: string; name: string }>;
    return new Map(rows.map((r) => [r.actor, r.name]));
  }

  get currentActor(): Actor {
    return this.actor;
  }

  /** The OS full name arrived after start (Windows): later records carry it; the account stays the same. */
  useDisplayName(actorId: string, name: string): void {
    if (actorId === this.actor.id) this.actor = { id: this.actor.id, name };
  }
}

/** An instant from another system as the audit log stores it (ISO, UTC), or null when there is none or it cannot be read. */
function auditInstant(at: string | null | undefined): string | null {
  if (!at) return null;
  const t = Date.parse(at);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}
