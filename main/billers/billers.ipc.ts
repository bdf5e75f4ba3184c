import type { DomainHandlers } from '../ipc/router';
import type { ClientFactory } from '../clients/client-factory';
import type { BillersService } from './billers.service';
import { testConnection } from './connection-test';

export function billersHandlers(billers: BillersService, clients: ClientFactory): DomainHandlers<'billers'> {
  return {
    list: () => billers.list(),
    get: ({ id }) => billers.get(id),
    create: ({ secrets, ...fields }) => billers.create(fields, secrets),
    update: ({ id, fields }) => billers.update(id, fields),
    remove: async ({ id }) => {
      await billers.remove(id);
      return { ok: true as const };
    },
    testConnection: async ({ id, system }) => {
      billers.profile(id);
      const result = await testConnection(clients, id, system);
      billers.connectionTested(id, system, result.ok, result.message);
      return result;
    },
  };
}

export function secretsHandlers(
  billers: BillersService,
  status: (billerId: string) => ReturnType<BillersService['get']>,
): DomainHandlers<'secrets'> {
  return {
    set: async ({ billerId, name, value }) => {
      await billers.setSecret(billerId, name, value);
      return { ok: true as const };
    },
    remove: async ({ billerId, name }) => {
      await billers.removeSecret(billerId, name);
      return { ok: true as const };
    },
    status: async ({ billerId }) => (await status(billerId)).secrets,
  };
}
