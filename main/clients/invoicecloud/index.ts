export { InvoiceCloudClient, IC_MAX_BALANCES_PER_CALL, IC_MAX_PAGE, type InvoiceCloudClientOptions } from './client';
export { testInvoiceCloudConnection, type ConnectionResult } from './connection-test';
export { writeBif, type BifRow } from './bif-writer';
export { parseMoneyCents, parseIcDate, centsToMoney } from './values';
export type * from './types';
