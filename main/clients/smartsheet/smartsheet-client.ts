import { AppError } from '../../../shared/errors';

/**
 * Smartsheet API 2.0 (tests/fixtures/specs/smartsheet): read a sheet's columns and rows, add and
 * update rows in bulk with allowPartialSuccess. On HTTP 429 (errorCode 4003) it sleeps at least
 * 60 s on the injected clock, then retries with a doubling wait; other errors become SmartsheetError
 * with Smartsheet's `{refId, errorCode, message}` said in plain words.
 */
export interface SmartsheetColumn {
  id: number;
  title: string;
  type: string;
}

export interface SmartsheetSheet {
  id: number;
  name: string;
  columns: SmartsheetColumn[];
  rows: Array<{ id: number }>;
}

export interface RowCell {
  columnId: number;
  value: string;
}

export interface BulkFailure {
  /** The index of the row in the request. */
  index: number;
  rowId: number | null;
  errorCode: number;
  message: string;
  refId: string | null;
}

export interface BulkResult {
  /** The rows Smartsheet saved, in request order of those that succeeded. */
  rows: Array<{ id: number }>;
  failed: BulkFailure[];
}

export interface Sleeper {
  sleep(ms: number): Promise<void>;
}

export const RATE_LIMIT_WAIT_MS = 60_000;

export class SmartsheetError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number | null,
    readonly refId: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** Smartsheet's error in words a PM can act on, with its reference for Smartsheet support. */
export function smartsheetWords(
  status: number,
  errorCode: number | null,
  message: string,
  refId: string | null,
): string {
  const ref = refId ? ` (Smartsheet reference ${refId})` : '';
  const known: Record<number, string> = {
    1001: 'Smartsheet wants an API access token: store one in the Calls settings.',
    1002: 'Smartsheet refused the API access token: it is not valid. Store a new token in the Calls settings.',
    1003: 'The Smartsheet API access token has expired. Generate a new one in Smartsheet and store it in the Calls settings.',
    1004: 'The Smartsheet account of this token may not change this sheet. Ask the sheet owner to share it with Editor rights.',
    1006: 'Smartsheet found no such sheet or row. Check the sheet ID in the Calls settings.',
    4003: 'Smartsheet is limiting requests (rate limit exceeded) and still did after waiting. Try the sync again in a few minutes.',
  };
  if (errorCode !== null && known[errorCode]) return `${known[errorCode]}${ref}`;
  if (status >= 500)
    return `Smartsheet had a problem on its side (HTTP ${status}${errorCode ? `, error ${errorCode}` : ''}: ${message}). Try again later${ref}.`;
  return `Smartsheet refused the request (HTTP ${status}${errorCode ? `, error ${errorCode}` : ''}): ${message}${ref}`;
}

export class SmartsheetClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly sleeper: Sleeper,
    private readonly options: { maxRateLimitRetries?: number; fetch?: typeof fetch } = {},
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  private async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const retries = this.options.maxRateLimitRetries ?? 4;
    const doFetch = this.options.fetch ?? fetch;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(`${this.base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(60_000),
        });
      } catch (error) {
        throw new AppError(
          'SYNC_FAILED',
          `Smartsheet could not be reached at ${this.base} (${(error as Error).message}). Check the Smartsheet API address and the network.`,
          { cause: error },
        );
      }
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = null;
      }
      if (response.ok) return parsed as T;
      const err = (parsed ?? {}) as { errorCode?: number; message?: string; refId?: string };
      if (response.status === 429 && attempt < retries) {
        // Smartsheet: sleep at least 60 s, then retry; each further 429 doubles the wait.
        await this.sleeper.sleep(RATE_LIMIT_WAIT_MS * 2 ** attempt);
        continue;
      }
      const errorCode = typeof err.errorCode === 'number' ? err.errorCode : null;
      const refId = typeof err.refId === 'string' ? err.refId : null;
      throw new SmartsheetError(
        response.status,
        errorCode,
        refId,
        smartsheetWords(response.status, errorCode, err.message ?? (text.slice(0, 200) || 'no details'), refId),
      );
    }
  }

  async getSheet(sheetId: string): Promise<SmartsheetSheet> {
    const sheet = await this.request<{
      id: number;
      name: string;
      columns?: SmartsheetColumn[];
      rows?: Array<{ id: number }>;
    }>('GET', `/sheets/${sheetId}`);
    return {
      id: sheet.id,
      name: sheet.name,
      columns: (sheet.columns ?? []).map((c) => ({ id: c.id, title: c.title, type: c.type })),
      rows: (sheet.rows ?? []).map((r) => ({ id: r.id })),
    };
  }

  addRows(sheetId: string, rows: Array<{ cells: RowCell[] }>): Promise<BulkResult> {
    return this.bulk(
      'POST',
      sheetId,
      rows.map((r) => ({ toBottom: true, cells: r.cells })),
    );
  }

  updateRows(sheetId: string, rows: Array<{ id: number; cells: RowCell[] }>): Promise<BulkResult> {
    return this.bulk('PUT', sheetId, rows);
  }

  private async bulk(method: 'POST' | 'PUT', sheetId: string, rows: unknown[]): Promise<BulkResult> {
    const result = await this.request<{
      result?: Array<{ id: number }>;
      failedItems?: Array<{
        index?: number;
        rowId?: number | null;
        error?: { errorCode?: number; message?: string; refId?: string };
      }>;
    }>(method, `/sheets/${sheetId}/rows?allowPartialSuccess=true`, rows);
    return {
      rows: (result.result ?? []).map((r) => ({ id: r.id })),
      failed: (result.failedItems ?? []).map((f) => ({
        index: f.index ?? -1,
        rowId: f.rowId ?? null,
        errorCode: f.error?.errorCode ?? 0,
        message: f.error?.message ?? 'no details',
        refId: f.error?.refId ?? null,
      })),
    };
  }
}
