/**
 * The InvoiceCloud target fields this product writes: CRM customer keys (`customers-…`) and the
 * invoice columns of the Biller Invoice File (`invoices-…`). The BIF is a CSV whose header row is
 * these keys. ASSUMED, to be confirmed with IC Client Services: IC publishes no BIF layout; the
 * two standard keys from the source document (`customers-accountnumber`, `customers-customername`)
 * are known, the rest follow the same pattern and the fields of IC's ViewCustomerRecord /
 * ViewInvoiceByInvoiceNumber results. Change them here and nowhere else.
 */
export type IcFieldType = 'string' | 'money' | 'date' | 'integer' | 'guid' | 'url' | 'phone' | 'email' | 'boolean';

export interface IcField {
  key: string;
  label: string;
  type: IcFieldType;
  /** A row without it is rejected by IC. */
  required: boolean;
  section: 'customer' | 'invoice';
  /** Max length IC accepts (assumed). */
  maxLength?: number;
}

export const IC_FIELDS: readonly IcField[] = [
  {
    key: 'customers-accountnumber',
    label: 'Account Number',
    type: 'string',
    required: true,
    section: 'customer',
    maxLength: 50,
  },
  {
    key: 'customers-customername',
    label: 'Customer Name',
    type: 'string',
    required: true,
    section: 'customer',
    maxLength: 100,
  },
  {
    key: 'customers-address1',
    label: 'Address 1',
    type: 'string',
    required: false,
    section: 'customer',
    maxLength: 100,
  },
  {
    key: 'customers-address2',
    label: 'Address 2',
    type: 'string',
    required: false,
    section: 'customer',
    maxLength: 100,
  },
  { key: 'customers-city', label: 'City', type: 'string', required: false, section: 'customer', maxLength: 50 },
  { key: 'customers-state', label: 'State', type: 'string', required: false, section: 'customer', maxLength: 2 },
  { key: 'customers-zip', label: 'Zip', type: 'string', required: false, section: 'customer', maxLength: 10 },
  { key: 'customers-phone', label: 'Phone', type: 'phone', required: false, section: 'customer', maxLength: 20 },
  {
    key: 'customers-emailaddress',
    label: 'Email Address',
    type: 'email',
    required: false,
    section: 'customer',
    maxLength: 100,
  },
  {
    key: 'invoices-invoicenumber',
    label: 'Invoice Number',
    type: 'string',
    required: true,
    section: 'invoice',
    maxLength: 50,
  },
  { key: 'invoices-invoicedate', label: 'Invoice Date', type: 'date', required: true, section: 'invoice' },
  { key: 'invoices-duedate', label: 'Due Date', type: 'date', required: true, section: 'invoice' },
  { key: 'invoices-totalamountdue', label: 'Total Amount Due', type: 'money', required: true, section: 'invoice' },
  { key: 'invoices-balancedue', label: 'Balance Due', type: 'money', required: true, section: 'invoice' },
  { key: 'invoices-minimumamountdue', label: 'Minimum Amount Due', type: 'money', required: false, section: 'invoice' },
  {
    key: 'invoices-allowpartialpayments',
    label: 'Allow Partial Payments',
    type: 'boolean',
    required: false,
    section: 'invoice',
  },
  { key: 'invoices-invoicetypeid', label: 'Invoice Type ID', type: 'integer', required: true, section: 'invoice' },
  {
    key: 'invoices-invoiceformatguid',
    label: 'Invoice Format GUID',
    type: 'guid',
    required: false,
    section: 'invoice',
  },
  { key: 'invoices-pdflink', label: 'PDF Link', type: 'url', required: false, section: 'invoice' },
  { key: 'invoices-firstnotifydate', label: 'First Notify Date', type: 'date', required: false, section: 'invoice' },
  { key: 'invoices-secondnotifydate', label: 'Second Notify Date', type: 'date', required: false, section: 'invoice' },
  { key: 'invoices-thirdnotifydate', label: 'Third Notify Date', type: 'date', required: false, section: 'invoice' },
];

export const IC_FIELD_KEYS = IC_FIELDS.map((f) => f.key);

/**
 * BIF value formats (assumed, like the rest of the layout): CSV per RFC 4180, UTF-8, header row of
 * field keys; money as invariant decimals `123.45`; dates `M/D/YYYY`; booleans `true`/`false`;
 * empty cell for "none".
 */
export const BIF_FORMAT = { delimiter: ',', dateStyle: 'M/D/YYYY', money: 'decimal-dot' } as const;
