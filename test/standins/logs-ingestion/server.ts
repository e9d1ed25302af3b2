import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** How the stand-in answers the next uploads. */
export type IngestionMode = { kind: 'accept' } | { kind: 'throttle'; retryAfterSeconds: number } | { kind: 'unavailable' } | { kind: 'unauthorized' };

/** A running Logs Ingestion stand-in. */
export interface LogsIngestionStandin {
  /** The data collection endpoint URL to put in policy. */
  readonly endpoint: string;
  /** Rows accepted so far, per `dcr/stream`. */
  readonly rows: Map<string, Array<Record<string, unknown>>>;
  /** Every upload attempt: status answered and row count. */
  readonly attempts: Array<{ status: number; rows: number }>;
  mode: IngestionMode;
  close(): Promise<void>;
}

/** Options of the stand-in. */
export interface LogsIngestionOptions {
  /** The bearer token the stand-in accepts (the Entra stand-in issues it in e2e). */
  readonly acceptToken: (token: string) => boolean;
  /** Serve HTTPS with this certificate (policy accepts only an https endpoint); plain HTTP without. */
  readonly tls?: { readonly certPem: string; readonly keyPem: string };
}

const MAX_BODY = 1024 * 1024;

function problem(res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ error: { code, message } }));
}

/**
 * A loopback stand-in for the Azure Monitor Logs Ingestion API
 * (`POST {endpoint}/dataCollectionRules/{dcrImmutableId}/streams/{stream}?api-version=2023-01-01`,
 * bearer token, JSON array body up to 1 MB, 204 on success, 429 with Retry-After when throttled).
 */
export async function startLogsIngestionStandin(options: LogsIngestionOptions): Promise<LogsIngestionStandin> {
  const rows = new Map<string, Array<Record<string, unknown>>>();
  const attempts: Array<{ status: number; rows: number }> = [];
  const state: { mode: IngestionMode } = { mode: { kind: 'accept' } };
  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const match = /^\/dataCollectionRules\/([^/]+)\/streams\/([^/]+)$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) return problem(res, 404, 'NotFound', 'unknown route');
    if (url.searchParams.get('api-version') !== '2023-01-01') return problem(res, 400, 'InvalidApiVersion', 'api-version 2023-01-01 required');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const record = (status: number, count: number) => attempts.push({ status, rows: count });
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !options.acceptToken(auth.slice(7)) || state.mode.kind === 'unauthorized') {
        record(401, 0);
        return problem(res, 401, 'InvalidToken', 'missing or invalid bearer token');
      }
      if (size > MAX_BODY) {
        record(413, 0);
        return problem(res, 413, 'ContentLengthLimitExceeded', 'body over 1 MB');
      }
      if (state.mode.kind === 'throttle') {
        record(429, 0);
        return problem(res, 429, 'TooManyRequests', 'throttled', { 'retry-after': String(state.mode.retryAfterSeconds) });
      }
      if (state.mode.kind === 'unavailable') {
        record(503, 0);
        return problem(res, 503, 'ServiceUnavailable', 'try later');
      }
      if (!/^application\/json/.test(req.headers['content-type'] ?? '')) {
        record(415, 0);
        return problem(res, 415, 'UnsupportedMediaType', 'application/json required');
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        record(400, 0);
        return problem(res, 400, 'InvalidJson', 'body is not JSON');
      }
      if (!Array.isArray(body)) {
        record(400, 0);
        return problem(res, 400, 'InvalidPayload', 'body must be a JSON array');
      }
      const key = `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`;
      rows.set(key, [...(rows.get(key) ?? []), ...(body as Array<Record<string, unknown>>)]);
      record(204, body.length);
      res.writeHead(204).end();
    });
  };
  const server = options.tls ? https.createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    rows,
    attempts,
    get mode() {
      return state.mode;
    },
    set mode(mode: IngestionMode) {
      state.mode = mode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
