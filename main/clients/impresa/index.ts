export type { ImpresaClient, ImpresaPage, NewBatchEntry, NewLiveReceipt, AccountSearch, EntryFilter } from './client';
export type * from './schemas';
export { HttpImpresaClient, type HttpImpresaClientOptions } from './http-client';
export { testImpresaConnection, type ConnectionResult } from './connection-test';
export { existingOf } from './conflict';
