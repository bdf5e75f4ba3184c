/**
 * What a mapping reads. The Invoice File job maps an account with its bill, the biller profile and
 * the notification dates it computed; the Customer job maps an account alone. Account and bill are
 * InHANCE Impresa records as the client returns them: known fields plus whatever else the site's
 * API sends, hence the open records.
 */
export type InhanceRecord = Readonly<Record<string, unknown>>;

/** The biller profile fields a mapping may use (`biller.invoiceTypeId`, `biller.invoiceFormatGuid`). */
export interface BillerSource {
  invoiceTypeId: number;
  invoiceFormatGuid: string | null;
}

/** The BIF notification dates (ISO YYYY-MM-DD) the Invoice File job computes for a bill. */
export interface NotifySource {
  first?: string | null;
  second?: string | null;
  third?: string | null;
}

export interface SourceRecord {
  account: InhanceRecord;
  bill?: InhanceRecord | null;
  biller: BillerSource;
  notify?: NotifySource | null;
}

/** A record picked for the mapping preview: what InHANCE holds for one account. */
export interface SampleRecord {
  account: InhanceRecord;
  /** The account's latest bill, when it has one. */
  bill?: InhanceRecord | null;
  /** Notification dates as the Invoice File job would compute them, when the source can. */
  notify?: NotifySource | null;
}

/**
 * Where the preview gets real records. The lead implements it over the InHANCE client; tests use
 * a small in-memory one. Implementations return what they find: a number that does not exist is
 * simply absent from the result, and the preview reports it.
 */
export interface MappingSampleSource {
  /** Up to `n` accounts of the biller, chosen by the source (a spread, not only the first ones). */
  sample(billerId: string, n: number): Promise<SampleRecord[]>;
  /** The accounts with these numbers, in any order. */
  byNumbers(billerId: string, numbers: string[]): Promise<SampleRecord[]>;
}
