import { Redactor, type Logger } from '../../ground/logger';
import { decodeUtf8, KB, MB, sizeLimitDetail } from '../answer-limits';
import { clientError, ClientError, DEFAULT_RETRY, describeNetworkError, withRetry, type RetryPolicy } from '../errors';
import { AnswerTooLargeError, createHttpTransport, type Transport } from '../http-transport';
import {
  buildEnvelope,
  FieldReader,
  icNamespace,
  icPath,
  readSoapAnswer,
  type IcService,
  type RequestField,
} from './soap-envelope';
import type {
  IcAccountBalance,
  IcAutoPayChange,
  IcBalancePage,
  IcBalanceUpdate,
  IcBalanceUpdateResult,
  IcCustomerChange,
  IcCustomerRecord,
  IcCustomerUpdate,
  IcFeedPage,
  IcInvoice,
  IcPaymentRecord,
  IcPaymentRecordType,
  IcUploadResult,
  SoapVersion,
} from './types';
import { parseRetryAfter, type IcRateLimiter } from './rate-limiter';
import { centsToMoney } from './values';
import { hasDoctype, parseXml } from './xml';

export interface InvoiceCloudClientOptions {
  /** Scheme and host, e.g. https://www.invoicecloud.com (the sandbox: http://127.0.0.1:PORT). */
  host: string;
  billerGuid: string;
  webServiceKey: string;
  soapVersion?: SoapVersion;
  /** Per request, default 30 s. */
  timeoutMs?: number;
  logger?: Logger;
  redactor?: Redactor;
  retry?: Partial<RetryPolicy>;
  /** The biller's rate limiter (rate-limiter.ts): every request waits for its turn; a 429 pauses it. */
  limiter?: IcRateLimiter;
}

/** IC accepts at most this many balances per UpdateAccountBalances call (assumed). */
export const IC_MAX_BALANCES_PER_CALL = 1000;
export const IC_MAX_PAGE = 1000;

/**
 * The largest answer each operation accepts (CONTRACT.md, "Answer size bounds"). A page of 1,000
 * payments is about 700 KB; the bounds leave room for long names and messages, and stop a broken
 * or hostile answer long before it can exhaust memory (50 MB took the process to 2 GB).
 */
export const IC_ANSWER_LIMITS: Record<string, number> = {
  ViewInvoiceByInvoiceNumber: 256 * KB,
  ViewCustomerRecord: 256 * KB,
  UpdateCustomerRecord: 256 * KB,
  UpdateAccountBalances: 2 * MB,
  UploadEncodedInvoiceFile: 8 * MB,
  ViewAccountBalances: 4 * MB,
  DownloadPayments: 4 * MB,
  DownloadCustomerChanges: 4 * MB,
  DownloadAutoPayChanges: 4 * MB,
};
export const IC_DEFAULT_ANSWER_LIMIT = 1 * MB;
/** The largest request: an invoice file, base64-encoded, is the only big one. */
export const IC_REQUEST_LIMITS: Record<string, number> = {
  UploadEncodedInvoiceFile: 128 * MB,
  UpdateAccountBalances: 4 * MB,
};
export const IC_DEFAULT_REQUEST_LIMIT = 1 * MB;

const NOT_FOUND_WORDS = /not found|does not exist|no such|unknown (invoice|account|customer)/i;
const SYSTEM = 'InvoiceCloud';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The InvoiceCloud web-service client (ASMX SOAP). Reads, and writes whose repeat is harmless
 * (absolute balance and customer-record updates), are retried with backoff and jitter on transient
 * failures; the invoice-file upload is never repeated automatically. Every error is a ClientError
 * with an IC_* code and a redacted message naming the operation.
 */
export class InvoiceCloudClient {
  readonly soapVersion: SoapVersion;
  private readonly host: string;
  /** The HTTP exchange (http-transport.ts); tests replace it to replay recorded answers. */
  transport: Transport;
  private readonly timeoutMs: number;
  private readonly log: Logger;
  private readonly redactor: Redactor;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: InvoiceCloudClientOptions) {
    this.host = options.host.replace(/\/+$/, '');
    this.soapVersion = options.soapVersion ?? '1.2';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.log = options.logger ?? silent;
    this.redactor = options.redactor ?? new Redactor();
    this.redactor.add(options.webServiceKey);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.transport = createHttpTransport();
    this.urls = {
      CloudInvoicing: new URL(`${this.host}${icPath('CloudInvoicing')}`),
      CloudManagement: new URL(`${this.host}${icPath('CloudManagement')}`),
    };
    this.auth = [
      ['BillerGUID', options.billerGuid],
      ['WebServiceKey', options.webServiceKey],
    ];
  }

  private readonly urls: Record<IcService, URL>;
  private readonly auth: RequestField[];

  private async post(
    operation: string,
    url: URL,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; text: string }> {
    const bodyBytes = Buffer.byteLength(body);
    const started = Date.now();
    const maxAnswerBytes = IC_ANSWER_LIMITS[operation] ?? IC_DEFAULT_ANSWER_LIMIT;
    const maxRequestBytes = IC_REQUEST_LIMITS[operation] ?? IC_DEFAULT_REQUEST_LIMIT;
    if (bodyBytes > maxRequestBytes)
      throw clientError(
        SYSTEM,
        operation,
        'PROTOCOL',
        sizeLimitDetail({ side: 'request', announced: null }, maxRequestBytes, bodyBytes),
        this.redactor,
        { retryable: false },
      );
    let res;
    try {
      let pauseMs: number | null = null;
      const send = async () => {
        const answer = await this.transport({
          method: 'POST',
          url,
          body,
          headers,
          maxAnswerBytes,
          timeoutMs: this.timeoutMs,
        });
        // Before the turn ends, so no request waiting behind this one starts in the meantime.
        if (answer.status === 429) {
          const retryAfter = answer.headers['retry-after'];
          pauseMs = this.pauseAfter429(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
        }
        return answer;
      };
      res = this.options.limiter ? await this.options.limiter.run(send) : await send();
      if (res.status === 429) {
        const wait = pauseMs === null ? '' : ` for ${Math.ceil(pauseMs / 1000)} s`;
        throw clientError(
          SYSTEM,
          operation,
          'TRANSIENT',
          `InvoiceCloud answered HTTP 429 (too many requests); calls to it pause${wait}.`,
          this.redactor,
          { status: 429 },
        );
      }
    } catch (error) {
      if (error instanceof ClientError) throw error;
      if (error instanceof AnswerTooLargeError)
        throw clientError(
          SYSTEM,
          operation,
          'PROTOCOL',
          sizeLimitDetail({ side: 'answer', announced: error.announced }, maxAnswerBytes),
          this.redactor,
          { retryable: false },
        );
      const net = describeNetworkError(error, this.timeoutMs);
      throw clientError(
        SYSTEM,
        operation,
        'TRANSIENT',
        `${net?.detail ?? 'the request failed before an answer arrived'} (${this.host}).`,
        this.redactor,
      );
    }
    this.log.debug(this.redactor.redact(`${SYSTEM} ${operation}: HTTP ${res.status} in ${Date.now() - started} ms`));
    // Strict UTF-8: an answer with bytes that are not UTF-8 is refused whole, never read with U+FFFD.
    const text = decodeUtf8(res.body);
    if (text === null)
      throw clientError(
        SYSTEM,
        operation,
        'PROTOCOL',
        `the answer (HTTP ${res.status}) contains bytes that are not valid UTF-8; it was not read.`,
        this.redactor,
        { status: res.status },
      );
    return { status: res.status, text };
  }

  /** HTTP 429: the limiter holds every request of the biller for Retry-After (or its configured delay). */
  private pauseAfter429(retryAfter: string | undefined): number | null {
    const asked = parseRetryAfter(retryAfter, new Date());
    return this.options.limiter ? this.options.limiter.tooManyRequests(asked) : asked;
  }

  /** One SOAP call: retried when `safe`; returns the checked result (Success=true) or throws. */
  private async call(
    service: IcService,
    operation: string,
    wrapped: boolean,
    fields: RequestField[],
    safe: boolean,
  ): Promise<FieldReader> {
    const { body, headers } = buildEnvelope(this.soapVersion, service, operation, wrapped, [...this.auth, ...fields]);
    return withRetry(
      async () => {
        const { status, text } = await this.post(operation, this.urls[service], body, headers);
        const result = new FieldReader(
          readSoapAnswer(this.soapVersion, service, operation, status, text, this.redactor),
          operation,
          this.redactor,
        );
        this.checkSuccess(operation, result);
        return result;
      },
      {
        policy: this.retry,
        safe,
        onRetry: (error, attempt, delay) =>
          this.log.warn(
            this.redactor.redact(
              `${error.message} Trying again in ${delay} ms (attempt ${attempt + 1} of ${this.retry.attempts}).`,
            ),
          ),
      },
    );
  }

  /**
   * IC's verdict, whichever form it takes (CONTRACT.md, "What each answer must hold"): Success=true
   * passes; Success=false, or no Success but an ErrorMessage, is IC refusing. With neither, the
   * answer passes here and the operation's own reading decides (a View… with no record is "not found").
   */
  private checkSuccess(operation: string, result: FieldReader): void {
    const message = result.str('ErrorMessage').trim();
    if (result.has('Success') ? result.bool('Success') : !message) return;
    this.refuse(operation, result, message || '(no message)');
  }

  private refuse(operation: string, result: FieldReader, message: string): never {
    const kind = NOT_FOUND_WORDS.test(message) ? 'NOT_FOUND' : 'BUSINESS';
    const details = result.has('RejectedRows')
      ? result.list('RejectedRows', 'RejectedRow').map((r) => ({
          lineNumber: r.int('LineNumber'),
          invoiceNumber: r.str('InvoiceNumber'),
          reason: r.str('Reason'),
        }))
      : undefined;
    throw clientError(SYSTEM, operation, kind, `InvoiceCloud says "${message}"`, this.redactor, { details });
  }

  private notFound(operation: string, detail: string): never {
    throw clientError(SYSTEM, operation, 'NOT_FOUND', detail, this.redactor);
  }

  /** KNOWN. An invoice by number; IC_NOT_FOUND when IC has no such invoice (Success=false, or an answer with no InvoiceNumber). */
  async viewInvoiceByInvoiceNumber(invoiceNumber: string): Promise<IcInvoice> {
    const r = await this.call(
      'CloudInvoicing',
      'ViewInvoiceByInvoiceNumber',
      true,
      [['InvoiceNumber', invoiceNumber]],
      true,
    );
    if (!r.str('InvoiceNumber').trim())
      this.notFound(
        'ViewInvoiceByInvoiceNumber',
        `InvoiceCloud has no invoice ${invoiceNumber} (its answer holds no invoice).`,
      );
    return {
      invoiceNumber: r.str('InvoiceNumber'),
      invoiceDate: r.date('InvoiceDate'),
      invoiceDueDate: r.date('InvoiceDueDate'),
      autoPayCollectionDate: r.date('AutoPayCollectionDate'),
      totalAmountDueCents: r.cents('TotalAmountDue'),
      balanceDueCents: r.cents('BalanceDue'),
      minimumAmountDueCents: r.cents('MinimumAmountDue'),
      allowPartialPayments: r.bool('AllowPartialPayments'),
      firstNotifyRequestedDate: r.date('FirstNotifyRequestedDate'),
      secondNotifyRequestedDate: r.date('SecondNotifyRequestedDate'),
      thirdNotifyRequestedDate: r.date('ThirdNotifyRequestedDate'),
    };
  }

  /** KNOWN. A customer record by account number; IC_NOT_FOUND when IC has none (Success=false, or an answer with neither CustomerID nor AccountNumber). */
  async viewCustomerRecord(accountNumber: string): Promise<IcCustomerRecord> {
    const r = await this.call('CloudManagement', 'ViewCustomerRecord', false, [['AccountNumber', accountNumber]], true);
    if (!r.str('CustomerID').trim() && !r.str('AccountNumber').trim())
      this.notFound(
        'ViewCustomerRecord',
        `InvoiceCloud has no customer record for account ${accountNumber} (its answer holds no CustomerID or AccountNumber).`,
      );
    return {
      customerId: r.str('CustomerID'),
      accountNumber: r.str('AccountNumber'),
      customerName: r.str('CustomerName'),
      address1: r.str('Address1'),
      address2: r.str('Address2'),
      city: r.str('City'),
      state: r.str('State'),
      zip: r.str('Zip'),
      phone: r.str('Phone'),
      emailAddress: r.str('EmailAddress'),
      autoPay: r.bool('AutoPay'),
      paperInvoices: r.bool('PaperInvoices'),
      registered: r.bool('Registered'),
      registrationDate: r.date('RegistrationDate'),
      loginName: r.str('LoginName'),
    };
  }

  private customerFields(update: IcCustomerUpdate): Array<[string, string]> {
    return [
      ['AccountNumber', update.accountNumber],
      ['CustomerName', update.customerName ?? ''],
      ['Address1', update.address1 ?? ''],
      ['Address2', update.address2 ?? ''],
      ['City', update.city ?? ''],
      ['State', update.state ?? ''],
      ['Zip', update.zip ?? ''],
      ['Phone', update.phone ?? ''],
      ['EmailAddress', update.emailAddress ?? ''],
    ];
  }

  /**
   * KNOWN (SOAP and form POST). Sets the given fields; empty ones are left as they are (assumed).
   * Retried: setting the same values twice is harmless.
   */
  async updateCustomerRecord(update: IcCustomerUpdate, options: { via?: 'soap' | 'form' } = {}): Promise<void> {
    if (options.via !== 'form') {
      await this.call('CloudManagement', 'UpdateCustomerRecord', false, this.customerFields(update), true);
      return;
    }
    const operation = 'UpdateCustomerRecord';
    const form = new URLSearchParams([
      ['BillerGUID', this.options.billerGuid],
      ['WebServiceKey', this.options.webServiceKey],
      ...this.customerFields(update),
    ]).toString();
    const formUrl = new URL(`${this.host}${icPath('CloudManagement')}/${operation}`);
    await withRetry(
      async () => {
        const { status, text } = await this.post(operation, formUrl, form, {
          'content-type': 'application/x-www-form-urlencoded',
        });
        if (status !== 200) {
          const words = text.slice(0, 300);
          if (/BillerGUID|WebServiceKey/i.test(words))
            throw clientError(
              SYSTEM,
              operation,
              'AUTH',
              "InvoiceCloud rejected the biller GUID or web service key. Check both in the biller's settings.",
              this.redactor,
              { status },
            );
          throw clientError(
            SYSTEM,
            operation,
            status >= 500 ? 'TRANSIENT' : 'PROTOCOL',
            `InvoiceCloud answered HTTP ${status}${words ? `: ${words.replace(/\s+/g, ' ')}` : ''}.`,
            this.redactor,
            { status },
          );
        }
        if (hasDoctype(text))
          throw clientError(
            SYSTEM,
            operation,
            'PROTOCOL',
            'the answer contains a DOCTYPE; it was not read.',
            this.redactor,
          );
        let root;
        try {
          root = parseXml(text);
        } catch (error) {
          throw clientError(
            SYSTEM,
            operation,
            'PROTOCOL',
            `the answer is not complete XML (${(error as Error).message}).`,
            this.redactor,
            { retryable: true },
          );
        }
        if (root.local !== `${operation}Result` || root.ns !== icNamespace('CloudManagement'))
          throw clientError(
            SYSTEM,
            operation,
            'PROTOCOL',
            `the answer is <${root.local}>, not ${operation}Result.`,
            this.redactor,
          );
        this.checkSuccess(operation, new FieldReader(root, operation, this.redactor));
      },
      { policy: this.retry, safe: true },
    );
  }

  /**
   * ASSUMED. Uploads a BIF (CSV text) base64-encoded. Not retried automatically: whether IC
   * de-duplicates a repeated file is not known, so the job decides (by invoice number).
   * Throws IC_BUSINESS when IC refuses the whole file (details: rejected rows).
   */
  async uploadEncodedInvoiceFile(input: {
    invoiceTypeId: number;
    fileName: string;
    csv: string;
  }): Promise<IcUploadResult> {
    const encoded = Buffer.from(input.csv, 'utf8').toString('base64');
    const r = await this.call(
      'CloudInvoicing',
      'UploadEncodedInvoiceFile',
      true,
      [
        ['InvoiceTypeID', input.invoiceTypeId],
        ['FileName', input.fileName],
        ['EncodedFile', encoded],
      ],
      false,
    );
    return {
      fileId: r.str('FileID'),
      rowsReceived: r.int('RowsReceived'),
      rowsAccepted: r.int('RowsAccepted'),
      rowsRejected: r.int('RowsRejected'),
      rejectedRows: r.list('RejectedRows', 'RejectedRow').map((row) => ({
        lineNumber: row.int('LineNumber'),
        invoiceNumber: row.str('InvoiceNumber'),
        reason: row.str('Reason'),
      })),
    };
  }

  /** ASSUMED. Sets IC balances (absolute values, so retried), in calls of at most 1,000. */
  async updateAccountBalances(balances: IcBalanceUpdate[]): Promise<IcBalanceUpdateResult> {
    const total: IcBalanceUpdateResult = { recordsReceived: 0, recordsUpdated: 0, unknownAccounts: [] };
    for (let i = 0; i < balances.length; i += IC_MAX_BALANCES_PER_CALL) {
      const chunk = balances.slice(i, i + IC_MAX_BALANCES_PER_CALL);
      const rows = chunk.map((b): Array<[string, string]> => [
        ['AccountNumber', b.accountNumber],
        ['BalanceDue', centsToMoney(b.balanceDueCents)],
      ]);
      const r = await this.call(
        'CloudInvoicing',
        'UpdateAccountBalances',
        true,
        [['Balances', { item: 'AccountBalance', rows }]],
        true,
      );
      total.recordsReceived += r.int('RecordsReceived');
      total.recordsUpdated += r.int('RecordsUpdated');
      total.unknownAccounts.push(...r.strings('UnknownAccounts', 'AccountNumber'));
    }
    return total;
  }

  /** ASSUMED. One page of IC's balances in account-number order, after `startAfterAccountNumber`. */
  async viewAccountBalances(
    input: { startAfterAccountNumber?: string; pageSize?: number } = {},
  ): Promise<IcBalancePage> {
    const pageSize = this.pageSize(input.pageSize);
    const r = await this.call(
      'CloudInvoicing',
      'ViewAccountBalances',
      true,
      [
        ['StartAfterAccountNumber', input.startAfterAccountNumber ?? ''],
        ['PageSize', pageSize],
      ],
      true,
    );
    const balances: IcAccountBalance[] = r.list('Balances', 'AccountBalance').map((b) => ({
      accountNumber: b.str('AccountNumber'),
      invoiceNumber: b.str('InvoiceNumber'),
      balanceDueCents: b.cents('BalanceDue'),
      lastUpdated: b.date('LastUpdated'),
    }));
    const page = { balances, hasMore: r.bool('HasMore'), lastAccountNumber: r.str('LastAccountNumber') };
    if (page.hasMore && (!page.lastAccountNumber || page.lastAccountNumber === (input.startAfterAccountNumber ?? ''))) {
      throw clientError(
        SYSTEM,
        'ViewAccountBalances',
        'PROTOCOL',
        'the answer says there is more but its cursor did not move.',
        this.redactor,
      );
    }
    return page;
  }

  /** Every balance page in turn (each page carries the cursor to resume from). */
  async *balancePages(
    input: { startAfterAccountNumber?: string; pageSize?: number } = {},
  ): AsyncGenerator<IcBalancePage> {
    let cursor = input.startAfterAccountNumber ?? '';
    for (;;) {
      const page = await this.viewAccountBalances({
        startAfterAccountNumber: cursor,
        ...(input.pageSize ? { pageSize: input.pageSize } : {}),
      });
      yield page;
      if (!page.hasMore) return;
      cursor = page.lastAccountNumber;
    }
  }

  private pageSize(n: number | undefined): number {
    const size = n ?? 500;
    if (!Number.isInteger(size) || size < 1 || size > IC_MAX_PAGE)
      throw new RangeError(`Page size must be from 1 to ${IC_MAX_PAGE}.`);
    return size;
  }

  private async feed<T extends { sequence: number }>(
    operation: string,
    service: IcService,
    listName: string,
    item: string,
    afterSequence: number,
    maxRecords: number | undefined,
    map: (r: FieldReader) => T,
  ): Promise<IcFeedPage<T>> {
    if (!Number.isInteger(afterSequence) || afterSequence < 0)
      throw new RangeError('afterSequence is a whole number from 0.');
    const r = await this.call(
      service,
      operation,
      service === 'CloudInvoicing',
      [
        ['AfterSequence', afterSequence],
        ['MaxRecords', this.pageSize(maxRecords)],
      ],
      true,
    );
    const records = r.list(listName, item).map(map);
    const page = { records, lastSequence: r.int('LastSequence'), hasMore: r.bool('HasMore') };
    const bad = records.find((rec) => rec.sequence <= afterSequence || rec.sequence > page.lastSequence);
    if (bad)
      throw clientError(
        SYSTEM,
        operation,
        'PROTOCOL',
        `the answer holds sequence ${bad.sequence}, outside the page (${afterSequence}, ${page.lastSequence}].`,
        this.redactor,
      );
    if (page.hasMore && page.lastSequence <= afterSequence)
      throw clientError(
        SYSTEM,
        operation,
        'PROTOCOL',
        'the answer says there is more but its cursor did not move.',
        this.redactor,
      );
    return page;
  }

  private async *pages<T>(
    load: (after: number) => Promise<IcFeedPage<T>>,
    afterSequence: number,
  ): AsyncGenerator<IcFeedPage<T>> {
    let cursor = afterSequence;
    for (;;) {
      const page = await load(cursor);
      yield page;
      if (!page.hasMore) return;
      cursor = page.lastSequence;
    }
  }

  /**
   * ASSUMED. One page of IC's payment feed after `afterSequence`: payments, reversals and ACH
   * returns, as IC sent them (a repeated delivery stays in: de-duplicate by paymentGuid).
   */
  async downloadPayments(input: { afterSequence: number; maxRecords?: number }): Promise<IcFeedPage<IcPaymentRecord>> {
    return this.feed(
      'DownloadPayments',
      'CloudInvoicing',
      'Payments',
      'Payment',
      input.afterSequence,
      input.maxRecords,
      (p) => {
        const recordType = p.str('RecordType') as IcPaymentRecordType;
        if (!['Payment', 'Reversal', 'Return'].includes(recordType))
          throw clientError(
            SYSTEM,
            'DownloadPayments',
            'PROTOCOL',
            `a payment record has RecordType "${recordType}" (expected Payment, Reversal or Return).`,
            this.redactor,
          );
        const guid = p.str('PaymentGUID').trim().replace(/[{}]/g, '').toLowerCase();
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(guid))
          throw clientError(
            SYSTEM,
            'DownloadPayments',
            'PROTOCOL',
            `a payment record has PaymentGUID "${p.str('PaymentGUID')}", which is not a GUID.`,
            this.redactor,
          );
        const typeId = p.int('PaymentTypeID');
        const original = p.str('OriginalPaymentGUID').trim().replace(/[{}]/g, '').toLowerCase();
        if (recordType !== 'Payment' && !original)
          throw clientError(
            SYSTEM,
            'DownloadPayments',
            'PROTOCOL',
            `${recordType} ${guid} does not say which payment it takes back (OriginalPaymentGUID is empty).`,
            this.redactor,
          );
        return {
          sequence: p.int('Sequence'),
          recordType,
          paymentGuid: guid,
          originalPaymentGuid: original || null,
          paymentDate: p.requiredDate('PaymentDate'),
          depositDate: p.requiredDate('DepositDate').slice(0, 10),
          invoiceNumber: p.str('InvoiceNumber'),
          accountNumber: p.str('AccountNumber'),
          approved: p.bool('Approved'),
          customerName: p.str('CustomerName'),
          amountCents: p.cents('PaymentAmount'),
          convenienceFeeCents: p.cents('ConvenienceFee'),
          paymentTypeId: typeId,
          paymentMethod: typeId === 1 ? 'card' : typeId === 2 ? 'ach' : 'other',
          cardType: p.str('CardType'),
          billerReference: p.str('BillerReference'),
          paymentMessage: p.str('PaymentMessage'),
          returnCode: p.str('ReturnCode') || null,
          returnReason: p.str('ReturnReason') || null,
        };
      },
    );
  }

  paymentPages(
    input: { afterSequence?: number; maxRecords?: number } = {},
  ): AsyncGenerator<IcFeedPage<IcPaymentRecord>> {
    return this.pages(
      (after) =>
        this.downloadPayments({ afterSequence: after, ...(input.maxRecords ? { maxRecords: input.maxRecords } : {}) }),
      input.afterSequence ?? 0,
    );
  }

  /** ASSUMED. One page of customer changes (paperless, email, phone) after `afterSequence`. */
  async downloadCustomerChanges(input: {
    afterSequence: number;
    maxRecords?: number;
  }): Promise<IcFeedPage<IcCustomerChange>> {
    return this.feed(
      'DownloadCustomerChanges',
      'CloudManagement',
      'Changes',
      'CustomerChange',
      input.afterSequence,
      input.maxRecords,
      (c) => ({
        sequence: c.int('Sequence'),
        accountNumber: c.str('AccountNumber'),
        changeDate: c.date('ChangeDate'),
        changedFields: c
          .str('ChangedFields')
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean),
        paperInvoices: c.bool('PaperInvoices'),
        emailAddress: c.str('EmailAddress'),
        phone: c.str('Phone'),
      }),
    );
  }

  customerChangePages(
    input: { afterSequence?: number; maxRecords?: number } = {},
  ): AsyncGenerator<IcFeedPage<IcCustomerChange>> {
    return this.pages(
      (after) =>
        this.downloadCustomerChanges({
          afterSequence: after,
          ...(input.maxRecords ? { maxRecords: input.maxRecords } : {}),
        }),
      input.afterSequence ?? 0,
    );
  }

  /** ASSUMED. One page of autopay enrollment changes after `afterSequence`. */
  async downloadAutoPayChanges(input: {
    afterSequence: number;
    maxRecords?: number;
  }): Promise<IcFeedPage<IcAutoPayChange>> {
    return this.feed(
      'DownloadAutoPayChanges',
      'CloudManagement',
      'Changes',
      'AutoPayChange',
      input.afterSequence,
      input.maxRecords,
      (c) => ({
        sequence: c.int('Sequence'),
        accountNumber: c.str('AccountNumber'),
        changeDate: c.date('ChangeDate'),
        autoPay: c.bool('AutoPay'),
        paymentTypeId: c.int('PaymentTypeID'),
      }),
    );
  }

  autoPayChangePages(
    input: { afterSequence?: number; maxRecords?: number } = {},
  ): AsyncGenerator<IcFeedPage<IcAutoPayChange>> {
    return this.pages(
      (after) =>
        this.downloadAutoPayChanges({
          afterSequence: after,
          ...(input.maxRecords ? { maxRecords: input.maxRecords } : {}),
        }),
      input.afterSequence ?? 0,
    );
  }
}

export { ClientError };
