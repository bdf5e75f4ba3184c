import type { DomainHandlers } from '../ipc/router';
import type { PaymentsService } from './payments.service';

/** IPC for the posting queue: thin, every rule lives in PaymentsService. */
export function paymentsHandlers(service: PaymentsService): DomainHandlers<'payments'> {
  return {
    list: (input) => service.list(input),
    counts: ({ billerId }) => service.counts(billerId),
    ids: (filter) => service.ids(filter),
    refresh: ({ billerId }) => service.refresh(billerId),
    post: ({ billerId, entryIds, operationId }) => service.post(billerId, entryIds, operationId),
    hold: ({ billerId, entryIds, reason, operationId }) => service.hold(billerId, entryIds, reason, operationId),
    reject: ({ billerId, entryIds, reason, operationId }) => service.reject(billerId, entryIds, reason, operationId),
    undo: ({ billerId, entryIds, operationId }) => service.undo(billerId, entryIds, operationId),
    reassign: ({ billerId, entryId, accountNumber, post }) => service.reassign(billerId, entryId, accountNumber, post),
    searchAccounts: async ({ billerId, query, status, limit }) => ({ accounts: await service.searchAccounts(billerId, query, { ...(status ? { status } : {}), limit }) }),
    controlTotals: async ({ billerId, from, to }) => ({ days: await service.controlTotals(billerId, from, to), generatedAt: service.now() }),
    report: async ({ billerId, date, format }) => ({ ...(await service.report(billerId, date, format)), date, format }),
    audit: ({ offset, limit, ...filter }) => service.auditLog(filter, offset, limit),
    auditExport: (filter) => service.auditExport(filter),
  };
}
