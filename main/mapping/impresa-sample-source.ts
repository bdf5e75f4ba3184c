import { mapLimit } from '../ground/map-limit';
import type { ImpresaAccount, ImpresaBill, ImpresaClient } from '../clients/impresa';
import { isAppError } from '../../shared/errors';
import type { MappingSampleSource, SampleRecord } from './records';

/**
 * Turns an InHANCE account and its latest bill (if any) into what the mapping reads. The
 * composition root passes the Invoice File job's own translation, so a preview maps exactly
 * what the job would: the same field names, the same notification dates.
 */
export type SampleRecordBuilder = (account: ImpresaAccount, bill: ImpresaBill | null) => SampleRecord;

export interface ImpresaSampleSourceOptions {
  /** How many of the most recent bills are read to find accounts and their latest bill. */
  recentBills: number;
  /** Accounts read at the same time. */
  concurrency: number;
}

const DEFAULTS: ImpresaSampleSourceOptions = { recentBills: 1000, concurrency: 4 };
/** The contract's page limit for bills. */
const MAX_PAGE = 1000;

/**
 * The cursor after the last bill. InHANCE lists bills only forward from a cursor, so the end is
 * found by asking "is there a bill after c?" (one bill per question): doubling, then halving,
 * about 2·log2(bills) small calls instead of reading every bill ever issued.
 */
async function endOfBills(client: ImpresaClient): Promise<number> {
  const after = async (cursor: number) => (await client.listBillsSince({ cursor, limit: 1 })).items.length > 0;
  if (!(await after(0))) return 0;
  let lo = 0; // a bill exists after lo
  let hi = 1;
  while (await after(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await after(mid)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The latest bill of each account among the most recent `count` bills, newest first. */
async function latestBills(client: ImpresaClient, count: number): Promise<Map<string, ImpresaBill>> {
  const end = await endOfBills(client);
  const latest = new Map<string, ImpresaBill>();
  let cursor = Math.max(0, end - count);
  while (cursor < end) {
    const page = await client.listBillsSince({ cursor, limit: Math.min(MAX_PAGE, end - cursor) });
    for (const bill of page.items) latest.set(bill.accountNumber, bill);
    if (!page.hasMore || page.nextCursor <= cursor) break;
    cursor = page.nextCursor;
  }
  return new Map([...latest.entries()].sort(([, a], [, b]) => b.seq - a.seq));
}

/** `n` items spread evenly over the list (the first, the last and those between), in list order. */
export function spread<T>(items: readonly T[], n: number): T[] {
  if (n >= items.length) return [...items];
  if (n <= 0) return [];
  if (n === 1) return [items[0]!];
  const step = (items.length - 1) / (n - 1);
  return Array.from({ length: n }, (_, i) => items[Math.round(i * step)]!);
}

/**
 * The mapping preview's records read from the biller's InHANCE Impresa: accounts with their latest
 * bill, as the Invoice File job maps them (an account with no recent bill is mapped as the Customer
 * job would).
 */
export class ImpresaSampleSource implements MappingSampleSource {
  private readonly options: ImpresaSampleSourceOptions;

  constructor(
    private readonly clientFor: (billerId: string) => Promise<ImpresaClient>,
    private readonly recordsFor: (billerId: string) => SampleRecordBuilder,
    options: Partial<ImpresaSampleSourceOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Accounts billed recently, spread over the latest bills; topped up with unbilled accounts on a site with few bills. */
  async sample(billerId: string, n: number): Promise<SampleRecord[]> {
    const client = await this.clientFor(billerId);
    const bills = await latestBills(client, this.options.recentBills);
    const chosen = spread([...bills.keys()], n);
    const accounts = await mapLimit(chosen, this.options.concurrency, (number) => client.getAccount(number));
    const toRecord = this.recordsFor(billerId);
    const records = accounts.map((a) => toRecord(a, bills.get(a.accountNumber) ?? null));
    if (records.length < n) {
      const taken = new Set(chosen);
      for await (const page of client.accountPages({ limit: Math.min(MAX_PAGE, n * 2) })) {
        for (const account of page.items) {
          if (records.length >= n) break;
          if (!taken.has(account.accountNumber)) records.push(toRecord(account, null));
        }
        if (records.length >= n) break;
      }
    }
    return records;
  }

  /** These accounts with their latest bill among the recent ones; a number InHANCE does not know is left out. */
  async byNumbers(billerId: string, numbers: string[]): Promise<SampleRecord[]> {
    const client = await this.clientFor(billerId);
    const accounts = await mapLimit(
      numbers,
      this.options.concurrency,
      async (number): Promise<ImpresaAccount | null> => {
        try {
          return await client.getAccount(number);
        } catch (error) {
          if (isAppError(error) && error.code === 'IMPRESA_NOT_FOUND') return null;
          throw error;
        }
      },
    );
    const found = accounts.filter((a): a is ImpresaAccount => a !== null);
    if (found.length === 0) return [];
    const bills = await latestBills(client, this.options.recentBills);
    const toRecord = this.recordsFor(billerId);
    return found.map((a) => toRecord(a, bills.get(a.accountNumber) ?? null));
  }
}
