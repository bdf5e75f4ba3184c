import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { isClerkChannel, type AppMode, type ModeState } from '../../shared/contract/mode';
import { AppError } from '../../shared/errors';
import type { Db } from '../store/database';
import type { SecretStore } from '../secrets/secret-store';
import type { AuditLog } from '../ground/audit';
import type { Clock } from '../ground/clock';

/** Keychain account of the PM passphrase's hash (never the passphrase itself). */
export const PASSPHRASE_ACCOUNT = 'installation/pm-passphrase';
export const MAX_TRIES = 5;
export const LOCK_MS = 60_000;
const SCRYPT = { N: 16384, r: 8, p: 1, keyLen: 32 };

function scrypt(password: string, salt: Buffer, keyLen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64): what the keychain holds. */
export async function hashPassphrase(passphrase: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(passphrase.normalize('NFC'), salt, SCRYPT.keyLen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassphrase(passphrase: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function parseMode(value: string | undefined | null): AppMode | null {
  return value === 'pm' || value === 'clerk' ? value : null;
}

/**
 * Clerk mode or PM mode, per installation (SQLite `installation`), chosen on first run. main
 * enforces it: the router asks `guard` before every call. Switching clerk → PM needs the PM
 * passphrase, held only as a salted scrypt hash in the OS keychain; five wrong tries lock the
 * switch for a minute (the count and the lock are kept in SQLite, so a restart does not lift them).
 */
export class ModeService {
  constructor(
    private readonly deps: {
      db: Db;
      secrets: SecretStore;
      audit: AuditLog;
      clock: Clock;
      initialMode?: AppMode | null;
    },
  ) {
    if (deps.initialMode && this.mode() === null) this.writeKey('mode', deps.initialMode);
  }

  private readKey(key: string): string | null {
    const row = this.deps.db.prepare('SELECT value FROM installation WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  private writeKey(key: string, value: string | null): void {
    if (value === null) this.deps.db.prepare('DELETE FROM installation WHERE key = ?').run(key);
    else
      this.deps.db
        .prepare(
          'INSERT INTO installation (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
  }

  /** null until the first-run choice. */
  mode(): AppMode | null {
    return parseMode(this.readKey('mode'));
  }

  private lockedUntil(): string | null {
    const until = this.readKey('mode.lockedUntil');
    return until && Date.parse(until) > this.deps.clock.now().getTime() ? until : null;
  }

  async state(): Promise<ModeState> {
    return { mode: this.mode(), passphraseSet: await this.passphraseSet(), lockedUntil: this.lockedUntil() };
  }

  private async passphraseSet(): Promise<boolean> {
    try {
      return (await this.deps.secrets.getInstallationSecret(PASSPHRASE_ACCOUNT)) !== null;
    } catch {
      return false;
    }
  }

  /** Refuses a PM-only channel in clerk mode. Before the first-run choice nothing is configured, so nothing is refused. */
  guard(channel: string): void {
    if (this.mode() === 'clerk' && !isClerkChannel(channel)) {
      throw new AppError(
        'PM_MODE_REQUIRED',
        'This installation is in clerk mode, which does not allow this. A project manager can switch to PM mode with the PM passphrase.',
      );
    }
  }

  /** The first-run choice: the mode, and the PM passphrase that later unlocks PM mode. */
  async choose(mode: AppMode, passphrase: string): Promise<ModeState> {
    if (this.mode() !== null)
      throw new AppError(
        'CONFLICT',
        'This installation’s mode is already chosen. Switch it from the mode button instead.',
      );
    await this.storePassphrase(passphrase);
    this.writeKey('mode', mode);
    this.deps.audit.record('mode.choose', { subject: mode });
    return this.state();
  }

  /**
   * To clerk mode: free (a PM installation without a passphrase must set one now, or no one could
   * come back). To PM mode: the passphrase, with the lock after five wrong tries.
   */
  async switchTo(mode: AppMode, passphrase: string | undefined): Promise<ModeState> {
    const current = this.mode();
    if (current === mode) return this.state();
    if (mode === 'clerk') {
      if (!(await this.passphraseSet())) {
        if (!passphrase)
          throw new AppError(
            'INVALID_INPUT',
            'Set a PM passphrase first: it is what lets a project manager switch back to PM mode.',
            { fields: { passphrase: 'Choose a PM passphrase (at least 8 characters).' } },
          );
        await this.storePassphrase(passphrase);
      }
      this.writeKey('mode', 'clerk');
      this.deps.audit.record('mode.switch', { subject: 'clerk' });
      return this.state();
    }
    const locked = this.lockedUntil();
    if (locked) {
      const seconds = Math.max(1, Math.ceil((Date.parse(locked) - this.deps.clock.now().getTime()) / 1000));
      throw new AppError(
        'LOCKED',
        `Too many wrong passphrases. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      );
    }
    const stored = await this.deps.secrets.getInstallationSecret(PASSPHRASE_ACCOUNT);
    if (!stored)
      throw new AppError(
        'NOT_FOUND',
        'No PM passphrase is stored in this computer’s keychain, so PM mode cannot be unlocked here. Reinstall or ask IT to reset the app’s keychain entry.',
      );
    if (!passphrase || !(await verifyPassphrase(passphrase, stored))) {
      const tries = Number(this.readKey('mode.failures') ?? '0') + 1;
      this.deps.audit.record('mode.switch-refused', {
        subject: 'pm',
        detail: `wrong passphrase (${tries} of ${MAX_TRIES})`,
      });
      if (tries >= MAX_TRIES) {
        this.writeKey('mode.failures', null);
        this.writeKey('mode.lockedUntil', new Date(this.deps.clock.now().getTime() + LOCK_MS).toISOString());
        throw new AppError(
          'LOCKED',
          'That passphrase is wrong, five times now: switching to PM mode is locked for one minute.',
        );
      }
      this.writeKey('mode.failures', String(tries));
      const left = MAX_TRIES - tries;
      throw new AppError(
        'INVALID_INPUT',
        `That passphrase is wrong. ${left} more tr${left === 1 ? 'y' : 'ies'} before the switch locks for a minute.`,
        { fields: { passphrase: 'Wrong passphrase.' } },
      );
    }
    this.writeKey('mode.failures', null);
    this.writeKey('mode.lockedUntil', null);
    this.writeKey('mode', 'pm');
    this.deps.audit.record('mode.switch', { subject: 'pm' });
    return this.state();
  }

  private async storePassphrase(passphrase: string): Promise<void> {
    if (passphrase.length < 8)
      throw new AppError('INVALID_INPUT', 'The PM passphrase needs at least 8 characters.', {
        fields: { passphrase: 'At least 8 characters.' },
      });
    await this.deps.secrets.setInstallationSecret(PASSPHRASE_ACCOUNT, await hashPassphrase(passphrase));
    this.deps.audit.record('mode.passphrase-set');
  }
}
