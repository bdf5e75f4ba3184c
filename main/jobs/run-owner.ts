import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Whether the process that owns a run is alive, told at once and without guessing from time: each
 * process that runs jobs holds an exclusive SQLite lock on its own small file
 * (`<data dir>/run-owners/<session>.lock`) for as long as it lives. The operating system drops the
 * lock when the process ends, however it ends (SIGKILL, a crash, a power cut, Windows' Task
 * Manager): another process that can take the lock knows the owner is dead. PIDs are not used, so
 * a PID reused by another program cannot pass for the owner.
 */
export class RunOwners {
  private held: { sessionId: string; db: Database.Database; file: string } | null = null;

  /** `dir`: where the lock files live; null (an in-memory database in tests): liveness is unknown. */
  constructor(private readonly dir: string | null) {}

  private file(sessionId: string): string {
    return path.join(this.dir!, `${sessionId.replace(/[^A-Za-z0-9-]/g, '')}.lock`);
  }

  /** Takes this process's lock (once); call before the first run of this session is recorded. */
  hold(sessionId: string): void {
    if (!this.dir || this.held) return;
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.file(sessionId);
    const db = new Database(file, { timeout: 0 });
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; EXCLUSIVE locking mode keeps it until close.
    db.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL, started_at TEXT NOT NULL)');
    db.transaction(() => {
      db.exec('DELETE FROM owner');
      db.prepare('INSERT INTO owner (pid, started_at) VALUES (?, ?)').run(process.pid, new Date().toISOString());
    })();
    this.held = { sessionId, db, file };
  }

  /**
   * true: the session's process is alive (its lock is held); false: it is gone (its file is
   * removed); null: no lock file (no directory here, or a run recorded before lock files
   * existed), so only the run's last sign of life can tell.
   */
  isAlive(sessionId: string): boolean | null {
    if (!this.dir) return null;
    if (this.held?.sessionId === sessionId) return true;
    const file = this.file(sessionId);
    if (!fs.existsSync(file)) return null;
    let db: Database.Database | null = null;
    try {
      db = new Database(file, { fileMustExist: true, timeout: 0 });
      db.pragma('busy_timeout = 0');
      db.exec('BEGIN EXCLUSIVE');
      db.exec('ROLLBACK');
    } catch (error) {
      db?.close();
      if (
        (error as { code?: string }).code?.startsWith('SQLITE_BUSY') ||
        (error as { code?: string }).code?.startsWith('SQLITE_LOCKED')
      )
        return true;
      // A file that is not a lock (damaged, half written by a process killed while creating it): its owner is gone.
      this.remove(file);
      return false;
    }
    db.close();
    this.remove(file);
    return false;
  }

  /** Removes the lock files of sessions that are gone (a killed process leaves its file behind). */
  sweep(): number {
    if (!this.dir || !fs.existsSync(this.dir)) return 0;
    let removed = 0;
    for (const name of fs.readdirSync(this.dir)) {
      const m = /^(.+)\.lock$/.exec(name);
      if (!m || m[1] === this.held?.sessionId) continue;
      // A file this young may belong to a process taking its lock right now.
      const age = Date.now() - (fs.statSync(path.join(this.dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > 10_000 && this.isAlive(m[1]!) === false) removed++;
    }
    return removed;
  }

  /** Drops this process's lock (the app or the command is closing). */
  release(): void {
    if (!this.held) return;
    const { db, file } = this.held;
    this.held = null;
    db.close();
    this.remove(file);
  }

  private remove(file: string): void {
    for (const f of [file, `${file}-journal`]) {
      try {
        fs.rmSync(f, { force: true });
      } catch {
        // Another process is checking the same file right now; whoever comes next removes it.
      }
    }
  }
}
