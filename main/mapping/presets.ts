import { IC_FIELD_BY_KEY, type MappingRow, type Transform } from '../../shared/domain/mapping';

export const STANDARD_MAPPING_LABEL = 'Standard mapping (built in; used until the first save)';

const row = (target: string, source: string, transform: Transform = 'trim'): MappingRow => {
  const out: MappingRow = { target, source, transform, required: IC_FIELD_BY_KEY.get(target)?.required ?? false };
  if (transform === 'date') out.dateFormat = 'M/D/YYYY';
  return out;
};

/**
 * The standard mapping from the source document (Account Number → customers-accountnumber,
 * Customer Name → customers-customername), the other customer fields of IC's customer record, and
 * the invoice columns the BIF carries: dates M/D/YYYY, amounts from cents, the PDF link, the
 * invoice type and format from the biller profile, and the notification dates the Invoice File
 * job computes. Allow Partial Payments has no InHANCE source and stays unmapped.
 */
export function standardMapping(): MappingRow[] {
  return [
    row('customers-accountnumber', 'account.accountNumber'),
    row('customers-customername', 'account.customerName'),
    row('customers-address1', 'account.address1'),
    row('customers-address2', 'account.address2'),
    row('customers-city', 'account.city'),
    row('customers-state', 'account.state', 'upper'),
    row('customers-zip', 'account.zip'),
    row('customers-phone', 'account.phone', 'phone'),
    row('customers-emailaddress', 'account.email'),
    row('invoices-invoicenumber', 'bill.invoiceNumber'),
    row('invoices-invoicedate', 'bill.billDate', 'date'),
    row('invoices-duedate', 'bill.dueDate', 'date'),
    row('invoices-totalamountdue', 'bill.totalCents', 'cents-to-decimal'),
    row('invoices-balancedue', 'bill.balanceCents', 'cents-to-decimal'),
    row('invoices-minimumamountdue', 'bill.minimumCents', 'cents-to-decimal'),
    row('invoices-invoicetypeid', 'biller.invoiceTypeId', 'none'),
    row('invoices-invoiceformatguid', 'biller.invoiceFormatGuid', 'none'),
    row('invoices-pdflink', 'bill.pdfUrl'),
    row('invoices-firstnotifydate', 'notify.first', 'date'),
    row('invoices-secondnotifydate', 'notify.second', 'date'),
    row('invoices-thirdnotifydate', 'notify.third', 'date'),
  ];
}
