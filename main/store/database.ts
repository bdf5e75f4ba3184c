import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

export const DATABASE_FILE = 'impresa-bridge.db';

function keepAside(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const copy = `${file}.damaged-${stamp}`;
  fs.copyFileSync(file, copy);
  return copy;
}

function damaged(file: string, reason: string): AppError {
  let kept = '';
  try {
    kept = ` A copy was kept at ${keepAside(file)}.`;
  } catch {
    kept = '';
  }
  return new AppError(
    'DATABASE_CORRUPT',
    `The database ${file} cannot be used: ${reason}.${kept} Nothing was changed. Restore it from a backup, or move it out of the data folder to start with an empty one.`,
  );
}

/**
 * Opens (or creates) the SQLite database in the data directory: integrity check first, then WAL
 * and the numbered migrations. A damaged file is never replaced: it is copied aside and reported.
 */
export function openDatabase(dataDir: string, options: { migrations?: Migration[] } = {}): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: false, timeout: 5000 });
  } catch (error) {
    if (!existed) throw new AppError('DATABASE_CORRUPT', `The database ${file} cannot be created: ${(error as Error).message}. Check that the data folder is writable.`);
    throw damaged(file, (error as Error).message);
  }
  try {
    if (existed) {
      const rows = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
      const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      if (problems.length > 0) throw new Error(`the integrity check found ${problems.length} problem(s), first: ${problems[0]}`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    db.close();
    throw damaged(file, (error as Error).message.replace(/^SqliteError: /, ''));
  }
  migrate(db, options.migrations ?? migrations);
  return db;
}

/** Applies the migrations newer than `user_version`, each in its own transaction. */
export function migrate(db: Db, list: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const sorted = [...list].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) throw new Error(`Two migrations share version ${sorted[i]!.version}`);
  }
  for (const m of sorted) {
    if (m.version <= current) continue;
    // A pragma without effect inside a transaction: set around it, and checked before commit.
    const keys = m.foreignKeysOff ? (db.pragma('foreign_keys', { simple: true }) as number) : 0;
    if (keys) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) throw new Error(`Migration ${m.version} (${m.name}) broke a foreign key.`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (keys) db.pragma('foreign_keys = ON');
    }
  }
}
