import type { ImpresaAccount, ImpresaBill } from '../clients/impresa';
import type { InhanceRecord, SampleRecord } from './records';

/**
 * InHANCE Impresa records as the mapping reads them. The mapping's source catalog names fields
 * the way a PM thinks of them (`account.customerName`, `account.address1`, `bill.totalCents`);
 * the client returns the Impresa contract's shapes (`name`, `address.line1`,
 * `totalAmountDueCents`). This is the one place that translates, for the preview and the jobs.
 * Fields the catalog does not name pass through unchanged, so a PM can map them as discovered fields.
 */

/** An Impresa account under the catalog's names; `version` and any extra field pass through. */
export function accountRecord(account: ImpresaAccount): InhanceRecord {
  // The bank details of autopay are dummies (IC holds the real ones) and never a CRM field.
  const { name, address, autopay, ...rest } = account;
  return {
    ...rest,
    customerName: name,
    address1: address.line1,
    address2: address.line2,
    city: address.city,
    state: address.state,
    zip: address.zip,
    autoPay: autopay.enrolled,
  };
}

/**
 * An Impresa bill under the catalog's names. The bill carries what was due when it was issued;
 * what is still due (`balanceCents`) is the account's balance when the account is known (a
 * payment since the bill lowers it), the bill's total otherwise.
 */
export function billRecord(bill: ImpresaBill, account?: Pick<ImpresaAccount, 'balanceCents'> | null): InhanceRecord {
  const { totalAmountDueCents, minimumAmountDueCents, ...rest } = bill;
  return {
    ...rest,
    totalCents: totalAmountDueCents,
    minimumCents: minimumAmountDueCents,
    balanceCents: account ? account.balanceCents : totalAmountDueCents,
  };
}

/** One account with its latest bill (or none), as the preview maps it. */
export function sampleRecord(account: ImpresaAccount, bill: ImpresaBill | null): SampleRecord {
  return { account: accountRecord(account), bill: bill ? billRecord(bill, account) : null };
}
