import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { openAppDatabase } from '../app/migrations';
import { DATABASE_FILE, walHeaderProblem } from './database';

const dirs: string[] = [];
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-dbd-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const PAGE = 4096;

/**
 * A database as a killed process leaves it: older rows checkpointed into the main file, the latest
 * ones only in the -wal (with its -shm). The files are copied while the writer is still open, so
 * nothing was checkpointed at close.
 */
function crashedDatabase(): { dir: string; file: string; wal: string; shm: string } {
  const scratch = tempDir();
  const src = path.join(scratch, 'src.db');
  const db = new Database(src);
  db.pragma('journal_mode = WAL');
  db.pragma(`page_size = ${PAGE}`);
  db.exec('CREATE TABLE big (x TEXT)');
  const insert = db.prepare('INSERT INTO big (x) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`row ${i} `.padEnd(100, '.'));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec(
    "CREATE TABLE recent (payment TEXT); INSERT INTO recent VALUES ('only in the WAL 1'), ('only in the WAL 2');",
  );
  const dir = tempDir();
  const file = path.join(dir, DATABASE_FILE);
  fs.copyFileSync(src, file);
  fs.copyFileSync(`${src}-wal`, `${file}-wal`);
  fs.copyFileSync(`${src}-shm`, `${file}-shm`);
  db.close();
  expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(32);
  return { dir, file, wal: `${file}-wal`, shm: `${file}-shm` };
}

function failure(dir: string): AppError {
  try {
    openAppDatabase(dir).close();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('DATABASE_CORRUPT');
    return e as AppError;
  }
  throw new Error('openDatabase accepted a damaged database');
}

const keptFolders = (dir: string) => fs.readdirSync(dir).filter((f) => f.includes('.damaged-'));

describe('openDatabase and the WAL', () => {
  it('opens a crashed database whole: the records only in the WAL are read', () => {
    const { dir } = crashedDatabase();
    const db = openAppDatabase(dir);
    expect(db.prepare('SELECT payment FROM recent ORDER BY payment').all()).toEqual([
      { payment: 'only in the WAL 1' },
      { payment: 'only in the WAL 2' },
    ]);
    expect(keptFolders(dir)).toEqual([]);
    db.close();
  });

  it('a damaged main file beside a WAL: nothing is checkpointed or deleted, db and -wal are kept byte for byte, and a second start adds no copy', () => {
    const { dir, file, wal } = crashedDatabase();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(PAGE, 0xff), 0, PAGE, 9 * PAGE);
    fs.closeSync(fd);
    const mainBefore = fs.readFileSync(file);
    const walBefore = fs.readFileSync(wal);

    const first = failure(dir);
    expect(first.message).toMatch(/cannot be used: .*integrity check|cannot be used: .*malformed/);
    expect(first.message).toMatch(
      /A copy of impresa-bridge\.db, impresa-bridge\.db-wal, impresa-bridge\.db-shm, byte for byte as found, is kept in .*\.damaged-/,
    );
    expect(first.message).not.toMatch(/Nothing was changed/);
    // The files in the data folder are exactly as found: no checkpoint, no deleted -wal.
    expect(fs.readFileSync(file).equals(mainBefore)).toBe(true);
    expect(fs.readFileSync(wal).equals(walBefore)).toBe(true);
    const [folder] = keptFolders(dir);
    expect(fs.readFileSync(path.join(dir, folder!, DATABASE_FILE)).equals(mainBefore)).toBe(true);
    expect(fs.readFileSync(path.join(dir, folder!, `${DATABASE_FILE}-wal`)).equals(walBefore)).toBe(true);

    const second = failure(dir);
    expect(second.message).toMatch(/already kept in .*\.damaged-.*no new copy was made/);
    expect(keptFolders(dir)).toEqual([folder]);
    expect(fs.readFileSync(wal).equals(walBefore)).toBe(true);
  });

  it('a 0-byte database beside an intact WAL is damage, not a new installation: the WAL is kept', () => {
    const { dir, file, wal } = crashedDatabase();
    fs.truncateSync(file, 0);
    const walBefore = fs.readFileSync(wal);
    const error = failure(dir);
    expect(error.message).toMatch(/the database file is empty but its write-ahead log \(\d+ bytes\) is there/);
    expect(fs.statSync(file).size).toBe(0);
    expect(fs.readFileSync(wal).equals(walBefore)).toBe(true);
    const [folder] = keptFolders(dir);
    expect(fs.readFileSync(path.join(dir, folder!, `${DATABASE_FILE}-wal`)).equals(walBefore)).toBe(true);
  });

  it('no database file but a WAL is damage too', () => {
    const { dir, file, wal } = crashedDatabase();
    fs.unlinkSync(file);
    const walBefore = fs.readFileSync(wal);
    expect(failure(dir).message).toMatch(/the database file is missing but its write-ahead log/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(wal).equals(walBefore)).toBe(true);
    expect(keptFolders(dir)).toHaveLength(1);
  });

  it('a WAL with a garbage header is damage, not silently dropped', () => {
    const { dir, wal } = crashedDatabase();
    const fd = fs.openSync(wal, 'r+');
    fs.writeSync(fd, Buffer.from('GARBAGE-GARBAGE-GARBAGE-GARBAGE!'), 0, 32, 0);
    fs.closeSync(fd);
    const walBefore = fs.readFileSync(wal);
    expect(failure(dir).message).toMatch(/write-ahead log does not start with a write-ahead-log header/);
    expect(fs.readFileSync(wal).equals(walBefore)).toBe(true);
  });

  it('checks the WAL header checksum and length', () => {
    const { wal } = crashedDatabase();
    const header = fs.readFileSync(wal).subarray(0, 32);
    expect(walHeaderProblem(header)).toBeNull();
    const flipped = Buffer.from(header);
    flipped[12] = flipped[12]! ^ 1;
    expect(walHeaderProblem(flipped)).toMatch(/checksum/);
    expect(walHeaderProblem(header.subarray(0, 10))).toMatch(/cut short/);
  });

  it('a database with an empty WAL (after a truncating checkpoint) opens normally', () => {
    const { dir, file, wal } = crashedDatabase();
    const db = openAppDatabase(dir);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.statSync(wal).size).toBe(0);
    fs.copyFileSync(file, `${file}.copy`);
    db.close();
    const again = openAppDatabase(dir);
    expect(again.prepare('SELECT count(*) AS n FROM recent').get()).toEqual({ n: 2 });
    again.close();
  });
});
