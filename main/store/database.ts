import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { Migration } from './migration';

export type Db = Database.Database;

export const DATABASE_FILE = 'impresa-bridge.db';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const WAL_HEADER_BYTES = 32;

/** The database's companions: SQLite's write-ahead log and its shared-memory index. */
const companions = (file: string) => ({ wal: `${file}-wal`, shm: `${file}-shm` });

function sizeOf(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}

/**
 * A WAL header is 32 bytes: magic 0x377f0682/3 (the low bit says the checksums' byte order),
 * format version 3007000, and a checksum of its first 24 bytes in bytes 24..31. SQLite silently
 * ignores (and then overwrites) a WAL whose header fails these checks, losing every record in it,
 * so a non-empty WAL with a bad header is damage to report, not something to open.
 */
export function walHeaderProblem(header: Buffer): string | null {
  if (header.length < WAL_HEADER_BYTES)
    return `its write-ahead log is cut short (${header.length} bytes, less than its 32-byte header)`;
  const magic = header.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683)
    return 'its write-ahead log does not start with a write-ahead-log header';
  if (header.readUInt32BE(4) !== 3007000)
    return `its write-ahead log has an unknown format version (${header.readUInt32BE(4)})`;
  const bigEndian = (magic & 1) === 1;
  const word = (i: number) => (bigEndian ? header.readUInt32BE(i) : header.readUInt32LE(i));
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < 24; i += 8) {
    s0 = (s0 + word(i) + s1) >>> 0;
    s1 = (s1 + word(i + 4) + s0) >>> 0;
  }
  if (s0 !== header.readUInt32BE(24) || s1 !== header.readUInt32BE(28))
    return 'the checksum of its write-ahead log header does not match';
  return null;
}

function readHead(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The database's files as found, before SQLite touches any of them. The -shm is read whole (a
 * read-only connection may rebuild that index); the main file and the WAL are read only when kept
 * aside, since nothing here ever writes them before they pass the checks.
 */
interface Snapshot {
  file: string;
  mainExists: boolean;
  walSize: number | null;
  walHeader: Buffer | null;
  shm: Buffer | null;
}

function snapshot(file: string): Snapshot {
  const { wal, shm } = companions(file);
  const walSize = sizeOf(wal);
  return {
    file,
    mainExists: sizeOf(file) !== null,
    walSize,
    walHeader: walSize ? readHead(wal, WAL_HEADER_BYTES) : null,
    shm: sizeOf(shm) === null ? null : fs.readFileSync(shm),
  };
}

/**
 * Keeps the files aside exactly as they were found: the main file (never written by us: damaged
 * files are opened read-only or not at all) and the -wal and -shm bytes read before opening. The
 * folder is named by a hash of the main file and the WAL, so failing start after failing start
 * reuses one copy instead of adding another full one. Returns a sentence saying what is where.
 */
function keepAside(snap: Snapshot): string {
  const base = path.basename(snap.file);
  const hash = createHash('sha256');
  const main = snap.mainExists ? fs.readFileSync(snap.file) : null;
  const wal = snap.walSize === null ? null : fs.readFileSync(companions(snap.file).wal);
  hash
    .update(main ?? 'no main file')
    .update('\0')
    .update(wal ?? 'no wal');
  const folder = `${snap.file}.damaged-${hash.digest('hex').slice(0, 16)}`;
  const parts: Array<[string, Buffer | null]> = [
    [base, main],
    [`${base}-wal`, wal],
    [`${base}-shm`, snap.shm],
  ];
  const present = parts.filter(([, bytes]) => bytes !== null) as Array<[string, Buffer]>;
  if (present.length === 0) return 'There were no files to keep a copy of.';
  const names = present.map(([name]) => name).join(', ');
  // The folder's name is the hash of the main file and the WAL: an earlier start that found the
  // same bytes made it. Its -shm is kept as first found (a later read-only open may have rebuilt it).
  const earlier = fs.existsSync(folder);
  fs.mkdirSync(folder, { recursive: true });
  let wrote = 0;
  for (const [name, bytes] of present) {
    const target = path.join(folder, name);
    const have = sizeOf(target);
    if (have !== null && (name.endsWith('-shm') || have === bytes.length)) continue;
    fs.writeFileSync(target, bytes);
    wrote++;
  }
  if (earlier && wrote === 0)
    return `A copy of ${names} as found is already kept in ${folder} (made by an earlier start; no new copy was made).`;
  return `A copy of ${names}, byte for byte as found, is kept in ${folder}.`;
}

function damaged(snap: Snapshot, reason: string): AppError {
  let kept: string;
  try {
    kept = keepAside(snap);
  } catch (error) {
    kept = `No copy could be kept aside (${(error as Error).message}).`;
  }
  return new AppError(
    'DATABASE_CORRUPT',
    `The database ${snap.file} cannot be used: ${reason}. ${kept} The files in the data folder were left as they were (opened read-only, or not at all). Restore them from a backup, or move them (the .db, -wal and -shm files) out of the data folder to start with an empty one.`,
  );
}

/**
 * What the files say before SQLite opens them: a damaged main file header, a non-empty WAL beside
 * a missing or empty main file (every record is in that WAL: not a new installation), or a WAL
 * whose header SQLite would ignore. Null when they look whole.
 */
function fileProblem(snap: Snapshot): string | null {
  const mainSize = sizeOf(snap.file) ?? 0;
  const walSize = snap.walSize ?? 0;
  if (mainSize === 0 && walSize > 0) {
    return `${snap.mainExists ? 'the database file is empty' : 'the database file is missing'} but its write-ahead log (${walSize} bytes) is there, which holds the records`;
  }
  if (mainSize > 0) {
    const head = readHead(snap.file, SQLITE_HEADER.length);
    if (!head.equals(SQLITE_HEADER)) return 'the file is not an SQLite database (its header is wrong)';
  }
  if (walSize > 0) return walHeaderProblem(snap.walHeader!);
  return null;
}

/** Removes a companion file that a read-only open created where there was none (empty only). */
function removeIfCreated(file: string, existedBefore: boolean): void {
  if (existedBefore) return;
  try {
    if (sizeOf(file) === 0) fs.unlinkSync(file);
  } catch {
    // Another process may hold it: leave it.
  }
}

/**
 * Opens (or creates) the SQLite database in the data directory. Before SQLite touches anything,
 * the -wal and -shm are read as found and the files' headers are checked; an existing database is
 * then checked read-only (a read-only connection never checkpoints the WAL into the main file nor
 * deletes -wal and -shm on close). Only a database that passes is opened for writing, put in WAL
 * mode and migrated (the app passes its list: `openAppDatabase` in main/app/migrations.ts). A damaged one is kept aside byte for byte and reported; it is never replaced.
 */
export function openDatabase(dataDir: string, options: { migrations: Migration[] }): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const snap = snapshot(file);
  const problem = fileProblem(snap);
  if (problem) throw damaged(snap, problem);
  const existed = (sizeOf(file) ?? 0) > 0;
  if (existed) {
    let check: Db | undefined;
    let failure: string | null = null;
    try {
      check = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
      const rows = check.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
      const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      if (problems.length > 0)
        failure = `the integrity check found ${problems.length} problem(s), first: ${problems[0]}`;
    } catch (error) {
      failure = (error as Error).message.replace(/^SqliteError: /, '');
    } finally {
      check?.close();
    }
    const { wal, shm } = companions(file);
    removeIfCreated(wal, snap.walSize !== null);
    removeIfCreated(shm, snap.shm !== null);
    if (failure) throw damaged(snap, failure);
  }
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: false, timeout: 5000 });
  } catch (error) {
    throw new AppError(
      'DATABASE_CORRUPT',
      `The database ${file} cannot be ${existed ? 'opened' : 'created'}: ${(error as Error).message}. Check that the data folder is writable.`,
    );
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    db.close();
    throw new AppError(
      'DATABASE_CORRUPT',
      `The database ${file} cannot be opened: ${(error as Error).message.replace(/^SqliteError: /, '')}. Check that the data folder is writable.`,
    );
  }
  migrate(db, options.migrations);
  return db;
}

/** Applies the migrations newer than `user_version`, each in its own transaction. */
export function migrate(db: Db, list: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const sorted = [...list].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version)
      throw new Error(`Two migrations share version ${sorted[i]!.version}`);
  }
  for (const m of sorted) {
    if (m.version <= current) continue;
    // A pragma without effect inside a transaction: set around it, and checked before commit.
    const keys = m.foreignKeysOff ? (db.pragma('foreign_keys', { simple: true }) as number) : 0;
    if (keys) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0)
          throw new Error(`Migration ${m.version} (${m.name}) broke a foreign key.`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (keys) db.pragma('foreign_keys = ON');
    }
  }
}
