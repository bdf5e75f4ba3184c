import type { AuditLog } from '../ground/audit';
import type { Clock } from '../ground/clock';
import type { Logger } from '../ground/logger';
import type { BillerClients } from '../clients/client-factory';
import { IcRateLimitsStore } from '../clients/invoicecloud/rate-limits.store';
import type { DomainHandlers, EventBus } from '../ipc/router';
import type { Db } from '../store/database';
import { BatchService } from './batch';
import { Lookups } from './lookups';

/**
 * The InvoiceCloud operations tools in one place for the composition root: per-biller rate limits
 * (the limiter every IC client of the biller goes through), side-by-side look-ups and CSV batches.
 */
export class IcOps {
  readonly limits: IcRateLimitsStore;
  readonly lookups: Lookups;
  readonly batches: BatchService;
  private clientsFor: ((billerId: string) => Promise<BillerClients>) | null = null;

  constructor(
    db: Db,
    deps: { audit: AuditLog; clock: Clock; events: EventBus; log: Logger; billers: { profile(id: string): unknown } },
  ) {
    this.limits = new IcRateLimitsStore(db, {
      ...deps,
      onThrottle: (billerId, status) => {
        if (status.throttled)
          deps.events.emit('ic:throttled', { billerId, reason: status.throttled, until: status.until });
      },
    });
    const clients = (billerId: string) => {
      if (!this.clientsFor) throw new Error('IcOps used before its clients were attached');
      return this.clientsFor(billerId);
    };
    this.lookups = new Lookups({ clients, audit: deps.audit });
    this.batches = new BatchService(db, {
      ...deps,
      clients,
      workers: (billerId) => this.limits.get(billerId).maxConcurrency,
    });
  }

  /** The client factory is built with this object's limiters, so it is attached afterwards. */
  attachClients(clients: (billerId: string) => Promise<BillerClients>): void {
    this.clientsFor = clients;
  }
}

export function icHandlers(ops: IcOps): DomainHandlers<'ic'> {
  const limitsView = (billerId: string) => ({ ...ops.limits.get(billerId), status: ops.limits.status(billerId) });
  return {
    limits: ({ billerId }) => limitsView(billerId),
    setLimits: ({ billerId, limits }) => {
      ops.limits.set(billerId, limits);
      return limitsView(billerId);
    },
    lookupInvoice: ({ billerId, invoiceNumber }) => ops.lookups.invoice(billerId, invoiceNumber),
    lookupCustomer: ({ billerId, accountNumber }) => ops.lookups.customer(billerId, accountNumber),
    pushBalance: ({ billerId, accountNumber }) => ops.lookups.pushBalance(billerId, accountNumber),
    batchLoad: ({ billerId, kind, fileName, text }) => ops.batches.load({ billerId, kind, fileName, text }),
    batchStart: ({ batchId, action }) => ops.batches.start(batchId, action),
    batchPause: ({ batchId }) => ops.batches.pause(batchId),
    batchCancel: ({ batchId }) => ops.batches.cancel(batchId),
    batchGet: ({ batchId }) => ops.batches.get(batchId),
    batchList: ({ billerId }) => ops.batches.list(billerId),
    batchRows: ({ batchId, offset, limit, problemsOnly }) =>
      ops.batches.rows(batchId, offset, limit, problemsOnly ?? false),
    batchExport: ({ batchId }) => ops.batches.exportCsv(batchId),
  };
}
