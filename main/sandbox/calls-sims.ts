import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { confluenceValidator, smartsheetValidator } from './openapi/specs';
import type { OpenApiRequestValidator } from './openapi/request-validator';

/**
 * Smartsheet and Confluence simulators for the weekly-call sync: state in memory, a seeded sheet
 * and page, and faults (429 rate limits, rows that fail, rows deleted by someone, concurrent page
 * edits that cause version conflicts). Every request is first checked against the official API
 * description (tests/fixtures/specs); one that does not match gets 400 with the reasons.
 * Control endpoints under /__sandbox/ (never checked, never faulted): GET state, POST faults.
 */

export const SANDBOX_SHEET_ID = 4583173393803140;
export const SANDBOX_PAGE_ID = '98765';
export const SANDBOX_SMARTSHEET_TOKEN = 'sandbox-smartsheet-token';
export const SANDBOX_CONFLUENCE_EMAIL = 'pm@sandbox.example';
export const SANDBOX_CONFLUENCE_TOKEN = 'sandbox-confluence-token';
export const SEEDED_PAGE_CONTENT =
  '<h1>Sandbox Utility: InHANCE conversion notes</h1><p>Technical notes kept by the implementation team. This paragraph was written by hand in Confluence and must survive every publish.</p>';

interface Reply {
  status: number;
  body: unknown;
}

interface Req {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
}

async function serve(
  port: number,
  handle: (r: Req) => Reply | Promise<Reply>,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        let reply: Reply;
        try {
          body = rawBody ? JSON.parse(rawBody) : undefined;
          reply = await handle({
            method: req.method ?? 'GET',
            url: new URL(req.url ?? '/', 'http://127.0.0.1'),
            headers: req.headers,
            body,
            rawBody,
          });
        } catch (error) {
          reply =
            error instanceof SyntaxError
              ? {
                  status: 400,
                  body: {
                    errorCode: 1008,
                    message: `Unable to parse request. The following error occurred: ${error.message}`,
                  },
                }
              : { status: 500, body: { errorCode: 4000, message: String(error) } };
        }
        const text = JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(text)),
        });
        res.end(text);
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

let refCounter = 0;
const refId = () => `sim${(++refCounter).toString(36)}${Date.now().toString(36).slice(-4)}`;

function invalid(validator: OpenApiRequestValidator, r: Req, path: string): string[] {
  return validator.check({ method: r.method, path, query: r.url.searchParams, headers: r.headers, body: r.body });
}

export interface SheetRow {
  id: number;
  cells: Array<{ columnId: number; value: string | null }>;
}

export interface SmartsheetFaults {
  /** The next N requests answer 429 errorCode 4003. */
  rateLimit?: number;
  /** Rows whose any cell contains this text fail (errorCode 1042) in a bulk request. */
  failRowsMatching?: string | null;
  /** Deletes these rows now, as someone working in Smartsheet would. */
  deleteRows?: number[];
}

export class SmartsheetSimulator {
  readonly columns = [
    { id: 7001, index: 0, title: 'Action item', type: 'TEXT_NUMBER', primary: true },
    { id: 7002, index: 1, title: 'Owner', type: 'TEXT_NUMBER' },
    { id: 7003, index: 2, title: 'Due date', type: 'DATE' },
    { id: 7004, index: 3, title: 'Status', type: 'PICKLIST' },
    { id: 7005, index: 4, title: 'Biller', type: 'TEXT_NUMBER' },
    { id: 7006, index: 5, title: 'Call date', type: 'DATE' },
    { id: 7007, index: 6, title: 'Notes', type: 'TEXT_NUMBER' },
  ];
  readonly rows = new Map<number, SheetRow>();
  private nextRowId = 1_000_000_001;
  private version = 1;
  private rateLimited = 0;
  private failMatching: string | null = null;
  /** Every request received outside /__sandbox/ (tests count tries with it). */
  requests = 0;
  /** The reasons of every request answered 400 for not matching the description. */
  readonly rejected: string[][] = [];
  private server: { baseUrl: string; close(): Promise<void> } | null = null;

  constructor(private readonly token = SANDBOX_SMARTSHEET_TOKEN) {
    // A row someone typed by hand, so the sheet is not empty and syncs leave it alone.
    this.rows.set(this.nextRowId, {
      id: this.nextRowId++,
      cells: [
        { columnId: 7001, value: 'Kick-off: agree the conversion timeline' },
        { columnId: 7004, value: 'Done' },
      ],
    });
  }

  get baseUrl(): string {
    if (!this.server) throw new Error('The Smartsheet simulator is not started.');
    return `${this.server.baseUrl}/2.0`;
  }

  async start(port = 0): Promise<string> {
    this.server = await serve(port, (r) => this.handle(r));
    return this.baseUrl;
  }

  async close(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  setFaults(f: SmartsheetFaults): void {
    if (f.rateLimit !== undefined) this.rateLimited = f.rateLimit;
    if (f.failRowsMatching !== undefined) this.failMatching = f.failRowsMatching;
    for (const id of f.deleteRows ?? []) this.rows.delete(id);
  }

  private sheet() {
    return {
      id: SANDBOX_SHEET_ID,
      name: 'Sandbox Utility: InHANCE support call actions',
      version: this.version,
      totalRowCount: this.rows.size,
      columns: this.columns,
      rows: [...this.rows.values()].map((r, i) => ({
        id: r.id,
        sheetId: SANDBOX_SHEET_ID,
        rowNumber: i + 1,
        cells: r.cells.map((c) => ({ columnId: c.columnId, value: c.value, displayValue: c.value })),
      })),
    };
  }

  private handle(r: Req): Reply {
    if (r.url.pathname === '/__sandbox/state') return { status: 200, body: this.sheet() };
    if (r.url.pathname === '/__sandbox/faults' && r.method === 'POST') {
      this.setFaults((r.body ?? {}) as SmartsheetFaults);
      return { status: 200, body: { ok: true } };
    }
    this.requests++;
    if (!r.url.pathname.startsWith('/2.0/'))
      return { status: 404, body: { errorCode: 1006, message: 'Not Found.', refId: refId() } };
    const path = r.url.pathname.slice('/2.0'.length);
    const problems = invalid(smartsheetValidator(), r, path);
    if (problems.length) {
      this.rejected.push(problems);
      return {
        status: 400,
        body: {
          errorCode: 1008,
          message: `Unable to parse request. The following error occurred: ${problems.join(' ')}`,
          refId: refId(),
        },
      };
    }
    if (r.headers.authorization !== `Bearer ${this.token}`)
      return { status: 401, body: { errorCode: 1002, message: 'Your Access Token is invalid.', refId: refId() } };
    if (this.rateLimited > 0) {
      this.rateLimited--;
      return { status: 429, body: { errorCode: 4003, message: 'Rate limit exceeded.' } };
    }
    const m = /^\/sheets\/(\d+)(\/rows)?$/.exec(path);
    if (!m || Number(m[1]) !== SANDBOX_SHEET_ID)
      return { status: 404, body: { errorCode: 1006, message: 'Not Found.', refId: refId() } };
    if (!m[2]) return { status: 200, body: this.sheet() };
    const partial = r.url.searchParams.get('allowPartialSuccess') === 'true';
    const items = (Array.isArray(r.body) ? r.body : [r.body]) as Array<{
      id?: number;
      cells?: Array<{ columnId: number; value?: unknown }>;
    }>;
    const failures: Array<{
      index: number;
      rowId: number | null;
      error: { refId: string; errorCode: number; message: string };
    }> = [];
    const known = new Set(this.columns.map((c) => c.id));
    items.forEach((item, index) => {
      const unknownColumn = item.cells?.find((c) => !known.has(c.columnId));
      if (unknownColumn)
        failures.push({
          index,
          rowId: item.id ?? null,
          error: { refId: refId(), errorCode: 1036, message: `The columnId ${unknownColumn.columnId} is invalid.` },
        });
      else if (r.method === 'PUT' && (item.id === undefined || !this.rows.has(item.id)))
        failures.push({
          index,
          rowId: item.id ?? null,
          error: { refId: refId(), errorCode: 1006, message: 'Not Found.' },
        });
      else if (this.failMatching && item.cells?.some((c) => String(c.value ?? '').includes(this.failMatching!))) {
        failures.push({
          index,
          rowId: item.id ?? null,
          error: {
            refId: refId(),
            errorCode: 1042,
            message: `The value for cell in column ${item.cells[0]?.columnId}, ${this.failMatching}, did not conform to the strict requirements for type TEXT_NUMBER.`,
          },
        });
      }
    });
    if (failures.length && !partial) return { status: 400, body: failures[0]!.error };
    const failedIndex = new Set(failures.map((f) => f.index));
    const saved: SheetRow[] = [];
    items.forEach((item, index) => {
      if (failedIndex.has(index)) return;
      const cells = (item.cells ?? []).map((c) => ({
        columnId: c.columnId,
        value: c.value === undefined || c.value === null ? null : String(c.value),
      }));
      if (r.method === 'POST') {
        const row = { id: this.nextRowId++, cells };
        this.rows.set(row.id, row);
        saved.push(row);
      } else {
        const row = this.rows.get(item.id!)!;
        for (const c of cells) {
          const at = row.cells.find((x) => x.columnId === c.columnId);
          if (at) at.value = c.value;
          else row.cells.push(c);
        }
        saved.push(row);
      }
    });
    if (saved.length) this.version++;
    return {
      status: 200,
      body: {
        message: failures.length ? 'PARTIAL_SUCCESS' : 'SUCCESS',
        resultCode: failures.length ? 3 : 0,
        version: this.version,
        result: saved.map((row) => ({ id: row.id, sheetId: SANDBOX_SHEET_ID, cells: row.cells })),
        ...(failures.length ? { failedItems: failures } : {}),
      },
    };
  }
}

export interface ConfluencePageState {
  id: string;
  title: string;
  status: string;
  spaceId: string;
  version: number;
  storage: string;
}

export class ConfluenceSimulator {
  readonly pages = new Map<string, ConfluencePageState>();
  /** The next N page updates meet a concurrent edit (someone saves first): 409. */
  private conflicts = 0;
  requests = 0;
  readonly rejected: string[][] = [];
  private server: { baseUrl: string; close(): Promise<void> } | null = null;

  constructor(
    private readonly email = SANDBOX_CONFLUENCE_EMAIL,
    private readonly token = SANDBOX_CONFLUENCE_TOKEN,
  ) {
    this.pages.set(SANDBOX_PAGE_ID, {
      id: SANDBOX_PAGE_ID,
      title: 'Sandbox Utility: InHANCE conversion notes',
      status: 'current',
      spaceId: '65537',
      version: 7,
      storage: SEEDED_PAGE_CONTENT,
    });
  }

  /** The site URL a client is given (the API is under /wiki/api/v2). */
  get siteUrl(): string {
    if (!this.server) throw new Error('The Confluence simulator is not started.');
    return this.server.baseUrl;
  }

  async start(port = 0): Promise<string> {
    this.server = await serve(port, (r) => this.handle(r));
    return this.siteUrl;
  }

  async close(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  setFaults(f: { conflicts?: number }): void {
    if (f.conflicts !== undefined) this.conflicts = f.conflicts;
  }

  /** Someone edits the page in Confluence (adds a paragraph): a new version. */
  editElsewhere(pageId: string, paragraph: string): void {
    const page = this.pages.get(pageId);
    if (!page) return;
    page.storage += `<p>${paragraph}</p>`;
    page.version++;
  }

  private view(page: ConfluencePageState, withBody: boolean) {
    return {
      id: page.id,
      status: page.status,
      title: page.title,
      spaceId: page.spaceId,
      version: { number: page.version, createdAt: new Date().toISOString() },
      ...(withBody ? { body: { storage: { representation: 'storage', value: page.storage } } } : {}),
    };
  }

  private handle(r: Req): Reply {
    if (r.url.pathname === '/__sandbox/state') return { status: 200, body: [...this.pages.values()] };
    if (r.url.pathname === '/__sandbox/faults' && r.method === 'POST') {
      this.setFaults((r.body ?? {}) as { conflicts?: number });
      return { status: 200, body: { ok: true } };
    }
    this.requests++;
    const prefix = '/wiki/api/v2';
    if (!r.url.pathname.startsWith(`${prefix}/`))
      return { status: 404, body: { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found' }] } };
    const path = r.url.pathname.slice(prefix.length);
    const problems = invalid(confluenceValidator(), r, path);
    if (problems.length) {
      this.rejected.push(problems);
      return {
        status: 400,
        body: { errors: [{ status: 400, code: 'INVALID_REQUEST_PARAMETER', title: problems.join(' '), detail: null }] },
      };
    }
    if (r.headers.authorization !== `Basic ${Buffer.from(`${this.email}:${this.token}`).toString('base64')}`)
      return { status: 401, body: { errors: [{ status: 401, code: 'UNAUTHORIZED', title: 'Unauthorized' }] } };
    const m = /^\/pages\/(\d+)$/.exec(path);
    const page = m ? this.pages.get(m[1]!) : undefined;
    if (!page) return { status: 404, body: { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found' }] } };
    if (r.method === 'GET')
      return { status: 200, body: this.view(page, r.url.searchParams.get('body-format') === 'storage') };
    if (r.method === 'PUT') {
      if (this.conflicts > 0) {
        this.conflicts--;
        this.editElsewhere(page.id, 'A colleague added this line in Confluence while the notes were being published.');
      }
      const body = r.body as {
        version: { number: number };
        title: string;
        status: string;
        body: { representation?: string; value?: string; storage?: { value?: string } };
      };
      if (body.version.number !== page.version + 1) {
        return {
          status: 409,
          body: {
            errors: [
              {
                status: 409,
                code: 'CONFLICT',
                title: `Version must be incremented on update. Current version is: ${page.version}`,
              },
            ],
          },
        };
      }
      page.storage = body.body.value ?? body.body.storage?.value ?? page.storage;
      page.title = body.title;
      page.version = body.version.number;
      return { status: 200, body: this.view(page, false) };
    }
    return {
      status: 405,
      body: { errors: [{ status: 405, code: 'METHOD_NOT_ALLOWED', title: 'Method Not Allowed' }] },
    };
  }
}
