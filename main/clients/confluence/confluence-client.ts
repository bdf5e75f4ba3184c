import { AppError } from '../../../shared/errors';

/**
 * Confluence Cloud REST API v2 (tests/fixtures/specs/confluence): read a page with its storage body
 * and write it back with the next version number. Basic auth with the account email and API token.
 * The official document declares no error body, so errors are read as unknown JSON (CONTRACT.md).
 */
export interface ConfluencePage {
  id: string;
  title: string;
  status: string;
  version: number;
  storage: string;
}

export class ConfluenceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function words(status: number, detail: string): string {
  if (status === 401)
    return 'Confluence refused the account email or API token. Check the email and store a new API token in the Calls settings.';
  if (status === 403) return 'This Confluence account may not edit the page. Ask the space admin for edit rights.';
  if (status === 404)
    return 'Confluence found no such page (or this account cannot see it). Check the page ID in the Calls settings.';
  if (status === 409)
    return 'Someone else saved the Confluence page at the same moment, again and again; nothing was lost. Publish again.';
  if (status >= 500) return `Confluence had a problem on its side (HTTP ${status}). Try again later.`;
  return `Confluence refused the request (HTTP ${status})${detail ? `: ${detail}` : ''}.`;
}

export class ConfluenceClient {
  private readonly base: string;
  private readonly auth: string;

  constructor(
    siteUrl: string,
    email: string,
    token: string,
    private readonly doFetch: typeof fetch = fetch,
  ) {
    this.base = `${siteUrl.replace(/\/+$/, '')}/wiki/api/v2`;
    this.auth = `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
  }

  private async request<T>(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.doFetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: this.auth,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      throw new AppError(
        'SYNC_FAILED',
        `Confluence could not be reached at ${this.base} (${(error as Error).message}). Check the site address and the network.`,
        { cause: error },
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = '';
      try {
        const e = JSON.parse(text) as { errors?: Array<{ title?: string; detail?: string }>; message?: string };
        detail =
          e.errors
            ?.map((x) => x.title ?? x.detail)
            .filter(Boolean)
            .join('; ') ??
          e.message ??
          '';
      } catch {
        detail = '';
      }
      throw new ConfluenceError(response.status, words(response.status, detail));
    }
    return JSON.parse(text) as T;
  }

  async getPage(pageId: string): Promise<ConfluencePage> {
    const page = await this.request<{
      id: string;
      title: string;
      status: string;
      version?: { number?: number };
      body?: { storage?: { value?: string } };
    }>('GET', `/pages/${pageId}?body-format=storage`);
    return {
      id: String(page.id),
      title: page.title,
      status: page.status,
      version: page.version?.number ?? 1,
      storage: page.body?.storage?.value ?? '',
    };
  }

  async updatePage(page: ConfluencePage, storage: string, message: string): Promise<number> {
    const saved = await this.request<{ version?: { number?: number } }>('PUT', `/pages/${page.id}`, {
      id: page.id,
      status: 'current',
      title: page.title,
      body: { representation: 'storage', value: storage },
      version: { number: page.version + 1, message },
    });
    return saved.version?.number ?? page.version + 1;
  }
}
