import { mix, Rng } from './rng';
import type { FaultInjector } from './faults';
import { faultsControl, json, startHttpServer, type Reply, type RequestInfo, type RunningServer } from './http-server';
import { ImpresaSimError, type SimEntry, type SimReceipt } from './impresa-state';
import { renderPdf } from './pdf';
import type { SandboxCore } from './state';
import { addDays, localDay, moneyText } from './time';
import { invoiceNumberOf } from './world-bills';

/**
 * The InHANCE Impresa simulator: the REST/JSON contract of main/clients/impresa/CONTRACT.md under
 * /api/v1, plus bill PDFs and the sandbox control endpoints.
 */
export interface ImpresaCredentials {
  username: string;
  password: string;
}

export const IMPRESA_USERS = [
  { username: 'bridge', displayName: 'Impresa Bridge service account', role: 'service' },
  { username: 'IC Clerk', displayName: 'IC Clerk (live posting)', role: 'posting' },
  { username: 'mlopez', displayName: 'Maria Lopez', role: 'clerk' },
  { username: 'jpatel', displayName: 'Jay Patel', role: 'clerk' },
  { username: 'kwong', displayName: 'Kim Wong', role: 'supervisor' },
] as const;

const MAX_LIMIT = 1000;
type Body = Record<string, unknown>;
type Route = { method: string; pattern: RegExp; run: (m: RegExpMatchArray, r: RequestInfo, body: Body) => Reply };

const fail = (status: number, code: string, message: string) => new ImpresaSimError(status, code, message);

function limitOf(r: RequestInfo, fallback: number): number {
  const raw = r.url.searchParams.get('limit');
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT)
    throw fail(400, 'VALIDATION', `limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  return n;
}

function cursorOf(r: RequestInfo, name: string): number {
  const raw = r.url.searchParams.get(name) ?? '0';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw fail(400, 'VALIDATION', `${name} must be a whole number (a cursor from a previous page).`);
  return n;
}

export class ImpresaSimulator {
  private server: RunningServer | null = null;
  private readonly tokens = new Map<string, number>();
  private tokenCounter = 0;
  private readonly routes: Route[];

  constructor(
    private readonly core: SandboxCore,
    private readonly credentials: ImpresaCredentials,
    private readonly faults: FaultInjector,
    private readonly onFaults: (spec: string) => void,
    private readonly tokenTtlMs = 15 * 60_000,
  ) {
    this.routes = this.buildRoutes();
  }

  get baseUrl(): string {
    if (!this.server) throw new Error('The InHANCE Impresa simulator is not running.');
    return this.server.baseUrl;
  }

  async start(port = 0): Promise<string> {
    this.server = await startHttpServer({
      port,
      handler: (r) => this.handle(r),
      faults: this.faults,
      statusReply: (status) =>
        json(status, {
          error: { code: 'UNAVAILABLE', message: `InHANCE Impresa is temporarily unavailable (${status}).` },
        }),
      onError: (error) => json(500, { error: { code: 'INTERNAL', message: (error as Error).message } }),
    });
    return this.server.baseUrl;
  }

  /** Requests received outside /__sandbox/ since start. */
  requests(): number {
    return this.server?.requests() ?? 0;
  }

  async close(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  /** Makes every issued token expire now (tests of the client's refresh). */
  expireTokens(): void {
    for (const k of this.tokens.keys()) this.tokens.set(k, 0);
  }

  private handle(r: RequestInfo): Reply {
    let body: Body = {};
    if (r.body.length > 0) {
      try {
        const parsed = JSON.parse(r.body.toString('utf8')) as unknown;
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Body;
      } catch {
        return json(400, { error: { code: 'VALIDATION', message: 'The request body must be a JSON object.' } });
      }
    }
    const path = r.url.pathname;
    try {
      if (path === '/__sandbox/summary' && r.method === 'GET') return json(200, this.summary());
      if (path === '/__sandbox/advance' && r.method === 'POST') {
        if (typeof body.ms !== 'number' || !Number.isFinite(body.ms) || body.ms < 0)
          throw fail(400, 'VALIDATION', 'Send {"ms": <non-negative number>}.');
        const produced = this.core.advance(body.ms);
        return json(200, { now: new Date(this.core.world.now()).toISOString(), produced });
      }
      if (path === '/__sandbox/faults' && r.method === 'POST') return faultsControl(r.body, this.onFaults);
      if (path === '/__sandbox/expire-tokens' && r.method === 'POST') {
        this.expireTokens();
        return json(200, { ok: true });
      }
      const pdf = /^\/bills\/([^/]+)\.pdf$/.exec(path);
      if (pdf && r.method === 'GET') return this.billPdf(decodeURIComponent(pdf[1]!));
      if (path === '/api/v1/session' && r.method === 'POST') return this.signIn(body);
      if (!path.startsWith('/api/v1/')) throw fail(404, 'NOT_FOUND', `No such resource: ${path}.`);
      this.authenticate(r);
      for (const route of this.routes) {
        const m = path.match(route.pattern);
        if (m && route.method === r.method) return route.run(m, r, body);
      }
      throw fail(404, 'NOT_FOUND', `No such resource: ${r.method} ${path}.`);
    } catch (error) {
      if (error instanceof ImpresaSimError)
        return json(error.status, {
          error: { code: error.code, message: error.message },
          ...(error.existing ? { existing: error.existing } : {}),
        });
      throw error;
    }
  }

  private signIn(body: Body): Reply {
    if (body.username !== this.credentials.username || body.password !== this.credentials.password) {
      throw fail(401, 'BAD_CREDENTIALS', 'The username or password is not correct.');
    }
    const token =
      new Rng(mix(this.core.world.seedN, 0x70000 + ++this.tokenCounter)).guid().replace(/-/g, '') +
      this.tokenCounter.toString(36);
    const expiresAt = Date.now() + this.tokenTtlMs;
    this.tokens.set(token, expiresAt);
    return json(200, {
      token,
      expiresAt: new Date(expiresAt).toISOString(),
      user: { username: this.credentials.username },
    });
  }

  private authenticate(r: RequestInfo): void {
    const header = String(r.headers.authorization ?? '');
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (!token) throw fail(401, 'NOT_SIGNED_IN', 'Sign in first: send Authorization: Bearer <token>.');
    const expires = this.tokens.get(token);
    if (expires === undefined) throw fail(401, 'NOT_SIGNED_IN', 'The token is not known; sign in again.');
    if (expires <= Date.now()) throw fail(401, 'TOKEN_EXPIRED', 'The session has expired; sign in again.');
  }

  private accountJson(index: number) {
    const a = this.core.world.inhanceAccount(index);
    return {
      accountNumber: a.accountNumber,
      name: a.customerName,
      status: a.status,
      balanceCents: a.balanceCents,
      address: { line1: a.address1, line2: a.address2, city: a.city, state: a.state, zip: a.zip },
      email: a.email,
      phone: a.phone,
      paperless: a.paperless,
      autopay: { enrolled: a.autopay.enrolled, bank: a.autopay.bank },
      updatedAt: new Date(a.updatedAt).toISOString(),
      version: a.version,
    };
  }

  private accountIndex(number: string): number {
    const index = this.core.world.indexOf(decodeURIComponent(number));
    if (index < 0)
      throw fail(404, 'ACCOUNT_NOT_FOUND', `Account ${decodeURIComponent(number)} does not exist in InHANCE.`);
    return index;
  }

  /** ASSUMED contract: accounts in account-number order after `after` (Balance All's merge-join). */
  private accountsByNumber(r: RequestInfo): Reply {
    const { world } = this.core;
    const after = r.url.searchParams.get('after')?.trim() ?? '';
    let start = 0;
    if (after) {
      const m = /^(\d{7})-\d{2}$/.exec(after);
      if (!m) throw fail(400, 'VALIDATION', `after "${after}" is not an account number.`);
      // Account numbers sort as their 7-digit index: the one after index k-1 is index k.
      start = Number(m[1]);
    }
    const end = Math.min(world.accounts, start + limitOf(r, 100));
    const accounts = [];
    for (let i = start; i < end; i++) accounts.push(this.accountJson(i));
    return json(200, {
      accounts: this.page(accounts, r.fault.duplicate),
      nextAfter: end > start ? world.accountNumber(end - 1) : after,
      hasMore: end < world.accounts,
    });
  }

  private billJson(row: number) {
    const { world } = this.core;
    const bill = world.bills.row(row);
    const invoiceNumber = invoiceNumberOf(bill.period, bill.accountIndex);
    const billDate = localDay(world.timeZone, bill.issuedAt);
    return {
      seq: bill.seq,
      invoiceNumber,
      accountNumber: world.accountNumber(bill.accountIndex),
      customerName: world.profile(bill.accountIndex).customerName,
      billDate,
      dueDate: addDays(billDate, 21),
      chargesCents: bill.chargesCents,
      totalAmountDueCents: bill.totalCents,
      minimumAmountDueCents: Math.min(bill.chargesCents, Math.max(bill.totalCents, 0)),
      issuedAt: new Date(bill.issuedAt).toISOString(),
      pdfUrl: `${this.baseUrl}/bills/${encodeURIComponent(invoiceNumber)}.pdf`,
    };
  }

  private billPdf(invoiceNumber: string): Reply {
    const row = this.core.world.findBill(invoiceNumber);
    if (row < 0) return { status: 404, headers: { 'content-type': 'text/plain' }, body: `No bill ${invoiceNumber}` };
    const b = this.billJson(row);
    const p = this.core.world.profile(this.core.world.bills.row(row).accountIndex);
    const body = renderPdf('Sandbox Utility - Utility Bill', [
      ['Account', b.accountNumber],
      ['Customer', b.customerName],
      ['Service address', `${p.address1} ${p.address2}`.trim()],
      ['', `${p.city}, ${p.state} ${p.zip}`],
      ['Invoice number', b.invoiceNumber],
      ['Bill date', b.billDate],
      ['Due date', b.dueDate],
      ['Current charges', `$${moneyText(b.chargesCents)}`],
      ['Total amount due', `$${moneyText(b.totalAmountDueCents)}`],
    ]);
    return {
      status: 200,
      headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${invoiceNumber}.pdf"` },
      body,
    };
  }

  private page<T>(items: T[], duplicate: boolean): T[] {
    return duplicate && items.length ? [...items, items[0]!] : items;
  }

  private buildRoutes(): Route[] {
    const { core } = this;
    const state = core.impresa;
    const entryOut = (e: SimEntry) => ({ ...e });
    const receiptOut = (r: SimReceipt) => ({ ...r });
    return [
      { method: 'GET', pattern: /^\/api\/v1\/users$/, run: () => json(200, { users: IMPRESA_USERS }) },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/accounts$/,
        run: (_m, r) => {
          if (r.url.searchParams.get('orderBy') === 'accountNumber') return this.accountsByNumber(r);
          const cursor = cursorOf(r, 'changedSince');
          const { indexes, hasMore } = core.world.changes.since(cursor, limitOf(r, 100));
          const accounts = indexes.map((i) => this.accountJson(i));
          return json(200, {
            accounts: this.page(accounts, r.fault.duplicate),
            nextCursor: accounts.length ? accounts.at(-1)!.version : cursor,
            hasMore,
          });
        },
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/accounts\/search$/,
        run: (_m, r) => {
          const number = r.url.searchParams.get('number')?.trim() ?? '';
          const name = r.url.searchParams.get('name')?.trim().toLowerCase() ?? '';
          const status = r.url.searchParams.get('status')?.trim() ?? '';
          if (!number && !name && !status)
            throw fail(400, 'VALIDATION', 'Search by at least one of number, name, status.');
          if (status && !['active', 'closed', 'final'].includes(status))
            throw fail(400, 'VALIDATION', 'status must be active, closed or final.');
          const limit = limitOf(r, 50);
          const found: number[] = [];
          for (let i = 0; i < core.world.accounts && found.length < limit; i++) {
            if (number && !core.world.accountNumber(i).startsWith(number)) continue;
            if (status && ['active', 'closed', 'final'][core.world.status[i]!] !== status) continue;
            if (name && !core.world.profile(i).customerName.toLowerCase().includes(name)) continue;
            found.push(i);
          }
          return json(200, { accounts: found.map((i) => this.accountJson(i)) });
        },
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/accounts\/([^/]+)$/,
        run: (m) => json(200, this.accountJson(this.accountIndex(m[1]!))),
      },
      {
        method: 'PATCH',
        pattern: /^\/api\/v1\/accounts\/([^/]+)\/contact$/,
        run: (m, _r, body) => {
          const patch: { email?: string; phone?: string; paperless?: boolean } = {};
          for (const k of ['email', 'phone', 'paperless'] as const) if (k in body) (patch as Body)[k] = body[k];
          const index = core.impresaMutate('updateContact', { accountNumber: decodeURIComponent(m[1]!), patch });
          return json(200, this.accountJson(index));
        },
      },
      {
        method: 'PUT',
        pattern: /^\/api\/v1\/accounts\/([^/]+)\/autopay$/,
        run: (m, _r, body) => {
          if (typeof body.bank !== 'object' || body.bank === null)
            throw fail(400, 'VALIDATION', 'bank {bankName, routingNumber, accountLast4} is required.');
          const index = core.impresaMutate('setAutopay', {
            accountNumber: decodeURIComponent(m[1]!),
            bank: body.bank as never,
          });
          return json(200, this.accountJson(index));
        },
      },
      {
        method: 'DELETE',
        pattern: /^\/api\/v1\/accounts\/([^/]+)\/autopay$/,
        run: (m) => {
          const index = core.impresaMutate('setAutopay', { accountNumber: decodeURIComponent(m[1]!), bank: null });
          return json(200, this.accountJson(index));
        },
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/bills$/,
        run: (_m, r) => {
          const since = cursorOf(r, 'since');
          const limit = limitOf(r, 100);
          const end = Math.min(core.world.bills.count, since + limit);
          const bills = [];
          for (let row = since; row < end; row++) bills.push(this.billJson(row));
          return json(200, {
            bills: this.page(bills, r.fault.duplicate),
            nextCursor: end > since ? end : since,
            hasMore: end < core.world.bills.count,
          });
        },
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/bills\/([^/]+)$/,
        run: (m) => {
          const row = core.world.findBill(decodeURIComponent(m[1]!));
          if (row < 0) throw fail(404, 'NOT_FOUND', `Bill ${decodeURIComponent(m[1]!)} does not exist.`);
          return json(200, this.billJson(row));
        },
      },
      {
        method: 'POST',
        pattern: /^\/api\/v1\/batches$/,
        run: (_m, _r, body) => json(201, this.batchJson(core.impresaMutate('createBatch', body as never).batchId)),
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/batches$/,
        run: (_m, r) => {
          const q = r.url.searchParams;
          const day = q.get('depositDate');
          const from = q.get('from');
          const to = q.get('to');
          const batches = [...state.batches.values()]
            .filter(
              (b) =>
                (!day || b.depositDate === day) && (!from || b.depositDate >= from) && (!to || b.depositDate <= to),
            )
            .map((b) => this.batchJson(b.batchId));
          return json(200, { batches });
        },
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/batches\/([^/]+)$/,
        run: (m) => json(200, this.batchJson(state.batch(decodeURIComponent(m[1]!)).batchId)),
      },
      {
        method: 'PATCH',
        pattern: /^\/api\/v1\/batches\/([^/]+)$/,
        run: (m, _r, body) =>
          json(
            200,
            this.batchJson(
              core.impresaMutate('setBatchIcTotal', {
                batchId: decodeURIComponent(m[1]!),
                input: (body ?? {}) as never,
              }).batchId,
            ),
          ),
      },
      {
        method: 'POST',
        pattern: /^\/api\/v1\/batches\/([^/]+)\/entries$/,
        run: (m, _r, body) =>
          json(
            201,
            entryOut(core.impresaMutate('createEntry', { batchId: decodeURIComponent(m[1]!), input: body as never })),
          ),
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/entries$/,
        run: (_m, r) => {
          const q = r.url.searchParams;
          const stateFilter = q.get('state');
          if (stateFilter && !['pending', 'posted', 'held', 'rejected'].includes(stateFilter))
            throw fail(400, 'VALIDATION', 'state must be pending, posted, held or rejected.');
          const after = cursorOf(r, 'after');
          const limit = limitOf(r, 100);
          const out: SimEntry[] = [];
          let hasMore = false;
          for (let n = after + 1; n <= state.entries.size; n++) {
            const e = state.entries.get(`E${String(n).padStart(6, '0')}`)!;
            if (stateFilter && e.state !== stateFilter) continue;
            if (q.get('batchId') && e.batchId !== q.get('batchId')) continue;
            if (q.get('accountNumber') && e.accountNumber !== q.get('accountNumber')) continue;
            if (q.get('depositDate') && state.batches.get(e.batchId)?.depositDate !== q.get('depositDate')) continue;
            if (out.length === limit) {
              hasMore = true;
              break;
            }
            out.push(e);
          }
          const nextCursor = out.length ? Number(out.at(-1)!.entryId.slice(1)) : after;
          return json(200, { entries: this.page(out.map(entryOut), r.fault.duplicate), nextCursor, hasMore });
        },
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/entries\/([^/]+)$/,
        run: (m) => json(200, entryOut(state.entry(decodeURIComponent(m[1]!)))),
      },
      {
        method: 'POST',
        pattern: /^\/api\/v1\/entries\/([^/]+)\/(post|hold|reject|undo|reassign)$/,
        run: (m, _r, body) => {
          const entryId = decodeURIComponent(m[1]!);
          const verb = m[2]!;
          if (verb === 'post') {
            const { entry, receipt } = core.impresaMutate('postEntry', { entryId, input: body as never });
            return json(200, { entry: entryOut(entry), receipt: receiptOut(receipt) });
          }
          const op = (
            { hold: 'holdEntry', reject: 'rejectEntry', undo: 'undoEntry', reassign: 'reassignEntry' } as const
          )[verb as 'hold'];
          return json(200, entryOut(core.impresaMutate(op, { entryId, input: body as never })));
        },
      },
      {
        method: 'POST',
        pattern: /^\/api\/v1\/receipts$/,
        run: (_m, _r, body) => json(201, receiptOut(core.impresaMutate('createReceipt', body as never))),
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/receipts$/,
        run: (_m, r) => {
          const after = cursorOf(r, 'after');
          const limit = limitOf(r, 100);
          const postedOn = r.url.searchParams.get('postedOn');
          const out: SimReceipt[] = [];
          let hasMore = false;
          for (let n = after + 1; n <= state.receipts.size; n++) {
            const rc = state.receipts.get(`R${String(n).padStart(6, '0')}`)!;
            if (postedOn && localDay(core.world.timeZone, Date.parse(rc.postedAt)) !== postedOn) continue;
            if (out.length === limit) {
              hasMore = true;
              break;
            }
            out.push(rc);
          }
          return json(200, {
            receipts: this.page(out.map(receiptOut), r.fault.duplicate),
            nextCursor: out.length ? Number(out.at(-1)!.receiptId.slice(1)) : after,
            hasMore,
          });
        },
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/receipts\/([^/]+)$/,
        run: (m) => json(200, receiptOut(state.receipt(decodeURIComponent(m[1]!)))),
      },
      {
        method: 'POST',
        pattern: /^\/api\/v1\/receipts\/([^/]+)\/reverse$/,
        run: (m, _r, body) => {
          const result = core.impresaMutate('reverseReceipt', {
            receiptId: decodeURIComponent(m[1]!),
            input: body as never,
          });
          return json(200, { receipt: receiptOut(result.receipt), reversal: { ...result.reversal } });
        },
      },
      {
        method: 'GET',
        pattern: /^\/api\/v1\/external-refs\/([^/]+)$/,
        run: (m) => {
          const ref = decodeURIComponent(m[1]!);
          return json(200, { externalRef: ref, ...state.lookup(ref) });
        },
      },
    ];
  }

  private batchJson(batchId: string) {
    return this.core.impresa.batchView(batchId);
  }

  summary() {
    const { world } = this.core;
    let balanceTotal = 0;
    for (let i = 0; i < world.accounts; i++) balanceTotal += world.balance[i]!;
    return {
      system: 'impresa' as const,
      now: new Date(world.now()).toISOString(),
      accounts: world.accounts,
      balanceTotalCents: balanceTotal,
      bills: world.bills.count,
      ...this.core.impresa.summary(),
      faults: this.faults.active.map((f) => ({ ...f })),
    };
  }
}
