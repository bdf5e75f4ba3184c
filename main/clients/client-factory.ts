import type { Logger, Redactor } from '../app/logger';
import type { BillerProfile } from '../billers/billers.service';
import type { SecretStore } from '../secrets/secret-store';
import { HttpImpresaClient, type ImpresaClient } from './impresa';
import { InvoiceCloudClient } from './invoicecloud';

export interface BillerClients {
  ic: InvoiceCloudClient;
  impresa: ImpresaClient;
}

/**
 * Builds the InvoiceCloud and InHANCE clients for a biller from its profile and the keychain.
 * Clients are kept per biller (the Impresa sign-in token lives in its client) and dropped when the
 * profile or a secret changes. A missing secret is a plain error naming it and where to enter it.
 */
export class ClientFactory {
  private readonly cache = new Map<string, { stamp: string; clients: BillerClients }>();

  constructor(
    private readonly deps: { secrets: SecretStore; redactor: Redactor; log: Logger; billers: { profile(id: string): BillerProfile } },
  ) {}

  async invoiceCloud(billerId: string): Promise<InvoiceCloudClient> {
    return (await this.forBiller(billerId)).ic;
  }

  async impresa(billerId: string): Promise<ImpresaClient> {
    return (await this.forBiller(billerId)).impresa;
  }

  async forBiller(billerId: string): Promise<BillerClients> {
    const biller = this.deps.billers.profile(billerId);
    const [webServiceKey, password] = await Promise.all([
      this.deps.secrets.require(biller.id, 'web-service-key', 'InvoiceCloud web service key'),
      this.deps.secrets.require(biller.id, 'impresa-password', 'InHANCE Impresa password'),
    ]);
    // Secret changes call invalidate(); profile changes move updatedAt.
    const stamp = biller.updatedAt;
    const cached = this.cache.get(biller.id);
    if (cached && cached.stamp === stamp) return cached.clients;
    const clients: BillerClients = {
      ic: new InvoiceCloudClient({ host: biller.icHost, billerGuid: biller.billerGuid, webServiceKey, logger: this.deps.log, redactor: this.deps.redactor }),
      impresa: new HttpImpresaClient({ baseUrl: biller.impresaUrl, username: biller.impresaUser, password, logger: this.deps.log, redactor: this.deps.redactor }),
    };
    this.cache.set(biller.id, { stamp, clients });
    return clients;
  }

  /** Forget a biller's clients (after its profile or secrets change). */
  invalidate(billerId?: string): void {
    if (billerId) this.cache.delete(billerId);
    else this.cache.clear();
  }
}
