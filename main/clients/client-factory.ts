import type { Logger, Redactor } from '../ground/logger';
import type { BillerProfile } from '../billers/billers.service';
import type { SecretStore } from '../secrets/secret-store';
import { HttpImpresaClient, type ImpresaClient } from './impresa';
import { InvoiceCloudClient } from './invoicecloud';
import type { IcRateLimiter } from './invoicecloud/rate-limiter';

export interface BillerClients {
  ic: InvoiceCloudClient;
  impresa: ImpresaClient;
}

/**
 * "Test connection" waits this long for one answer and never retries: a person is watching, and the
 * jobs' ladder (3 tries of up to 30 s) on an unreachable host looks like a hang of a minute and a half.
 */
export const PROBE_TIMEOUT_MS = 10_000;

export interface ClientFactoryOptions {
  /** How long a probe waits for its one answer (default PROBE_TIMEOUT_MS). */
  probeTimeoutMs?: number;
}

/**
 * Builds the InvoiceCloud and InHANCE clients for a biller from its profile and the keychain.
 * Clients are kept per biller (the Impresa sign-in token lives in its client) and dropped when the
 * profile or a secret changes. A missing secret is a plain error naming it and where to enter it.
 * `probe()` builds the same clients in probe mode: one try, a short timeout, nothing cached.
 */
export class ClientFactory {
  private readonly cache = new Map<string, { stamp: string; clients: BillerClients }>();
  readonly probeTimeoutMs: number;

  constructor(
    private readonly deps: {
      secrets: SecretStore;
      redactor: Redactor;
      log: Logger;
      billers: { profile(id: string): BillerProfile };
      /** The biller's InvoiceCloud rate limiter, shared by every client built for it. */
      limiter?: (billerId: string) => IcRateLimiter;
    },
    options: ClientFactoryOptions = {},
  ) {
    this.probeTimeoutMs = options.probeTimeoutMs ?? PROBE_TIMEOUT_MS;
  }

  async invoiceCloud(billerId: string): Promise<InvoiceCloudClient> {
    return (await this.forBiller(billerId)).ic;
  }

  async impresa(billerId: string): Promise<ImpresaClient> {
    return (await this.forBiller(billerId)).impresa;
  }

  async forBiller(billerId: string): Promise<BillerClients> {
    const biller = this.deps.billers.profile(billerId);
    const secrets = await this.secrets(biller);
    // Secret changes call invalidate(); profile changes move updatedAt.
    const stamp = biller.updatedAt;
    const cached = this.cache.get(biller.id);
    if (cached && cached.stamp === stamp) return cached.clients;
    const clients = this.build(biller, secrets, {});
    this.cache.set(biller.id, { stamp, clients });
    return clients;
  }

  /** Clients for "Test connection": each call tries once and waits probeTimeoutMs at most. Not cached. */
  async probe(billerId: string): Promise<BillerClients> {
    const biller = this.deps.billers.profile(billerId);
    return this.build(biller, await this.secrets(biller), { timeoutMs: this.probeTimeoutMs, retry: { attempts: 1 } });
  }

  private async secrets(biller: BillerProfile): Promise<{ webServiceKey: string; password: string }> {
    const [webServiceKey, password] = await Promise.all([
      this.deps.secrets.require(biller.id, 'web-service-key', 'InvoiceCloud web service key'),
      this.deps.secrets.require(biller.id, 'impresa-password', 'InHANCE Impresa password'),
    ]);
    return { webServiceKey, password };
  }

  private build(
    biller: BillerProfile,
    secrets: { webServiceKey: string; password: string },
    calls: { timeoutMs?: number; retry?: { attempts: number } },
  ): BillerClients {
    const common = { logger: this.deps.log, redactor: this.deps.redactor, ...calls };
    return {
      ic: new InvoiceCloudClient({
        host: biller.icHost,
        billerGuid: biller.billerGuid,
        webServiceKey: secrets.webServiceKey,
        ...common,
        ...(this.deps.limiter ? { limiter: this.deps.limiter(biller.id) } : {}),
      }),
      impresa: new HttpImpresaClient({
        baseUrl: biller.impresaUrl,
        username: biller.impresaUser,
        password: secrets.password,
        ...common,
      }),
    };
  }

  /** Forget a biller's clients (after its profile or secrets change). */
  invalidate(billerId?: string): void {
    if (billerId) this.cache.delete(billerId);
    else this.cache.clear();
  }
}
