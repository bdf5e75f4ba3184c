import * as z from 'zod';
import { Redactor, type Logger } from '../../ground/logger';
import { decodeUtf8, KB, MB, sizeLimitDetail } from '../answer-limits';
import { clientError, ClientError, DEFAULT_RETRY, describeNetworkError, withRetry, type RetryPolicy } from '../errors';
import {
  AnswerTooLargeError,
  createHttpTransport,
  type Transport,
  type TransportAnswer,
  type TransportMethod,
} from '../http-transport';
import type {
  AccountSearch,
  EntryFilter,
  ImpresaClient,
  ImpresaKeyPage,
  ImpresaPage,
  NewBatchEntry,
  NewLiveReceipt,
} from './client';
import {
  accountSchema,
  batchSchema,
  billSchema,
  entrySchema,
  errorBodySchema,
  existingSchema,
  lookupSchema,
  pageOf,
  receiptSchema,
  reversalSchema,
  sessionSchema,
  userSchema,
  type ImpresaBankInfo,
} from './schemas';

export interface HttpImpresaClientOptions {
  /** e.g. https://impresa.example-utility.gov (the sandbox: http://127.0.0.1:PORT). */
  baseUrl: string;
  username: string;
  password: string;
  timeoutMs?: number;
  logger?: Logger;
  redactor?: Redactor;
  retry?: Partial<RetryPolicy>;
}

const SYSTEM = 'InHANCE Impresa';

/**
 * The largest answer each operation accepts (CONTRACT.md, "Answer size bounds"): list pages (at
 * most 1,000 items) 8 MB, single records 256 KB, a bill PDF 20 MB. Requests are small JSON.
 */
export const IMPRESA_ANSWER_LIMITS: Record<string, number> = {
  ListAccounts: 8 * MB,
  ListAccountsByNumber: 8 * MB,
  SearchAccounts: 8 * MB,
  ListBills: 8 * MB,
  ListBatchEntries: 8 * MB,
  ListReceipts: 8 * MB,
  ListBatches: 4 * MB,
  ListUsers: 1 * MB,
  FetchBillPdf: 20 * MB,
};
export const IMPRESA_DEFAULT_ANSWER_LIMIT = 256 * KB;
export const IMPRESA_REQUEST_LIMIT = 256 * KB;
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

interface Call<T> {
  operation: string;
  method: TransportMethod;
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Whether a repeat cannot do harm (reads, absolute sets, creates keyed by an external reference). */
  safe: boolean;
}

function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const where = issue.path.length ? issue.path.join('.') : 'the body';
  return `${where}: ${issue.message}${error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : ''}`;
}

const seg = (value: string) => encodeURIComponent(value);

/** The REST/JSON implementation of ImpresaClient (CONTRACT.md). */
export class HttpImpresaClient implements ImpresaClient {
  private readonly base: string;
  /** The HTTP exchange (http-transport.ts); tests replace it to replay recorded answers. */
  transport: Transport;
  /** The base address parsed once (each call joins only its path), or why it cannot be. */
  private readonly baseUrl: URL | Error;
  private readonly basePath: string;
  private readonly timeoutMs: number;
  private readonly log: Logger;
  private readonly redactor: Redactor;
  private readonly retry: RetryPolicy;
  private token: string | null = null;
  private signingIn: Promise<void> | null = null;

  constructor(private readonly options: HttpImpresaClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.log = options.logger ?? silent;
    this.redactor = options.redactor ?? new Redactor();
    this.redactor.add(options.password);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.transport = createHttpTransport();
    let baseUrl: URL | Error;
    try {
      baseUrl = new URL(this.base);
    } catch (error) {
      // Reported by each call as the network failure it is (as an unreachable address is).
      baseUrl = error instanceof Error ? error : new Error(String(error));
    }
    this.baseUrl = baseUrl;
    this.basePath = baseUrl instanceof URL ? baseUrl.pathname.replace(/\/+$/, '') : '';
  }

  private fail(
    operation: string,
    kind: ClientError['kind'],
    detail: string,
    extra: { retryable?: boolean; status?: number; existing?: unknown } = {},
  ): ClientError {
    return clientError(SYSTEM, operation, kind, detail, this.redactor, extra);
  }

  /**
   * One exchange with InHANCE: `path` is the request's path and query below the base address. An
   * answer over its operation's bound, or a request over IMPRESA_REQUEST_LIMIT (never sent), fails
   * once and is not retried; a network failure is TRANSIENT; the answer is read as strict UTF-8.
   */
  private async send(
    operation: string,
    method: TransportMethod,
    path: string,
    body: unknown,
    auth: boolean,
  ): Promise<{ status: number; text: string }> {
    const started = Date.now();
    const maxAnswerBytes = IMPRESA_ANSWER_LIMITS[operation] ?? IMPRESA_DEFAULT_ANSWER_LIMIT;
    const data = body === undefined ? undefined : JSON.stringify(body);
    const bodyBytes = data === undefined ? 0 : Buffer.byteLength(data);
    if (bodyBytes > IMPRESA_REQUEST_LIMIT)
      throw this.fail(
        operation,
        'PROTOCOL',
        sizeLimitDetail({ side: 'request', announced: null }, IMPRESA_REQUEST_LIMIT, bodyBytes),
        { retryable: false },
      );
    const headers: Record<string, string> = { accept: 'application/json' };
    if (data !== undefined) headers['content-type'] = 'application/json';
    if (auth && this.token) headers.authorization = `Bearer ${this.token}`;
    let res: TransportAnswer;
    try {
      if (this.baseUrl instanceof Error) throw this.baseUrl;
      res = await this.transport({
        method,
        url: this.baseUrl,
        path: this.basePath + path,
        ...(data === undefined ? {} : { body: data }),
        headers,
        maxAnswerBytes,
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      if (error instanceof AnswerTooLargeError)
        throw this.fail(
          operation,
          'PROTOCOL',
          sizeLimitDetail({ side: 'answer', announced: error.announced }, maxAnswerBytes),
          { retryable: false },
        );
      const net = describeNetworkError(error, this.timeoutMs);
      throw this.fail(
        operation,
        'TRANSIENT',
        `${net?.detail ?? 'the request failed before an answer arrived'} (${this.base}).`,
      );
    }
    this.log.debug(this.redactor.redact(`${SYSTEM} ${operation}: HTTP ${res.status} in ${Date.now() - started} ms`));
    // Strict UTF-8: an answer with bytes that are not UTF-8 is refused whole, never read with U+FFFD.
    const text = decodeUtf8(res.body);
    if (text === null)
      throw this.fail(
        operation,
        'PROTOCOL',
        `the answer (HTTP ${res.status}) contains bytes that are not valid UTF-8; it was not read.`,
        { status: res.status },
      );
    return { status: res.status, text };
  }

  private json(operation: string, status: number, text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw this.fail(
        operation,
        'PROTOCOL',
        `the answer (HTTP ${status}) is not complete JSON; it may have been cut short.`,
        { retryable: true, status },
      );
    }
  }

  async signIn(): Promise<void> {
    this.signingIn ??= (async () => {
      const operation = 'SignIn';
      const res = await this.send(
        operation,
        'POST',
        '/api/v1/session',
        { username: this.options.username, password: this.options.password },
        false,
      );
      if (res.status === 401 || res.status === 403)
        throw this.fail(operation, 'AUTH', 'InHANCE Impresa rejected the user name or password.', {
          status: res.status,
        });
      if (res.status >= 500 || res.status === 429 || res.status === 408)
        throw this.fail(operation, 'TRANSIENT', `InHANCE Impresa answered HTTP ${res.status}.`, { status: res.status });
      if (res.status !== 200)
        throw this.fail(
          operation,
          'PROTOCOL',
          `InHANCE Impresa answered HTTP ${res.status} to the sign-in. Check the Impresa address.`,
          { status: res.status },
        );
      const parsed = sessionSchema.safeParse(this.json(operation, res.status, res.text));
      if (!parsed.success)
        throw this.fail(
          operation,
          'PROTOCOL',
          `the sign-in answer does not match the contract (${describeIssues(parsed.error)}).`,
        );
      this.token = parsed.data.token;
      this.redactor.add(this.token);
    })().finally(() => {
      this.signingIn = null;
    });
    return this.signingIn;
  }

  /** The path and query below the base address (a call without a query is its path alone). */
  private target(path: string, query?: Record<string, string | number | undefined>): string {
    if (!query) return path;
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
    const qs = q.toString();
    return qs ? `${path}?${qs}` : path;
  }

  private async request<T>(call: Call<T>): Promise<T> {
    return withRetry(
      async () => {
        if (!this.token) await this.signIn();
        const target = this.target(call.path, call.query);
        let res = await this.send(call.operation, call.method, target, call.body, true);
        if (res.status === 401) {
          // Tokens expire: sign in again once, then give up as an authentication failure.
          this.token = null;
          await this.signIn();
          res = await this.send(call.operation, call.method, target, call.body, true);
          if (res.status === 401)
            throw this.fail(
              call.operation,
              'AUTH',
              'InHANCE Impresa refused the session even after signing in again.',
              { status: 401 },
            );
        }
        return this.interpret(call, res.status, res.text);
      },
      {
        policy: this.retry,
        safe: call.safe,
        onRetry: (error, attempt, delay) =>
          this.log.warn(
            this.redactor.redact(
              `${error.message} Trying again in ${delay} ms (attempt ${attempt + 1} of ${this.retry.attempts}).`,
            ),
          ),
      },
    );
  }

  private interpret<T>(call: Call<T>, status: number, text: string): T {
    const { operation } = call;
    if (status >= 200 && status < 300) {
      const parsed = call.schema.safeParse(this.json(operation, status, text));
      if (!parsed.success)
        throw this.fail(
          operation,
          'PROTOCOL',
          `the answer does not match the contract (${describeIssues(parsed.error)}).`,
          { status },
        );
      return parsed.data;
    }
    let message = '';
    let existing: unknown;
    try {
      const body = errorBodySchema.safeParse(JSON.parse(text));
      if (body.success) {
        message = body.data.error.message;
        existing = body.data.existing;
      }
    } catch {
      message = '';
    }
    const said = message ? `InHANCE Impresa says "${message}"` : `InHANCE Impresa answered HTTP ${status}`;
    if (status === 409) {
      const parsed = existingSchema.safeParse(existing ?? {});
      if (!parsed.success)
        throw this.fail(
          operation,
          'PROTOCOL',
          `a conflict answer does not match the contract (${describeIssues(parsed.error)}).`,
          { status },
        );
      throw this.fail(operation, 'CONFLICT', said, { status, existing: parsed.data });
    }
    if (status === 404) throw this.fail(operation, 'NOT_FOUND', said, { status });
    if (status === 403) throw this.fail(operation, 'AUTH', `${said} (the Impresa user lacks permission).`, { status });
    // InHANCE understood the request and refused it for a business reason (e.g. a closed account).
    if (status === 422) throw this.fail(operation, 'BUSINESS', said, { status });
    if (status === 408 || status === 429 || status >= 500) throw this.fail(operation, 'TRANSIENT', said, { status });
    throw this.fail(operation, 'PROTOCOL', `${said}. The request was refused as invalid.`, { status });
  }

  async listUsers() {
    return (
      await this.request({
        operation: 'ListUsers',
        method: 'GET',
        path: '/api/v1/users',
        schema: z.object({ users: z.array(userSchema) }),
        safe: true,
      })
    ).users;
  }

  async listAccountsChangedSince(input: {
    cursor: number;
    limit?: number;
  }): Promise<ImpresaPage<z.infer<typeof accountSchema>>> {
    const page = await this.request({
      operation: 'ListAccounts',
      method: 'GET',
      path: '/api/v1/accounts',
      query: { changedSince: input.cursor, limit: input.limit },
      schema: pageOf('accounts', accountSchema),
      safe: true,
    });
    return { items: page.accounts!, nextCursor: page.nextCursor, hasMore: page.hasMore };
  }

  async *accountPages(input: { cursor?: number; limit?: number } = {}) {
    let cursor = input.cursor ?? 0;
    for (;;) {
      const page = await this.listAccountsChangedSince({ cursor, ...(input.limit ? { limit: input.limit } : {}) });
      yield page;
      if (!page.hasMore) return;
      if (page.nextCursor <= cursor)
        throw this.fail('ListAccounts', 'PROTOCOL', 'the answer says there is more but its cursor did not move.');
      cursor = page.nextCursor;
    }
  }

  /** ASSUMED (CONTRACT: GET /api/v1/accounts?orderBy=accountNumber&after=&limit=). */
  async listAccountsByNumber(
    input: { after?: string; limit?: number } = {},
  ): Promise<ImpresaKeyPage<z.infer<typeof accountSchema>>> {
    const page = await this.request({
      operation: 'ListAccountsByNumber',
      method: 'GET',
      path: '/api/v1/accounts',
      query: { orderBy: 'accountNumber', after: input.after, limit: input.limit },
      schema: z.object({ accounts: z.array(accountSchema), nextAfter: z.string(), hasMore: z.boolean() }),
      safe: true,
    });
    return { items: page.accounts, nextAfter: page.nextAfter, hasMore: page.hasMore };
  }

  async *accountsByNumberPages(input: { after?: string; limit?: number } = {}) {
    let after = input.after ?? '';
    for (;;) {
      const page = await this.listAccountsByNumber({ after, ...(input.limit ? { limit: input.limit } : {}) });
      yield page;
      if (!page.hasMore) return;
      if (page.nextAfter <= after)
        throw this.fail(
          'ListAccountsByNumber',
          'PROTOCOL',
          'the answer says there is more but its cursor did not move.',
        );
      after = page.nextAfter;
    }
  }

  async searchAccounts(query: AccountSearch) {
    const answer = await this.request({
      operation: 'SearchAccounts',
      method: 'GET',
      path: '/api/v1/accounts/search',
      query: { ...query },
      schema: z.object({ accounts: z.array(accountSchema) }),
      safe: true,
    });
    return answer.accounts;
  }

  getAccount(accountNumber: string) {
    return this.request({
      operation: 'GetAccount',
      method: 'GET',
      path: `/api/v1/accounts/${seg(accountNumber)}`,
      schema: accountSchema,
      safe: true,
    });
  }

  updateContact(accountNumber: string, patch: { email?: string; phone?: string; paperless?: boolean }) {
    return this.request({
      operation: 'UpdateContact',
      method: 'PATCH',
      path: `/api/v1/accounts/${seg(accountNumber)}/contact`,
      body: patch,
      schema: accountSchema,
      safe: true,
    });
  }

  setAutopay(accountNumber: string, bank: ImpresaBankInfo) {
    return this.request({
      operation: 'SetAutopay',
      method: 'PUT',
      path: `/api/v1/accounts/${seg(accountNumber)}/autopay`,
      body: { bank },
      schema: accountSchema,
      safe: true,
    });
  }

  clearAutopay(accountNumber: string) {
    return this.request({
      operation: 'ClearAutopay',
      method: 'DELETE',
      path: `/api/v1/accounts/${seg(accountNumber)}/autopay`,
      schema: accountSchema,
      safe: true,
    });
  }

  async listBillsSince(input: { cursor: number; limit?: number }): Promise<ImpresaPage<z.infer<typeof billSchema>>> {
    const page = await this.request({
      operation: 'ListBills',
      method: 'GET',
      path: '/api/v1/bills',
      query: { since: input.cursor, limit: input.limit },
      schema: pageOf('bills', billSchema),
      safe: true,
    });
    return { items: page.bills!, nextCursor: page.nextCursor, hasMore: page.hasMore };
  }

  async *billPages(input: { cursor?: number; limit?: number } = {}) {
    let cursor = input.cursor ?? 0;
    for (;;) {
      const page = await this.listBillsSince({ cursor, ...(input.limit ? { limit: input.limit } : {}) });
      yield page;
      if (!page.hasMore) return;
      if (page.nextCursor <= cursor)
        throw this.fail('ListBills', 'PROTOCOL', 'the answer says there is more but its cursor did not move.');
      cursor = page.nextCursor;
    }
  }

  getBill(invoiceNumber: string) {
    return this.request({
      operation: 'GetBill',
      method: 'GET',
      path: `/api/v1/bills/${seg(invoiceNumber)}`,
      schema: billSchema,
      safe: true,
    });
  }

  async fetchBillPdf(bill: { pdfUrl: string; invoiceNumber: string }): Promise<Buffer> {
    const operation = 'FetchBillPdf';
    const maxAnswerBytes = IMPRESA_ANSWER_LIMITS.FetchBillPdf!;
    let url: URL | null = null;
    try {
      if (/^https?:\/\//i.test(bill.pdfUrl)) url = new URL(bill.pdfUrl);
    } catch {
      url = null;
    }
    if (!url) throw this.fail(operation, 'PROTOCOL', `bill ${bill.invoiceNumber} has no http(s) PDF link.`);
    const pdfUrl = url;
    return withRetry(
      async () => {
        let res: TransportAnswer;
        try {
          res = await this.transport({
            method: 'GET',
            url: pdfUrl,
            headers: {},
            maxAnswerBytes,
            timeoutMs: this.timeoutMs,
          });
        } catch (error) {
          if (error instanceof AnswerTooLargeError)
            throw this.fail(
              operation,
              'PROTOCOL',
              `bill ${bill.invoiceNumber}: ${sizeLimitDetail({ side: 'answer', announced: error.announced }, maxAnswerBytes)}`,
              { retryable: false },
            );
          throw this.fail(
            operation,
            'TRANSIENT',
            `${describeNetworkError(error, this.timeoutMs)?.detail ?? 'the request failed'} (${bill.pdfUrl}).`,
          );
        }
        const data = res.body;
        if (res.status === 404)
          throw this.fail(operation, 'NOT_FOUND', `there is no PDF for bill ${bill.invoiceNumber}.`, { status: 404 });
        if (res.status >= 500)
          throw this.fail(operation, 'TRANSIENT', `HTTP ${res.status} for the PDF of bill ${bill.invoiceNumber}.`, {
            status: res.status,
          });
        if (res.status !== 200)
          throw this.fail(operation, 'PROTOCOL', `HTTP ${res.status} for the PDF of bill ${bill.invoiceNumber}.`, {
            status: res.status,
          });
        if (
          data.subarray(0, 5).toString('latin1') !== '%PDF-' ||
          !data.subarray(-1024).toString('latin1').includes('%%EOF')
        ) {
          throw this.fail(operation, 'PROTOCOL', `the PDF of bill ${bill.invoiceNumber} is not a complete PDF.`, {
            retryable: true,
          });
        }
        return data;
      },
      { policy: this.retry, safe: true },
    );
  }

  createBatch(input: { depositDate: string; description?: string; installationId?: string }) {
    return this.request({
      operation: 'CreateBatch',
      method: 'POST',
      path: '/api/v1/batches',
      body: input,
      schema: batchSchema,
      safe: true,
    });
  }

  async listBatches(filter: { depositDate?: string; from?: string; to?: string } = {}) {
    return (
      await this.request({
        operation: 'ListBatches',
        method: 'GET',
        path: '/api/v1/batches',
        query: filter,
        schema: z.object({ batches: z.array(batchSchema) }),
        safe: true,
      })
    ).batches;
  }

  getBatch(batchId: string) {
    return this.request({
      operation: 'GetBatch',
      method: 'GET',
      path: `/api/v1/batches/${seg(batchId)}`,
      schema: batchSchema,
      safe: true,
    });
  }

  /** Absolute values, so a retry after a lost answer is harmless. */
  setBatchIcTotal(batchId: string, input: { icTotalCents: number; icCount: number; installationId?: string }) {
    return this.request({
      operation: 'SetBatchIcTotal',
      method: 'PATCH',
      path: `/api/v1/batches/${seg(batchId)}`,
      body: input,
      schema: batchSchema,
      safe: true,
    });
  }

  /** Retried: InHANCE refuses a second entry with the same externalRef, so a repeat cannot duplicate. */
  createEntry(batchId: string, entry: NewBatchEntry) {
    return this.request({
      operation: 'CreateBatchEntry',
      method: 'POST',
      path: `/api/v1/batches/${seg(batchId)}/entries`,
      body: entry,
      schema: entrySchema,
      safe: true,
    });
  }

  async listEntries(filter: EntryFilter = {}): Promise<ImpresaPage<z.infer<typeof entrySchema>>> {
    const page = await this.request({
      operation: 'ListBatchEntries',
      method: 'GET',
      path: '/api/v1/entries',
      query: { ...filter },
      schema: pageOf('entries', entrySchema),
      safe: true,
    });
    return { items: page.entries!, nextCursor: page.nextCursor, hasMore: page.hasMore };
  }

  getEntry(entryId: string) {
    return this.request({
      operation: 'GetBatchEntry',
      method: 'GET',
      path: `/api/v1/entries/${seg(entryId)}`,
      schema: entrySchema,
      safe: true,
    });
  }

  /** Not retried: a lost answer is resolved by the caller with getEntry / lookupExternalRef. */
  postEntry(entryId: string, user: string) {
    return this.request({
      operation: 'PostBatchEntry',
      method: 'POST',
      path: `/api/v1/entries/${seg(entryId)}/post`,
      body: { user },
      schema: z.object({ entry: entrySchema, receipt: receiptSchema }),
      safe: false,
    });
  }

  holdEntry(entryId: string, user: string, reason?: string) {
    return this.request({
      operation: 'HoldBatchEntry',
      method: 'POST',
      path: `/api/v1/entries/${seg(entryId)}/hold`,
      body: { user, reason },
      schema: entrySchema,
      safe: false,
    });
  }

  rejectEntry(entryId: string, user: string, reason: string) {
    return this.request({
      operation: 'RejectBatchEntry',
      method: 'POST',
      path: `/api/v1/entries/${seg(entryId)}/reject`,
      body: { user, reason },
      schema: entrySchema,
      safe: false,
    });
  }

  undoEntry(entryId: string, user: string) {
    return this.request({
      operation: 'UndoBatchEntry',
      method: 'POST',
      path: `/api/v1/entries/${seg(entryId)}/undo`,
      body: { user },
      schema: entrySchema,
      safe: false,
    });
  }

  reassignEntry(entryId: string, user: string, accountNumber: string) {
    return this.request({
      operation: 'ReassignBatchEntry',
      method: 'POST',
      path: `/api/v1/entries/${seg(entryId)}/reassign`,
      body: { user, accountNumber },
      schema: entrySchema,
      safe: false,
    });
  }

  /** Retried: keyed by externalRef, a repeat answers 409 with the receipt that landed. */
  postLive(receipt: NewLiveReceipt) {
    return this.request({
      operation: 'PostLive',
      method: 'POST',
      path: '/api/v1/receipts',
      body: receipt,
      schema: receiptSchema,
      safe: true,
    });
  }

  async listReceipts(
    filter: { postedOn?: string; after?: number; limit?: number } = {},
  ): Promise<ImpresaPage<z.infer<typeof receiptSchema>>> {
    const page = await this.request({
      operation: 'ListReceipts',
      method: 'GET',
      path: '/api/v1/receipts',
      query: { ...filter },
      schema: pageOf('receipts', receiptSchema),
      safe: true,
    });
    return { items: page.receipts!, nextCursor: page.nextCursor, hasMore: page.hasMore };
  }

  getReceipt(receiptId: string) {
    return this.request({
      operation: 'GetReceipt',
      method: 'GET',
      path: `/api/v1/receipts/${seg(receiptId)}`,
      schema: receiptSchema,
      safe: true,
    });
  }

  /** Not retried: a second reversal answers 409 ALREADY_REVERSED, which the caller should see. */
  reverseReceipt(receiptId: string, input: { user: string; reasonCode: string; memo?: string; externalRef?: string }) {
    return this.request({
      operation: 'ReverseReceipt',
      method: 'POST',
      path: `/api/v1/receipts/${seg(receiptId)}/reverse`,
      body: input,
      schema: z.object({ receipt: receiptSchema, reversal: reversalSchema }),
      safe: false,
    });
  }

  lookupExternalRef(externalRef: string) {
    return this.request({
      operation: 'LookupExternalRef',
      method: 'GET',
      path: `/api/v1/external-refs/${seg(externalRef)}`,
      schema: lookupSchema,
      safe: true,
    });
  }
}
