import { AppError } from '../../shared/errors';
import type { DomainHandlers } from '../ipc/router';

const notYet = () => {
  throw new AppError('INTERNAL', 'The posting queue is not available in this build yet.');
};

/** IPC for the posting queue. Stubbed until the payments service lands (the contract is final). */
export function paymentsHandlers(): DomainHandlers<'payments'> {
  return {
    list: notYet,
    counts: notYet,
    ids: notYet,
    refresh: notYet,
    post: notYet,
    hold: notYet,
    reject: notYet,
    undo: notYet,
    reassign: notYet,
    searchAccounts: notYet,
    controlTotals: notYet,
    report: notYet,
    audit: notYet,
    auditExport: notYet,
  };
}
