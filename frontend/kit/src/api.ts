// The REST client of the console and the widget: one error shape (ApiError carries the catalogue
// code), the bearer token on every call, JSON in and out. Callers switch on `code`, never on text.
import type { ErrorBody, ErrorCode } from '@smartchat/contracts';

export class ApiError extends Error {
  readonly code: ErrorCode | 'SC_ERR_NETWORK';
  readonly status: number;
  readonly details: unknown;
  constructor(status: number, body: Partial<ErrorBody> | undefined, fallback: string) {
    super(body?.message ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? (status === 0 ? 'SC_ERR_NETWORK' : 'SC_ERR_INTERNAL');
    this.details = body?.details;
  }

  /** Worth trying again with the same input (and the same clientMessageId). */
  get retriable(): boolean {
    return this.code === 'SC_ERR_NETWORK' || this.code === 'SC_ERR_UNAVAILABLE' || this.code === 'SC_ERR_RATE_LIMITED' || this.status >= 500;
  }
}

export interface Api {
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
  upload<T>(path: string, file: Blob, query: Record<string, string>): Promise<T>;
  /** An attachment as a blob URL: downloads need the bearer token, so <img src> cannot fetch them directly. */
  blobUrl(path: string): Promise<string>;
}

export interface ApiOptions {
  /** Origin of the chat service, '' for the page's own. */
  baseUrl: string;
  token: () => string | null;
  /** Called once per 401 so the app can drop the session and show the login. */
  onUnauthorized?: (error: ApiError) => void;
}

export function createApi(options: ApiOptions): Api {
  async function call<T>(method: string, path: string, init: { body?: BodyInit; contentType?: string } = {}): Promise<T> {
    const headers: Record<string, string> = {};
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.contentType) headers['content-type'] = init.contentType;
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${path}`, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    } catch {
      throw new ApiError(0, undefined, 'The server cannot be reached');
    }
    if (response.status === 204) return null as T;
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const error = new ApiError(response.status, (parsed as { error?: ErrorBody } | null)?.error, `HTTP ${response.status}`);
      if (response.status === 401) options.onUnauthorized?.(error);
      throw error;
    }
    return parsed as T;
  }

  return {
    get: (path, query) => call('GET', query ? `${path}${queryString(query)}` : path),
    send: (method, path, body) => call(method, path, body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' }),
    upload: (path, file, query) => call('POST', `${path}${queryString(query)}`, { body: file, contentType: file.type || 'application/octet-stream' }),
    async blobUrl(path) {
      const token = options.token();
      const response = await fetch(`${options.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(() => {
        throw new ApiError(0, undefined, 'The server cannot be reached');
      });
      if (!response.ok) throw new ApiError(response.status, undefined, `HTTP ${response.status}`);
      return URL.createObjectURL(await response.blob());
    },
  };
}

export function queryString(query: Record<string, string | number | boolean | undefined>): string {
  const entries = Object.entries(query).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString()}` : '';
}
