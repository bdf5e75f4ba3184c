import os from 'node:os';
import type { Db } from '../store/database';
import type { Clock } from './clock';

export interface Actor {
  /** OS account name, e.g. `jsmith`. */
  id: string;
  /** Display name for screens and reports. */
  name: string;
}

export function osActor(): Actor {
  let id = 'unknown';
  try {
    id = os.userInfo().username;
  } catch {
    id = process.env.USERNAME ?? process.env.USER ?? 'unknown';
  }
  return { id, name: process.env.IMPRESA_BRIDGE_DISPLAY_NAME ?? id };
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

/** Who did what and when: every change a person makes, and every pause of the scheduler. */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly actor: Actor,
  ) {}

  record(action: string, entry: { billerId?: string | null; subject?: string | null; detail?: string | null; actor?: Actor } = {}): void {
    const who = entry.actor ?? this.actor;
    this.db
      .prepare('INSERT INTO audit_log (at, actor, actor_name, biller_id, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(this.clock.now().toISOString(), who.id, who.name, entry.billerId ?? null, action, entry.subject ?? null, entry.detail ?? null);
  }

  list(filter: { billerId?: string; limit?: number } = {}): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT id, at, actor, actor_name AS actorName, biller_id AS billerId, action, subject, detail
         FROM audit_log WHERE (@billerId IS NULL OR biller_id = @billerId) ORDER BY id DESC LIMIT @limit`,
      )
      .all({ billerId: filter.billerId ?? null, limit: filter.limit ?? 500 }) as AuditEntry[];
    return rows;
  }

  get currentActor(): Actor {
    return this.actor;
  }
}
