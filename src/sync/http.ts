// The JSON API as the sync engine sees it. Errors carry the server's stable code and Chinese
// message; transport failures are told apart so the engine can back off and retry.

import { t } from '../shared/i18n/index.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** Worth retrying later: the server or the network had a moment, the request was fine. */
  get isTemporary(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  /** `body` is sent as JSON; a string is taken as JSON text already made (a push builds its own). */
  post<T>(path: string, body: unknown): Promise<T>;
}

export function createApiClient(fetchFn: typeof fetch, baseUrl: string, getToken: () => string | undefined): ApiClient {
  async function request<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    // Outside the try: a token that cannot be read (the device locked) is not a network failure.
    const token = getToken();
    try {
      response = await fetchFn(`${baseUrl}${path}`, { ...init, headers: { ...init.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    } catch {
      throw new ApiError(0, 'network', t('error.offline'));
    }
    const payload = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (!response.ok) {
      throw new ApiError(response.status, payload?.error?.code ?? 'http', payload?.error?.message ?? t('error.status', { status: response.status }));
    }
    return payload as T;
  }
  return {
    get: (path) => request(path, { method: 'GET' }),
    post: (path, body) =>
      request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  };
}
