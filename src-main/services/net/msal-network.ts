import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { NetStack } from './net-stack';

/**
 * MSAL's network port over the net stack: pass as `system: { networkClient }` in the MSAL
 * configuration so token, discovery and device-code calls use the proxy and trust store.
 */
export class MsalNetworkModule implements INetworkModule {
  /** Wraps a net stack. */
  constructor(private readonly net: NetStack) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'GET', options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'POST', options);
  }

  private async send<T>(url: string, method: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    const signal = timeout ? AbortSignal.timeout(timeout) : null;
    const response = await this.net.request(url, { method, headers: options?.headers ?? {}, body: options?.body ?? null, signal });
    const text = response.body.toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // MSAL maps non-JSON bodies to its own "invalid response" errors; keep the status for it.
      body = { error: 'invalid_response_body', error_description: `HTTP ${response.status} with a non-JSON body` };
    }
    return { status: response.status, headers: response.headers, body: body as T };
  }
}
