import { bifCents } from './bif';
import type { FaultInjector } from './faults';
import { faultsControl, startHttpServer, json, type Reply, type RequestInfo, type RunningServer } from './http-server';
import { findOperation, IC_OPERATIONS, type IcService } from './ic-operations';
import { MAX_BALANCES_PER_CALL } from './ic-state';
import {
  plainResult,
  readSoapRequest,
  SoapFault,
  soapFault,
  soapResult,
  type ResultValue,
  type SoapValues,
  type SoapVersion,
} from './soap';
import type { SandboxCore } from './state';
import { DOTNET_NO_DATE, dotNetDay, dotNetInstant, localDay, moneyText } from './time';
import { buildWsdl } from './wsdl';
import { NACHA_REASONS, type SimPayment } from './world-events';

/**
 * The InvoiceCloud simulator: ASMX-style SOAP 1.1 and 1.2 at IC's paths, WSDL at ?WSDL, the form
 * POST of UpdateCustomerRecord, and the sandbox control endpoints.
 */
export const IC_PATHS: Record<IcService, string> = {
  CloudInvoicing: '/portal/webservices/CloudInvoicing.asmx',
  CloudManagement: '/portal/webservices/CloudManagement.asmx',
};

export interface IcCredentials {
  billerGuid: string;
  webServiceKey: string;
}

const MAX_PAGE = 1000;
const norm = (guid: string) => guid.trim().replace(/[{}]/g, '').toLowerCase();
type Values = Record<string, ResultValue>;

class Business extends Error {}
/** A View… that finds nothing: Success=false with a "not found" message, or (sparse) an empty result. */
class NotFound extends Business {}

/**
 * The sparse shape of an answer (the `ic:sparse` fault): what IC's real services may send. No
 * Success; no ErrorMessage unless there is one; no "no date" values (the elements are left out).
 * soapResult/plainResult with `sparse` then leave out every empty string and empty list.
 */
function sparseOf(values: Values): Values {
  const out: Values = {};
  for (const [name, value] of Object.entries(values)) {
    if (name === 'Success' || value === DOTNET_NO_DATE) continue;
    out[name] = Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : sparseOf(item))) : value;
  }
  return out;
}

function intField(values: SoapValues, name: string, fallback?: number): number {
  const raw = values[name];
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback;
    throw new SoapFault('Sender', `Server was unable to read request. ---> ${name} is required.`);
  }
  if (typeof raw !== 'string' || !/^-?\d{1,15}$/.test(raw.trim()))
    throw new SoapFault(
      'Sender',
      `Server was unable to read request. ---> There is an error in XML document. ---> Input string was not in a correct format (${name}).`,
    );
  return Number(raw.trim());
}

const str = (values: SoapValues, name: string): string =>
  typeof values[name] === 'string' ? (values[name] as string).trim() : '';

export class IcSimulator {
  private server: RunningServer | null = null;

  constructor(
    private readonly core: SandboxCore,
    private readonly credentials: IcCredentials,
    private readonly faults: FaultInjector,
    private readonly onFaults: (spec: string) => void,
  ) {}

  get baseUrl(): string {
    if (!this.server) throw new Error('The InvoiceCloud simulator is not running.');
    return this.server.baseUrl;
  }

  async start(port = 0): Promise<string> {
    this.server = await startHttpServer({
      port,
      handler: (r) => this.handle(r),
      faults: this.faults,
      statusReply: (status, r) => this.injectedStatus(status, r),
      onError: (error, r) =>
        soapFault(
          this.versionOf(r),
          'Receiver',
          `Server was unable to process request. ---> ${(error as Error).message}`,
        ),
    });
    return this.server.baseUrl;
  }

  /** Requests received outside /__sandbox/ since start. */
  requests(): number {
    return this.server?.requests() ?? 0;
  }

  /** When the latest requests arrived (ms since the epoch), oldest first. */
  arrivals(): number[] {
    return this.server?.arrivals() ?? [];
  }

  async close(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  private versionOf(r: RequestInfo): SoapVersion {
    return /application\/soap\+xml/i.test(String(r.headers['content-type'] ?? '')) ? '1.2' : '1.1';
  }

  private injectedStatus(status: number, r: RequestInfo): Reply {
    if (status === 500)
      return soapFault(
        this.versionOf(r),
        'Receiver',
        'Server was unable to process request. ---> Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.',
      );
    const title = status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Unavailable' : 'Gateway Timeout';
    return {
      status,
      headers: { 'content-type': 'text/html' },
      body: `<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>`,
    };
  }

  private handle(r: RequestInfo): Reply {
    const p = r.url.pathname.toLowerCase();
    if (p === '/__sandbox/summary' && r.method === 'GET') return json(200, this.summary());
    if (p === '/__sandbox/advance' && r.method === 'POST') return this.advance(r);
    if (p === '/__sandbox/faults' && r.method === 'POST') return faultsControl(r.body, this.onFaults);
    for (const service of Object.keys(IC_PATHS) as IcService[]) {
      const base = IC_PATHS[service].toLowerCase();
      if (p === base && r.method === 'GET' && /^\?wsdl$/i.test(r.url.search)) {
        return {
          status: 200,
          headers: { 'content-type': 'text/xml; charset=utf-8' },
          body: buildWsdl(service, IC_OPERATIONS, `${this.baseUrl}${IC_PATHS[service]}`),
        };
      }
      if (p === base && r.method === 'POST') return this.soap(service, r);
      if (service === 'CloudManagement' && p === `${base}/updatecustomerrecord` && r.method === 'POST')
        return this.formUpdate(r);
    }
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not found' };
  }

  private advance(r: RequestInfo): Reply {
    let ms: unknown;
    try {
      ms = (JSON.parse(r.body.toString('utf8') || '{}') as { ms?: unknown }).ms;
    } catch {
      ms = undefined;
    }
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
      return json(400, { error: { code: 'VALIDATION', message: 'Send {"ms": <non-negative number>}.' } });
    const produced = this.core.advance(ms);
    return json(200, { now: new Date(this.core.world.now()).toISOString(), produced });
  }

  private authorized(values: SoapValues | Record<string, string>): boolean {
    const guid = typeof values.BillerGUID === 'string' ? values.BillerGUID : '';
    const key = typeof values.WebServiceKey === 'string' ? values.WebServiceKey : '';
    return (
      norm(guid) === norm(this.credentials.billerGuid) &&
      norm(key) === norm(this.credentials.webServiceKey) &&
      key.length > 0
    );
  }

  private soap(service: IcService, r: RequestInfo): Reply {
    const text = r.body.toString('utf8');
    const version = this.versionOf(r);
    try {
      if (/<!DOCTYPE/i.test(text))
        throw new SoapFault(
          'Sender',
          'Server was unable to read request. ---> For security reasons DTD is prohibited in this XML document.',
        );
      const action = r.headers.soapaction;
      const request = readSoapRequest(
        service,
        text,
        String(r.headers['content-type'] ?? ''),
        Array.isArray(action) ? action[0] : action,
        IC_OPERATIONS,
      );
      if (!this.authorized(request.values))
        throw new SoapFault(
          'Sender',
          'Server was unable to process request. ---> Invalid BillerGUID or WebServiceKey.',
        );
      let values: Values;
      try {
        values = {
          Success: true,
          ErrorMessage: '',
          ...this.operation(request.operation.name, request.values, r.fault.duplicate),
        };
      } catch (error) {
        if (!(error instanceof Business)) throw error;
        values = r.fault.sparse && error instanceof NotFound ? {} : this.failure(request.operation.name, error.message);
      }
      const sparse = r.fault.sparse;
      return soapResult(request.version, request.operation, sparse ? sparseOf(values) : values, { sparse });
    } catch (error) {
      if (error instanceof SoapFault) return soapFault(version, error.code, error.message);
      throw error;
    }
  }

  /** A business failure: HTTP 200, Success=false, ErrorMessage, the other fields empty or zero. */
  private failure(name: string, message: string): Values {
    const op = IC_OPERATIONS.find((o) => o.name === name)!;
    const values: Values = {};
    for (const f of op.response) {
      if (!('type' in f)) values[f.name] = [];
      else if (f.type === 'boolean') values[f.name] = false;
      else if (f.type === 'decimal') values[f.name] = '0.00';
      else if (f.type === 'int' || f.type === 'long') values[f.name] = 0;
      else values[f.name] = /Date$/.test(f.name) ? DOTNET_NO_DATE : '';
    }
    return { ...values, Success: false, ErrorMessage: message };
  }

  private operation(name: string, v: SoapValues, duplicate: boolean): Values {
    const { world, ic } = this.core;
    const tz = world.timeZone;
    switch (name) {
      case 'ViewInvoiceByInvoiceNumber': {
        const invoice = ic.invoice(str(v, 'InvoiceNumber'));
        if (!invoice) throw new NotFound(`Invoice not found: ${str(v, 'InvoiceNumber') || '(blank)'}.`);
        const index = world.indexOf(invoice.accountNumber);
        const autopay = index >= 0 && ic.customer(index).autopay;
        return {
          InvoiceNumber: invoice.invoiceNumber,
          InvoiceDate: dotNetDay(invoice.invoiceDate),
          InvoiceDueDate: dotNetDay(invoice.dueDate),
          AutoPayCollectionDate: autopay ? dotNetDay(invoice.dueDate) : DOTNET_NO_DATE,
          TotalAmountDue: moneyText(invoice.totalAmountDueCents),
          BalanceDue: moneyText(invoice.balanceDueCents),
          MinimumAmountDue: moneyText(invoice.minimumAmountDueCents),
          AllowPartialPayments: invoice.allowPartialPayments,
          FirstNotifyRequestedDate: dotNetDay(invoice.notifyDates[0]),
          SecondNotifyRequestedDate: dotNetDay(invoice.notifyDates[1]),
          ThirdNotifyRequestedDate: dotNetDay(invoice.notifyDates[2]),
        };
      }
      case 'UploadEncodedInvoiceFile': {
        const typeId = intField(v, 'InvoiceTypeID');
        const encoded = str(v, 'EncodedFile').replace(/\s+/g, '');
        if (!encoded) throw new Business('EncodedFile is empty.');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0)
          throw new Business('EncodedFile is not valid base64.');
        const csv = Buffer.from(encoded, 'base64').toString('utf8');
        const result = this.core.icMutate('upload', {
          invoiceTypeId: typeId,
          fileName: str(v, 'FileName') || 'invoices.csv',
          csv,
        });
        return {
          Success: result.success,
          ErrorMessage: result.errorMessage,
          FileID: result.fileId,
          RowsReceived: result.rowsReceived,
          RowsAccepted: result.rowsAccepted,
          RowsRejected: result.rowsRejected,
          RejectedRows: result.rejectedRows.map((row) => ({
            LineNumber: row.line,
            InvoiceNumber: row.invoiceNumber,
            Reason: row.reason,
          })),
        };
      }
      case 'UpdateAccountBalances': {
        const rows = (v.Balances ?? []) as Array<Record<string, string>>;
        if (rows.length === 0) throw new Business('Balances is empty.');
        if (rows.length > MAX_BALANCES_PER_CALL)
          throw new Business(`Send at most ${MAX_BALANCES_PER_CALL} balances per call (received ${rows.length}).`);
        const balances = rows.map((row, i) => {
          const cents = bifCents((row.BalanceDue ?? '').trim());
          if (cents === null)
            throw new Business(
              `Balance ${i + 1} (account ${row.AccountNumber ?? ''}): BalanceDue "${row.BalanceDue ?? ''}" is not an amount like 123.45.`,
            );
          return { accountNumber: (row.AccountNumber ?? '').trim(), balanceDueCents: cents };
        });
        const result = this.core.icMutate('updateBalances', balances);
        return { RecordsReceived: rows.length, RecordsUpdated: result.updated, UnknownAccounts: result.unknown };
      }
      case 'ViewAccountBalances': {
        const size = intField(v, 'PageSize');
        if (size < 1 || size > MAX_PAGE) throw new Business(`PageSize must be from 1 to ${MAX_PAGE}.`);
        const after = str(v, 'StartAfterAccountNumber');
        let start = 0;
        if (after) {
          const m = /^(\d{7})-\d{2}$/.exec(after);
          if (!m) throw new Business(`StartAfterAccountNumber "${after}" is not an account number.`);
          // Account-number order: the first account whose number sorts after the cursor (the
          // cursor's suffix counts, so "0000002-00" comes before "0000002-01").
          const own = Number(m[1]) - 1;
          start = own >= 0 && own < world.accounts && world.accountNumber(own) > after ? own : Number(m[1]);
        }
        const end = Math.min(world.accounts, start + size);
        const balances: Values[] = [];
        for (let i = start; i < end; i++) {
          balances.push({
            AccountNumber: world.accountNumber(i),
            InvoiceNumber: ic.latestInvoiceNumber(i),
            BalanceDue: moneyText(world.icBalance[i]!),
            LastUpdated: dotNetInstant(tz, world.startAt),
          });
        }
        if (duplicate && balances.length) balances.push(balances[0]!);
        return {
          Balances: balances,
          HasMore: end < world.accounts,
          LastAccountNumber: end > start ? world.accountNumber(end - 1) : after,
        };
      }
      case 'DownloadPayments':
        return this.feed(
          v,
          world.payments.length,
          (seq) => this.paymentRecord(world.payments[seq - 1]!),
          duplicate,
          'Payments',
        );
      case 'DownloadCustomerChanges':
        return this.feed(
          v,
          world.customerChanges.length,
          (seq) => {
            const c = world.customerChanges[seq - 1]!;
            const field = c.kind === 'paperless' ? 'PaperInvoices' : c.kind === 'email' ? 'EmailAddress' : 'Phone';
            return {
              Sequence: c.seq,
              AccountNumber: world.accountNumber(c.accountIndex),
              ChangeDate: dotNetInstant(tz, c.changeDate),
              ChangedFields: field,
              PaperInvoices: !c.paperless,
              EmailAddress: c.email,
              Phone: c.phone,
            };
          },
          duplicate,
          'Changes',
        );
      case 'DownloadAutoPayChanges':
        return this.feed(
          v,
          world.autopayChanges.length,
          (seq) => {
            const c = world.autopayChanges[seq - 1]!;
            return {
              Sequence: c.seq,
              AccountNumber: world.accountNumber(c.accountIndex),
              ChangeDate: dotNetInstant(tz, c.changeDate),
              AutoPay: c.enrolled,
              PaymentTypeID: c.paymentType === 'card' ? 1 : 2,
            };
          },
          duplicate,
          'Changes',
        );
      case 'ViewCustomerRecord': {
        const index = world.indexOf(str(v, 'AccountNumber'));
        if (index < 0)
          throw new NotFound(`Customer record not found for account ${str(v, 'AccountNumber') || '(blank)'}.`);
        const c = ic.customer(index);
        return {
          CustomerID: c.customerId,
          AccountNumber: c.accountNumber,
          CustomerName: c.customerName,
          Address1: c.address1,
          Address2: c.address2,
          City: c.city,
          State: c.state,
          Zip: c.zip,
          Phone: c.phone,
          EmailAddress: c.email,
          AutoPay: c.autopay,
          PaperInvoices: !c.paperless,
          Registered: c.registered,
          RegistrationDate: c.registrationDate === null ? DOTNET_NO_DATE : dotNetInstant(tz, c.registrationDate),
          LoginName: c.registered ? c.loginName : '',
        };
      }
      case 'UpdateCustomerRecord':
        this.updateCustomer(v as Record<string, string>);
        return {};
      default:
        throw new SoapFault('Sender', `Server did not recognize the operation ${name}.`);
    }
  }

  private feed(
    v: SoapValues,
    total: number,
    record: (seq: number) => Values,
    duplicate: boolean,
    listName: string,
  ): Values {
    const after = intField(v, 'AfterSequence');
    const max = intField(v, 'MaxRecords');
    if (max < 1 || max > MAX_PAGE) throw new Business(`MaxRecords must be from 1 to ${MAX_PAGE}.`);
    if (after < 0) throw new Business('AfterSequence cannot be negative.');
    const last = Math.min(total, after + max);
    const records: Values[] = [];
    for (let seq = after + 1; seq <= last; seq++) records.push(record(seq));
    if (duplicate && records.length) records.push(records[0]!);
    return { [listName]: records, LastSequence: Math.max(after, last), HasMore: last < total };
  }

  private paymentRecord(p: SimPayment): Values {
    const tz = this.core.world.timeZone;
    return {
      Sequence: p.seq,
      RecordType: p.recordType,
      PaymentGUID: p.paymentGuid,
      OriginalPaymentGUID: p.originalPaymentGuid ?? '',
      PaymentDate: dotNetInstant(tz, p.paymentDate),
      DepositDate: dotNetDay(localDay(tz, p.paymentDate)),
      InvoiceNumber: p.invoiceNumber,
      AccountNumber: p.accountNumber,
      Approved: true,
      CustomerName: p.customerName,
      PaymentAmount: moneyText(p.amountCents),
      PaymentTypeID: p.paymentType === 'card' ? 1 : 2,
      CardType: p.cardType,
      ConvenienceFee: moneyText(p.convenienceFeeCents),
      BillerReference: p.accountNumber,
      PaymentMessage: p.message,
      ReturnCode: p.returnCode ?? '',
      ReturnReason: p.returnCode ? NACHA_REASONS[p.returnCode] : '',
    };
  }

  private updateCustomer(v: Record<string, string>): void {
    const email = (v.EmailAddress ?? '').trim();
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new Business(`EmailAddress "${email}" is not a valid email address.`);
    const update = {
      accountNumber: (v.AccountNumber ?? '').trim(),
      customerName: v.CustomerName,
      address1: v.Address1,
      address2: v.Address2,
      city: v.City,
      state: v.State,
      zip: v.Zip,
      phone: v.Phone,
      emailAddress: email,
    };
    if (this.core.world.indexOf(update.accountNumber) < 0)
      throw new Business(`Customer record not found for account ${update.accountNumber || '(blank)'}.`);
    this.core.icMutate('updateCustomer', update);
  }

  /** ASMX "HTTP POST" protocol: form fields in, the bare result element out. */
  private formUpdate(r: RequestInfo): Reply {
    const op = findOperation('CloudManagement', 'UpdateCustomerRecord')!;
    const form = Object.fromEntries(new URLSearchParams(r.body.toString('utf8')));
    if (!/application\/x-www-form-urlencoded/i.test(String(r.headers['content-type'] ?? ''))) {
      return {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'System.InvalidOperationException: Request format is invalid: expected application/x-www-form-urlencoded.',
      };
    }
    if (!this.authorized(form))
      return {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'System.InvalidOperationException: Invalid BillerGUID or WebServiceKey.',
      };
    try {
      this.updateCustomer(form);
      const done = { Success: true, ErrorMessage: '' };
      return r.fault.sparse ? plainResult(op, sparseOf(done), { sparse: true }) : plainResult(op, done);
    } catch (error) {
      if (error instanceof Business) {
        const failed = { Success: false, ErrorMessage: error.message };
        return r.fault.sparse ? plainResult(op, sparseOf(failed), { sparse: true }) : plainResult(op, failed);
      }
      throw error;
    }
  }

  summary() {
    const { world, ic } = this.core;
    const byDepositDay: Record<string, { count: number; totalCents: number; feeCents: number }> = {};
    const seen = new Set<string>();
    const payments = { count: 0, totalCents: 0, feeCents: 0, redeliveries: 0 };
    const reversals = { count: 0, totalCents: 0 };
    const returns = { count: 0, totalCents: 0, byCode: {} as Record<string, number> };
    for (const p of world.payments) {
      if (seen.has(p.paymentGuid)) {
        payments.redeliveries++;
        continue;
      }
      seen.add(p.paymentGuid);
      if (p.recordType === 'Payment') {
        const day = localDay(world.timeZone, p.paymentDate);
        const d = (byDepositDay[day] ??= { count: 0, totalCents: 0, feeCents: 0 });
        d.count++;
        d.totalCents += p.amountCents;
        d.feeCents += p.convenienceFeeCents;
        payments.count++;
        payments.totalCents += p.amountCents;
        payments.feeCents += p.convenienceFeeCents;
      } else if (p.recordType === 'Reversal') {
        reversals.count++;
        reversals.totalCents += p.amountCents;
      } else {
        returns.count++;
        returns.totalCents += p.amountCents;
        returns.byCode[p.returnCode!] = (returns.byCode[p.returnCode!] ?? 0) + 1;
      }
    }
    return {
      system: 'invoicecloud' as const,
      now: new Date(world.now()).toISOString(),
      accounts: world.accounts,
      feedRecords: world.payments.length,
      payments: { ...payments, byDepositDay },
      reversals,
      returns,
      uploads: {
        files: ic.uploads.length,
        invoicesAccepted: ic.uploads.reduce((n, u) => n + u.accepted, 0),
        rowsRejected: ic.uploads.reduce((n, u) => n + u.rejected, 0),
        invoicesReplaced: ic.invoicesReplaced,
        // The latest accepted file's name and columns: the BIF layout the biller's mapping produced.
        last: ic.uploads.length
          ? {
              fileName: ic.uploads.at(-1)!.fileName,
              columns: ic.uploads.at(-1)!.columns,
              accepted: ic.uploads.at(-1)!.accepted,
            }
          : null,
      },
      uploadedInvoices: ic.uploaded.size,
      balanceUpdates: { calls: ic.balanceUpdateCalls, records: ic.balanceUpdateRecords },
      customerUpdates: ic.customerUpdates,
      customerChanges: world.customerChanges.length,
      autopayChanges: world.autopayChanges.length,
      faults: this.faults.active.map((f) => ({ ...f })),
    };
  }
}
