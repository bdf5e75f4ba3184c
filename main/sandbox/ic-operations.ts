/**
 * The InvoiceCloud operations the simulator serves, as data: the WSDL, request reading and
 * response writing all come from this table, so they cannot drift apart. Which of these are known
 * and which assumed is recorded in main/clients/invoicecloud/CONTRACT.md.
 */
export const IC_NS_BASE = 'https://www.invoicecloud.com/portal/webservices/';
export type IcService = 'CloudInvoicing' | 'CloudManagement';
export const serviceNamespace = (service: IcService) => `${IC_NS_BASE}${service}/`;

export type XsdScalar = 'string' | 'boolean' | 'decimal' | 'int' | 'long' | 'base64Binary';
export type XField =
  | { name: string; type: XsdScalar }
  /** A list: <Name><Item>…</Item><Item>…</Item></Name>; `fields` null means a list of strings. */
  | { name: string; item: string; itemType: string; fields: XField[] | null };

export interface IcOperation {
  name: string;
  service: IcService;
  /** Request fields wrapped in <Req> (CloudInvoicing style) or flat (CloudManagement style). */
  wrapped: boolean;
  request: XField[];
  response: XField[];
}

const s = (name: string): XField => ({ name, type: 'string' });
const b = (name: string): XField => ({ name, type: 'boolean' });
const d = (name: string): XField => ({ name, type: 'decimal' });
const i = (name: string): XField => ({ name, type: 'int' });
const l = (name: string): XField => ({ name, type: 'long' });
const AUTH = [s('BillerGUID'), s('WebServiceKey')];
const RESULT = [b('Success'), s('ErrorMessage')];

export const IC_OPERATIONS: readonly IcOperation[] = [
  {
    name: 'ViewInvoiceByInvoiceNumber',
    service: 'CloudInvoicing',
    wrapped: true,
    request: [...AUTH, s('InvoiceNumber')],
    response: [
      ...RESULT,
      s('InvoiceNumber'),
      s('InvoiceDate'),
      s('InvoiceDueDate'),
      s('AutoPayCollectionDate'),
      d('TotalAmountDue'),
      d('BalanceDue'),
      d('MinimumAmountDue'),
      b('AllowPartialPayments'),
      s('FirstNotifyRequestedDate'),
      s('SecondNotifyRequestedDate'),
      s('ThirdNotifyRequestedDate'),
    ],
  },
  {
    name: 'UploadEncodedInvoiceFile',
    service: 'CloudInvoicing',
    wrapped: true,
    request: [...AUTH, i('InvoiceTypeID'), s('FileName'), { name: 'EncodedFile', type: 'base64Binary' }],
    response: [
      ...RESULT,
      s('FileID'),
      i('RowsReceived'),
      i('RowsAccepted'),
      i('RowsRejected'),
      {
        name: 'RejectedRows',
        item: 'RejectedRow',
        itemType: 'RejectedRow',
        fields: [i('LineNumber'), s('InvoiceNumber'), s('Reason')],
      },
    ],
  },
  {
    name: 'UpdateAccountBalances',
    service: 'CloudInvoicing',
    wrapped: true,
    request: [
      ...AUTH,
      {
        name: 'Balances',
        item: 'AccountBalance',
        itemType: 'AccountBalanceUpdate',
        fields: [s('AccountNumber'), d('BalanceDue')],
      },
    ],
    response: [
      ...RESULT,
      i('RecordsReceived'),
      i('RecordsUpdated'),
      { name: 'UnknownAccounts', item: 'AccountNumber', itemType: 'string', fields: null },
    ],
  },
  {
    name: 'ViewAccountBalances',
    service: 'CloudInvoicing',
    wrapped: true,
    request: [...AUTH, s('StartAfterAccountNumber'), i('PageSize')],
    response: [
      ...RESULT,
      {
        name: 'Balances',
        item: 'AccountBalance',
        itemType: 'AccountBalance',
        fields: [s('AccountNumber'), s('InvoiceNumber'), d('BalanceDue'), s('LastUpdated')],
      },
      b('HasMore'),
      s('LastAccountNumber'),
    ],
  },
  {
    name: 'DownloadPayments',
    service: 'CloudInvoicing',
    wrapped: true,
    request: [...AUTH, l('AfterSequence'), i('MaxRecords')],
    response: [
      ...RESULT,
      {
        name: 'Payments',
        item: 'Payment',
        itemType: 'PaymentRecord',
        fields: [
          l('Sequence'),
          s('RecordType'),
          s('PaymentGUID'),
          s('OriginalPaymentGUID'),
          s('PaymentDate'),
          s('DepositDate'),
          s('InvoiceNumber'),
          s('AccountNumber'),
          b('Approved'),
          s('CustomerName'),
          d('PaymentAmount'),
          i('PaymentTypeID'),
          s('CardType'),
          d('ConvenienceFee'),
          s('BillerReference'),
          s('PaymentMessage'),
          s('ReturnCode'),
          s('ReturnReason'),
        ],
      },
      l('LastSequence'),
      b('HasMore'),
    ],
  },
  {
    name: 'ViewCustomerRecord',
    service: 'CloudManagement',
    wrapped: false,
    request: [...AUTH, s('AccountNumber')],
    response: [
      ...RESULT,
      s('CustomerID'),
      s('AccountNumber'),
      s('CustomerName'),
      s('Address1'),
      s('Address2'),
      s('City'),
      s('State'),
      s('Zip'),
      s('Phone'),
      s('EmailAddress'),
      b('AutoPay'),
      b('PaperInvoices'),
      b('Registered'),
      s('RegistrationDate'),
      s('LoginName'),
    ],
  },
  {
    name: 'UpdateCustomerRecord',
    service: 'CloudManagement',
    wrapped: false,
    request: [
      ...AUTH,
      s('AccountNumber'),
      s('CustomerName'),
      s('Address1'),
      s('Address2'),
      s('City'),
      s('State'),
      s('Zip'),
      s('Phone'),
      s('EmailAddress'),
    ],
    response: [...RESULT],
  },
  {
    name: 'DownloadCustomerChanges',
    service: 'CloudManagement',
    wrapped: false,
    request: [...AUTH, l('AfterSequence'), i('MaxRecords')],
    response: [
      ...RESULT,
      {
        name: 'Changes',
        item: 'CustomerChange',
        itemType: 'CustomerChange',
        fields: [
          l('Sequence'),
          s('AccountNumber'),
          s('ChangeDate'),
          s('ChangedFields'),
          b('PaperInvoices'),
          s('EmailAddress'),
          s('Phone'),
        ],
      },
      l('LastSequence'),
      b('HasMore'),
    ],
  },
  {
    name: 'DownloadAutoPayChanges',
    service: 'CloudManagement',
    wrapped: false,
    request: [...AUTH, l('AfterSequence'), i('MaxRecords')],
    response: [
      ...RESULT,
      {
        name: 'Changes',
        item: 'AutoPayChange',
        itemType: 'AutoPayChange',
        fields: [l('Sequence'), s('AccountNumber'), s('ChangeDate'), b('AutoPay'), i('PaymentTypeID')],
      },
      l('LastSequence'),
      b('HasMore'),
    ],
  },
];

export function findOperation(service: IcService, name: string): IcOperation | undefined {
  return IC_OPERATIONS.find((op) => op.service === service && op.name === name);
}
