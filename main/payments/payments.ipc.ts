import type { DomainHandlers } from '../ipc/router';
import type { PaymentsService } from './payments.service';

/** IPC for the posting queue: thin, every rule lives in PaymentsService. */
export function paymentsHandlers(service: PaymentsService): DomainHandlers<'payments'> {
  return {
    list: (input) => service.list(input),
    counts: ({ billerId }) => service.counts(billerId),
    ids: (filter) => service.ids(filter),
    refresh: ({ billerId }) => service.refresh(billerId),
    post: ({ billerId, entryIds, expectedState, operationId }) => service.post(billerId, entryIds, operationId, expectedState),
    hold: ({ billerId, entryIds, expectedState, reason, operationId }) => service.hold(billerId, entryIds, reason, operationId, expectedState),
    reject: ({ billerId, entryIds, expectedState, reason, operationId }) => service.reject(billerId, entryIds, reason, operationId, expectedState),
    undo: ({ billerId, entryIds, expectedState, operationId }) => service.undo(billerId, entryIds, operationId, expectedState),
    reassign: ({ billerId, entryId, accountNumber, post, expectedState }) => service.reassign(billerId, entryId, accountNumber, post, expectedState),
    searchAccounts: async ({ billerId, query, status, limit }) => ({ accounts: await service.searchAccounts(billerId, query, { ...(status ? { status } : {}), limit }) }),
    controlTotals: async ({ billerId, from, to }) => ({ days: await service.controlTotals(billerId, from, to), generatedAt: service.now() }),
    report: async ({ billerId, date, format }) => ({ ...(await service.report(billerId, date, format)), date, format }),
    audit: ({ offset, limit, ...filter }) => service.auditLog(filter, offset, limit),
    auditExport: (filter) => service.auditExport(filter),
  };
}
