import type { DomainHandlers } from '../ipc/router';
import type { CallsService } from './calls.service';

/** IPC for the weekly support calls: thin, every rule lives in CallsService. */
export function callsHandlers(service: CallsService): DomainHandlers<'calls'> {
  return {
    series: async ({ billerId }) => service.series(billerId),
    saveSeries: async ({ billerId, series }) => service.saveSeries(billerId, series),
    list: async ({ billerId }) => service.list(billerId),
    get: async ({ billerId, date }) => service.get(billerId, date),
    save: async (input) => service.save(input),
    addAction: async ({ billerId, date, item }) => service.addAction(billerId, date, item),
    updateAction: async ({ id, ...change }) => service.updateAction(id, change),
    addEscalation: async ({ billerId, date, escalation }) => service.addEscalation(billerId, date, escalation),
    setEscalationStatus: async ({ id, status }) => service.setEscalationStatus(id, status),
    openIssues: async (filter) => service.openIssues(filter),
    agenda: ({ billerId }) => service.agenda(billerId),
    export: ({ billerId, date, format }) => service.export(billerId, date, format),
    settings: ({ billerId }) => service.settings(billerId),
    saveSettings: ({ billerId, settings }) => service.saveSettings(billerId, settings),
    setToken: async ({ billerId, name, value }) => {
      await service.setToken(billerId, name, value);
      return { ok: true as const };
    },
    removeToken: async ({ billerId, name }) => {
      await service.removeToken(billerId, name);
      return { ok: true as const };
    },
    sheetColumns: ({ billerId }) => service.sheetColumns(billerId),
    syncSmartsheet: ({ billerId, date }) => service.syncSmartsheet(billerId, date),
    publishConfluence: ({ billerId, date }) => service.publishConfluence(billerId, date),
  };
}
