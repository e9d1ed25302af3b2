import https from 'node:https';
import tls from 'node:tls';

/** What one API server call answered. */
export interface ApiReply {
  readonly status: number;
  readonly body: unknown;
  /** The `WWW-Authenticate` header of a 401 (a CAE claims challenge rides in it). */
  readonly wwwAuthenticate: string | null;
}

/** Where a call goes: the tunnel's local end, with the certificate checked against the private FQDN and the cluster's CA. */
export interface ApiEndpoint {
  readonly port: number;
  readonly serverName: string;
  readonly caPem: string;
}

/** Port: one JSON POST to the API server (the default is Node's https; tests may answer themselves). */
export type ApiPoster = (endpoint: ApiEndpoint, path: string, token: string, body: unknown) => Promise<ApiReply>;

/**
 * POSTs `body` to `https://127.0.0.1:<port><path>` as kubectl would through the tunnel: SNI and the
 * certificate's name check use the private FQDN, the only trusted CA is the cluster's own.
 */
export const postToApiServer: ApiPoster = (endpoint, path, token, body) =>
  new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = https.request(
      {
        host: '127.0.0.1',
        port: endpoint.port,
        path,
        method: 'POST',
        servername: endpoint.serverName,
        ca: endpoint.caPem,
        checkServerIdentity: (_host, cert) => tls.checkServerIdentity(endpoint.serverName, cert),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', 'content-length': payload.length },
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            parsed = null;
          }
          const challenge = res.headers['www-authenticate'];
          resolve({ status: res.statusCode ?? 0, body: parsed, wwwAuthenticate: Array.isArray(challenge) ? challenge.join(', ') : (challenge ?? null) });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('the API server did not answer in time'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(payload);
  });
