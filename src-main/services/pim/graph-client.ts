import type { TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest, type HttpClient } from '@azure/core-rest-pipeline';
import { pinnedHttpClient } from '../azure';
import { AppError } from '../errors';

type Json = Record<string, unknown>;

/** The few Microsoft Graph calls PIM for groups makes: JSON in, JSON out, a Graph error thrown with its code and status. */
export interface GraphPort {
  get(path: string): Promise<Json>;
  post(path: string, body?: Json): Promise<Json | undefined>;
}

/** How to reach Microsoft Graph: the console's credential, the configured endpoint and scope, the net stack's client. */
export interface GraphClientOptions {
  readonly credential: TokenCredential;
  /** e.g. `https://graph.microsoft.com` (national clouds by configuration). */
  readonly endpoint: string;
  /** e.g. `https://graph.microsoft.com/.default`. */
  readonly scope: string;
  readonly httpClient?: HttpClient | undefined;
}

/** A Graph error as thrown: its `code` and HTTP `statusCode`, like the SDKs' RestError, so one mapper serves ARM and Graph. */
function graphFailure(status: number, text: string): Error {
  let code = '';
  let message = `Microsoft Graph answered ${status}.`;
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? '';
    message = body.error?.message ?? message;
  } catch {
    // not JSON: keep the status line
  }
  return Object.assign(new Error(message), { code, statusCode: status });
}

/** Graph over the console's transport, pinned to the configured endpoint (a Graph token never goes elsewhere). */
export function createGraphClient(options: GraphClientOptions): GraphPort {
  const http = pinnedHttpClient(options.endpoint, options.httpClient ?? createDefaultHttpClient());
  const call = async (method: 'GET' | 'POST', path: string, body?: Json): Promise<Json | undefined> => {
    const token = await options.credential.getToken(options.scope);
    if (!token) throw new AppError('pim.signed_out', 'Sign in to see and activate your eligible groups.');
    const headers = createHttpHeaders({ authorization: `Bearer ${token.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) });
    const response = await http.sendRequest(createPipelineRequest({ url: `${options.endpoint.replace(/\/$/, '')}${path}`, method, headers, ...(body ? { body: JSON.stringify(body) } : {}) }));
    const text = response.bodyAsText ?? '';
    if (response.status >= 400) throw graphFailure(response.status, text);
    return text ? (JSON.parse(text) as Json) : undefined;
  };
  return { get: async (path) => (await call('GET', path)) ?? {}, post: (path, body) => call('POST', path, body) };
}
