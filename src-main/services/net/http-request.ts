import http from 'node:http';
import https from 'node:https';

/** A request the net stack sends (a deliberately small subset of fetch's RequestInit). */
export interface NetRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array | null;
  readonly signal?: AbortSignal | null;
  /** Milliseconds of socket inactivity before the request fails. */
  readonly timeoutMs?: number;
}

/** A fully buffered response. */
export interface NetResponse {
  readonly status: number;
  readonly statusText: string;
  /** Lower-case header names; repeated headers joined with `, ` (set-cookie with `\n`). */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** Responses larger than this are refused (a hostile endpoint cannot exhaust memory). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(name === 'set-cookie' ? '\n' : ', ') : value;
  }
  return out;
}

/** Sends one request over the given agent and buffers the response (no redirects followed). */
export function sendOnce(target: URL, agent: http.Agent, init: NetRequest = {}): Promise<NetResponse> {
  const secure = target.protocol === 'https:';
  const send = secure ? https.request : http.request;
  return new Promise<NetResponse>((resolve, reject) => {
    const req = send(target, {
      method: init.method ?? 'GET',
      headers: init.headers,
      agent,
      signal: init.signal ?? undefined,
      timeout: init.timeoutMs,
    });
    req.on('timeout', () => req.destroy(new Error(`request to ${target.host} timed out`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          res.destroy(new Error(`response from ${target.host} exceeds ${MAX_RESPONSE_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: flattenHeaders(res.headers), body: Buffer.concat(chunks) }),
      );
    });
    if (init.body !== undefined && init.body !== null) req.end(init.body);
    else req.end();
  });
}
