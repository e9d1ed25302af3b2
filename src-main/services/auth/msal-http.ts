import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/** A request to the authority that got no usable answer (refused, reset, timed out). */
export class AuthNetworkError extends Error {
  override readonly name = 'AuthNetworkError';
}

/** The slice of the console's net stack (proxy + trust store) that MSAL needs. */
export interface HttpRequester {
  request(
    url: string,
    init: { method: string; headers: Record<string, string>; body: string | null; timeoutMs?: number; signal?: AbortSignal | null },
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;
}

/**
 * MSAL's network port over the console's requester, so every authority call honours the proxy
 * and the extra CA bundle, and every call (POSTs too, which MSAL never times out) has a deadline.
 */
export class MsalHttp implements INetworkModule {
  /** Wraps `http`; no call may take longer than `timeoutMs`. */
  constructor(
    private readonly http: HttpRequester,
    private readonly timeoutMs: number,
  ) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'GET', options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'POST', options);
  }

  private async send<T>(url: string, method: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const deadline = Math.min(timeout ?? this.timeoutMs, this.timeoutMs);
    let response;
    try {
      response = await this.http.request(url, {
        method,
        headers: options?.headers ?? {},
        body: method === 'POST' ? (options?.body ?? '') : null,
        timeoutMs: deadline,
        signal: AbortSignal.timeout(deadline),
      });
    } catch (error) {
      const host = new URL(url).host;
      const reason = error instanceof Error && /abort|timed? ?out/i.test(`${error.name} ${error.message}`) ? `no answer within ${deadline} ms` : (error as Error).message;
      throw new AuthNetworkError(`Network request to ${host} failed: ${reason}`, { cause: error });
    }
    const text = response.body.toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { error: 'invalid_response', error_description: `HTTP ${response.status} with a body that is not JSON` };
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      body = { error: 'invalid_response', error_description: `HTTP ${response.status} with a body that is not a JSON object` };
    }
    return { status: response.status, headers: response.headers, body: body as T };
  }
}
