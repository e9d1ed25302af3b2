import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { HttpHeaders, type HttpOperationResponse, type WebResourceLike } from '@azure/ms-rest-js';
import { AppError } from '../errors';
import { createAzureHttpClient, type NetStack } from '../net';

/** Clients built by `pinnedHttpClient`, with the origin each is pinned to. */
const pinnedOrigins = new WeakMap<HttpClient, string>();

/**
 * Wraps the HTTP client so that no request (first call, nextLink, LRO poll) leaves for an origin
 * other than the configured ARM endpoint: a bearer token for ARM is never handed to another host.
 */
export function pinnedHttpClient(endpoint: string, inner: HttpClient = createDefaultHttpClient()): HttpClient {
  const allowed = new URL(endpoint).origin;
  // Already pinned to this origin (the shared client core.ts builds): wrapping it again adds nothing.
  if (pinnedOrigins.get(inner) === allowed) return inner;
  const pinned: HttpClient = {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const origin = new URL(request.url).origin;
      if (origin !== allowed) {
        throw new AppError('azure.foreign_origin', `Azure answered with a link to ${origin}, which is not the configured Resource Manager endpoint; the request was not sent.`, { params: { origin } });
      }
      return inner.sendRequest(request);
    },
  };
  pinnedOrigins.set(pinned, allowed);
  return pinned;
}

/**
 * The one HTTP client for every Resource Manager call: the net stack's proxy and trust store, pinned to
 * `endpoint`; `observe` (the CAE claims-challenge relay) sees each response inside the pin.
 */
export function armHttpClient(net: NetStack, endpoint: string, observe: (inner: HttpClient) => HttpClient = (inner) => inner): HttpClient {
  return pinnedHttpClient(endpoint, observe(createAzureHttpClient(net)));
}

/**
 * Adapts a core-rest-pipeline HttpClient to the older `@azure/ms-rest-js` client interface, so the
 * Resource Graph SDK (4.x is built on ms-rest-js) shares the same proxy, trust store and origin pin.
 */
export function msRestHttpClient(inner: HttpClient): { sendRequest(request: WebResourceLike): Promise<HttpOperationResponse> } {
  return {
    async sendRequest(webResource: WebResourceLike): Promise<HttpOperationResponse> {
      const headers = createHttpHeaders();
      for (const header of webResource.headers.headersArray()) headers.set(header.name, header.value);
      const request = createPipelineRequest({
        url: webResource.url,
        method: webResource.method,
        headers,
        body: typeof webResource.body === 'string' ? webResource.body : webResource.body === undefined ? undefined : JSON.stringify(webResource.body),
        abortSignal: webResource.abortSignal as AbortSignal | undefined,
        timeout: webResource.timeout,
      });
      const response = await inner.sendRequest(request);
      const out = new HttpHeaders();
      for (const [name, value] of response.headers) out.set(name, value);
      return { request: webResource, status: response.status, headers: out, bodyAsText: response.bodyAsText ?? '' };
    },
  };
}
