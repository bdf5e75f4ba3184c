import type { DomainHandlers } from '../ipc/router';
import type { PaymentsService } from './payments.service';

/** IPC for the posting queue: thin, every rule lives in PaymentsService. */
export function paymentsHandlers(service: PaymentsService): DomainHandlers<'payments'> {
  return {
    list: (input) => service.list(input),
    counts: ({ billerId }) => service.counts(billerId),
    ids: (filter) => service.ids(filter),
    refresh: ({ billerId }) => service.refresh(billerId),
    post: (input) => service.post(input),
    hold: (input) => service.hold(input),
    reject: (input) => service.reject(input),
    undo: (input) => service.undo(input),
    reassign: (input) => service.reassign(input),
    searchAccounts: async (input) => ({ accounts: await service.searchAccounts(input) }),
    controlTotals: async (input) => ({ days: await service.controlTotals(input), generatedAt: service.now() }),
    report: async (input) => ({ ...(await service.report(input)), date: input.date, format: input.format }),
    audit: (input) => service.auditLog(input),
    auditExport: (filter) => service.auditExport(filter),
  };
}
