// The JSON API as the sync engine sees it. Errors carry the server's stable code and Chinese
// message; transport failures are told apart so the engine can back off and retry.

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
  /** `body` is sent as JSON; a string is taken as JSON text already made (a push builds its own). */
  post<T>(path: string, body: unknown): Promise<T>;
}

export function createApiClient(fetchFn: typeof fetch, baseUrl: string, getToken: () => string | undefined): ApiClient {
  return {
    async post<T>(path: string, body: unknown): Promise<T> {
      let response: Response;
      try {
        const token = getToken();
        response = await fetchFn(`${baseUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
      } catch {
        throw new ApiError(0, 'network', '网络不通');
      }
      const payload = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
      if (!response.ok) {
        throw new ApiError(response.status, payload?.error?.code ?? 'http', payload?.error?.message ?? `服务器返回 ${response.status}`);
      }
      return payload as T;
    },
  };
}
