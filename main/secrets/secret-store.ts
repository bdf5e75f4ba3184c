import { createRequire } from 'node:module';
import { AppError } from '../../shared/errors';
import { SECRET_NAMES, type SecretName, type SecretStatus } from '../../shared/domain/biller';
import { CALLS_SECRET_NAMES, type CallsSecretName } from '../../shared/domain/calls';

/** Every name kept per biller: the biller's own secrets and the weekly-call sync tokens. */
export type AnySecretName = SecretName | CallsSecretName;
import type { Redactor } from '../ground/logger';

export const KEYCHAIN_SERVICE = 'Impresa Bridge';

/** Looked up (never written) to ask whether the keychain answers. */
const PROBE_ACCOUNT = 'installation/keychain-probe';

/**
 * The subset of keytar we use, so tests can see exactly what touches the keychain. Not
 * `findCredentials`: it can crash the process on Linux (see `SecretStore.stored`).
 */
export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export function loadKeytar(): KeychainBackend {
  const require = createRequire(import.meta.url);
  return require('keytar') as KeychainBackend;
}

function unavailable(error: unknown): AppError {
  const raw = error instanceof Error ? error.message : String(error);
  let hint = 'Unlock or start the system keychain and try again.';
  if (/D-Bus|DBUS|org\.freedesktop\.secrets|ServiceUnknown/i.test(raw)) {
    hint =
      'No Secret Service is running (on Linux start gnome-keyring in a D-Bus session; on Windows the Credential Manager must be available).';
  } else if (/locked/i.test(raw)) {
    hint = 'The keychain is locked: unlock it and try again.';
  }
  return new AppError(
    'KEYCHAIN_UNAVAILABLE',
    `The OS keychain cannot be reached, so no secret was read or stored. ${hint}`,
    { cause: error },
  );
}

/**
 * Secrets live only in the OS keychain (service "Impresa Bridge", account `<billerId>/<name>`).
 * There is no fallback: when the keychain cannot be reached, the caller gets KEYCHAIN_UNAVAILABLE.
 */
export class SecretStore {
  private backend: KeychainBackend | null = null;

  constructor(
    private readonly redactor: Redactor,
    private readonly loadBackend: () => KeychainBackend = loadKeytar,
  ) {}

  private keychain(): KeychainBackend {
    if (!this.backend) {
      try {
        this.backend = this.loadBackend();
      } catch (error) {
        throw unavailable(error);
      }
    }
    return this.backend;
  }

  private static account(billerId: string, name: AnySecretName): string {
    return `${billerId}/${name}`;
  }

  private async call<T>(fn: (k: KeychainBackend) => Promise<T>): Promise<T> {
    try {
      return await fn(this.keychain());
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw unavailable(error);
    }
  }

  /** For main's own use (the clients); never exposed over IPC. */
  async get(billerId: string, name: AnySecretName): Promise<string | null> {
    const value = await this.call((k) => k.getPassword(KEYCHAIN_SERVICE, SecretStore.account(billerId, name)));
    this.redactor.add(value);
    return value;
  }

  /** Like `get`, but a missing secret is an error that says which one and where to enter it. */
  async require(billerId: string, name: AnySecretName, label: string): Promise<string> {
    const value = await this.get(billerId, name);
    if (!value)
      throw new AppError('NOT_FOUND', `The ${label} is not stored for this biller. Enter it on the Billers screen.`);
    return value;
  }

  async set(billerId: string, name: AnySecretName, value: string): Promise<void> {
    this.redactor.add(value);
    await this.call((k) => k.setPassword(KEYCHAIN_SERVICE, SecretStore.account(billerId, name), value));
  }

  async remove(billerId: string, name: AnySecretName): Promise<void> {
    await this.call((k) => k.deletePassword(KEYCHAIN_SERVICE, SecretStore.account(billerId, name)));
  }

  async removeAll(billerId: string): Promise<void> {
    for (const name of [...SECRET_NAMES, ...CALLS_SECRET_NAMES]) await this.remove(billerId, name);
  }

  /**
   * Which secrets are stored; both null when the keychain cannot be reached, so a biller list
   * never fails for want of a keychain (the Billers screen says why instead).
   */
  async status(billerId: string): Promise<SecretStatus> {
    return this.stored(billerId, ['web-service-key', 'impresa-password']);
  }

  /** An installation-wide entry (not a biller's), e.g. the PM passphrase's hash. For main's own use only. */
  async getInstallationSecret(account: `installation/${string}`): Promise<string | null> {
    const value = await this.call((k) => k.getPassword(KEYCHAIN_SERVICE, account));
    this.redactor.add(value);
    return value;
  }

  async setInstallationSecret(account: `installation/${string}`, value: string): Promise<void> {
    this.redactor.add(value);
    await this.call((k) => k.setPassword(KEYCHAIN_SERVICE, account, value));
  }

  /**
   * Whether each named secret is stored (booleans only); null each when the keychain cannot be reached.
   *
   * One look-up a name, never keytar's `findCredentials`: on Linux it copies each item's secret with
   * `strdup` without checking it, so an item deleted (a biller removed) or locked between its search
   * and its read crashed the whole process (SIGSEGV: "secret_value_get_text: assertion 'value'
   * failed"), and so would an item of this service written without an account by another program.
   * A look-up by name answers null in both cases.
   */
  async stored<N extends AnySecretName>(billerId: string, names: readonly N[]): Promise<Record<N, boolean | null>> {
    const out = {} as Record<N, boolean | null>;
    try {
      for (const n of names) out[n] = (await this.get(billerId, n)) !== null;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'KEYCHAIN_UNAVAILABLE') throw error;
      for (const n of names) out[n] = null;
    }
    return out;
  }

  /** Throws KEYCHAIN_UNAVAILABLE unless the keychain answers: check before writing anything that needs it. */
  async assertAvailable(): Promise<void> {
    // A look-up of an entry that need not exist: it answers (null) when the keychain does, and throws when not.
    await this.call((k) => k.getPassword(KEYCHAIN_SERVICE, PROBE_ACCOUNT));
  }

  /** Whether the keychain answers at all, in words for the About box and the Billers screen. */
  async probe(): Promise<{ available: boolean; message: string }> {
    try {
      await this.assertAvailable();
      return { available: true, message: 'The OS keychain is available.' };
    } catch (error) {
      return { available: false, message: (error as Error).message };
    }
  }
}
