import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { openAppDatabase } from '../app/migrations';
import { DATABASE_FILE, migrate, openDatabase } from './database';

const dirs: string[] = [];
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ib-db-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the file in WAL mode with every migration applied, and reopens without change', () => {
    const dir = tempDir();
    const db = openAppDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const version = db.pragma('user_version', { simple: true }) as number;
    expect(version).toBeGreaterThanOrEqual(2);
    db.prepare("INSERT INTO installation (key, value) VALUES ('k', 'v')").run();
    db.close();
    const again = openAppDatabase(dir);
    expect(again.pragma('user_version', { simple: true })).toBe(version);
    expect(again.prepare("SELECT value FROM installation WHERE key='k'").get()).toEqual({ value: 'v' });
    again.close();
  });

  it('reports a damaged file clearly, keeps a copy aside, and never replaces it', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE);
    const garbage = Buffer.from('this is not a database, it is a shopping list\n'.repeat(200));
    fs.writeFileSync(file, garbage);
    let error: unknown;
    try {
      openAppDatabase(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DATABASE_CORRUPT');
    expect((error as AppError).message).toMatch(/cannot be used.*is kept in .*damaged-.*Restore them from a backup/s);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
    const copies = fs.readdirSync(dir).filter((f) => f.includes('.damaged-'));
    expect(copies).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, copies[0]!, DATABASE_FILE)).equals(garbage)).toBe(true);
  });

  it('rolls a failing migration back whole and refuses duplicate versions', () => {
    const dir = tempDir();
    const db = openDatabase(dir, { migrations: [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER);' }] });
    expect(() =>
      migrate(db, [{ version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); SELECT nope FROM nowhere;' }]),
    ).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name='b'").get()).toBeUndefined();
    expect(() =>
      migrate(db, [
        { version: 3, name: 'x', sql: '' },
        { version: 3, name: 'y', sql: '' },
      ]),
    ).toThrow(/share version 3/);
    db.close();
  });
});
